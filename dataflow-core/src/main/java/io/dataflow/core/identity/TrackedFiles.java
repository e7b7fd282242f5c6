package io.dataflow.core.identity;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Which files of a work tree git tracks (its index, as {@code git ls-files} shows it): what a bundle may ship. A
 * file that is untracked, ignored, or inside a {@code .git} directory exists only on this machine and is often a
 * local secret (a {@code .env}, {@code .git/config} with a token in a remote URL), so it is never shipped.
 * Thread-safe; the index is read once, on first use.
 */
public final class TrackedFiles {

    private static final String DOT_GIT = ".git";

    private final Path workTree;
    private final boolean repository;
    private Set<String> tracked;

    private TrackedFiles(Path workTree, boolean repository) {
        this.workTree = workTree;
        this.repository = repository;
    }

    /**
     * The tracked files of the work tree rooted at {@code workTree}. When {@code workTree} holds no {@code .git}
     * (a project before {@code git init}), nothing can be asked: only {@code .git} paths are refused then.
     */
    public static TrackedFiles of(Path workTree) {
        Path root = workTree.toAbsolutePath().normalize();
        return new TrackedFiles(root, Files.exists(root.resolve(DOT_GIT)));
    }

    /** Why a file must not be shipped. */
    public enum NotShippable {
        GIT_DIRECTORY("inside a .git directory, which holds git's own data (its config may carry credentials in "
                + "remote URLs) and is never shipped; reference a tracked file instead"),
        IGNORED("ignored by git (.gitignore or .git/info/exclude), so it exists only on this machine and is never "
                + "shipped; reference a tracked file, or stop ignoring this one and commit it"),
        UNTRACKED("not tracked by git, so it exists only on this machine and is not shipped; 'git add' and commit "
                + "it, or reference a tracked file");

        private final String why;

        NotShippable(String why) {
            this.why = why;
        }

        /** A phrase completing "the file … is …". */
        public String why() {
            return why;
        }

        /** Whether committing the file would make it shippable; never for {@code .git} paths. */
        public boolean fixedByCommitting() {
            return this != GIT_DIRECTORY;
        }
    }

    /**
     * Why the file at {@code relativePath} must not be shipped, or empty when it may.
     *
     * @param relativePath '/'-separated path relative to the work tree, of the file as it will be read (symbolic
     *     links resolved)
     */
    public Optional<NotShippable> whyNotShippable(String relativePath) {
        if (insideGitDirectory(relativePath)) {
            return Optional.of(NotShippable.GIT_DIRECTORY);
        }
        if (!repository || trackedPaths().contains(relativePath)) {
            return Optional.empty();
        }
        return Optional.of(ignored(relativePath) ? NotShippable.IGNORED : NotShippable.UNTRACKED);
    }

    /** Whether a '/'-separated relative path has a {@code .git} segment (this repository's or a nested one's). */
    public static boolean insideGitDirectory(String relativePath) {
        for (String segment : relativePath.split("/")) {
            if (segment.equalsIgnoreCase(DOT_GIT)) {
                return true;
            }
        }
        return false;
    }

    private synchronized Set<String> trackedPaths() {
        if (tracked == null) {
            tracked = GitIndex.trackedPaths(workTree);
        }
        return tracked;
    }

    /** Only asked for a file that is about to be refused: says which of the two reasons applies. */
    private boolean ignored(String relativePath) {
        return GitIndex.ignored(workTree, relativePath);
    }

    /**
     * Everything that needs JGit, loaded only when there is a repository to ask: renders outside one (the Spark
     * runner's tests render with no JGit on the class path) never load a JGit class.
     */
    private static final class GitIndex {

        static Set<String> trackedPaths(Path workTree) {
            try (Repository repo = open(workTree)) {
                DirCache index = repo.readDirCache();
                Set<String> paths = new HashSet<>(index.getEntryCount() * 2);
                for (int i = 0; i < index.getEntryCount(); i++) {
                    paths.add(index.getEntry(i).getPathString());
                }
                return paths;
            } catch (IOException e) {
                throw unreadable(workTree, e);
            }
        }

        static boolean ignored(Path workTree, String relativePath) {
            try (Repository repo = open(workTree); TreeWalk walk = new TreeWalk(repo)) {
                walk.addTree(new FileTreeIterator(repo));
                walk.setFilter(PathFilter.create(relativePath));
                while (walk.next()) {
                    WorkingTreeIterator entry = walk.getTree(0, WorkingTreeIterator.class);
                    if (entry != null && entry.isEntryIgnored()) {
                        return true; // the file itself, or a directory above it
                    }
                    if (walk.isSubtree()) {
                        walk.enterSubtree();
                    }
                }
                return false;
            } catch (IOException e) {
                throw unreadable(workTree, e);
            }
        }

        private static Repository open(Path workTree) throws IOException {
            return new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true).build();
        }

        private static EnvironmentException unreadable(Path workTree, IOException e) {
            return new EnvironmentException("Cannot read the git index of " + workTree + " to check which files are "
                    + "tracked: " + e.getMessage(), e);
        }
    }
}
