package io.dataflow.core.bundle;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.registry.FileDigest;
import io.dataflow.core.registry.ObjectStore;
import java.util.List;

/**
 * Stores the bundle of one claimed workflow version. Every key it writes lies under the version's own folder
 * (allocated beforehand, so nobody else writes there) except the content-addressed {@code $S3{}} files, which
 * are immutable and shared. The manifest goes last: until it exists the version is invisible, so a failure
 * part-way leaves only unreferenced objects.
 */
public final class BundleWriter {

    private final ObjectStore store;

    public BundleWriter(ObjectStore store) {
        this.store = store;
    }

    /**
     * @param manifest the complete manifest, keys included (see {@link BundleLayout})
     * @param renderedYaml the bytes whose digest the manifest records
     * @param picture the bytes of the manifest's picture; {@code null} exactly when the manifest lists none
     * @param files the sources of the manifest's files
     */
    public void write(Manifest manifest, byte[] renderedYaml, byte[] picture, List<BundledFile> files) {
        if ((picture == null) != (manifest.picture() == null)) {
            throw new IllegalArgumentException("The picture bytes and the manifest's picture entry go together");
        }
        for (BundledFile file : files) {
            // Shared and immutable: the same bytes under the same key, so a concurrent upload is harmless.
            if (!store.exists(file.key())) {
                store.putFile(file.key(), file.source(), new FileDigest(file.sha256(), file.size()));
            }
        }
        createNew(manifest.workflow().key(), renderedYaml);
        if (picture != null) {
            createNew(manifest.picture().key(), picture);
        }
        for (Manifest.Asset asset : manifest.assets()) {
            store.copy(asset.registryKey(), asset.bundleKey(), new FileDigest(asset.sha256(), asset.size()));
        }
        for (Manifest.File file : manifest.files()) {
            store.copy(file.key(), file.bundleKey(), new FileDigest(file.sha256(), file.size()));
        }
        createNew(BundleLayout.manifestKey(manifest.workflowId(), manifest.version()), Json.bytes(manifest));
    }

    private void createNew(String key, byte[] content) {
        if (!store.createIfAbsent(key, content)) {
            throw new EnvironmentException("Registry object " + store.locationOf(key) + " already exists although "
                    + "this release allocated its version; another tool wrote into the registry's workflows/ folder.");
        }
    }
}
