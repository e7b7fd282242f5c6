package io.dataflow.core.registry;

/**
 * The outcome of a deploy.
 *
 * @param build the build the deploy resolved to: a new one, or the reused newest build when unchanged
 * @param unchanged the bytes equal the line's newest build, which was reused; nothing was stored
 * @param bytesSent asset bytes this deploy sent to the store (0 when unchanged or copied server-side)
 */
public record AssetDeployment(AssetBuild build, boolean unchanged, long bytesSent) {}
