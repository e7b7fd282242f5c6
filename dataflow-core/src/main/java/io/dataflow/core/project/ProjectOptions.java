package io.dataflow.core.project;

import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.maestro.MaestroOptions;
import io.dataflow.core.python.PythonSettings;
import io.dataflow.core.release.ReleaseOptions;
import java.util.Map;

/**
 * What the user configured for a verify or deploy of the whole reactor.
 *
 * @param git branch/mainline overrides and fallbacks for reading the git state
 * @param forceBuild store new asset builds even when their bytes are unchanged
 * @param paramOverrides new defaults for workflow parameters, e.g. {@code TARGET_DB -> prod_db}
 * @param python how Python packages are tested and built
 * @param deployer the user name recorded in workflow manifests and activations; null/blank = {@code user.name}
 * @param release deliberate exceptions to the release rules ({@code allowOutdated}, {@code reactivate})
 * @param maestro Maestro exports (job types) and the server verify validates against and deploy pushes to
 */
public record ProjectOptions(GitOptions git, boolean forceBuild, Map<String, String> paramOverrides,
        PythonSettings python, String deployer, ReleaseOptions release, MaestroOptions maestro) {

    public ProjectOptions {
        git = git == null ? GitOptions.none() : git;
        paramOverrides = paramOverrides == null ? Map.of() : Map.copyOf(paramOverrides);
        python = python == null ? PythonSettings.defaults() : python;
        deployer = deployer == null || deployer.isBlank() ? System.getProperty("user.name", "unknown") : deployer.trim();
        release = release == null ? ReleaseOptions.DEFAULTS : release;
        maestro = maestro == null ? MaestroOptions.none() : maestro;
    }

    public ProjectOptions(GitOptions git, boolean forceBuild, Map<String, String> paramOverrides, PythonSettings python,
            String deployer) {
        this(git, forceBuild, paramOverrides, python, deployer, null, null);
    }

    /** Nothing configured: git state from the repository, default Python settings, no overrides, no Maestro. */
    public static ProjectOptions defaults() {
        return new ProjectOptions(GitOptions.none(), false, Map.of(), PythonSettings.defaults(), null, null, null);
    }

    public ProjectOptions withGit(GitOptions value) {
        return new ProjectOptions(value, forceBuild, paramOverrides, python, deployer, release, maestro);
    }

    public ProjectOptions withForceBuild(boolean value) {
        return new ProjectOptions(git, value, paramOverrides, python, deployer, release, maestro);
    }

    public ProjectOptions withParamOverrides(Map<String, String> value) {
        return new ProjectOptions(git, forceBuild, value, python, deployer, release, maestro);
    }

    public ProjectOptions withPython(PythonSettings value) {
        return new ProjectOptions(git, forceBuild, paramOverrides, value, deployer, release, maestro);
    }

    public ProjectOptions withRelease(ReleaseOptions value) {
        return new ProjectOptions(git, forceBuild, paramOverrides, python, deployer, value, maestro);
    }

    public ProjectOptions withMaestro(MaestroOptions value) {
        return new ProjectOptions(git, forceBuild, paramOverrides, python, deployer, release, value);
    }
}
