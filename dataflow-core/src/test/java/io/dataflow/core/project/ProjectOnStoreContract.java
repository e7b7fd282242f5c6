package io.dataflow.core.project;

import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.registry.ObjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the project contract tests share: the fixture project in a real git repository, a new store of the backend
 * under test, and a log that records what the engine said.
 */
abstract class ProjectOnStoreContract {

    @TempDir
    Path work;

    ProjectFixture fixture;
    ObjectStore store;
    final RecordingLog log = new RecordingLog();

    /** A new, empty store of the backend under test. */
    abstract ObjectStore newStore(Path scratch);

    @BeforeEach
    void createProject() throws Exception {
        fixture = ProjectFixture.create(work.resolve("user/stranger-data"));
        store = newStore(work.resolve("registry"));
    }

    @AfterEach
    void close() {
        store.close();
        fixture.close();
    }
}
