package io.dataflow.maven;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.sql.SqlAssetDeclaration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one module configures about its assets, as Maven injected it into that module's own goal execution
 * ({@link AbstractModuleMojo#moduleSettings()}); the one place that normalizes it.
 *
 * @param namespace the JAR's {@code <namespace>}, null or blank when the module is no JAR asset
 * @param pythonNamespaces Python package directory (relative to the module) to namespace
 * @param sqlAssets the declared SQL assets
 */
record ModuleSettings(String namespace, Map<String, String> pythonNamespaces, List<SqlAssetDeclaration> sqlAssets) {

    ModuleSettings {
        Map<String, String> namespaces = new LinkedHashMap<>();
        if (pythonNamespaces != null) {
            // An empty element (<hello_world/>) configures nothing: the directory name stays the namespace.
            pythonNamespaces.forEach((path, configured) -> {
                if (configured != null && !configured.isBlank()) {
                    namespaces.put(path, configured.trim());
                }
            });
        }
        pythonNamespaces = Collections.unmodifiableMap(namespaces);
        sqlAssets = sqlAssets == null ? List.of() : List.copyOf(sqlAssets);
    }

    /** The {@code <path>} of a {@code <pythonPackage>}, which must be given. */
    static String requirePath(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("A <pythonPackage> of the dataflow-maven-plugin configuration has no "
                    + "<path>; give the package directory relative to the module, e.g. <path>jobs/etl</path>.");
        }
        return path.trim();
    }
}
