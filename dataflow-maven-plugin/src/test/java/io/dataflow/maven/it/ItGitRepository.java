package io.dataflow.maven.it;

import java.io.File;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Used by the invoker ITs' setup scripts: makes each IT project its own git repository. Invoker copies
 * the projects inside this project's own checkout, where discovery would otherwise see the outer one.
 */
public final class ItGitRepository {

    private ItGitRepository() {}

    /** Initialises {@code dir} on branch {@code master}, commits every file and sets the origin remote. */
    public static String init(File dir, String originUrl) throws Exception {
        try (Git git = Git.init().setDirectory(dir).setInitialBranch("master").call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Dataflow IT");
            config.setString("user", null, "email", "it@example.com");
            config.setString("remote", "origin", "url", originUrl);
            config.save();
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
