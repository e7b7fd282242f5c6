package io.dataflow.maven;

import io.dataflow.core.sql.SqlAssetDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * How a project declares this plugin: reading its pom configuration outside of a Mojo, for the goals that run
 * once for the whole reactor and so only receive the parameters of the project they run in.
 */
final class DataflowPlugin {

    static final String GROUP_ID = "io.dataflow";
    static final String ARTIFACT_ID = "dataflow-maven-plugin";

    /** The goals whose executions may carry a module's asset configuration. */
    private static final List<String> MODULE_GOALS = List.of("deploy", "test", "build");

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
     * The asset configuration of a project ({@code <namespace>}, {@code <pythonNamespaces>},
     * {@code <pythonPackages>}, {@code <sqlAssets>}):
     * each element from the plugin-level configuration, else from the first execution of a module goal that sets it.
     */
    static ModuleSettings configuredSettings(MavenProject project) {
        List<Xpp3Dom> configurations = declaredIn(project).map(DataflowPlugin::configurations).orElse(List.of());
        String namespace = element(configurations, "namespace").map(Xpp3Dom::getValue)
                .filter(value -> value != null && !value.isBlank()).map(String::trim).orElse(null);
        Map<String, String> pythonNamespaces = new LinkedHashMap<>();
        element(configurations, "pythonNamespaces").ifPresent(map -> {
            for (Xpp3Dom entry : map.getChildren()) {
                pythonNamespaces.put(entry.getName(), entry.getValue());
            }
        });
        element(configurations, "pythonPackages").ifPresent(list -> {
            for (Xpp3Dom entry : list.getChildren()) {
                pythonNamespaces.put(ModuleSettings.requirePath(value(entry, "path")), value(entry, "namespace"));
            }
        });
        List<SqlAssetDeclaration> sqlAssets = new ArrayList<>();
        element(configurations, "sqlAssets").ifPresent(list -> {
            for (Xpp3Dom asset : list.getChildren()) {
                sqlAssets.add(new SqlAssetDeclaration(value(asset, "path"), value(asset, "namespace")));
            }
        });
        return new ModuleSettings(namespace, pythonNamespaces, sqlAssets);
    }

    /** The plugin-level configuration first, then those of executions of the module goals. */
    private static List<Xpp3Dom> configurations(Plugin plugin) {
        Stream<Object> executions = plugin.getExecutions().stream()
                .filter(execution -> execution.getGoals().stream().anyMatch(MODULE_GOALS::contains))
                .map(execution -> execution.getConfiguration());
        return Stream.concat(Stream.of(plugin.getConfiguration()), executions)
                .filter(Xpp3Dom.class::isInstance).map(Xpp3Dom.class::cast).toList();
    }

    private static Optional<Xpp3Dom> element(List<Xpp3Dom> configurations, String name) {
        return configurations.stream().map(configuration -> configuration.getChild(name))
                .filter(child -> child != null).findFirst();
    }

    private static String value(Xpp3Dom parent, String name) {
        Xpp3Dom child = parent.getChild(name);
        return child == null || child.getValue() == null ? null : child.getValue().trim();
    }

    /** Whether {@code goal} is bound in this project (by hand or by the lifecycle participant). */
    static boolean bindsGoal(MavenProject project, String goal) {
        return declaredIn(project)
                .map(p -> p.getExecutions().stream().anyMatch(e -> e.getGoals().contains(goal)))
                .orElse(false);
    }
}
