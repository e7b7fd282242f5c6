package io.dataflow.core.workflow;

import io.dataflow.core.identity.AssetId;
import io.dataflow.core.registry.AssetBuild;

/** The build a {@code ${dataflow...}} reference chose: deployed already, or about to be (verify mode). */
public sealed interface ResolvedAsset {

    AssetId id();

    /** Registry key of the build's bytes. */
    String key();

    /** The concrete location written into the rendered workflow. */
    String location();

    String sha256();

    long size();

    /** A visible build in the registry. */
    record Deployed(AssetBuild build) implements ResolvedAsset {
        @Override
        public AssetId id() {
            return build.id();
        }

        @Override
        public String key() {
            return build.key();
        }

        @Override
        public String location() {
            return build.location();
        }

        @Override
        public String sha256() {
            return build.sha256();
        }

        @Override
        public long size() {
            return build.size();
        }
    }

    /** A reactor artifact that is not deployed yet, with the identity and location it will get. */
    record Pending(PendingAsset asset, AssetId id, String key, String location, String sha256, long size)
            implements ResolvedAsset {}
}
