package io.dataflow.core.registry;

/**
 * The JSON record stored beside an asset build's bytes. It is written last, with create-if-absent, and its
 * existence is what makes the build visible.
 *
 * @param id the asset UUID
 * @param key registry key of the bytes
 * @param fileName the name of the deployed file, e.g. {@code scala-workflow-1.0.jar}
 * @param sha256 hex digest of the bytes
 * @param size size in bytes
 * @param createdAt ISO-8601 instant the build became visible
 * @param commit full commit id
 * @param branch branch name before sanitising
 * @param remoteUrl origin URL without credentials, or {@code null}
 * @param dirty whether the work tree had uncommitted changes
 * @param mavenCoordinates {@code groupId:artifactId:version}, or {@code null}
 * @param toolVersion version of Dataflow for Maven that deployed it
 * @param claim nonce of the build-number claim, tying the record to the deploy that owns the number
 */
record AssetMetadata(
        String id,
        String key,
        String fileName,
        String sha256,
        long size,
        String createdAt,
        String commit,
        String branch,
        String remoteUrl,
        boolean dirty,
        String mavenCoordinates,
        String toolVersion,
        String claim) {}
