package io.dataflow.core.registry;

import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import java.nio.file.Path;

/**
 * One asset to deploy.
 *
 * @param type the asset kind
 * @param namespace the asset line's label, e.g. {@code scala-workflow}
 * @param git the project's git state (owner, repo, branch, commit)
 * @param file the built asset (JAR, wheel, SQL file)
 * @param mavenCoordinates {@code groupId:artifactId:version} of the module, or {@code null}
 * @param forceBuild store a new build even when the bytes equal the line's newest build
 */
public record AssetDeployRequest(
        AssetType type, String namespace, GitState git, Path file, String mavenCoordinates, boolean forceBuild) {}
