package io.dataflow.maven;

import io.dataflow.core.sql.SqlAssetDeclaration;
import java.util.List;
import java.util.Map;

/**
 * What one module configures about its assets, whether read from a Mojo's parameters or, for the goals that run
 * once per reactor, from the module's pom.
 *
 * @param namespace the JAR's {@code <namespace>}, null or blank when the module is no JAR asset
 * @param pythonNamespaces Python package directory (relative to the module) to namespace
 * @param sqlAssets the declared SQL assets
 */
record ModuleSettings(String namespace, Map<String, String> pythonNamespaces, List<SqlAssetDeclaration> sqlAssets) {

    ModuleSettings {
        pythonNamespaces = pythonNamespaces == null ? Map.of() : Map.copyOf(pythonNamespaces);
        sqlAssets = sqlAssets == null ? List.of() : List.copyOf(sqlAssets);
    }

    static ModuleSettings none() {
        return new ModuleSettings(null, Map.of(), List.of());
    }
}
