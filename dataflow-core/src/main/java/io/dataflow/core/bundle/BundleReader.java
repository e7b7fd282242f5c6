package io.dataflow.core.bundle;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.registry.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fetches a stored bundle to a local directory, checking every byte against the manifest, so that a version
 * can be run or inspected from its bundle alone. The local layout mirrors the registry's:
 * {@code manifest.json}, {@code workflow.sch.rendered.yaml}, {@code workflow.svg} (when the manifest lists a picture),
 * {@code assets/<uuid>.<ext>}, {@code files/<path>}.
 */
public final class BundleReader {

    private final ObjectStore store;

    public BundleReader(ObjectStore store) {
        this.store = store;
    }

    /**
     * @param target an empty or missing directory
     * @return {@code target}
     * @throws EnvironmentException when an object is missing or its bytes differ from the manifest
     */
    public Path download(Manifest manifest, Path target) {
        String prefix = BundleLayout.versionPrefix(manifest.workflowId(), manifest.version());
        fetch(prefix, BundleLayout.manifestKey(manifest.workflowId(), manifest.version()), null, target);
        fetch(prefix, manifest.workflow().key(), manifest.workflow().sha256(), target);
        if (manifest.picture() != null) {
            fetch(prefix, manifest.picture().key(), manifest.picture().sha256(), target);
        }
        for (Manifest.Asset asset : manifest.assets()) {
            fetch(prefix, asset.bundleKey(), asset.sha256(), target);
        }
        for (Manifest.File file : manifest.files()) {
            fetch(prefix, file.bundleKey(), file.sha256(), target);
        }
        return target;
    }

    private void fetch(String prefix, String key, String expectedSha256, Path target) {
        Path local = target.resolve(key.substring(prefix.length())).normalize();
        if (!key.startsWith(prefix) || !local.startsWith(target.normalize())) {
            throw new EnvironmentException("Manifest of bundle " + store.locationOf(prefix) + " names " + key
                    + ", which lies outside the bundle; the manifest was not written by Dataflow.");
        }
        store.download(key, local);
        if (expectedSha256 != null && !Sha256.of(local).equals(expectedSha256)) {
            deleteQuietly(local);
            throw new EnvironmentException("Bundle object " + store.locationOf(key) + " does not match the sha256 "
                    + "in its manifest; the registry was modified outside Dataflow.");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The exception being thrown already tells the user the download is unusable.
        }
    }
}
