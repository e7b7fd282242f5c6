package io.dataflow.maven;

import java.util.Optional;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** How a project declares this plugin: reading its pom configuration outside of a Mojo. */
final class DataflowPlugin {

    static final String GROUP_ID = "io.dataflow";
    static final String ARTIFACT_ID = "dataflow-maven-plugin";

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

    /**
     * The {@code <namespace>} a project configures for its JAR, from the plugin-level configuration or
     * the configuration of an execution of {@code deploy}.
     */
    static Optional<String> configuredNamespace(MavenProject project) {
        return declaredIn(project).flatMap(plugin -> {
            Optional<String> fromPlugin = child(plugin.getConfiguration(), "namespace");
            if (fromPlugin.isPresent()) {
                return fromPlugin;
            }
            return plugin.getExecutions().stream()
                    .filter(e -> e.getGoals().contains("deploy"))
                    .map(e -> child(e.getConfiguration(), "namespace"))
                    .flatMap(Optional::stream)
                    .findFirst();
        });
    }

    private static Optional<String> child(Object configuration, String name) {
        if (!(configuration instanceof Xpp3Dom dom) || dom.getChild(name) == null) {
            return Optional.empty();
        }
        String value = dom.getChild(name).getValue();
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Whether {@code dataflow:deploy} is bound in this project (by hand or by the lifecycle participant). */
    static boolean bindsGoal(MavenProject project, String goal) {
        return declaredIn(project)
                .map(p -> p.getExecutions().stream().anyMatch(e -> e.getGoals().contains(goal)))
                .orElse(false);
    }
}
