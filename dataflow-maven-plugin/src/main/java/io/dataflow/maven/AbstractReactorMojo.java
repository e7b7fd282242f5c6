package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.picture.ElkDagPictures;
import io.dataflow.core.release.ReleaseOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Goals that act on the whole reactor as one {@link DataflowProject}: every module reports its sources, and the
 * last module to run the goal acts for all of them, so that a failing module stops the build before anything
 * happens and workflows may reference JARs built by other modules. The acting module's configuration (registry,
 * environments) applies: configure it once, in the parent pom.
 */
abstract class AbstractReactorMojo extends AbstractModuleMojo {

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

    protected AbstractReactorMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected final void run(DataflowLog log) {
        ModuleSources module = thisModule();
        collected(module, log);
        report(Optional.of(module), log);
    }

    /** A skipped module contributes nothing, but the others still act once it has reported. */
    @Override
    protected final void whenSkipped(DataflowLog log) {
        report(Optional.empty(), log);
    }

    /** Called in every module that contributes, before the last one acts; for progress messages. */
    protected void collected(ModuleSources module, DataflowLog log) {}

    /** Acts for the whole reactor, in the last module; the store is closed afterwards. */
    protected abstract void act(DataflowProject dataflow, ObjectStore store, ProjectOptions options, DataflowLog log);

    protected boolean forceBuild() {
        return false;
    }

    /** Deliberate exceptions to the release rules; only {@code dataflow:deploy} has any. */
    protected ReleaseOptions releaseOptions() {
        return ReleaseOptions.DEFAULTS;
    }

    private void report(Optional<ModuleSources> module, DataflowLog log) {
        List<MavenProject> expected = modulesRunningThisGoal();
        Set<String> expectedIds = expected.stream().map(MavenProject::getId).collect(Collectors.toSet());
        List<String> reactorOrder = session.getProjects().stream().map(MavenProject::getId).toList();
        Optional<List<ModuleSources>> complete = ReactorCollector.of(session, goalName())
                .reportAndTakeWhenComplete(project.getId(), module, expectedIds, reactorOrder);
        if (complete.isEmpty() || complete.get().isEmpty()) {
            return; // other modules are still to come, or every module was skipped
        }
        DataflowProject dataflow = new DataflowProject(complete.get(), log, new ElkDagPictures());
        ProjectOptions options = projectOptions(complete.get().get(0), log);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            act(dataflow, store, options, log);
        }
    }

    private ProjectOptions projectOptions(ModuleSources firstModule, DataflowLog log) {
        // The branch only picks an environment; the engine reads the whole git state itself.
        boolean hasEnvironments = environments != null && !environments.isEmpty();
        String branch = hasEnvironments ? GitStateReader.read(firstModule.directory(), gitOptions()).branch() : null;
        Map<String, String> overrides = ParamOverrides.resolve(environments, branch, session.getUserProperties(), log);
        ProjectOptions options = ProjectOptions.defaults().withGit(gitOptions()).withForceBuild(forceBuild())
                .withParamOverrides(overrides).withPython(pythonSettings()).withRelease(releaseOptions());
        return options.withMaestro(maestroOptions(options.deployer()));
    }

    /** {@code test} or {@code deploy}: the goal as bound in executions. */
    private String goalName() {
        return goal().substring(goal().indexOf(':') + 1);
    }

    /**
     * Modules that will run this goal: those binding it (by hand or through the plugin's extension), or every
     * module when none does, as when the goal is typed on the command line.
     */
    private List<MavenProject> modulesRunningThisGoal() {
        List<MavenProject> projects = session.getProjects();
        String goal = goalName();
        List<MavenProject> binding = projects.stream().filter(p -> DataflowPlugin.bindsGoal(p, goal)).toList();
        boolean invokedDirectly = session.getGoals().stream()
                .anyMatch(g -> g.endsWith(":" + goal) && g.contains("dataflow"));
        return binding.isEmpty() || invokedDirectly || !binding.contains(project) ? projects : binding;
    }
}
