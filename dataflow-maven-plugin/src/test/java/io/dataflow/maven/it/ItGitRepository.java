package io.dataflow.maven.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Used by the invoker ITs' setup scripts: makes each IT project its own git repository. Invoker copies
 * the projects inside this project's own checkout, where discovery would otherwise see the outer one.
 */
public final class ItGitRepository {

    private ItGitRepository() {}

    /**
     * Initialises {@code dir} on branch {@code master}, commits every file and sets the origin remote. Invoker's own
     * {@code build.log} (rewritten by every build of the IT) is excluded, so the work tree stays clean.
     */
    public static String init(File dir, String originUrl) throws Exception {
        try (Git git = Git.init().setDirectory(dir).setInitialBranch("master").call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Dataflow IT");
            config.setString("user", null, "email", "it@example.com");
            config.setString("remote", "origin", "url", originUrl);
            config.save();
            excludeBuildLog(dir);
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("IT project").setSign(false).call().name();
        }
    }

    /**
     * Turns {@code dir} into a CI job's checkout of {@code branch}, made the way GitLab runners make it. First the
     * team's repository is laid out beside it ({@code <dir>-origin/user/stranger-data}): {@code main} holds the IT
     * project, {@code branch} one more commit (a file {@code feature.txt}). Then {@code dir} becomes a new repository
     * whose {@code origin} is that one, which fetches only {@code +refs/heads/<branch>:refs/remotes/origin/<branch>}
     * (depth 1) and checks out its commit detached: no local branch, no {@code origin/HEAD}, no mainline ref.
     *
     * @return the checked-out commit
     */
    public static String ciCheckout(File dir, String branch) throws Exception {
        Path teamDirectory = dir.toPath().resolveSibling(dir.getName() + "-origin");
        deleteTree(teamDirectory); // left by an earlier run of the IT
        Path origin = teamDirectory.resolve("user/stranger-data");
        copyTree(dir.toPath(), origin); // all but build.log, which invoker keeps writing to
        try (Git team = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            identify(team);
            team.add().addFilepattern(".").call();
            team.commit().setMessage("IT project").setSign(false).call();
            team.checkout().setCreateBranch(true).setName(branch).call();
            Files.writeString(origin.resolve("feature.txt"), "work on " + branch + "\n", StandardCharsets.UTF_8);
            team.add().addFilepattern("feature.txt").call();
            team.commit().setMessage("feature work").setSign(false).call();
            team.checkout().setName("main").call();
        }
        try (Git ci = Git.init().setDirectory(dir).call()) {
            identify(ci);
            StoredConfig config = ci.getRepository().getConfig();
            config.setString("remote", "origin", "url", origin.toUri().toString());
            config.save();
            excludeBuildLog(dir);
            String remoteRef = "refs/remotes/origin/" + branch;
            ci.fetch().setRemote("origin").setDepth(1)
                    .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + remoteRef)).call();
            ObjectId commit = ci.getRepository().resolve(remoteRef);
            RefUpdate head = ci.getRepository().updateRef(Constants.HEAD, true);
            head.setNewObjectId(commit);
            head.forceUpdate();
            ci.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
            return commit.name();
        }
    }

    private static void identify(Git git) throws Exception {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", "Dataflow IT");
        config.setString("user", null, "email", "it@example.com");
        config.save();
    }

    private static void excludeBuildLog(File dir) throws Exception {
        Path exclude = dir.toPath().resolve(".git/info/exclude");
        Files.createDirectories(exclude.getParent());
        Files.writeString(exclude, "build.log\n", StandardCharsets.UTF_8);
    }

    private static void copyTree(Path source, Path target) throws Exception {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path from : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (from.equals(source.resolve("build.log"))) {
                    continue;
                }
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The full HEAD commit of the repository at {@code dir}. */
    public static String head(File dir) throws Exception {
        try (Git git = Git.open(dir)) {
            return git.getRepository().resolve("HEAD").name();
        }
    }
}
