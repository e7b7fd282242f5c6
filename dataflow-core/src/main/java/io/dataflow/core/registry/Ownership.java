package io.dataflow.core.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.BranchNames;
import io.dataflow.core.identity.GitState;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which repository owns a namespace or a workflow id. The first repository to deploy one claims it by creating
 * {@code owners/namespaces/<namespace>.json} or {@code owners/workflows/<id>.json} if absent, so of two first
 * deploys racing exactly one wins; afterwards only that repository may deploy it. Other repositories can still
 * reference its builds and run its workflows.
 *
 * <p>A namespace or workflow id without a record (a registry written before records existed) is claimed by the
 * next repository that deploys it.
 */
public final class Ownership {

    public static final String PREFIX = "owners/";
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What is owned. */
    public enum Kind {
        NAMESPACE("namespaces", "namespace"),
        WORKFLOW("workflows", "workflow id");

        private final String folder;
        private final String label;

        Kind(String folder, String label) {
            this.folder = folder;
            this.label = label;
        }

        String key(String name) {
            return PREFIX + folder + "/" + name + ".json";
        }
    }

    /**
     * The content of an ownership record.
     *
     * @param owner the repository owner as in asset identities (from the origin URL)
     * @param repo the repository name as in asset identities
     * @param remote the origin URL without credentials, or {@code null}
     * @param claimedAt when the first deploy claimed it (informational only)
     * @param claimedBy who deployed
     * @param nonce unique per claim, so that two claims never have the same bytes
     */
    public record Owner(int schemaVersion, String kind, String name, String owner, String repo, String remote,
            String claimedAt, String claimedBy, String nonce) {

        /** {@code owner/repo}, as users know the repository. */
        public String repository() {
            return owner + "/" + repo;
        }

        /** Whether {@code git} is this repository: the same owner and repository segments as in asset identities. */
        public boolean ownedBy(GitState git) {
            return Ownership.line(owner, repo).equals(Ownership.line(git.owner(), git.repo()));
        }

        /** The {@code <owner>/<repo>} segments of this repository's asset lines. */
        public String line() {
            return Ownership.line(owner, repo);
        }
    }

    private final ObjectStore store;
    /** Key -> record; a record is never changed once created, and absence is re-checked before claiming. */
    private final ConcurrentMap<String, Owner> owners = new ConcurrentHashMap<>();

    public Ownership(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The owner of a namespace or workflow id; empty when nobody claimed it yet. */
    public Optional<Owner> owner(Kind kind, String name) {
        String key = kind.key(name);
        Owner cached = owners.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Owner> read = store.read(key).map(bytes -> parse(key, bytes));
        read.ifPresent(owner -> owners.put(key, owner));
        return read;
    }

    /**
     * Fails unless {@code git}'s repository may deploy the namespace: it owns it, or nobody does yet.
     *
     * @param where the file that configures the asset, named in the message
     */
    public void requireNamespace(AssetType type, String namespace, GitState git, String where) {
        owner(Kind.NAMESPACE, namespace).filter(owner -> !owner.ownedBy(git))
                .ifPresent(owner -> { throw notOwner(Kind.NAMESPACE, namespace, owner, git, where,
                        "Give the asset a namespace of its own, or deploy it from " + owner.repository()
                                + ". Workflows of this repository can still use that repository's builds: ${dataflow."
                                + type.id() + "." + namespace + "}."); });
    }

    /**
     * Fails unless {@code git}'s repository may release the workflow id: it owns it, or nobody does yet.
     *
     * @param yamlId the id in the workflow file (branch-scoped ids belong to the owner of their id)
     * @param where the workflow file, named in the message
     */
    public void requireWorkflow(String yamlId, GitState git, String where) {
        owner(Kind.WORKFLOW, yamlId).filter(owner -> !owner.ownedBy(git))
                .ifPresent(owner -> { throw notOwner(Kind.WORKFLOW, yamlId, owner, git, where,
                        "Rename it in the Workflow: id field, or release it from " + owner.repository()
                                + ". Workflows of this repository can still run it as a subworkflow."); });
    }

    /**
     * Claims a namespace or workflow id for {@code git}'s repository unless it is claimed already; of two racing
     * claims exactly one wins.
     *
     * @return the owner: {@code git}'s repository, or the one that claimed it first
     */
    public Owner claim(Kind kind, String name, GitState git, String deployer) {
        Optional<Owner> existing = owner(kind, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Owner claim = new Owner(SCHEMA_VERSION, kind.name().toLowerCase(java.util.Locale.ROOT), name, git.owner(),
                git.repo(), git.remoteUrl(), Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), deployer,
                UUID.randomUUID().toString());
        String key = kind.key(name);
        if (store.createIfAbsent(key, bytes(claim))) {
            owners.put(key, claim);
            return claim;
        }
        owners.remove(key);
        return owner(kind, name).orElseThrow(() -> new EnvironmentException("Ownership record "
                + store.locationOf(key) + " exists but cannot be read back; check the registry's consistency."));
    }

    /** Claims the namespace when nobody owns it, then fails unless {@code git}'s repository owns it. */
    public void claimNamespace(AssetType type, String namespace, GitState git, String deployer, String where) {
        claim(Kind.NAMESPACE, namespace, git, deployer);
        requireNamespace(type, namespace, git, where);
    }

    /** Claims the workflow id when nobody owns it, then fails unless {@code git}'s repository owns it. */
    public void claimWorkflow(String yamlId, GitState git, String deployer, String where) {
        claim(Kind.WORKFLOW, yamlId, git, deployer);
        requireWorkflow(yamlId, git, where);
    }

    private InvalidInputException notOwner(Kind kind, String name, Owner owner, GitState git, String where,
            String fix) {
        String label = kind.label.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + kind.label.substring(1);
        return new InvalidInputException(label + " '" + name + "' (" + where + ") belongs to repository "
                + owner.repository() + " (claimed by " + owner.claimedBy() + " at " + owner.claimedAt()
                + "), so this repository (" + git.owner() + "/" + git.repo() + ") cannot deploy it. Nothing was "
                + "written to the registry. " + fix);
    }

    private Owner parse(String key, byte[] bytes) {
        try {
            Owner owner = JSON.readValue(bytes, Owner.class);
            if (owner.owner() == null || owner.repo() == null || owner.name() == null) {
                throw new IOException("owner, repo or name is missing");
            }
            return owner;
        } catch (IOException e) {
            throw new EnvironmentException("Ownership record " + store.locationOf(key) + " is damaged ("
                    + e.getMessage().lines().findFirst().orElse("") + "); it decides which repository may deploy "
                    + "that name. Restore it from a backup, or remove it so that the next deploy claims the name.", e);
        }
    }

    private static byte[] bytes(Owner owner) {
        try {
            return JSON.writeValueAsBytes(owner);
        } catch (IOException e) {
            throw new IllegalStateException("Ownership records are plain values and always serialise", e);
        }
    }

    private static String line(String owner, String repo) {
        return BranchNames.sanitize(owner) + "/" + BranchNames.sanitize(repo);
    }
}
