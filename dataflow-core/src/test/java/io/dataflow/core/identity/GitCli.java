package io.dataflow.core.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real git command line, for checkouts made exactly the way CI runners make them (fetch of one ref, detached
 * HEAD, shallow clones). Isolated from the machine's git configuration and from GIT_* variables of the build.
 */
public final class GitCli {

    /** Why tests that need it are skipped when it is missing. */
    public static final String MISSING = "the git command line is not on the PATH; these tests reproduce CI checkouts "
            + "with the same git commands CI runners use";

    private GitCli() {}

    public static boolean available() {
        try {
            Process process = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code git <args>} in {@code dir} and returns its standard output, trimmed; fails on a non-zero exit. */
    public static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=CI", "-c", "user.email=ci@example.com",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "advice.detachedHead=false"));
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("GIT_"));
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        Path errors = Files.createTempFile("git-stderr", ".txt");
        try {
            Process process = builder.redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir + ": "
                        + Files.readString(errors));
            }
            return output.trim();
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /**
     * A GitLab runner's checkout of {@code branch}: a new repository with {@code origin}, a shallow fetch of only
     * {@code +refs/heads/<branch>:refs/remotes/origin/<branch>}, and {@code git checkout -f --detach <sha>}. No local
     * branch, no {@code origin/HEAD}, no mainline ref.
     *
     * @return the checked-out commit
     */
    public static String ciCheckout(String originUrl, String branch, Path dir) throws IOException, InterruptedException {
        run(dir, "init", "-q");
        run(dir, "remote", "add", "origin", originUrl);
        run(dir, "fetch", "-q", "--depth", "20", "origin",
                "+refs/heads/" + branch + ":refs/remotes/origin/" + branch);
        String commit = run(dir, "rev-parse", "refs/remotes/origin/" + branch);
        run(dir, "checkout", "-q", "-f", "--detach", commit);
        return commit;
    }

    /** {@code file://} URL of a local repository, which git clones and fetches like a remote (shallow too). */
    public static String fileUrl(Path repository) {
        return repository.toAbsolutePath().normalize().toUri().toString();
    }
}
