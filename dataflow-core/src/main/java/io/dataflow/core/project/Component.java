package io.dataflow.core.project;

import io.dataflow.core.identity.AssetType;
import java.nio.file.Path;

/**
 * One thing a module holds: an asset (Python package, SQL file, JAR) or a workflow file.
 *
 * @param module the owning module's name
 * @param type the asset type, {@code null} for a workflow
 * @param namespace the asset namespace, {@code null} for a workflow
 * @param source the package directory, SQL file, JAR file ({@code null} while not built) or workflow file
 * @param displayPath how output names it, relative to the git work tree: {@code ./pyspark-workflow/hello_world/},
 *     {@code ./scala-workflow/pom.xml}, {@code ./scala-workflow/main.sch.yaml}
 */
public record Component(String module, AssetType type, String namespace, Path source, String displayPath) {

    public boolean isWorkflow() {
        return type == null;
    }
}
