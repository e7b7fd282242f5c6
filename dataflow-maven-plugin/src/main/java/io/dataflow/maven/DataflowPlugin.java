package io.dataflow.maven;

import java.util.Optional;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Whether and how a project declares this plugin (the declaration and its executions, never its configuration:
 * every goal reads its parameters from Maven's injection).
 */
final class DataflowPlugin {

    static final String GROUP_ID = "io.dataflow";
    static final String ARTIFACT_ID = "dataflow-maven-plugin";
    /** The goal prefix: {@code mvn dataflow:deploy}. */
    static final String PREFIX = "dataflow";

    private DataflowPlugin() {}

    /** The plugin as declared in the project's (effective) build plugins. */
    static Optional<Plugin> declaredIn(MavenProject project) {
        if (project.getBuild() == null) {
            return Optional.empty();
        }
        return project.getBuild().getPlugins().stream()
                .filter(p -> GROUP_ID.equals(p.getGroupId()) && ARTIFACT_ID.equals(p.getArtifactId()))
                .findFirst();
    }

    /** Whether {@code goal} is bound in this project (by hand or by the lifecycle participant). */
    static boolean bindsGoal(MavenProject project, String goal) {
        return declaredIn(project)
                .map(p -> p.getExecutions().stream().anyMatch(e -> e.getGoals().contains(goal)))
                .orElse(false);
    }
}
