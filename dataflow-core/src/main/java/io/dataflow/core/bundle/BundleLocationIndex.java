package io.dataflow.core.bundle;

import io.dataflow.core.registry.ObjectStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which bundle copy a location of a rendered workflow stands for. A rendered workflow points at the registry's own
 * keys (asset builds, {@code files/<sha256>/…}); everything that runs a version (the local runner, a Maestro export)
 * must read the copies inside the version's bundle instead. This is the one place that matches locations to those
 * copies.
 */
public final class BundleLocationIndex {

    /** Registry key of an asset build or file, to the key of its copy inside the bundle. */
    private final Map<String, String> bundleKeyByRegistryKey = new LinkedHashMap<>();
    private final Map<String, String> registryKeyByLocation = new LinkedHashMap<>();
    private final String registryRoot;

    /**
     * One object a rendered workflow references.
     *
     * @param registryKey where the rendered workflow points, e.g. {@code jars/ns/…/3.jar}
     * @param recordedLocation the location recorded when it was rendered, or {@code null}
     * @param bundleKey the copy inside the bundle
     */
    public record Entry(String registryKey, String recordedLocation, String bundleKey) {}

    public BundleLocationIndex(List<Entry> entries, ObjectStore store) {
        // With the separator, so that s3://bucket-other/… is not taken for a key of s3://bucket.
        this.registryRoot = store.root().endsWith("/") ? store.root() : store.root() + "/";
        for (Entry entry : entries) {
            bundleKeyByRegistryKey.put(entry.registryKey(), entry.bundleKey());
            if (entry.recordedLocation() != null) {
                registryKeyByLocation.put(entry.recordedLocation(), entry.registryKey());
            }
            registryKeyByLocation.put(store.locationOf(entry.registryKey()), entry.registryKey());
        }
    }

    /** The assets and files of a stored version. */
    public static BundleLocationIndex of(Manifest manifest, ObjectStore store) {
        List<Entry> entries = new ArrayList<>();
        manifest.assets().forEach(asset -> entries.add(new Entry(asset.registryKey(), asset.registryLocation(),
                asset.bundleKey())));
        manifest.files().forEach(file -> entries.add(new Entry(file.key(), null, file.bundleKey())));
        return new BundleLocationIndex(entries, store);
    }

    /**
     * The bundle key of the object a whole value (a program field such as {@code spark.jar}) points at: a location of
     * the registry, or the same key reached under another spelling of the registry's root (another mount point).
     */
    public Optional<String> bundleKeyOf(String value) {
        String trimmed = value == null ? "" : value.strip();
        String key = registryKeyByLocation.get(trimmed);
        if (key == null) {
            key = bundleKeyByRegistryKey.keySet().stream().filter(candidate -> trimmed.endsWith("/" + candidate))
                    .findFirst().orElse(null);
        }
        return Optional.ofNullable(key).map(bundleKeyByRegistryKey::get);
    }

    /** Replaces every location of a bundled object inside free text (arguments, parameters) by {@code replacement}. */
    public String rewrite(String text, Function<String, String> replacementForBundleKey) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> entry : registryKeyByLocation.entrySet()) {
            if (result.contains(entry.getKey())) {
                result = result.replace(entry.getKey(),
                        replacementForBundleKey.apply(bundleKeyByRegistryKey.get(entry.getValue())));
            }
        }
        return result;
    }

    /** Whether text still points into the registry (after {@link #rewrite}: at something that is not bundled). */
    public boolean pointsIntoRegistry(String text) {
        return text != null && text.contains(registryRoot);
    }

    /** The registry root with a trailing separator, for messages. */
    public String registryRoot() {
        return registryRoot;
    }
}
