package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Reports this module, as Maven injected its configuration ({@code <namespace>}, {@code <pythonNamespaces>},
 * {@code <pythonPackages>}, {@code <sqlAssets>}, {@code <skip>}), to {@code dataflow:list}, which has Maven run this
 * goal in every module of the reactor before it lists them. Prints nothing; not meant to be called by itself.
 *
 * @since 0.1.0
 */
@Mojo(name = ListModuleMojo.GOAL, requiresProject = false, threadSafe = true)
public class ListModuleMojo extends AbstractModuleMojo {

    static final String GOAL = "list-module";

    @Inject
    public ListModuleMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:" + GOAL;
    }

    @Override
    protected void run(DataflowLog log) {
        // Outside a project there are no components; dataflow:list can still list what the registry holds.
        report(insideProject(session, project) ? Optional.of(thisModule()) : Optional.empty());
    }

    @Override
    protected void whenSkipped(DataflowLog log) {
        report(Optional.empty());
    }

    private void report(Optional<io.dataflow.core.project.ModuleSources> module) {
        ReactorCollector.of(session, GOAL).report(project.getId(), module);
    }

    static boolean insideProject(MavenSession session, MavenProject project) {
        return session.getRequest().isProjectPresent() && project != null && project.getFile() != null;
    }
}
