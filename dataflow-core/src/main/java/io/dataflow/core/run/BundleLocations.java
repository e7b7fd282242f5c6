package io.dataflow.core.run;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundleLocationIndex;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.registry.ObjectStore;

/**
 * Maps the registry locations a rendered workflow points at (asset builds, {@code files/<sha256>/…}) to the copies
 * in the locally downloaded bundle, so that a run reads nothing from the registry's asset locations or the project.
 */
final class BundleLocations {

    private final BundleLocationIndex index;
    private final LoadedBundle bundle;
    private final String prefix;

    BundleLocations(LoadedBundle bundle, ObjectStore store) {
        this.bundle = bundle;
        Manifest manifest = bundle.manifest();
        this.index = BundleLocationIndex.of(manifest, store);
        this.prefix = BundleLayout.versionPrefix(manifest.workflowId(), manifest.version());
    }

    /**
     * The plan path (relative to the plan's {@code baseDir}) of the bundle copy a program field points at.
     *
     * @throws InvalidInputException when the value is not an asset or file of this bundle
     */
    String requirePlanPath(String value, String where) {
        return index.bundleKeyOf(value).map(key -> bundle.planPath() + "/" + pathInBundle(key))
                .orElseThrow(() -> new InvalidInputException(bundle.describe() + ", " + where + ": '" + value
                        + "' is not an asset or file of the bundle, and local runs use bundle copies only. Reference"
                        + " the file with $S3{./path} or the asset with ${dataflow.<type>.<namespace>} and deploy again."));
    }

    /**
     * Replaces every bundle location inside free text (arguments, SQL parameters) by the absolute path of its local
     * copy; text that still points into the registry is refused, since the run must not read it.
     */
    String rewriteText(String text, String where) {
        String result = index.rewrite(text, key -> bundle.directory().resolve(pathInBundle(key)).toString());
        if (index.pointsIntoRegistry(result)) {
            throw new InvalidInputException(bundle.describe() + ", " + where + ": '" + text + "' points into the"
                    + " registry (" + index.registryRoot() + ") but not at an asset or file of the bundle; local runs read"
                    + " bundle copies only. Reference it with ${dataflow.…} or $S3{…} and deploy again.");
        }
        return result;
    }

    private String pathInBundle(String bundleKey) {
        return bundleKey.substring(prefix.length());
    }
}
