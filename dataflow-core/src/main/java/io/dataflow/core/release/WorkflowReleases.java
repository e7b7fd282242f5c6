package io.dataflow.core.release;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.BundleWriter;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.bundle.Manifest;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.gc.GcRecords;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.Ownership;
import io.dataflow.core.release.WorkflowPlan.Activation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Releases workflow versions as immutable bundles and decides which version is active.
 *
 * <p>A release checks every candidate first (nothing is written when one is wrong, when another repository owns
 * one of its workflow ids, or when a mainline deploy is older than what is active), then stores one bundle per
 * changed workflow (each visible once its manifest exists) and finally appends ONE activation record naming every
 * version it activates: all of them become active together, or, when anything fails before that record, none does.
 * Versions left behind by a failed release stay visible in history as "never activated".
 *
 * <p>Activations are compare-and-set ({@link ActivationLog#activate}): a deploy or rollback decides against the
 * newest record and claims the next sequence number; when another activation took it, it decides again against
 * that one. A deploy never undoes a rollback by re-deploying content that was rolled back from, and a rollback
 * that loses a race reports what became active instead.
 */
public final class WorkflowReleases {

    /** Versions {@link #history(String)} shows; each costs one small read. */
    public static final int DEFAULT_HISTORY_LIMIT = 10;
    /** Activations walked back to find the default rollback target before asking for a version. */
    private static final int ROLLBACK_SEARCH = 1_000;
    /** Versions an error message lists. */
    private static final int VERSIONS_IN_MESSAGES = 20;

    private final ObjectStore store;
    private final DataflowLog log;
    private final WorkflowVersions versions;
    private final ActivationLog activations;
    private final BundleWriter bundles;
    private final ActivationListener listener;
    private final Ownership ownership;
    private final GcRecords gc;

    public WorkflowReleases(ObjectStore store, DataflowLog log) {
        this(store, log, ActivationListener.NONE);
    }

    /** @param listener told about every activation before its record is written (a scheduler push) */
    public WorkflowReleases(ObjectStore store, DataflowLog log, ActivationListener listener) {
        this.store = store;
        this.log = log;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.versions = new WorkflowVersions(store);
        this.activations = new ActivationLog(store);
        this.bundles = new BundleWriter(store);
        this.ownership = new Ownership(store);
        this.gc = new GcRecords(store);
    }

    // ---- deploy

    /** {@link #release(List, ReleaseContext, ReleaseOptions)} without exceptions to the rules. */
    public List<ReleasedWorkflow> release(List<WorkflowCandidate> candidates, ReleaseContext context) {
        return release(candidates, context, ReleaseOptions.DEFAULTS);
    }

    /**
     * Releases every candidate: a new version for each changed one, then one activation record for all of them.
     * A candidate identical (rendered YAML and asset/file bytes) to its workflow's newest or active version reuses
     * that version. It is activated only when it is not active and was never activated (a release that failed
     * before its activation): content that a rollback replaced stays inactive unless {@code options.reactivate()}.
     *
     * @return one entry per candidate, in order
     * @throws InvalidInputException bad candidates, a workflow id owned by another repository, an outdated mainline
     *     deploy; nothing was written
     * @throws ActivationConflictException a concurrent deploy made this one outdated; nothing was activated
     */
    public List<ReleasedWorkflow> release(List<WorkflowCandidate> candidates, ReleaseContext context,
            ReleaseOptions options) {
        Map<String, WorkflowCandidate> byId = checkCandidates(candidates, context.git(), Set.of());
        Ancestry ancestry = new Ancestry(context.git());
        Map<String, String> sources = sources(byId);
        ActivationState before = check(sources, context, options, ancestry, Refusals.THROW);
        claim(sources, context);

        String releaseId = UUID.randomUUID().toString();
        List<Prepared> prepared = new ArrayList<>();
        for (Map.Entry<String, WorkflowCandidate> entry : byId.entrySet()) {
            prepared.add(prepare(entry.getKey(), entry.getValue(), context, releaseId, before));
        }
        AtomicReference<Map<String, Decided>> decisions = new AtomicReference<>();
        ActivationLog.Activation activation = activations.activate(before, ActivationKind.DEPLOY, context.now(),
                context.deployer(), releaseId,
                state -> decide(prepared, before, state, context, options, ancestry, decisions), listener);
        return report(prepared, before, decisions.get(), activation, options);
    }

    /**
     * What {@link #release} would refuse before writing anything, checked without writing: a workflow id another
     * repository owns, a mainline deploy older than the active version. A deploy calls it before it deploys assets.
     *
     * @param workflows workflow file id -> source path, for messages
     * @return the activation state the checks read
     */
    public ActivationState check(Map<String, String> workflows, ReleaseContext context, ReleaseOptions options) {
        return check(workflows, context, options, Refusals.THROW);
    }

    /** {@link #check(Map, ReleaseContext, ReleaseOptions)}, handing every refusal to {@code refusals}. */
    public ActivationState check(Map<String, String> workflows, ReleaseContext context, ReleaseOptions options,
            Refusals refusals) {
        return check(workflows, context, options, new Ancestry(context.git()), refusals);
    }

    private ActivationState check(Map<String, String> workflows, ReleaseContext context, ReleaseOptions options,
            Ancestry ancestry, Refusals refusals) {
        GitState git = context.git();
        workflows.forEach((id, source) -> refusals.check(() -> ownership.requireWorkflow(id, git, source)));
        ActivationState state = activations.state();
        warnAboutDamaged(state.damaged());
        for (String id : workflows.keySet()) {
            String workflowId = WorkflowIds.scoped(id, git);
            state.entry(workflowId).ifPresent(active -> refusals.check(
                    () -> requireNotOutdated(workflowId, active, options, ancestry, null)));
        }
        return state;
    }

    /**
     * What {@link #release} would do with each candidate now, without writing: the same checks (each refusal handed to
     * {@code refusals}), the same rule for reusing a version and the same activation decision.
     *
     * @param notStoredYet registry keys of asset builds the deploy would store before releasing; not checked for
     *     presence
     * @return one plan per valid candidate, in order
     */
    public List<WorkflowPlan> plan(List<WorkflowCandidate> candidates, ReleaseContext context, ReleaseOptions options,
            Set<String> notStoredYet, Refusals refusals) {
        Map<String, WorkflowCandidate> byId;
        try {
            byId = checkCandidates(candidates, context.git(), notStoredYet);
        } catch (InvalidInputException e) {
            refusals.refuse(e);
            return List.of();
        }
        ActivationState before = check(sources(byId), context, options, new Ancestry(context.git()), refusals);
        List<WorkflowPlan> plans = new ArrayList<>();
        byId.forEach((workflowId, candidate) -> {
            byte[] rendered = candidate.renderedYaml().getBytes(StandardCharsets.UTF_8);
            ActiveVersion active = before.entry(workflowId).orElse(null);
            WorkflowVersions.Newest newest = versions.newest(workflowId, active == null ? 0 : active.highest());
            Optional<Integer> stored = storedVersionWithContent(workflowId, fingerprint(candidate, rendered), active,
                    newest);
            int version = stored.orElse(newest.claimed() + 1);
            String activeYaml = active == null ? null : versions.manifest(workflowId, active.version())
                    .flatMap(manifest -> store.read(manifest.workflow().key()))
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
            plans.add(new WorkflowPlan(candidate.workflowId(), workflowId, candidate.sourcePath(), version,
                    stored.isEmpty(), activation(stored.isEmpty(), version, active, options),
                    active == null ? null : active.version(), activeYaml));
        });
        return plans;
    }

    private static Map<String, String> sources(Map<String, WorkflowCandidate> byId) {
        Map<String, String> sources = new LinkedHashMap<>();
        byId.values().forEach(candidate -> sources.put(candidate.workflowId(), candidate.sourcePath()));
        return sources;
    }

    /**
     * Claims the workflow ids nobody owns yet for the deploying repository (a deploy does this before its first
     * asset write); fails when another repository owns one.
     *
     * @param workflows workflow file id -> source path, for messages
     */
    public void claim(Map<String, String> workflows, ReleaseContext context) {
        workflows.forEach((id, source) -> ownership.claimWorkflow(id, context.git(), context.deployer(), source));
    }

    /** One workflow of a release, its bundle stored: a new version, or an existing one with the same content. */
    private record Prepared(String workflowId, String sourcePath, int version, boolean created) {}

    /** @param seen the workflow's entry in the state the decision was made against */
    private record Decided(Activation decision, ActiveVersion seen) {}

    private Prepared prepare(String workflowId, WorkflowCandidate candidate, ReleaseContext context, String releaseId,
            ActivationState before) {
        byte[] rendered = candidate.renderedYaml().getBytes(StandardCharsets.UTF_8);
        ActiveVersion active = before.entry(workflowId).orElse(null);
        WorkflowVersions.Newest newest = versions.newest(workflowId, active == null ? 0 : active.highest());
        Optional<Integer> stored = storedVersionWithContent(workflowId, fingerprint(candidate, rendered), active, newest);
        if (stored.isPresent()) {
            return new Prepared(workflowId, candidate.sourcePath(), stored.get(), false);
        }
        // The claim names what the bundle copies, so that a concurrent gc keeps it; then gc's intents are checked.
        List<String> uses = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (AssetBuild asset : uniqueAssets(candidate)) {
            uses.add(asset.key());
            records.add(AssetRegistry.metadataKey(asset.id()));
        }
        for (BundledFile file : uniqueFiles(candidate)) {
            uses.add(file.key());
            records.add(file.key());
        }
        int version = versions.claimNext(workflowId, newest.claimed(), releaseId, context.deployer(), context.now(),
                uses);
        gc.awaitNoCollection(records, "this deploy of " + workflowId + " version " + version);
        byte[] picture = candidate.pictureSvg() == null ? null : candidate.pictureSvg().getBytes(StandardCharsets.UTF_8);
        Manifest manifest = manifest(workflowId, version, releaseId, candidate, rendered, picture, context);
        bundles.write(manifest, rendered, picture, uniqueFiles(candidate));
        log.debug("Stored bundle of " + workflowId + " version " + version + " under "
                + store.locationOf(BundleLayout.versionPrefix(workflowId, version)));
        return new Prepared(workflowId, candidate.sourcePath(), version, true);
    }

    /**
     * The stored version whose content (rendered YAML, asset and file bytes) equals the candidate's: the newest one,
     * or, after a rollback, the active one. A release reuses it instead of storing a new version.
     */
    private Optional<Integer> storedVersionWithContent(String workflowId, String fingerprint, ActiveVersion active,
            WorkflowVersions.Newest newest) {
        if (newest.visible().isEmpty()) {
            return Optional.empty();
        }
        int newestVersion = newest.visible().get();
        if (sameContent(workflowId, newestVersion, fingerprint)) {
            return Optional.of(newestVersion);
        }
        // Content equal to the active version (after a rollback) needs no new version either.
        if (active != null && active.version() != newestVersion && sameContent(workflowId, active.version(), fingerprint)) {
            return Optional.of(active.version());
        }
        return Optional.empty();
    }

    private static String fingerprint(WorkflowCandidate candidate, byte[] rendered) {
        return Manifest.fingerprint(Sha256.of(rendered),
                uniqueAssets(candidate).stream().map(asset -> asset.id().format() + "=" + asset.sha256()).toList(),
                uniqueFiles(candidate).stream().map(file -> file.relativePath() + "=" + file.sha256()).toList());
    }

    private boolean sameContent(String workflowId, int version, String fingerprint) {
        WorkflowVersions.ManifestRead read = versions.read(workflowId, version);
        if (read.manifest() != null && gc.tombstone(BundleLayout.manifestKey(workflowId, version)).isPresent()) {
            return false; // its bundle is gone: the same content becomes a new version
        }
        if (read.damaged() != null) {
            log.warn("Skipped damaged " + read.damaged().describe() + ": this deploy does not compare with "
                    + workflowId + " version " + version + " and stores a new version if the content differs from"
                    + " the others.");
            return false;
        }
        return read.manifest() != null && read.manifest().fingerprint().equals(fingerprint);
    }

    /**
     * The deploy's decision against one state of the log; made again whenever another activation took the
     * sequence number first.
     */
    private ActivationLog.Proposal decide(List<Prepared> prepared, ActivationState before, ActivationState state,
            ReleaseContext context, ReleaseOptions options, Ancestry ancestry,
            AtomicReference<Map<String, Decided>> decisions) {
        Map<String, Decided> decided = new LinkedHashMap<>();
        List<ActivationRecord.Entry> toActivate = new ArrayList<>();
        for (Prepared workflow : prepared) {
            ActiveVersion seen = state.entry(workflow.workflowId()).orElse(null);
            Activation decision = activation(workflow.created(), workflow.version(), seen, options);
            if (decision == Activation.ACTIVATE && seen != null && !sameActivation(seen, before, workflow.workflowId())) {
                requireNotOutdated(workflow.workflowId(), seen, options, ancestry, "While this deploy ran, ");
            }
            decided.put(workflow.workflowId(), new Decided(decision, seen));
            if (decision == Activation.ACTIVATE) {
                toActivate.add(new ActivationRecord.Entry(workflow.workflowId(), workflow.version()));
            }
        }
        decisions.set(decided);
        return new ActivationLog.Proposal(toActivate, context.git().commit());
    }

    /**
     * Whether a release activates a version: a new one always; a reused one when nothing is active, when it is newer
     * than anything ever active (an interrupted deploy), or on request; a reused version that a rollback replaced
     * stays inactive.
     *
     * @param seen the workflow's active entry, {@code null} when none
     */
    private static Activation activation(boolean created, int version, ActiveVersion seen, ReleaseOptions options) {
        if (!created && seen != null && seen.version() == version) {
            return Activation.NONE;
        }
        if (created || seen == null || version > seen.highest() || options.reactivate()) {
            return Activation.ACTIVATE;
        }
        return Activation.KEEP; // its content was active once and a rollback replaced it
    }

    private List<ReleasedWorkflow> report(List<Prepared> prepared, ActivationState before, Map<String, Decided> decisions,
            ActivationLog.Activation activation, ReleaseOptions options) {
        ActivationRecord record = activation.record();
        if (record != null) {
            log.info("Activated " + record.workflows().size() + " workflow version(s) together (activation record #"
                    + record.sequence() + ").");
        }
        List<ReleasedWorkflow> released = new ArrayList<>();
        for (Prepared workflow : prepared) {
            String id = workflow.workflowId();
            Decided decided = decisions.get(id);
            ActiveVersion seen = decided.seen();
            switch (decided.decision()) {
                case ACTIVATE -> {
                    released.add(new ReleasedWorkflow(id, workflow.sourcePath(), workflow.version(), !workflow.created(),
                            true));
                    if (!workflow.created()) {
                        log.warn(id + " version " + workflow.version() + (seen != null && workflow.version() <= seen.highest()
                                ? " is unchanged and was rolled back from; -Ddataflow.reactivate made it active again."
                                : " is unchanged but was never activated (an interrupted deploy); it is active now."));
                    }
                    if (seen != null && !sameActivation(seen, before, id)) {
                        log.warn("While this deploy ran, " + seen.describe() + " made version " + seen.version() + " of "
                                + id + " active; this deploy's version " + workflow.version() + " replaced it (activation record #"
                                + record.sequence() + ").");
                    }
                }
                case NONE -> released.add(new ReleasedWorkflow(id, workflow.sourcePath(), workflow.version(), true, false));
                case KEEP -> {
                    released.add(new ReleasedWorkflow(id, workflow.sourcePath(), workflow.version(), true, false,
                            seen.version()));
                    log.warn(id + " version " + workflow.version() + " is unchanged but not active: version "
                            + seen.version() + " is, since " + seen.describe() + ". A deploy does not undo a rollback."
                            + " To switch to version " + workflow.version() + " on purpose, run mvn dataflow:rollback"
                            + " -Ddataflow.workflow=" + id + " -Ddataflow.version=" + workflow.version()
                            + ", or deploy again with -Ddataflow.reactivate=true.");
                }
                default -> throw new IllegalStateException("Unknown decision " + decided.decision());
            }
        }
        return released;
    }

    /** Whether {@code seen} is the activation the release started from (no concurrent activation of the workflow). */
    private static boolean sameActivation(ActiveVersion seen, ActivationState before, String workflowId) {
        return before.entry(workflowId).map(ActiveVersion::since).orElse(0L) == seen.since();
    }

    /**
     * GitLab's "prevent outdated deployment jobs", by commit ancestry: a mainline deploy of a commit that the active
     * version's commit descends from would put older code back. Refused unless {@code allowOutdated}; so is a
     * deploy whose relation this clone cannot tell (a shallow clone without the active commit).
     *
     * @param race {@code null} in the check before writing; the message's opening when a concurrent activation made
     *     this deploy outdated after its versions were stored
     */
    private void requireNotOutdated(String workflowId, ActiveVersion active, ReleaseOptions options, Ancestry ancestry,
            String race) {
        if (options.allowOutdated() || !WorkflowIds.parse(workflowId).mainline()) {
            return;
        }
        CommitAncestry.Result relation = ancestry.relate(active.commit());
        String deployed = ancestry.git().shortCommit();
        String activeCommit = active.commit() == null ? "unknown" : active.commit().substring(0, Math.min(8,
                active.commit().length()));
        String what = "version " + active.version() + " of workflow " + workflowId + " (" + active.describe() + ")";
        String opening = race == null ? "" : race + active.describe() + " activated " + what.substring(0,
                what.indexOf(" (")) + ". ";
        String consequence = race == null ? " Nothing was written to the registry."
                : " Nothing was activated; the versions this deploy stored stay in history, never activated.";
        switch (relation.relation()) {
            case SAME, NEWER -> { }
            case DIVERGED -> log.warn("Commit " + deployed + " does not descend from commit " + activeCommit + " of the"
                    + " active " + what + ", nor is it older (rewritten history?); deploying it.");
            case OLDER -> throw conflictOrInput(race, opening + "Outdated deploy refused: commit " + deployed + " is an"
                    + " ancestor of commit " + activeCommit + " of the active " + what + ", so deploying it would put"
                    + " older code back (a re-run of an old pipeline?)." + consequence + " To go back on purpose, run"
                    + " mvn dataflow:rollback -Ddataflow.workflow=" + workflowId + " -Ddataflow.version=<n>"
                    + " (dataflow:history lists the versions); to deploy this commit anyway, pass"
                    + " -Ddataflow.allowOutdated=true.");
            case UNKNOWN -> throw conflictOrInput(race, opening + "Cannot tell whether commit " + deployed + " is older"
                    + " than commit " + activeCommit + " of the active " + what + ": "
                    + (relation.shallow() ? "this clone is shallow and does not contain that commit's history."
                            : "this repository does not contain that commit (deployed from a commit that was never"
                                    + " pushed, or from rewritten history?).")
                    + consequence + " " + (relation.shallow()
                            ? "Fetch the history (git fetch --unshallow; in CI fetch-depth: 0 for actions/checkout,"
                                    + " GIT_DEPTH: 0 on GitLab)"
                            : "Fetch it (git fetch origin) if it should be there")
                    + ", or, if this commit is known to be newer, pass -Ddataflow.allowOutdated=true.");
            default -> throw new IllegalStateException("Unknown relation " + relation.relation());
        }
    }

    private static RuntimeException conflictOrInput(String race, String message) {
        return race == null ? new InvalidInputException(message) : new ActivationConflictException(message);
    }

    /** Commit relations of one deploy, each computed once: several workflows usually share an active commit. */
    private static final class Ancestry {

        private final GitState git;
        private final Map<String, CommitAncestry.Result> relations = new HashMap<>();

        Ancestry(GitState git) {
            this.git = git;
        }

        GitState git() {
            return git;
        }

        synchronized CommitAncestry.Result relate(String activeCommit) {
            return relations.computeIfAbsent(String.valueOf(activeCommit),
                    commit -> CommitAncestry.relate(git.workTree(), git.commit(), activeCommit));
        }
    }

    // ---- rollback

    /**
     * Makes an earlier version active again by appending a rollback record; nothing is rebuilt or copied. Rolling
     * back to the version that is already active changes nothing and succeeds.
     *
     * @param version the version to activate; {@code null} means the most recently active version older than
     *     the current one, so that repeated rollbacks step further back
     * @throws ActivationConflictException another activation of the workflow won the race; it stays active
     */
    public RollbackResult rollback(String workflowId, Integer version, String deployer, Instant now) {
        WorkflowIds.parse(workflowId);
        ActivationState before = activations.state();
        warnAboutDamaged(before.damaged());
        ActiveVersion from = before.entry(workflowId).orElse(null);
        WorkflowVersions.Newest newest = versions.newest(workflowId, from == null ? 0 : from.highest());
        if (newest.visible().isEmpty()) {
            throw unknownWorkflow(workflowId);
        }
        int target = version != null ? requireVersion(workflowId, version) : previousVersion(workflowId, from, before);
        gc.requireVersionKept(workflowId, target, BundleLayout.manifestKey(workflowId, target), "rolled back to");
        // A damaged manifest fails here: that version cannot be activated.
        Manifest manifest = versions.manifest(workflowId, target).orElseThrow(() -> new EnvironmentException("Manifest"
                + " of " + workflowId + " version " + target + " disappeared from " + store.root()
                + "; was it deleted by hand?"));
        ActivationLog.Activation activation = activations.activate(before, ActivationKind.ROLLBACK, now, deployer,
                UUID.randomUUID().toString(), state -> {
                    ActiveVersion current = state.entry(workflowId).orElse(null);
                    if (current != null && current.version() == target) {
                        return ActivationLog.Proposal.NOTHING;
                    }
                    if (current != null && (from == null || current.since() != from.since())) {
                        throw new ActivationConflictException("Rollback of " + workflowId + " to version " + target
                                + " did not happen: while it was deciding, " + current.describe() + " made version "
                                + current.version() + " active. That version stays active; nothing was changed. Run"
                                + " the rollback again if version " + target + " should still replace it.");
                    }
                    return new ActivationLog.Proposal(List.of(new ActivationRecord.Entry(workflowId, target)),
                            manifest.git().commit());
                }, listener);
        if (activation.record() == null) {
            ActiveVersion current = activation.state().entry(workflowId).orElseThrow();
            return new RollbackResult(workflowId, current.version(), target, current.since(), false);
        }
        return new RollbackResult(workflowId, from == null ? null : from.version(), target,
                activation.record().sequence());
    }

    private int previousVersion(String workflowId, ActiveVersion current, ActivationState state) {
        if (current == null) {
            throw new InvalidInputException("Workflow " + workflowId + " has no active version, so there is no "
                    + "previous one; name the version to activate with dataflow.version.");
        }
        ActivationLog.Events events = activations.events(state, workflowId, ROLLBACK_SEARCH,
                event -> event.version() < current.version());
        return events.events().stream().map(ActivationState.Event::version).filter(v -> v < current.version())
                .findFirst().orElseThrow(() -> new InvalidInputException("Workflow " + workflowId + " has no version "
                        + "older than the active version " + current.version() + " that was "
                        + (events.complete() ? "ever active" : events.damaged().isEmpty()
                                ? "active in its newest " + ROLLBACK_SEARCH + " activations"
                                : "active before the damaged " + events.damaged().get(0).describe())
                        + "; name the version to activate with dataflow.version."));
    }

    /**
     * Fails unless version {@code version} of {@code workflowId} is visible, with the message rollback gives (the
     * deployed ids, or the workflow's versions).
     */
    public void requireVisible(String workflowId, int version) {
        WorkflowIds.parse(workflowId);
        if (versions.newest(workflowId, 0).visible().isEmpty()) {
            throw unknownWorkflow(workflowId);
        }
        requireVersion(workflowId, version);
    }

    private int requireVersion(String workflowId, int version) {
        if (version < 1 || !store.exists(BundleLayout.manifestKey(workflowId, version))) {
            List<Integer> known = versions.visible(workflowId);
            throw new InvalidInputException("Workflow " + workflowId + " has no version " + version
                    + " (dataflow.version); its versions are " + join(known) + ".");
        }
        return version;
    }

    // ---- reading

    /** The newest {@value #DEFAULT_HISTORY_LIMIT} versions of one workflow, with their recent activations. */
    public HistoryReport history(String workflowId) {
        return history(workflowId, DEFAULT_HISTORY_LIMIT);
    }

    /**
     * The visible versions of one workflow, newest first, with what each is made of, and the workflow's activations.
     * Costs a bounded number of reads, whatever the length of the history: one per version shown and one per
     * activation listed.
     *
     * @param limit how many versions (and activations) to show; 0 shows all
     */
    public HistoryReport history(String workflowId, int limit) {
        WorkflowIds.parse(workflowId);
        if (limit < 0) {
            throw new InvalidInputException("dataflow.limit is " + limit + "; give the number of versions to show, or 0"
                    + " for all.");
        }
        ActivationState state = activations.state();
        ActiveVersion active = state.entry(workflowId).orElse(null);
        WorkflowVersions.Newest newest = versions.newest(workflowId, active == null ? 0 : active.highest());
        if (newest.visible().isEmpty()) {
            throw unknownWorkflow(workflowId);
        }
        int max = limit <= 0 ? Integer.MAX_VALUE : limit;
        List<DamagedRecord> damaged = new ArrayList<>(state.damaged());
        List<Manifest> shown = new ArrayList<>();
        int next = newest.visible().get();
        while (shown.size() < max && next >= 1) {
            int from = next;
            List<Integer> batch = IntStream.range(0, Math.min(max - shown.size(), next)).mapToObj(i -> from - i).toList();
            for (WorkflowVersions.ManifestRead read : Parallel.map(batch, v -> versions.read(workflowId, v))) {
                if (read.manifest() != null) {
                    shown.add(read.manifest());
                } else if (read.damaged() != null) {
                    damaged.add(read.damaged());
                }
            }
            next -= batch.size();
        }
        ActivationLog.Events events = activations.events(state, workflowId, max);
        damaged.addAll(events.damaged());
        Map<Integer, List<HistoryReport.ActivationEntry>> activationsByVersion = events.events().stream()
                .collect(Collectors.groupingBy(ActivationState.Event::version, Collectors.mapping(
                        event -> new HistoryReport.ActivationEntry(event.sequence(), event.kind(), event.time(),
                                event.deployer()), Collectors.toList())));
        Integer activeVersion = active == null ? null : active.version();
        List<HistoryReport.VersionEntry> entries = new ArrayList<>();
        Set<String> collected = gc.collectedUnder(BundleLayout.versionsPrefix(workflowId));
        for (Manifest manifest : shown) {
            int version = manifest.version();
            String manifestKey = BundleLayout.manifestKey(workflowId, version);
            Instant collectedAt = collected.contains(manifestKey)
                    ? gc.tombstone(manifestKey).map(GcRecords.Tombstone::collectedAt).orElse(null) : null;
            entries.add(new HistoryReport.VersionEntry(version, Integer.valueOf(version).equals(activeVersion),
                    manifest.createdAt(), manifest.deployer(), manifest.git().branch(), manifest.git().commit(),
                    manifest.git().dirty(), manifest.workflow().sha256(),
                    manifest.assets().stream().map(asset -> new HistoryReport.AssetEntry(asset.uuid(), asset.sha256(),
                            asset.size(), asset.registryLocation())).toList(),
                    manifest.files().stream().map(file -> new HistoryReport.FileEntry(file.path(), file.sha256(),
                            file.size())).toList(),
                    activationsByVersion.getOrDefault(version, List.of()),
                    manifest.picture() == null || collectedAt != null ? null : store.locationOf(manifest.picture().key()),
                    collectedAt));
        }
        return new HistoryReport(workflowId, activeVersion, entries, next < 1, events.complete(), damaged);
    }

    /** Every deployed workflow with its active and newest version; lists every workflow's version files. */
    public DeployedWorkflowsReport deployed() {
        ActivationState state = activations.state();
        warnAboutDamaged(state.damaged());
        List<DeployedWorkflowsReport.WorkflowEntry> entries = new ArrayList<>();
        versions.visibleByWorkflow().forEach((workflowId, visible) -> {
            WorkflowIds.Scoped scoped = WorkflowIds.parse(workflowId);
            Optional<ActiveVersion> active = state.entry(workflowId);
            entries.add(new DeployedWorkflowsReport.WorkflowEntry(workflowId, scoped.id(), scoped.branch(),
                    active.map(ActiveVersion::version).orElse(null), active.map(ActiveVersion::time).orElse(null),
                    visible.get(0)));
        });
        return new DeployedWorkflowsReport(entries);
    }

    /** The active version of a workflow; empty when none was ever activated or the workflow is unknown. */
    public Optional<Integer> activeVersion(String workflowId) {
        return activations.state().active(workflowId);
    }

    /** Which version of every workflow is active: one read of the newest activation record (and its snapshot). */
    public ActivationState activationState() {
        return activations.state();
    }

    /** The manifest of one visible version; fails when it is damaged. */
    public Optional<Manifest> manifest(String workflowId, int version) {
        return versions.manifest(workflowId, version);
    }

    /**
     * Every activation record, activation snapshot and manifest that cannot be read, by key. Reads the whole log
     * and every manifest: meant for {@code dataflow:check-registry}, not for deploys.
     */
    public List<DamagedRecord> damagedRecords() {
        List<DamagedRecord> damaged = new ArrayList<>(activations.verify());
        for (String key : store.list(BundleLayout.WORKFLOWS)) {
            BundleLayout.parse(key).filter(BundleLayout.VersionFile::manifest)
                    .map(file -> versions.read(file.workflowId(), file.version()).damaged())
                    .filter(Objects::nonNull).ifPresent(damaged::add);
        }
        return damaged;
    }

    private void warnAboutDamaged(List<DamagedRecord> damaged) {
        for (DamagedRecord record : damaged) {
            log.warn("Skipped damaged activation record " + record.describe() + ": the active versions are those of"
                    + " the newest readable record before it. Restore it from a backup if you have one"
                    + " (mvn dataflow:check-registry lists every damaged record).");
        }
    }

    private InvalidInputException unknownWorkflow(String workflowId) {
        List<String> ids = versions.workflowIds();
        return new InvalidInputException("Unknown workflow '" + workflowId + "' in dataflow.workflow; "
                + (ids.isEmpty() ? "the registry " + store.root() + " holds no workflow yet."
                        : "deployed workflows: " + String.join(", ", ids) + "."));
    }

    private static String join(List<Integer> versions) {
        String shown = versions.stream().limit(VERSIONS_IN_MESSAGES).map(String::valueOf)
                .collect(Collectors.joining(", "));
        return versions.size() > VERSIONS_IN_MESSAGES ? shown + ", \u2026" : shown;
    }

    private Manifest manifest(String workflowId, int version, String releaseId, WorkflowCandidate candidate,
            byte[] rendered, byte[] picture, ReleaseContext context) {
        GitState git = context.git();
        List<Manifest.Asset> assets = uniqueAssets(candidate).stream()
                .map(asset -> new Manifest.Asset(asset.id().format(), asset.key(), asset.location(),
                        BundleLayout.assetKey(workflowId, version, asset.id().format(), asset.key()), asset.sha256(),
                        asset.size()))
                .toList();
        List<Manifest.File> files = uniqueFiles(candidate).stream()
                .map(file -> new Manifest.File(file.relativePath(), file.key(),
                        BundleLayout.fileKey(workflowId, version, file.relativePath()), file.sha256(), file.size()))
                .toList();
        return new Manifest(Manifest.SCHEMA_VERSION, workflowId, version, releaseId, context.now(),
                context.deployer(), context.toolVersion(),
                new Manifest.Git(git.owner(), git.repo(), git.branch(), git.commit(), git.dirty(), git.remoteUrl()),
                new Manifest.Workflow(candidate.sourcePath(), BundleLayout.renderedKey(workflowId, version),
                        Sha256.of(rendered), rendered.length),
                assets, files, picture == null ? null
                        : new Manifest.Picture(BundleLayout.pictureKey(workflowId, version), Sha256.of(picture),
                                picture.length));
    }

    /**
     * Everything that can be wrong with the input is checked before the first write, so that bad input changes
     * nothing in the registry.
     */
    private Map<String, WorkflowCandidate> checkCandidates(List<WorkflowCandidate> candidates, GitState git,
            Set<String> notStoredYet) {
        Map<String, WorkflowCandidate> byId = new LinkedHashMap<>();
        for (WorkflowCandidate candidate : candidates) {
            String workflowId = WorkflowIds.scoped(
                    WorkflowIds.validate(candidate.workflowId(), candidate.sourcePath()), git);
            WorkflowCandidate clash = byId.putIfAbsent(workflowId, candidate);
            if (clash != null) {
                throw new InvalidInputException("Workflow id '" + candidate.workflowId() + "' is used by both "
                        + clash.sourcePath() + " and " + candidate.sourcePath()
                        + "; workflow ids must be unique: rename one of them.");
            }
            for (AssetBuild asset : candidate.assets()) {
                if (!notStoredYet.contains(asset.key()) && !store.exists(asset.key())) {
                    throw new EnvironmentException("Asset " + asset.id() + " referenced by " + candidate.sourcePath()
                            + " is missing from the registry at " + store.locationOf(asset.key())
                            + "; deploy the asset again.");
                }
            }
            for (BundledFile file : candidate.files()) {
                checkFile(candidate, file);
            }
        }
        return byId;
    }

    private static void checkFile(WorkflowCandidate candidate, BundledFile file) {
        String path = file.relativePath();
        boolean escapes = path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || Arrays.stream(path.split("/", -1)).anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."));
        if (escapes) {
            throw new InvalidInputException("File '" + path + "' referenced by " + candidate.sourcePath()
                    + " is not a normalised path inside the repository; reference a file of this repository.");
        }
        if (!Files.isRegularFile(file.source())) {
            throw new InvalidInputException("File " + file.source() + " referenced by " + candidate.sourcePath()
                    + " does not exist; restore it or remove the $S3{} reference.");
        }
        if (!Sha256.of(file.source()).equals(file.sha256())) {
            throw new InvalidInputException("File " + file.source() + " referenced by " + candidate.sourcePath()
                    + " changed after the workflow was rendered; run the deploy again.");
        }
        String expectedKey = BundledFile.contentKey(file.sha256(), file.source().getFileName().toString());
        if (!file.key().equals(expectedKey)) {
            throw new IllegalArgumentException("Content key of " + path + " must be " + expectedKey + ", was " + file.key());
        }
    }

    private static List<AssetBuild> uniqueAssets(WorkflowCandidate candidate) {
        Set<String> seen = new HashSet<>();
        return candidate.assets().stream().filter(asset -> seen.add(asset.id().format()))
                .sorted(Comparator.comparing(asset -> asset.id().format())).toList();
    }

    private static List<BundledFile> uniqueFiles(WorkflowCandidate candidate) {
        Set<String> seen = new HashSet<>();
        return candidate.files().stream().filter(file -> seen.add(file.relativePath()))
                .sorted(Comparator.comparing(BundledFile::relativePath)).toList();
    }

}
