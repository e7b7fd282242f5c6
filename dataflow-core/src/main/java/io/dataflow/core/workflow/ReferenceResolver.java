package io.dataflow.core.workflow;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.BranchNames;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetCatalog;
import io.dataflow.core.registry.AssetPlan;
import io.dataflow.core.registry.FileDigest;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Chooses the build each {@code ${dataflow...}} reference means: from the registry catalog, overlaid with the
 * assets of the current reactor that are built but not deployed yet (verify mode). In deploy mode the
 * reactor's builds are real and the overlay is empty. Thread-safe; answers are cached per reference text,
 * so one resolver should serve one build.
 */
public final class ReferenceResolver {

    private final AssetCatalog catalog;
    private final Map<String, PendingAsset> pendingByLine = new ConcurrentHashMap<>();
    private final GitState git;
    private final Function<String, String> locationOfKey;
    private final Map<String, Outcome> cache = new ConcurrentHashMap<>();
    private final Map<Path, FileDigest> digests = new ConcurrentHashMap<>();
    /** type/namespace -> the build a pending asset becomes, decided once per resolver. */
    private final Map<String, ResolvedAsset> pendingBuilds = new ConcurrentHashMap<>();

    private record Outcome(ResolvedAsset asset, String error) {}

    /**
     * @param catalog the registry's visible builds
     * @param pending reactor artifacts not deployed yet (empty in deploy mode)
     * @param git the state of the repository being built: current branch, mainline, owner, repo, commit
     * @param locationOfKey the registry's {@code ObjectStore::locationOf}
     */
    public ReferenceResolver(AssetCatalog catalog, Collection<PendingAsset> pending, GitState git,
            Function<String, String> locationOfKey) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.git = Objects.requireNonNull(git, "git");
        this.locationOfKey = Objects.requireNonNull(locationOfKey, "locationOfKey");
        for (PendingAsset asset : pending) {
            PendingAsset previous = pendingByLine.putIfAbsent(lineKey(asset.type(), asset.namespace()), asset);
            if (previous != null) {
                throw new InvalidInputException("Two modules build " + asset.type() + " namespace '" + asset.namespace()
                        + "' (" + previous.file() + " and " + asset.file() + "); namespaces must be unique, "
                        + "so rename one of them.");
            }
        }
    }

    public GitState git() {
        return git;
    }

    /** The concrete location of a registry key, e.g. for {@code files/<sha256>/<name>}. */
    public String locationOfKey(String key) {
        return locationOfKey.apply(key);
    }

    /**
     * @throws InvalidInputException when no build matches; the message names the reference and the fix but
     *     no file position (the caller adds it)
     */
    public ResolvedAsset resolve(AssetReference reference) {
        return answer(cache.computeIfAbsent(reference.text(), text -> outcome(reference)));
    }

    /**
     * Parses and resolves the text between the braces of a reference, e.g. {@code dataflow.jar.x.master}. Both
     * steps are cached per text: a build's workflows mostly repeat the same few references.
     *
     * @throws InvalidInputException when the reference is malformed or no build matches (no file position)
     */
    public ResolvedAsset resolve(String inner) {
        return answer(cache.computeIfAbsent("${" + inner + "}", text -> {
            AssetReference reference;
            try {
                reference = AssetReference.parse(inner);
            } catch (InvalidInputException e) {
                return new Outcome(null, e.getMessage());
            }
            return outcome(reference);
        }));
    }

    private Outcome outcome(AssetReference reference) {
        try {
            return new Outcome(lookUp(reference), null);
        } catch (InvalidInputException e) {
            // The catalog's own refusals (a namespace without owner) name no reference; ours do.
            String message = e.getMessage();
            return new Outcome(null, message.startsWith("cannot resolve ") ? message
                    : "cannot resolve " + reference.text() + ": " + message + ".");
        }
    }

    private static ResolvedAsset answer(Outcome outcome) {
        if (outcome.error() != null) {
            throw new InvalidInputException(outcome.error());
        }
        return outcome.asset();
    }

    private ResolvedAsset lookUp(AssetReference ref) {
        String current = git.sanitizedBranch();
        PendingAsset pending = pendingByLine.get(lineKey(ref.type(), ref.namespace()));
        switch (ref.form()) {
            case LATEST: {
                if (pending != null) {
                    return pending(pending);
                }
                // An unknown mainline is never replaced by a guess: only the current branch's builds can answer.
                String mainline = git.mainBranchKnown() ? BranchNames.sanitize(git.mainBranch()) : null;
                return catalog.newest(ref.type(), ref.namespace(), current)
                        .or(() -> mainline == null ? Optional.empty() : catalog.newest(ref.type(), ref.namespace(), mainline))
                        .<ResolvedAsset>map(ResolvedAsset.Deployed::new)
                        .orElseThrow(() -> unresolved(ref, "there is no build of " + line(ref) + " on the current branch '"
                                + current + "'" + (mainline == null
                                        ? ", and the mainline branch is unknown, so there is no mainline build to fall "
                                                + "back to (set -Ddataflow.mainBranch=<branch> or <mainBranch>)"
                                        : mainline.equals(current) ? "" : " nor on mainline '" + mainline + "'")));
            }
            case NEWEST_ON_BRANCH:
                if (pending != null && ref.branch().equals(current)) {
                    return pending(pending);
                }
                return catalog.newest(ref.type(), ref.namespace(), ref.branch())
                        .<ResolvedAsset>map(ResolvedAsset.Deployed::new)
                        .orElseThrow(() -> unresolved(ref, "there is no build of " + line(ref) + " on branch '"
                                + ref.branch() + "'"));
            case BUILD_ON_BRANCH: {
                if (pending != null && ref.branch().equals(current)) {
                    ResolvedAsset next = pending(pending);
                    if (next.id().build() == ref.build()) {
                        return next;
                    }
                }
                return catalog.build(ref.type(), ref.namespace(), ref.branch(), ref.build())
                        .<ResolvedAsset>map(ResolvedAsset.Deployed::new)
                        .orElseThrow(() -> unresolved(ref, "there is no build " + ref.build() + " of " + line(ref)
                                + " on branch '" + ref.branch() + "'" + newestHint(ref)));
            }
            case EXACT:
            default: {
                if (pending != null) {
                    ResolvedAsset next = pending(pending);
                    if (next.id().equals(ref.exact())) {
                        return next;
                    }
                }
                return catalog.find(ref.exact())
                        .<ResolvedAsset>map(ResolvedAsset.Deployed::new)
                        .orElseThrow(() -> unresolved(ref, "the registry holds no build " + ref.exact()));
            }
        }
    }

    /**
     * The build a pending artifact will become, by the deploy's own rule ({@link AssetPlan#decide}): identical bytes
     * to the newest build of its line are not deployed again (the deploy prints UNCHANGED), so they resolve to that
     * existing build.
     */
    private ResolvedAsset pending(PendingAsset asset) {
        return pendingBuilds.computeIfAbsent(lineKey(asset.type(), asset.namespace()), line -> planned(asset));
    }

    private ResolvedAsset planned(PendingAsset asset) {
        AssetPlan plan = asset.plan() != null ? asset.plan()
                : catalog.plan(asset.type(), asset.namespace(), git, digest(asset.file()), asset.extension(), false);
        if (plan.unchanged()) {
            return new ResolvedAsset.Deployed(plan.reused());
        }
        return new ResolvedAsset.Pending(asset, plan.id(), plan.key(), locationOfKey.apply(plan.key()),
                plan.digest().sha256(), plan.digest().size());
    }

    /** sha256 and size of a file, computed once per resolver. */
    public FileDigest digest(Path file) {
        return digests.computeIfAbsent(file.toAbsolutePath().normalize(), FileDigest::of);
    }

    private String newestHint(AssetReference ref) {
        return catalog.newest(ref.type(), ref.namespace(), ref.branch())
                .map(b -> " (the newest is build " + b.id().build() + ")").orElse("");
    }

    private static InvalidInputException unresolved(AssetReference ref, String why) {
        return new InvalidInputException("cannot resolve " + ref.text() + ": " + why + ". Deploy the asset first "
                + "(mvn deploy in its module), or fix the reference (see mvn dataflow:list -Ddataflow.deployed).");
    }

    private static String line(AssetReference ref) {
        return ref.type() + " namespace '" + ref.namespace() + "'";
    }

    private static String lineKey(AssetType type, String namespace) {
        return type.id() + "/" + namespace;
    }
}
