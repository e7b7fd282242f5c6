package io.dataflow.maven;

import java.util.List;
import java.util.Set;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Makes the one-block set-up work: when the plugin is declared with {@code <extensions>true</extensions>},
 * binds {@code dataflow:build} to {@code package}, {@code dataflow:test} to {@code verify} and
 * {@code dataflow:deploy} to {@code deploy} in every
 * module that declares it, and keeps maven-deploy-plugin from failing projects that have no
 * {@code distributionManagement}. Executions declared by hand are left alone. When every goal on the command line
 * is one that runs once for the whole project ({@code mvn dataflow:history …}), the reactor is cut down to the
 * project Maven was started in, so the reactor summary does not list every other module as SKIPPED.
 */
public class DataflowLifecycleParticipant extends AbstractMavenLifecycleParticipant {

    static final String DEPLOY_SKIP_PROPERTY = "maven.deploy.skip";

    private record Binding(String goal, String phase) {}

    private static final List<Binding> BINDINGS = List.of(new Binding("build", "package"), new Binding("test", "verify"),
            new Binding("deploy", "deploy"));

    /**
     * Goals that run once, in the project Maven was started in, and read no other module (aggregators; not
     * {@code list}, which collects every module's components).
     */
    static final Set<String> RUN_ONCE_GOALS = Set.of("history", "rollback", "run", "runs", "check-registry", "export",
            "gc", "pin", "mock");

    @Override
    public void afterProjectsRead(MavenSession session) {
        configure(session.getProjects());
        MavenProject started = session.getTopLevelProject();
        if (started != null && session.getProjects().size() > 1 && onlyRunOnceGoals(session.getGoals())) {
            session.setProjects(List.of(started));
        }
    }

    /**
     * Whether every task is a run-once goal of this plugin: {@code dataflow:history},
     * {@code io.dataflow:dataflow-maven-plugin[:version]:history}. Phases and other plugins' goals need the reactor.
     */
    static boolean onlyRunOnceGoals(List<String> tasks) {
        return !tasks.isEmpty() && tasks.stream().allMatch(task -> {
            String[] parts = task.split(":");
            boolean ours = parts.length == 2 ? parts[0].equals(DataflowPlugin.PREFIX)
                    : parts.length >= 3 && parts[0].equals(DataflowPlugin.GROUP_ID)
                            && parts[1].equals(DataflowPlugin.ARTIFACT_ID) && parts.length <= 4;
            return ours && RUN_ONCE_GOALS.contains(parts[parts.length - 1]);
        });
    }

    static void configure(List<MavenProject> projects) {
        for (MavenProject project : projects) {
            DataflowPlugin.declaredIn(project).filter(Plugin::isExtensions).ifPresent(plugin -> {
                bindGoals(plugin);
                if (!hasDeployRepository(project) && !project.getProperties().containsKey(DEPLOY_SKIP_PROPERTY)) {
                    // Nothing to upload Maven artifacts to: the registry is where this project deploys.
                    project.getProperties().setProperty(DEPLOY_SKIP_PROPERTY, "true");
                }
            });
        }
    }

    private static void bindGoals(Plugin plugin) {
        for (Binding binding : BINDINGS) {
            boolean bound = plugin.getExecutions().stream().anyMatch(e -> e.getGoals().contains(binding.goal()));
            if (!bound) {
                PluginExecution execution = new PluginExecution();
                execution.setId("dataflow-" + binding.goal());
                execution.setPhase(binding.phase());
                execution.addGoal(binding.goal());
                // Maven copies plugin-level configuration into executions while building the model, which
                // is over by now: do it here, or <namespace> and <registry> would not reach the goals.
                if (plugin.getConfiguration() instanceof Xpp3Dom configuration) {
                    execution.setConfiguration(new Xpp3Dom(configuration));
                }
                plugin.addExecution(execution);
            }
        }
        plugin.flushExecutionMap();
    }

    private static boolean hasDeployRepository(MavenProject project) {
        var distribution = project.getDistributionManagement();
        return distribution != null && (distribution.getRepository() != null || distribution.getSnapshotRepository() != null);
    }
}
