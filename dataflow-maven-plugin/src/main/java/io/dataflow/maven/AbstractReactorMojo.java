package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.project.ModuleSources;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Goals that act once for the whole reactor yet read every module's configuration the Maven way: the goal runs in
 * every module, where Maven injects that module's own parameters; each execution reports its module to the session's
 * {@link ReactorCollector}, and the last module to run the goal acts for all of them. So a failing module stops the
 * build before anything happens, workflows may reference JARs built by other modules, and nothing reads the pom
 * XML a second time. Settings that are not about a module (registry, environments) come from the acting module:
 * configure them once, in the parent pom.
 */
abstract class AbstractReactorMojo extends AbstractModuleMojo {

    protected AbstractReactorMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected final void run(DataflowLog log) {
        ModuleSources module = thisModule();
        if (!report(Optional.of(module), log)) {
            deferred(module, log);
        }
    }

    /** A skipped module contributes nothing, but the others still act once it has reported. */
    @Override
    protected final void whenSkipped(DataflowLog log) {
        report(Optional.empty(), log);
    }

    /**
     * Called in a module that contributed but does not act (a later module acts for the whole reactor); for progress
     * messages that are true where they are printed.
     */
    protected void deferred(ModuleSources module, DataflowLog log) {}

    /**
     * Acts for the whole reactor, once, in the last module to run the goal.
     *
     * @param modules what the modules contributed, in reactor order; empty when every module was skipped
     */
    protected abstract void act(List<ModuleSources> modules, DataflowLog log);

    /** @return whether this module acted for the reactor (it was the last to report) */
    private boolean report(Optional<ModuleSources> module, DataflowLog log) {
        List<MavenProject> expected = modulesRunningThisGoal();
        Set<String> expectedIds = expected.stream().map(MavenProject::getId).collect(Collectors.toSet());
        List<String> reactorOrder = session.getProjects().stream().map(MavenProject::getId).toList();
        Optional<List<ModuleSources>> complete = ReactorCollector.of(session, goalName())
                .reportAndTakeWhenComplete(project.getId(), module, expectedIds, reactorOrder);
        complete.ifPresent(modules -> act(modules, log));
        return complete.isPresent();
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
