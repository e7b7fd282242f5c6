package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.params.ParameterOverrides;
import io.dataflow.core.params.SecretNames;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.run.PreparedRun;
import io.dataflow.core.run.RunRecord;
import io.dataflow.core.run.RunRequest;
import io.dataflow.core.run.RunSparkConf;
import io.dataflow.core.run.RunSecrets;
import io.dataflow.core.run.SparkLaunch;
import io.dataflow.core.run.WorkflowRuns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.toolchain.ToolchainManager;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs a deployed workflow version on this machine from its bundle alone: downloads the bundle (and those of its
 * subworkflows), plans it, runs it in a forked JVM with a local Spark session and an Iceberg catalog, and records
 * the run in the registry ({@code dataflow:runs} lists them). Needs no project.
 *
 * <pre>mvn dataflow:run -Ddataflow.workflow=stranger-data.sample.daily -Ddataflow.param.DATES=2024-01-01..2024-01-07</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "run", aggregator = true, threadSafe = true, requiresProject = false)
public class RunMojo extends AbstractSparkMojo {

    /**
     * The workflow id as {@code dataflow:deploy} printed it: {@code <id>}, or {@code <id>@<branch>} for a branch
     * deploy.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKFLOW)
    private String workflow;

    /**
     * The version to run. Empty runs the active version.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.VERSION)
    private Integer version;

    /**
     * Spark settings of the whole run, applied after the runner's own (which keep a local run on loopback):
     * executor memory and cores on a cluster, shuffle partitions, … {@code -Ddataflow.spark.conf.<key>=value} on the
     * command line adds to them and wins. Names that look like credentials are refused (they would be written to
     * the run's plan.json).
     *
     * @since 0.2.0
     */
    @Parameter
    private Map<String, String> sparkConf;

    /**
     * Python interpreter for Python jobs (it needs pyspark). Empty means {@code $PYSPARK_PYTHON}, else {@code python3}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PYTHON)
    private String python;

    /**
     * Where run directories (bundle copies, plan.json, result.json, runner.log) are created. Empty means
     * {@code ~/.dataflow/runs}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.RUNS_DIRECTORY)
    private String runsDirectory;

    /**
     * Parameter names whose command-line values are logged by name only: comma-separated globs, matched regardless
     * of case. Give real secrets as {@code ${secret:NAME}}: the run resolves them and never writes them down.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SECRET_NAMES, defaultValue = SecretNames.DEFAULT_GLOBS)
    private String secretNames;

    @Inject
    public RunMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem,
            ToolchainManager toolchainManager) {
        super(settingsDecrypter, repositorySystem, toolchainManager);
    }

    @Override
    protected String goal() {
        return "dataflow:run";
    }

    @Override
    protected void run(DataflowLog log) {
        Map<String, String> params = CommandLineParams.of(session.getUserProperties());
        SecretNames secrets = SecretNames.of(secretNames, "<secretNames> (" + PropertyNames.SECRET_NAMES + ")");
        if (!params.isEmpty()) {
            log.info("Run parameters from the command line: " + secrets.describe(params) + ".");
            ParameterOverrides.warnAboutLiteralSecrets(params, secrets, "plan.json and the run record", log);
        }
        Map<String, String> conf = RunSparkConf.merged(sparkConf, CommandLineParams.of(session.getUserProperties(),
                PropertyNames.SPARK_CONF_PREFIX, "spark.executor.memory=2g"), secrets, PropertyNames.SPARK_CONF_PREFIX);
        if (!conf.isEmpty()) {
            log.info("Spark settings of the run: " + conf + ".");
        }
        RunRequest request = new RunRequest(requiredWorkflowId(workflow), version, params, master(), warehouse(),
                python, blank(runsDirectory) ? null : Path.of(runsDirectory), null, null, conf, catalog());
        // A JDK Spark cannot run on fails before anything is planned or downloaded, not in the middle of the run.
        SparkJvm spark = sparkJvm(log);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            WorkflowRuns runs = new WorkflowRuns(store, log);
            // Plan before resolving Spark: bad input fails before Spark is downloaded from Maven repositories.
            PreparedRun prepared = runs.prepare(request);
            Map<String, String> secretValues = RunSecrets.environment(prepared.plan(),
                    new SettingsSecrets(session.getSettings(), settingsDecrypter(), System.getenv()));
            SparkLaunch launch = spark.launch().withEnvironment(secretValues);
            RunRecord record = runs.execute(prepared, launch);
            log.info("Run " + record.runId() + " of " + record.workflowId() + " version " + record.version() + ": "
                    + record.status() + ". List runs with mvn dataflow:runs -D" + PropertyNames.WORKFLOW + "="
                    + record.workflowId());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
