package io.dataflow.core.workflow;

import io.dataflow.core.identity.GitState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The workflow fixtures of {@code src/test/resources/workflows}, copied into a throw-away repository. */
final class WorkflowFixtures {

    static final String COMMIT = "39206ee8" + "a1b2c3d4".repeat(4);

    private WorkflowFixtures() {}

    /** Copies the fixtures to {@code repository} (a temp dir standing in for a work tree) and returns it. */
    static Path copyTo(Path repository) {
        try {
            Path source = Path.of(WorkflowFixtures.class.getResource("/workflows").toURI());
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Path target = repository.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                }
            }
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A git state on {@code branch} of user/stranger-data with mainline {@code master}. */
    static GitState git(Path workTree, String branch) {
        return new GitState(workTree, "user", "stranger-data", branch, COMMIT, false,
                "https://github.com/user/stranger-data.git", "master");
    }
}
