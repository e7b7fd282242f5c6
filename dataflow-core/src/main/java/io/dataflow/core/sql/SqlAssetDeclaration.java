package io.dataflow.core.sql;

/**
 * A SQL asset as configured in a module.
 *
 * @param path the file, relative to the module directory, e.g. {@code sql/daily_orders.sql}
 * @param namespace the namespace, or null/blank for the file's base name
 */
public record SqlAssetDeclaration(String path, String namespace) {}
