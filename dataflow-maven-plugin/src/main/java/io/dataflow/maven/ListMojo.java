package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.project.Component;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.ProjectComponents;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.release.WorkflowReleases;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the project's components (Python, SQL and JAR assets, scheduler workflows) or, with
 * {@code -Ddataflow.deployed}, what the registry holds: the deployed builds of the project's namespaces, newest
 * first, and every deployed workflow with its active version. Runs once per invocation; outside a project only the
 * deployed listing works.
 *
 * @since 0.1.0
 */
@Mojo(name = "list", aggregator = true, requiresProject = false, threadSafe = true)
public class ListMojo extends AbstractDataflowMojo {

    /** Asset types listed by default, in deploy order; {@code file} only on request. */
    private static final List<AssetType> DEFAULT_TYPES = List.of(AssetType.WHL, AssetType.SQL, AssetType.JAR);

    /**
     * Lists what the registry holds instead of the project's components.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DEPLOYED, defaultValue = "false")
    private boolean deployed;

    /**
     * With {@code deployed}: only builds of this asset type ({@code jar}, {@code whl}, {@code sql} or
     * {@code file}), and no workflows. Empty means the Python, SQL and JAR builds and the workflows.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TYPE, defaultValue = "")
    private String type;

    /**
     * With {@code deployed}: only builds of this namespace, and no workflows. Empty means every namespace the
     * project's assets use.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.NAMESPACE, defaultValue = "")
    private String listNamespace;

    /**
     * {@code text}, or {@code json} for one JSON document, printed as a single log message.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    private String format;

    private record ComponentsJson(String schema, List<Entry> pythonAssets, List<Entry> sqlAssets,
            List<Entry> jarAssets, List<Entry> workflows) {}

    private record Entry(String module, String type, String namespace, String path) {}

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
        OutputFormat output = OutputFormat.parse(format);
        if (deployed) {
            listDeployed(output, log);
        } else {
            listComponents(output, log);
        }
    }

    private void listComponents(OutputFormat output, DataflowLog log) {
        if (!insideProject()) {
            throw new InvalidInputException("dataflow:list lists a Maven project's components, but there is no "
                    + "pom.xml here; run it in the project's directory, or add -D" + PropertyNames.DEPLOYED
                    + " to list what the registry holds.");
        }
        DataflowProject project = reactorProject(log);
        ProjectComponents components = project.components();
        project.warnWhenMainlineUnknown(gitOptions());
        output.print(log, components::lines, () -> Json.pretty(new ComponentsJson("dataflow.components/1",
                entries(components.pythonAssets()), entries(components.sqlAssets()), entries(components.jarAssets()),
                entries(components.workflows()))));
    }

    private void listDeployed(OutputFormat output, DataflowLog log) {
        boolean typeGiven = type != null && !type.isBlank();
        boolean namespaceGiven = listNamespace != null && !listNamespace.isBlank();
        List<AssetType> types = typeGiven ? List.of(AssetType.fromId(type)) : DEFAULT_TYPES;
        String namespace = namespaceGiven
                ? Namespaces.validate(listNamespace.trim(), "-D" + PropertyNames.NAMESPACE) : null;
        ProjectComponents components = namespaceGiven || !insideProject() ? null : reactorProject(log).components();
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            AssetRegistry registry = new AssetRegistry(store, log);
            List<DeployedListing.AssetSection> sections = new ArrayList<>();
            for (AssetType assetType : types) {
                List<String> namespaces = namespace != null ? List.of(namespace)
                        : components == null ? List.of() : components.namespaces(assetType);
                if (typeGiven || !namespaces.isEmpty()) {
                    sections.add(DeployedListing.section(registry, assetType, namespaces));
                }
            }
            boolean withWorkflows = !typeGiven && !namespaceGiven;
            DeployedListing listing = new DeployedListing(sections,
                    withWorkflows ? new WorkflowReleases(store, log).deployed() : null);
            output.print(log, listing::toText, listing::toJson);
        }
    }

    private boolean insideProject() {
        return session.getRequest().isProjectPresent() && project != null && project.getFile() != null;
    }

    /** Every module of the reactor, configured as its pom says. */
    private DataflowProject reactorProject(DataflowLog log) {
        return new DataflowProject(session.getProjects().stream()
                .map(module -> ModuleMapping.toSources(module, DataflowPlugin.configuredSettings(module)))
                .toList(), log);
    }

    private static List<Entry> entries(List<Component> components) {
        return components.stream().map(c -> new Entry(c.module(), c.type() == null ? null : c.type().id(),
                c.namespace(), c.displayPath())).toList();
    }
}
