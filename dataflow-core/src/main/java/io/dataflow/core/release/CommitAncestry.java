package io.dataflow.core.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** How the commit being deployed relates to the commit of an active version, as far as the local clone knows. */
final class CommitAncestry {

    enum Relation {
        /** The same commit. */
        SAME,
        /** The deployed commit descends from the active one: a normal forward deploy. */
        NEWER,
        /** The deployed commit is an ancestor of the active one: deploying it would go back. */
        OLDER,
        /** Neither is an ancestor of the other (rewritten history, or a deploy from elsewhere). */
        DIVERGED,
        /** The clone does not hold the active commit (or the walk crossed a shallow boundary). */
        UNKNOWN
    }

    /** @param shallow the clone is shallow ({@code .git/shallow} exists): part of the history is not there */
    record Result(Relation relation, boolean shallow) {}

    private CommitAncestry() {}

    static Result relate(Path workTree, String deployed, String active) {
        if (active != null && active.equals(deployed)) {
            return new Result(Relation.SAME, false);
        }
        if (active == null || !ObjectId.isId(active) || !ObjectId.isId(deployed)) {
            return new Result(Relation.UNKNOWN, false);
        }
        try (Repository repository = new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repository)) {
            boolean shallow = Files.exists(repository.getDirectory().toPath().resolve("shallow"));
            ObjectId activeId = ObjectId.fromString(active);
            if (!repository.getObjectDatabase().has(activeId)) {
                return new Result(Relation.UNKNOWN, shallow);
            }
            RevCommit deployedCommit = walk.parseCommit(ObjectId.fromString(deployed));
            RevCommit activeCommit = walk.parseCommit(activeId);
            if (walk.isMergedInto(deployedCommit, activeCommit)) {
                return new Result(Relation.OLDER, shallow);
            }
            walk.reset();
            if (walk.isMergedInto(activeCommit, deployedCommit)) {
                return new Result(Relation.NEWER, shallow);
            }
            // In a shallow clone the path between the two may lie beyond the boundary.
            return new Result(shallow ? Relation.UNKNOWN : Relation.DIVERGED, shallow);
        } catch (MissingObjectException e) {
            return new Result(Relation.UNKNOWN, true);
        } catch (IOException e) {
            return new Result(Relation.UNKNOWN, false);
        }
    }
}
