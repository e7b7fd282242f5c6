package io.dataflow.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitStateReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsOwnerRepoBranchAndCommitFromAnSshRemote() throws Exception {
        try (Git git = init(dir, "master")) {
            RevCommit commit = commitFile(git, "pom.xml", "<project/>");
            setOrigin(git, "git@github.com:user/stranger-data.git");

            GitState state = GitStateReader.read(dir, GitOptions.none());

            assertThat(state.workTree()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(state.owner()).isEqualTo("user");
            assertThat(state.repo()).isEqualTo("stranger-data");
            assertThat(state.branch()).isEqualTo("master");
            assertThat(state.commit()).isEqualTo(commit.name()).hasSize(40);
            assertThat(state.shortCommit()).isEqualTo(commit.name().substring(0, 8));
            assertThat(state.remoteUrl()).isEqualTo("git@github.com:user/stranger-data.git");
            assertThat(state.dirty()).isFalse();
            assertThat(state.mainBranch()).isEqualTo("master");
        }
    }

    @Test
    void readsSshSchemeHttpsFileAndPlainPathRemotes() throws Exception {
        try (Git git = init(dir, "main")) {
            commitFile(git, "a.txt", "a");
            Map<String, String> expected = Map.of(
                    "ssh://git@example.com:2222/team/pipelines.git", "team/pipelines",
                    "https://github.com/user/stranger-data", "user/stranger-data",
                    "file:///srv/git/owner1/repo1.git", "owner1/repo1",
                    "/srv/git/owner2/repo2", "owner2/repo2");
            for (Map.Entry<String, String> remote : expected.entrySet()) {
                setOrigin(git, remote.getKey());

                GitState state = GitStateReader.read(dir, GitOptions.none());

                assertThat(state.owner() + "/" + state.repo()).as(remote.getKey()).isEqualTo(remote.getValue());
                assertThat(state.remoteUrl()).isEqualTo(remote.getKey());
            }
        }
    }

    @Test
    void stripsCredentialsFromTheRemoteUrl() throws Exception {
        try (Git git = init(dir, "main")) {
            commitFile(git, "a.txt", "a");
            setOrigin(git, "https://someone:s3cr3t-token@github.com/user/stranger-data.git");

            GitState state = GitStateReader.read(dir, GitOptions.none());

            assertThat(state.remoteUrl()).isEqualTo("https://github.com/user/stranger-data.git");
            assertThat(state.toString()).doesNotContain("s3cr3t-token").doesNotContain("someone");
            assertThat(state.owner()).isEqualTo("user");
        }
    }

    @Test
    void sanitizesBranchNamesForIdsButKeepsTheOriginal() throws Exception {
        try (Git git = init(dir, "main")) {
            commitFile(git, "a.txt", "a");
            setOrigin(git, "git@github.com:user/stranger-data.git");
            git.checkout().setCreateBranch(true).setName("feature/x.y").call();

            GitState state = GitStateReader.read(dir, GitOptions.none());

            assertThat(state.branch()).isEqualTo("feature/x.y");
            assertThat(state.sanitizedBranch()).isEqualTo("feature-x-y");
            assertThat(state.assetId(AssetType.JAR, "scala-workflow", 3).format()).isEqualTo(
                    "dataflow.jar.scala-workflow.user.stranger-data.feature-x-y." + state.shortCommit() + ".3");
            assertThat(state.mainBranch()).isEqualTo("main");
            assertThat(state.onMainBranch()).isFalse();
        }
    }

    @Test
    void detachedHeadTakesTheBranchFromCiVariablesInOrder() throws Exception {
        try (Git git = init(dir, "main")) {
            RevCommit commit = commitFile(git, "a.txt", "a");
            setOrigin(git, "git@github.com:user/stranger-data.git");
            git.checkout().setName(commit.name()).call();

            GitState fromRefName = GitStateReader.read(dir, options(Map.of(
                    "GITHUB_REF_NAME", "refs/heads/release/1.0", "BRANCH_NAME", "ignored")));
            GitState fromHeadRef = GitStateReader.read(dir, options(Map.of(
                    "GITHUB_HEAD_REF", "pr-branch", "GITHUB_REF_NAME", "42/merge")));
            GitState blankHeadRef = GitStateReader.read(dir, options(Map.of(
                    "GITHUB_HEAD_REF", "", "CI_COMMIT_REF_NAME", "gitlab-branch")));
            GitState jenkins = GitStateReader.read(dir, options(Map.of("GIT_BRANCH", "origin/develop")));

            assertThat(fromRefName.branch()).isEqualTo("release/1.0");
            assertThat(fromHeadRef.branch()).isEqualTo("pr-branch");
            assertThat(blankHeadRef.branch()).isEqualTo("gitlab-branch");
            assertThat(jenkins.branch()).isEqualTo("develop");
            assertThat(fromRefName.commit()).isEqualTo(commit.name());
        }
    }

    @Test
    void branchOverrideWinsOverDetachedHeadAndCiVariables() throws Exception {
        try (Git git = init(dir, "main")) {
            RevCommit commit = commitFile(git, "a.txt", "a");
            setOrigin(git, "git@github.com:user/stranger-data.git");
            git.checkout().setName(commit.name()).call();

            GitState state = GitStateReader.read(dir,
                    new GitOptions("hotfix", null, null, null, Map.of("GITHUB_REF_NAME", "main")));

            assertThat(state.branch()).isEqualTo("hotfix");
        }
    }

    @Test
    void detachedHeadWithoutBranchInformationFailsNamingTheFixes() throws Exception {
        try (Git git = init(dir, "main")) {
            RevCommit commit = commitFile(git, "a.txt", "a");
            setOrigin(git, "git@github.com:user/stranger-data.git");
            git.checkout().setName(commit.name()).call();

            assertThatThrownBy(() -> GitStateReader.read(dir, GitOptions.none()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("HEAD is detached at " + commit.name().substring(0, 8))
                    .hasMessageContaining("-Ddataflow.branch=")
                    .hasMessageContaining("GITHUB_HEAD_REF, GITHUB_REF_NAME, BRANCH_NAME, GIT_BRANCH, CI_COMMIT_REF_NAME");
        }
    }

    @Test
    void reportsTrackedChangesAsDirtyButNotUntrackedFiles() throws Exception {
        try (Git git = init(dir, "main")) {
            commitFile(git, "a.txt", "a");
            setOrigin(git, "git@github.com:user/stranger-data.git");
            Files.writeString(dir.resolve("untracked.txt"), "new");
            assertThat(GitStateReader.read(dir, GitOptions.none()).dirty()).isFalse();

            Files.writeString(dir.resolve("a.txt"), "changed");
            assertThat(GitStateReader.read(dir, GitOptions.none()).dirty()).isTrue();
        }
    }

    @Test
    void mainBranchComesFromOverrideThenRemoteHeadThenMainOrMasterAndIsNeverTheCurrentBranch() throws Exception {
        try (Git git = init(dir, "trunk")) {
            RevCommit commit = commitFile(git, "a.txt", "a");
            setOrigin(git, "git@github.com:user/stranger-data.git");
            GitState alone = GitStateReader.read(dir, GitOptions.none());
            assertThat(alone.mainBranch()).as("the current branch is never taken as mainline").isNull();
            assertThat(alone.mainBranchKnown()).isFalse();
            assertThat(GitStateReader.mainBranch(dir, GitOptions.none())).isEmpty();
            assertThatThrownBy(alone::onMainBranch).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("The mainline branch is unknown")
                    .hasMessageContaining("fetched only branch 'trunk'")
                    .hasMessageContaining("-Ddataflow.mainBranch=<branch>")
                    .hasMessageContaining("<mainBranch>main</mainBranch>");

            setRef(git, "refs/remotes/origin/master", commit);
            assertThat(GitStateReader.read(dir, GitOptions.none()).mainBranch())
                    .as("a remote-tracking master alone").isEqualTo("master");

            git.branchCreate().setName("main").call();
            assertThat(GitStateReader.read(dir, GitOptions.none()).mainBranch())
                    .as("both main and master: which one is a guess").isNull();

            setRef(git, "refs/remotes/origin/develop", commit);
            git.getRepository().updateRef("refs/remotes/origin/HEAD").link("refs/remotes/origin/develop");
            assertThat(GitStateReader.read(dir, GitOptions.none()).mainBranch()).isEqualTo("develop");
            assertThat(GitStateReader.mainBranch(dir, GitOptions.none())).contains("develop");

            GitOptions override = new GitOptions(null, "refs/heads/prod", null, null, Map.of());
            assertThat(GitStateReader.read(dir, override).mainBranch()).isEqualTo("prod");
        }
    }

    @Test
    void aCiCheckoutThatFetchedOnlyTheFeatureRefHasNoMainlineUntilItIsConfigured() throws Exception {
        assumeTrue(GitCli.available(), GitCli.MISSING);
        Path upstream = upstreamWithFeatureBranch(dir.resolve("upstream/user/stranger-data"));
        Path ci = dir.resolve("ci");
        String commit = GitCli.ciCheckout(GitCli.fileUrl(upstream), "feature/x.y", ci);
        Map<String, String> gitlab = Map.of("CI_COMMIT_REF_NAME", "feature/x.y");

        GitState state = GitStateReader.read(ci, options(gitlab));

        assertThat(GitCli.run(ci, "for-each-ref", "--format=%(refname)"))
                .as("test precondition: only the feature ref was fetched").isEqualTo("refs/remotes/origin/feature/x.y");
        assertThat(state.branch()).isEqualTo("feature/x.y");
        assertThat(state.commit()).isEqualTo(commit);
        assertThat(state.owner() + "/" + state.repo()).isEqualTo("user/stranger-data");
        assertThat(state.mainBranch()).isNull();
        assertThatThrownBy(state::requireMainBranch).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("as in a CI checkout that fetched only branch 'feature/x.y'");

        GitState configured = GitStateReader.read(ci, new GitOptions(null, "main", null, null, gitlab));
        assertThat(configured.mainBranch()).isEqualTo("main");
        assertThat(configured.onMainBranch()).isFalse();
    }

    @Test
    void aShallowCloneKnowsTheMainlineFromOriginHeadButASingleBranchCloneDoesNot() throws Exception {
        assumeTrue(GitCli.available(), GitCli.MISSING);
        Path upstream = upstreamWithFeatureBranch(dir.resolve("upstream/user/stranger-data"));
        Path full = dir.resolve("full");
        Path single = dir.resolve("single");
        GitCli.run(dir, "clone", "-q", "--depth", "1", GitCli.fileUrl(upstream), full.toString());
        GitCli.run(dir, "clone", "-q", "--depth", "1", "--single-branch", "--branch", "feature/x.y",
                GitCli.fileUrl(upstream), single.toString());
        assertThat(full.resolve(".git/shallow")).as("test precondition: a shallow clone").exists();
        assertThat(single.resolve(".git/shallow")).exists();

        GitState fullState = GitStateReader.read(full, GitOptions.none());
        GitState singleState = GitStateReader.read(single, GitOptions.none());

        assertThat(fullState.branch()).isEqualTo("main");
        assertThat(fullState.mainBranch()).as("from origin/HEAD").isEqualTo("main");
        assertThat(fullState.onMainBranch()).isTrue();
        assertThat(singleState.branch()).isEqualTo("feature/x.y");
        assertThat(singleState.mainBranch()).isNull();
    }

    @Test
    void projectInASubdirectoryUsesTheRepositoryAbove() throws Exception {
        try (Git git = init(dir, "main")) {
            commitFile(git, "module/pom.xml", "<project/>");
            setOrigin(git, "git@github.com:user/stranger-data.git");

            GitState state = GitStateReader.read(dir.resolve("module"), GitOptions.none());

            assertThat(state.workTree()).isEqualTo(dir.toAbsolutePath().normalize());
        }
    }

    @Test
    void nestedRepositoryInsideAnOuterRepositoryIsReadNotTheOuterOne() throws Exception {
        Path inner = dir.resolve("target/it/deploy");
        try (Git outer = init(dir, "outer-branch"); Git innerGit = init(inner, "inner-branch")) {
            commitFile(outer, "outer.txt", "outer");
            setOrigin(outer, "git@github.com:us/dataflow.git");
            RevCommit innerCommit = commitFile(innerGit, "pom.xml", "<project/>");
            setOrigin(innerGit, "git@github.com:user/stranger-data.git");
            Files.createDirectories(inner.resolve("sub"));

            GitState state = GitStateReader.read(inner.resolve("sub"), GitOptions.none());

            assertThat(state.workTree()).isEqualTo(inner.toAbsolutePath().normalize());
            assertThat(state.branch()).isEqualTo("inner-branch");
            assertThat(state.commit()).isEqualTo(innerCommit.name());
            assertThat(state.repo()).isEqualTo("stranger-data");
        }
    }

    @Test
    void workTreeIsTheNearestDirectoryWithGitOrEmpty() throws Exception {
        Path inner = dir.resolve("outer/inner");
        try (Git outer = init(dir.resolve("outer"), "main"); Git innerGit = init(inner, "main")) {
            Files.createDirectories(inner.resolve("module"));

            assertThat(GitStateReader.workTree(inner.resolve("module"))).contains(inner.toAbsolutePath().normalize());
            assertThat(GitStateReader.workTree(dir.resolve("outer/other"))).contains(dir.resolve("outer").toAbsolutePath().normalize());
            assertThat(GitStateReader.workTree(dir)).isEmpty();
        }
    }

    @Test
    void readsALinkedWorktree() throws Exception {
        Path main = dir.resolve("main");
        Path linked = dir.resolve("linked");
        try (Git git = init(main, "main")) {
            commitFile(git, "a.txt", "a");
            setOrigin(git, "git@github.com:user/stranger-data.git");
            // JGit cannot create worktrees; lay one out the way 'git worktree add' does.
            Path adminDir = main.resolve(".git/worktrees/linked");
            Files.createDirectories(adminDir);
            Files.writeString(adminDir.resolve("HEAD"), "ref: refs/heads/topic\n");
            Files.writeString(adminDir.resolve("commondir"), "../..\n");
            Files.writeString(adminDir.resolve("gitdir"), linked.resolve(".git") + "\n");
            git.branchCreate().setName("topic").call();
            Files.createDirectories(linked);
            Files.writeString(linked.resolve(".git"), "gitdir: " + adminDir + "\n");

            GitState state = GitStateReader.read(linked, GitOptions.none());

            assertThat(state.branch()).isEqualTo("topic");
            assertThat(state.owner()).isEqualTo("user");
            assertThat(state.workTree()).isEqualTo(linked.toAbsolutePath().normalize());
        }
    }

    @Test
    void noRemoteUsesTheConfiguredFallbacks() throws Exception {
        try (Git git = init(dir, "main")) {
            commitFile(git, "a.txt", "a");

            GitState state = GitStateReader.read(dir, new GitOptions(null, null, "me", "my-repo", Map.of()));

            assertThat(state.owner()).isEqualTo("me");
            assertThat(state.repo()).isEqualTo("my-repo");
            assertThat(state.remoteUrl()).isNull();
        }
    }

    @Test
    void noRemoteWithoutFallbacksFailsNamingBothFixes() throws Exception {
        try (Git git = init(dir, "main")) {
            commitFile(git, "a.txt", "a");

            assertThatThrownBy(() -> GitStateReader.read(dir, new GitOptions(null, null, "me", null, Map.of())))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("has no 'origin' remote")
                    .hasMessageContaining("git remote add origin")
                    .hasMessageContaining("-Ddataflow.owner=<owner>")
                    .hasMessageContaining("-Ddataflow.repo=<repo>");
        }
    }

    @Test
    void repositoryWithoutCommitsFailsSayingToCommit() throws Exception {
        try (Git git = init(dir, "main")) {
            assertThatThrownBy(() -> GitStateReader.read(dir, GitOptions.none()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("has no commits yet")
                    .hasMessageContaining("git commit");
        }
    }

    @Test
    void directoryOutsideAnyRepositoryFailsSayingToInitialise() throws Exception {
        // A temp dir is not inside a repository on any sane machine; make sure of it rather than assume.
        assertThat(hasGitAncestor(dir)).as("test precondition: %s must not be inside a git repository", dir).isFalse();

        assertThatThrownBy(() -> GitStateReader.read(dir, GitOptions.none()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not inside a git repository")
                .hasMessageContaining("git init");
    }

    private static boolean hasGitAncestor(Path path) {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /** A repository with {@code main} (one commit) and {@code feature/x.y} (one more), checked out on main. */
    private static Path upstreamWithFeatureBranch(Path directory) throws Exception {
        try (Git git = init(directory, "main")) {
            commitFile(git, "pom.xml", "<project/>");
            git.checkout().setCreateBranch(true).setName("feature/x.y").call();
            commitFile(git, "feature.txt", "feature work");
            git.checkout().setName("main").call();
        }
        return directory;
    }

    private static void setRef(Git git, String ref, RevCommit commit) throws IOException {
        RefUpdate update = git.getRepository().updateRef(ref);
        update.setNewObjectId(commit);
        update.update();
    }

    private static GitOptions options(Map<String, String> environment) {
        return new GitOptions(null, null, null, null, environment);
    }

    private static Git init(Path directory, String branch) throws Exception {
        Files.createDirectories(directory);
        Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(branch).call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", "Test");
        config.setString("user", null, "email", "test@example.com");
        config.setBoolean("commit", null, "gpgsign", false);
        config.save();
        return git;
    }

    private static RevCommit commitFile(Git git, String path, String content) throws Exception {
        Path file = git.getRepository().getWorkTree().toPath().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        git.add().addFilepattern(path).call();
        return git.commit().setMessage("add " + path).setSign(false).call();
    }

    private static void setOrigin(Git git, String url) throws IOException {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", url);
        config.save();
    }

}
