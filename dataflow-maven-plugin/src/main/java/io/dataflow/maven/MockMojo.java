package io.dataflow.maven;

import io.dataflow.contract.mock.MockSample;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.run.TableMocks;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.toolchain.ToolchainManager;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes a YAML mock in the samples' format from a real table of the local Iceberg warehouse (the one
 * {@code dataflow:run} writes): column types from the table's schema, a deterministic sample (ordered by every
 * column, then the first rows), values that the samples' tests read back exactly. Spark runs in a forked JVM, as for
 * {@code dataflow:run}.
 *
 * <pre>mvn dataflow:mock -Ddataflow.table=sample_db.top_titles -Ddataflow.rows=20 -Ddataflow.where="views &gt; 0"</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "mock", aggregator = true, threadSafe = true, requiresProject = false)
public class MockMojo extends AbstractSparkMojo {

    /**
     * The table to sample, as {@code db.table} of the run's catalog.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TABLE)
    private String table;

    /**
     * How many rows the mock holds at most.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ROWS, defaultValue = "" + MockSample.DEFAULT_ROWS)
    private int rows;

    /**
     * A Spark SQL condition the sampled rows meet, e.g. {@code views > 0}. Empty samples every row.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WHERE)
    private String where;

    /**
     * The mock file to write, relative to the working directory. Empty means
     * {@code src/test/resources/mocks/<table>.yaml} of the project (of the working directory outside a project).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT)
    private String output;

    /**
     * Replace the mock file when it exists; without it an existing file is never overwritten.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
    private boolean force;

    @Inject
    public MockMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem,
            ToolchainManager toolchainManager) {
        super(settingsDecrypter, repositorySystem, toolchainManager);
    }

    @Override
    protected String goal() {
        return "dataflow:mock";
    }

    @Override
    protected void run(DataflowLog log) {
        MockSample sample = TableMocks.sample(table, rows, where);
        Path directory = project.getBasedir() != null ? project.getBasedir().toPath()
                : Path.of(session.getRequest().getBaseDirectory());
        Path file = output == null || output.isBlank() ? TableMocks.defaultOutput(directory, sample)
                : Path.of(output.strip()).toAbsolutePath(); // like dataflow.output of the listing goals
        TableMocks.MockRequest request = new TableMocks.MockRequest(sample, master(), warehouse(),
                file.toAbsolutePath().normalize(), force, catalog());
        // Bad parameters and an existing file fail before a Spark JVM starts.
        TableMocks.checkOutput(request);
        new TableMocks(log).write(request, sparkJvm(log).launch());
    }
}
