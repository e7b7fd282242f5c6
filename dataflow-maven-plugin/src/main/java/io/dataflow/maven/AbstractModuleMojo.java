package io.dataflow.maven;

import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.python.PythonSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Goals that run in every module: each maps its own module's asset configuration. */
abstract class AbstractModuleMojo extends AbstractDataflowMojo {

    /**
     * The namespace of this module's JAR, e.g. {@code scala-workflow}; configuring it is what makes a JAR
     * module an asset. Must match {@code [a-z0-9][a-z0-9_-]*} and be unique in the registry. Set in the
     * pom only: a command-line value would give every module of a reactor the same namespace.
     *
     * @since 0.1.0
     */
    @Parameter
    protected String namespace;

    /**
     * Namespaces of this module's Python packages, by package directory relative to the module, e.g.
     * {@code <pythonNamespaces><hello_world>pyspark-hello</hello_world></pythonNamespaces>}. A package not listed
     * is named after its directory.
     *
     * @since 0.1.0
     */
    @Parameter
    protected Map<String, String> pythonNamespaces;

    /**
     * Namespaces of Python packages whose path is no valid XML element name ({@code jobs/etl}, {@code .} for the
     * module itself):
     * {@code <pythonPackages><pythonPackage><path>jobs/etl</path><namespace>etl</namespace></pythonPackage></pythonPackages>}.
     * Merged with {@code pythonNamespaces}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<PythonPackageNamespace> pythonPackages;

    /**
     * The SQL files of this module that deploy as assets:
     * {@code <sqlAssets><sqlAsset><path>sql/daily_orders.sql</path><namespace>daily-orders</namespace></sqlAsset></sqlAssets>};
     * {@code <namespace>} defaults to the file's base name.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<SqlAsset> sqlAssets;

    /**
     * The Python interpreter that tests and builds Python packages. Empty means the first of {@code python3},
     * {@code /usr/bin/python3}, {@code python} that can do the job.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PYTHON, defaultValue = "")
    protected String python;

    /**
     * Local directories (or {@code file:} URLs) holding the wheels of the Python build backend (setuptools,
     * wheel), for interpreters that lack them: a list in the pom, comma-separated on the command line. Empty
     * (the default) builds with the interpreter's own setuptools and wheel.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PYTHON_FIND_LINKS)
    protected List<String> pythonFindLinks;

    /**
     * Maven's switch for tests: also skips the pytest runs of Python packages (wheels are still built and
     * workflows still validated).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP_TESTS, defaultValue = "false")
    protected boolean skipTests;

    protected AbstractModuleMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** This module as the engine sees it; validates the namespace before anything touches the registry. */
    protected ModuleSources thisModule() {
        return ModuleMapping.toSources(project, moduleSettings());
    }

    protected ModuleSettings moduleSettings() {
        Map<String, String> namespaces = new LinkedHashMap<>(pythonNamespaces == null ? Map.of() : pythonNamespaces);
        if (pythonPackages != null) {
            pythonPackages.forEach(entry -> namespaces.put(ModuleSettings.requirePath(entry.path()), entry.namespace()));
        }
        return new ModuleSettings(namespace, namespaces,
                sqlAssets == null ? List.of() : sqlAssets.stream().map(SqlAsset::declaration).toList());
    }

    protected PythonSettings pythonSettings() {
        List<String> findLinks = pythonFindLinks == null ? List.of()
                : pythonFindLinks.stream().filter(link -> link != null && !link.isBlank()).map(String::trim).toList();
        return PythonSettings.defaults().withInterpreter(python).withSkipTests(skipTests).withFindLinks(findLinks);
    }
}
