package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.params.BranchEnvironment;
import io.dataflow.core.params.ParameterOverrides;
import io.dataflow.core.params.SecretNames;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.release.ReleaseOptions;
import io.dataflow.picture.ElkDagPictures;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** {@code dataflow:test} and {@code dataflow:deploy}: render the reactor's workflows with the branch's parameters. */
abstract class AbstractWorkflowMojo extends AbstractReactorMojo {

    /**
     * Workflow parameter defaults per branch; the first environment whose {@code <branches>} (comma-separated
     * globs) match the current branch applies, e.g.
     * {@code <environment><branches>main,master</branches><params><TARGET_DB>prod_db</TARGET_DB></params></environment>}.
     * {@code -Ddataflow.param.NAME=value} overrides single parameters on top.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<Environment> environments;

    /**
     * Parameter names whose values are logged by name only: comma-separated globs, matched regardless of case.
     * Give real secrets as {@code ${secret:NAME}}, which only {@code dataflow:run} resolves.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SECRET_NAMES, defaultValue = SecretNames.DEFAULT_GLOBS)
    protected String secretNames;

    protected AbstractWorkflowMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** Acts on the reactor as one project; the store is closed afterwards. */
    protected abstract void act(DataflowProject dataflow, ObjectStore store, ProjectOptions options, DataflowLog log);

    protected boolean forceBuild() {
        return false;
    }

    /** Deliberate exceptions to the release rules; only {@code dataflow:deploy} has any. */
    protected ReleaseOptions releaseOptions() {
        return ReleaseOptions.DEFAULTS;
    }

    @Override
    protected final void act(List<ModuleSources> modules, DataflowLog log) {
        if (modules.isEmpty()) {
            return; // every module was skipped
        }
        DataflowProject dataflow = new DataflowProject(modules, log, new ElkDagPictures());
        ProjectOptions options = projectOptions(modules.get(0), log);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            act(dataflow, store, options, log);
        }
    }

    private ProjectOptions projectOptions(ModuleSources firstModule, DataflowLog log) {
        // The branch only picks an environment; the engine reads the whole git state itself.
        boolean hasEnvironments = environments != null && !environments.isEmpty();
        String branch = hasEnvironments ? GitStateReader.read(firstModule.directory(), gitOptions()).branch() : null;
        List<BranchEnvironment> configured = environments == null ? List.of()
                : environments.stream().map(Environment::toBranchEnvironment).toList();
        Map<String, String> overrides = ParameterOverrides.resolve(configured, branch,
                CommandLineParams.of(session.getUserProperties()), secretNames(), log);
        ProjectOptions options = ProjectOptions.defaults().withGit(gitOptions()).withForceBuild(forceBuild())
                .withParamOverrides(overrides).withPython(pythonSettings()).withRelease(releaseOptions());
        return options.withMaestro(maestroOptions(options.deployer()));
    }

    private SecretNames secretNames() {
        return SecretNames.of(secretNames, "<secretNames> (" + PropertyNames.SECRET_NAMES + ")");
    }
}
