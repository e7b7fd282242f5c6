package io.dataflow.core.project;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.identity.BranchNames;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.ObjectStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps two branches of one repository from sharing a line. Sanitizing is lossy ({@code feature/x.y} and
 * {@code feature/x-y} both become {@code feature-x-y}), and the sanitized segment names both the asset build lines
 * ({@code jars/<ns>/<owner>/<repo>/<segment>/}) and the branch-scoped workflow ids ({@code <id>@<segment>}). The
 * first deploy of a segment binds it to its original branch name with a create-if-absent record,
 * {@code branches/<owner>/<repo>/<segment>.json}, so of two racing first deploys exactly one wins; every later deploy
 * from another original name that sanitizes the same way is refused before it writes anything.
 */
public final class BranchClaims {

    public static final String FOLDER = "branches/";

    /**
     * The stored record; {@code nonce} makes its bytes unique (S3 ETags are content digests).
     *
     * @param branch the original branch name that owns the segment
     */
    record BranchClaim(int schemaVersion, String owner, String repo, String segment, String branch,
            Instant claimedAt, String nonce) {}

    private final ObjectStore store;

    BranchClaims(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** {@code branches/<owner>/<repo>/<segment>.json}, with owner and repository sanitized as in asset ids. */
    static String key(GitState git) {
        return FOLDER + BranchNames.sanitize(git.owner()) + "/" + BranchNames.sanitize(git.repo()) + "/"
                + git.sanitizedBranch() + ".json";
    }

    /** The original branch name holding this state's segment, when another branch than this state's holds it. */
    Optional<String> heldByAnotherBranch(GitState git) {
        return holder(git).filter(holder -> !holder.equals(git.branch()));
    }

    /**
     * Binds this state's segment to its original branch name, or confirms the binding an earlier deploy made. Writes
     * at most one small record; call it after every check that can fail and before the first other write, which its
     * refusal message takes for granted.
     *
     * @throws InvalidInputException when another branch holds the segment
     */
    void claim(GitState git) {
        Optional<String> holder = holder(git);
        if (holder.isEmpty()) {
            BranchClaim claim = new BranchClaim(1, git.owner(), git.repo(), git.sanitizedBranch(), git.branch(),
                    Instant.now(), UUID.randomUUID().toString());
            if (store.createIfAbsent(key(git), Json.bytes(claim))) {
                return;
            }
            holder = holder(git); // a racing first deploy created it a moment ago
        }
        String owner = holder.orElseThrow(() -> new IllegalStateException(key(git) + " vanished after it existed"));
        if (!owner.equals(git.branch())) {
            // Lost the race to another branch's first deploy; this one has written nothing yet.
            throw new InvalidInputException(collisionMessage(git, owner) + " " + DataflowProject.NOTHING_DEPLOYED);
        }
    }

    /** The refusal: which two names collide, why that matters, and both ways out. */
    String collisionMessage(GitState git, String holder) {
        return "Branch '" + git.branch() + "' cannot deploy: its name becomes '" + git.sanitizedBranch()
                + "' in asset ids and workflow ids, and the registry already gives '" + git.sanitizedBranch()
                + "' of " + git.owner() + "/" + git.repo() + " to branch '" + holder + "' (" + store.locationOf(key(git))
                + "). Two branches never share builds or workflow versions. Rename this branch (git branch -m <new "
                + "name>) or deploy it under another name with -Ddataflow.branch=<name>.";
    }

    private Optional<String> holder(GitState git) {
        String key = key(git);
        return store.read(key).map(bytes -> {
            String branch = Json.read(bytes, BranchClaim.class, store.locationOf(key)).branch();
            if (branch == null || branch.isEmpty()) {
                throw new EnvironmentException("Registry object " + store.locationOf(key) + " names no branch; was it "
                        + "edited by hand? It binds '" + git.sanitizedBranch() + "' to one branch of " + git.owner()
                        + "/" + git.repo() + ": restore it, or delete it when no other branch deployed as '"
                        + git.sanitizedBranch() + "'.");
            }
            return branch;
        });
    }
}
