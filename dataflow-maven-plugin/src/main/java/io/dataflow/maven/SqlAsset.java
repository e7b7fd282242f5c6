package io.dataflow.maven;

import io.dataflow.core.sql.SqlAssetDeclaration;

/**
 * One {@code <sqlAsset>} of the plugin's {@code <sqlAssets>}: a SQL file of the module that deploys as an asset.
 * Maven fills the fields from the pom.
 */
public class SqlAsset {

    /** The file relative to the module directory, e.g. {@code sql/daily_orders.sql}. */
    private String path;

    /** Its namespace; empty means the file's base name ({@code daily_orders}). */
    private String namespace;

    public SqlAsset() {}

    SqlAsset(String path, String namespace) {
        this.path = path;
        this.namespace = namespace;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    SqlAssetDeclaration declaration() {
        return new SqlAssetDeclaration(path, namespace);
    }
}
