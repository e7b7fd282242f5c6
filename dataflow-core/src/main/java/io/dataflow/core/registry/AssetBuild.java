package io.dataflow.core.registry;

import io.dataflow.core.identity.AssetId;
import java.time.Instant;

/**
 * One visible (completely stored) asset build.
 *
 * @param id the build's identity
 * @param key the registry key of its bytes
 * @param location the concrete location users and schedulers read, e.g. {@code s3://dataflow/jars/...}
 * @param sha256 hex digest of the bytes
 * @param size size in bytes
 * @param createdAt when the build became visible
 * @param fullCommit the full commit id
 * @param originalBranch the branch name before sanitising
 */
public record AssetBuild(
        AssetId id,
        String key,
        String location,
        String sha256,
        long size,
        Instant createdAt,
        String fullCommit,
        String originalBranch) {}
