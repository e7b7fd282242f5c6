package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the project's components (JAR assets, scheduler workflows) or, with {@code -Ddataflow.deployed},
 * the builds deployed to the registry, newest first. Runs once for the whole reactor.
 *
 * @since 0.1.0
 */
@Mojo(name = "list", aggregator = true, threadSafe = true)
public class ListMojo extends AbstractDataflowMojo {

    /**
     * Lists deployed builds from the registry instead of the project's components.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DEPLOYED, defaultValue = "false")
    private boolean deployed;

    /**
     * Asset type of the deployed builds to list: {@code jar}, {@code whl}, {@code sql} or {@code file}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TYPE, defaultValue = "jar")
    private String type;

    /**
     * Namespace whose deployed builds are listed. Empty means every namespace the reactor's modules configure.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.NAMESPACE, defaultValue = "")
    private String listNamespace;

    @Inject
    public ListMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:list";
    }

    @Override
    protected void run(DataflowLog log) {
        if (deployed) {
            listDeployed(log);
        } else {
            listComponents(log);
        }
    }

    private void listComponents(DataflowLog log) {
        List<MavenProject> reactor = session.getProjects();
        Path root = GitStateReader.read(project.getBasedir().toPath(), gitOptions()).workTree();
        List<String> jars = ProjectComponents.jarAssets(reactor).stream()
                .map(p -> display(root, p.getFile().toPath()))
                .toList();
        printSection(log, "JAR Assets:", jars);
        List<String> workflows = new ArrayList<>();
        for (MavenProject module : reactor) {
            ProjectComponents.workflows(module, reactor).forEach(f -> workflows.add(display(root, f)));
        }
        printSection(log, "Scheduler Workflows:", workflows);
    }

    private void listDeployed(DataflowLog log) {
        AssetType assetType = AssetType.fromId(type);
        List<String> namespaces = listNamespace == null || listNamespace.isBlank()
                ? ProjectComponents.jarAssets(session.getProjects()).stream()
                        .map(p -> DataflowPlugin.configuredNamespace(p).orElseThrow())
                        .distinct()
                        .toList()
                : List.of(Namespaces.validate(listNamespace.trim(), "-D" + PropertyNames.NAMESPACE));
        String label = assetType.id().toUpperCase(Locale.ROOT) + "S";
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            AssetRegistry registry = new AssetRegistry(store, log);
            log.info("Project namespaces with deployed " + label + ": " + String.join(", ", namespaces));
            int found = 0;
            for (String namespace : namespaces) {
                for (AssetBuild build : registry.list(assetType, namespace)) {
                    log.info("-> " + build.id().format());
                    found++;
                }
            }
            log.info("Summary: " + found + " found.");
        }
    }

    private static void printSection(DataflowLog log, String title, List<String> items) {
        log.info(title);
        items.forEach(item -> log.info("-> " + item));
        log.info("Summary: " + items.size() + " found.");
    }

    /** {@code ./relative/path}, relative to the git work tree, with forward slashes. */
    private static String display(Path workTree, Path file) {
        return "./" + workTree.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
