package io.dataflow.maven.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

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
            Path exclude = dir.toPath().resolve(".git/info/exclude");
            Files.createDirectories(exclude.getParent());
            Files.writeString(exclude, "build.log\n", StandardCharsets.UTF_8);
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("IT project").setSign(false).call().name();
        }
    }

    /** The full HEAD commit of the repository at {@code dir}. */
    public static String head(File dir) throws Exception {
        try (Git git = Git.open(dir)) {
            return git.getRepository().resolve("HEAD").name();
        }
    }
}
