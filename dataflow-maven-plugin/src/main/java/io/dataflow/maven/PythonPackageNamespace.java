package io.dataflow.maven;

/**
 * One {@code <pythonPackage>} of the plugin's {@code <pythonPackages>}: the namespace of a Python package named by
 * its path, for paths that cannot be XML element names of {@code <pythonNamespaces>} ({@code jobs/etl}, {@code .}).
 * Maven fills the fields from the pom.
 */
public class PythonPackageNamespace {

    /** The package directory relative to the module, e.g. {@code jobs/etl}, or {@code .} for the module itself. */
    private String path;

    /** The namespace of its wheel. */
    private String namespace;

    public PythonPackageNamespace() {}

    PythonPackageNamespace(String path, String namespace) {
        this.path = path;
        this.namespace = namespace;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    String path() {
        return path;
    }

    String namespace() {
        return namespace;
    }
}
