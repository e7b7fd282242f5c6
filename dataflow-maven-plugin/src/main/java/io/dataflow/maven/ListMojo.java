package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.DeployedListing;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.project.ProjectComponents;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.release.DeployedWorkflowsReport;
import io.dataflow.core.release.WorkflowReleases;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the project's components (Python, SQL and JAR assets, scheduler workflows with the files each ships) or,
 * with {@code -Ddataflow.deployed}, what the registry holds of this project: the deployed builds of its namespaces,
 * newest first, and its deployed workflows (branch-scoped ids included) with their active versions;
 * {@code -Ddataflow.all} lists every namespace and workflow of the registry instead. Runs once per invocation; before it, Maven runs
 * {@code dataflow:list-module} in every module of the reactor, where it injects that module's own configuration
 * ({@code <namespace>}, …), and each reports its module. A module with {@code dataflow.skip} contributes nothing,
 * as in {@code dataflow:deploy}. Outside a project only the deployed listing works.
 *
 * @since 0.1.0
 */
@Mojo(name = "list", aggregator = true, requiresProject = false, threadSafe = true)
@Execute(goal = ListModuleMojo.GOAL)
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
     * With {@code deployed}: every namespace and workflow the registry holds, not only this project's. Implied
     * outside a project.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.ALL, defaultValue = "false")
    private boolean all;

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
     * project's assets use (every namespace with {@code all}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.NAMESPACE, defaultValue = "")
    private String listNamespace;

    /**
     * {@code text}, or {@code json} for one JSON document ({@code dataflow.components/1}, or {@code dataflow.deployed/2}
     * with {@code deployed}) printed alone on standard output: with {@code mvn -q} it is all the output.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    private String format;

    /**
     * A file to write the JSON document to, whatever the format; relative to the working directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT)
    private String output;

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
        ReportOutput report = reportOutput(format, output);
        List<ModuleSources> modules = ReactorCollector.of(session, ListModuleMojo.GOAL).takeAll(
                session.getProjects().stream().map(MavenProject::getId).toList());
        if (deployed) {
            listDeployed(modules, report, log);
        } else if (!insideProject()) {
            throw new InvalidInputException("dataflow:list lists a Maven project's components, but there is no "
                    + "pom.xml here; run it in the project's directory, or add -D" + PropertyNames.DEPLOYED
                    + " to list what the registry holds.");
        } else {
            DataflowProject project = new DataflowProject(modules, log);
            report.print(project.listing(), log);
            project.warnWhenMainlineUnknown(gitOptions());
        }
    }

    private void listDeployed(List<ModuleSources> modules, ReportOutput report, DataflowLog log) {
        boolean typeGiven = type != null && !type.isBlank();
        boolean namespaceGiven = listNamespace != null && !listNamespace.isBlank();
        List<AssetType> types = typeGiven ? List.of(AssetType.fromId(type)) : DEFAULT_TYPES;
        String namespace = namespaceGiven
                ? Namespaces.validate(listNamespace.trim(), "-D" + PropertyNames.NAMESPACE) : null;
        boolean everything = all || !insideProject();
        ProjectComponents components = everything ? null : new DataflowProject(modules, log).listing();
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            AssetRegistry registry = new AssetRegistry(store, log);
            List<DeployedListing.AssetSection> sections = new ArrayList<>();
            for (AssetType assetType : types) {
                List<String> namespaces = namespace != null ? List.of(namespace)
                        : everything ? registry.namespaces(assetType) : components.namespaces(assetType);
                if (typeGiven || !namespaces.isEmpty()) {
                    sections.add(DeployedListing.section(registry, assetType, namespaces));
                }
            }
            DeployedWorkflowsReport workflows = null;
            if (!typeGiven && !namespaceGiven) {
                workflows = new WorkflowReleases(store, log).deployed();
                workflows = everything ? workflows : workflows.declaredAs(components.workflowIds());
            }
            report.print(new DeployedListing(everything, sections, workflows), log);
        }
    }

    private boolean insideProject() {
        return ListModuleMojo.insideProject(session, project);
    }
}
