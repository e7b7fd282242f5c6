package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.python.PythonPackageDiscovery;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the wheels of this module's Python packages into {@code target/dataflow/python/<namespace>/}, where
 * {@code dataflow:deploy} picks them up while they are up to date. A module without Python packages does nothing.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractModuleMojo {

    @Inject
    public BuildMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:build";
    }

    @Override
    protected void run(DataflowLog log) {
        // Only the Python packages matter here: the JAR and its <namespace> are checked by dataflow:test.
        ModuleSettings settings = moduleSettings();
        ModuleSources module = ModuleMapping.toSources(project,
                new ModuleSettings(null, settings.pythonNamespaces(), settings.sqlAssets()));
        if (PythonPackageDiscovery.discover(module.directory(), module.subModuleDirectories(),
                module.pythonNamespaces()).isEmpty()) {
            log.debug("No Python packages in " + module.directory() + ": no wheel to build.");
            return;
        }
        new DataflowProject(List.of(module), log).buildPython(pythonSettings());
    }
}
