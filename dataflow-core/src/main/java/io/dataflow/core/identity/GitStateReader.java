package io.dataflow.core.identity;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads the {@link GitState} of the repository a project lives in, with JGit. */
public final class GitStateReader {

    /** CI variables naming the branch of a detached checkout, in the order they are trusted. */
    public static final List<String> CI_BRANCH_VARIABLES =
            List.of("GITHUB_HEAD_REF", "GITHUB_REF_NAME", "BRANCH_NAME", "GIT_BRANCH", "CI_COMMIT_REF_NAME");

    /** Branch names taken as mainline when nothing more specific says so; never the current branch. */
    static final List<String> MAINLINE_CANDIDATES = List.of("main", "master");

    private static final String ORIGIN = "origin";
    private static final String REMOTE_HEAD = Constants.R_REMOTES + ORIGIN + "/" + Constants.HEAD;

    private GitStateReader() {}

    /**
     * The git state of the repository holding {@code projectDir}. Discovery stops at the first directory,
     * from {@code projectDir} upwards, that contains {@code .git}: a project inside another repository's
     * work tree (a test copy, a sample) is read from its own repository, never the outer one.
     */
    public static GitState read(Path projectDir, GitOptions options) {
        Path workTree = findWorkTree(projectDir);
        // Only the work tree is given, never GIT_DIR and friends from the environment: JGit derives the
        // git dir from <workTree>/.git (a directory, or a file as in linked worktrees).
        try (Repository repository = new FileRepositoryBuilder().setWorkTree(workTree.toFile())
                        .setMustExist(true).build();
                Git git = new Git(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                throw new InvalidInputException("The git repository at " + workTree + " has no commits yet. "
                        + "Dataflow derives asset identities from the HEAD commit: commit your files first "
                        + "(git add -A && git commit -m 'Initial commit').");
            }
            String branch = currentBranch(repository, options, head);
            String remoteUrl = Optional.ofNullable(repository.getConfig().getString("remote", ORIGIN, "url"))
                    .map(RemoteUrls::stripCredentials)
                    .orElse(null);
            RemoteUrls.OwnerRepo ownerRepo = ownerAndRepo(workTree, remoteUrl, options);
            boolean dirty = git.status().call().hasUncommittedChanges();
            return new GitState(workTree, ownerRepo.owner(), ownerRepo.repo(), branch, head.name(), dirty,
                    remoteUrl, mainBranch(repository, options));
        } catch (IOException | GitAPIException e) {
            throw new EnvironmentException("Cannot read the git repository at " + workTree + ": " + e.getMessage(), e);
        }
    }

    /**
     * The work tree of the repository holding {@code projectDir}: the first directory, from there upwards,
     * that contains {@code .git}. Empty outside any repository.
     */
    public static Optional<Path> workTree(Path projectDir) {
        for (Path dir = projectDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(Constants.DOT_GIT))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Path findWorkTree(Path projectDir) {
        Path start = projectDir.toAbsolutePath().normalize();
        return workTree(start).orElseThrow(() -> new InvalidInputException("The project at " + start + " is not inside a git repository. Dataflow "
                + "derives asset identities from git: run 'git init && git add -A && git commit -m \"Initial "
                + "commit\"' in the project's root directory."));
    }

    private static String currentBranch(Repository repository, GitOptions options, ObjectId head) throws IOException {
        if (options.branchOverride() != null) {
            return normalizeBranch(options.branchOverride());
        }
        String fullBranch = repository.getFullBranch();
        if (fullBranch != null && fullBranch.startsWith(Constants.R_HEADS)) {
            return fullBranch.substring(Constants.R_HEADS.length());
        }
        for (String variable : CI_BRANCH_VARIABLES) {
            String value = options.environment().get(variable);
            if (value != null && !value.isBlank()) {
                String branch = normalizeBranch(value.trim());
                // Jenkins reports GIT_BRANCH as "origin/<branch>".
                return variable.equals("GIT_BRANCH") && branch.startsWith(ORIGIN + "/")
                        ? branch.substring(ORIGIN.length() + 1)
                        : branch;
            }
        }
        throw new InvalidInputException("HEAD is detached at " + head.abbreviate(8).name()
                + " and no branch name is known, so the asset identity cannot name a branch. Check out a "
                + "branch, pass -Ddataflow.branch=<branch>, or set one of the CI variables "
                + String.join(", ", CI_BRANCH_VARIABLES) + ".");
    }

    /** {@code refs/heads/x} and {@code refs/remotes/origin/x} both mean branch {@code x}. */
    static String normalizeBranch(String branch) {
        for (String prefix : List.of(Constants.R_HEADS, Constants.R_REMOTES + ORIGIN + "/")) {
            if (branch.startsWith(prefix)) {
                return branch.substring(prefix.length());
            }
        }
        return branch;
    }

    private static RemoteUrls.OwnerRepo ownerAndRepo(Path workTree, String remoteUrl, GitOptions options) {
        Optional<RemoteUrls.OwnerRepo> fromRemote =
                remoteUrl == null ? Optional.empty() : RemoteUrls.ownerAndRepo(remoteUrl);
        if (fromRemote.isPresent()) {
            return fromRemote.get();
        }
        if (options.ownerFallback() != null && options.repoFallback() != null) {
            return new RemoteUrls.OwnerRepo(options.ownerFallback(), options.repoFallback());
        }
        String problem = remoteUrl == null
                ? "has no 'origin' remote"
                : "has an 'origin' remote (" + remoteUrl + ") without <owner>/<repo> in its path";
        throw new InvalidInputException("The git repository at " + workTree + " " + problem
                + ", so the asset identity cannot name an owner and repository. Add a remote (git remote add "
                + "origin git@github.com:<owner>/<repo>.git), or set both -Ddataflow.owner=<owner> and "
                + "-Ddataflow.repo=<repo> (plugin parameters <owner> and <repo>).");
    }

    /**
     * The mainline branch of the repository holding {@code projectDir}, or empty when it cannot be determined; reads
     * only refs, so it works where {@link #read} fails (detached HEAD without a branch name, no remote, no commits).
     *
     * @throws InvalidInputException when {@code projectDir} is not inside a git repository
     */
    public static Optional<String> mainBranch(Path projectDir, GitOptions options) {
        Path workTree = findWorkTree(projectDir);
        try (Repository repository = new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true)
                .build()) {
            return Optional.ofNullable(mainBranch(repository, options));
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read the git repository at " + workTree + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code dataflow.mainBranch}, else the branch {@code origin/HEAD} points to, else whichever of {@code main} and
     * {@code master} exists as a local or {@code origin/} remote-tracking branch. {@code null} when none of these
     * answers, or when both {@code main} and {@code master} exist: never the current branch, because a CI checkout
     * that fetched only a feature branch would then deploy as mainline.
     */
    private static String mainBranch(Repository repository, GitOptions options) throws IOException {
        if (options.mainBranchOverride() != null) {
            return normalizeBranch(options.mainBranchOverride());
        }
        Ref remoteHead = repository.exactRef(REMOTE_HEAD);
        if (remoteHead != null && remoteHead.isSymbolic()) {
            return normalizeBranch(remoteHead.getTarget().getName());
        }
        List<String> found = new ArrayList<>();
        for (String candidate : MAINLINE_CANDIDATES) {
            if (repository.exactRef(Constants.R_HEADS + candidate) != null
                    || repository.exactRef(Constants.R_REMOTES + ORIGIN + "/" + candidate) != null) {
                found.add(candidate);
            }
        }
        return found.size() == 1 ? found.get(0) : null;
    }
}
