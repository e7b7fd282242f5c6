package io.dataflow.core.run;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.registry.ObjectStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the registry locations a rendered workflow points at (asset builds, {@code files/<sha256>/…}) to the copies
 * in the locally downloaded bundle, so that a run reads nothing from the registry's asset locations or the project.
 */
final class BundleLocations {

    /** Registry key (asset build or content-addressed file) to the path of its copy below the bundle directory. */
    private final Map<String, String> bundlePathByKey = new LinkedHashMap<>();
    private final Map<String, String> keyByLocation = new LinkedHashMap<>();
    private final LoadedBundle bundle;
    private final String registryRoot;

    BundleLocations(LoadedBundle bundle, ObjectStore store) {
        this.bundle = bundle;
        // With the separator, so that s3://bucket-other/… is not taken for a key of s3://bucket.
        this.registryRoot = store.root().endsWith("/") ? store.root() : store.root() + "/";
        Manifest manifest = bundle.manifest();
        String prefix = BundleLayout.versionPrefix(manifest.workflowId(), manifest.version());
        for (Manifest.Asset asset : manifest.assets()) {
            add(asset.registryKey(), asset.bundleKey().substring(prefix.length()));
            keyByLocation.put(asset.registryLocation(), asset.registryKey());
            keyByLocation.put(store.locationOf(asset.registryKey()), asset.registryKey());
        }
        for (Manifest.File file : manifest.files()) {
            add(file.key(), file.bundleKey().substring(prefix.length()));
            keyByLocation.put(store.locationOf(file.key()), file.key());
        }
    }

    private void add(String registryKey, String pathInBundle) {
        bundlePathByKey.put(registryKey, pathInBundle);
    }

    /**
     * The plan path (relative to the plan's {@code baseDir}) of the bundle copy a program field points at.
     *
     * @throws InvalidInputException when the value is not an asset or file of this bundle
     */
    String requirePlanPath(String value, String where) {
        return registryKey(value).map(key -> bundle.planPath() + "/" + bundlePathByKey.get(key))
                .orElseThrow(() -> new InvalidInputException(bundle.describe() + ", " + where + ": '" + value
                        + "' is not an asset or file of the bundle, and local runs use bundle copies only. Reference"
                        + " the file with $S3{./path} or the asset with ${dataflow.<type>.<namespace>} and deploy again."));
    }

    /**
     * Replaces every bundle location inside free text (arguments, SQL parameters) by the absolute path of its local
     * copy; text that still points into the registry is refused, since the run must not read it.
     */
    String rewriteText(String text, String where) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> entry : keyByLocation.entrySet()) {
            if (result.contains(entry.getKey())) {
                String local = bundle.directory().resolve(bundlePathByKey.get(entry.getValue())).toString();
                result = result.replace(entry.getKey(), local);
            }
        }
        if (result.contains(registryRoot)) {
            throw new InvalidInputException(bundle.describe() + ", " + where + ": '" + text + "' points into the"
                    + " registry (" + registryRoot + ") but not at an asset or file of the bundle; local runs read"
                    + " bundle copies only. Reference it with ${dataflow.…} or $S3{…} and deploy again.");
        }
        return result;
    }

    private Optional<String> registryKey(String value) {
        String trimmed = value == null ? "" : value.strip();
        String key = keyByLocation.get(trimmed);
        if (key != null) {
            return Optional.of(key);
        }
        // The same registry reached under another spelling of its root (for example another mount point).
        return bundlePathByKey.keySet().stream().filter(candidate -> trimmed.endsWith("/" + candidate)).findFirst();
    }
}
