package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.params.ParameterOverrides;
import io.dataflow.core.params.SecretNames;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.run.PreparedRun;
import io.dataflow.core.run.RunRecord;
import io.dataflow.core.run.RunRequest;
import io.dataflow.core.run.RunSparkConf;
import io.dataflow.core.run.RunSecrets;
import io.dataflow.core.run.RunnerInfo;
import io.dataflow.core.run.RunnerJava;
import io.dataflow.core.run.SparkClasspath;
import io.dataflow.core.run.SparkLaunch;
import io.dataflow.core.run.WorkflowRuns;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.toolchain.Toolchain;
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
public class RunMojo extends AbstractDataflowMojo {

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
     * Spark master of the local run.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SPARK_MASTER, defaultValue = RunRequest.DEFAULT_MASTER)
    private String master;

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
     * Warehouse directory (or {@code file:} URI) of the run's Iceberg catalog. Empty means {@code ~/.dataflow/warehouse}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WAREHOUSE)
    private String warehouse;

    /**
     * Spark version of the run. Empty means the version the runner was built and tested with (4.1.3).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SPARK_VERSION)
    private String sparkVersion;

    /**
     * Iceberg version of the run. Empty means the version the runner was built and tested with (1.12.0).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ICEBERG_VERSION)
    private String icebergVersion;

    /**
     * Python interpreter for Python jobs (it needs pyspark). Empty means {@code $PYSPARK_PYTHON}, else {@code python3}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PYTHON)
    private String python;

    /**
     * The {@code java} executable of the forked Spark JVM; it must be a JDK Spark supports (17 or 21 for Spark 4.1).
     * Empty means the {@link #jdkToolchain} (or the toolchain maven-toolchains-plugin selected), else the JVM running
     * Maven when Spark supports it, else the first supported JDK declared in {@code ~/.m2/toolchains.xml}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.JAVA)
    private String java;

    /**
     * Requirements of the JDK toolchain ({@code toolchains.xml}) whose java runs the forked Spark JVM, as for
     * surefire's {@code jdkToolchain}, e.g. {@code <jdkToolchain><version>17</version></jdkToolchain>}. A
     * {@code -Ddataflow.java} wins over it.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> jdkToolchain;

    /**
     * Extra JVM options of the forked Spark JVM, space separated, e.g. {@code -Xmx4g}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SPARK_JVM_ARGS)
    private String jvmArgs;

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

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    private final RepositorySystem repositorySystem;
    private final ToolchainManager toolchainManager;

    @Inject
    public RunMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem,
            ToolchainManager toolchainManager) {
        super(settingsDecrypter);
        this.repositorySystem = repositorySystem;
        this.toolchainManager = toolchainManager;
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
        RunRequest request = new RunRequest(requiredWorkflowId(workflow), version, params, master, warehouse, python,
                blank(runsDirectory) ? null : Path.of(runsDirectory), null, null, conf);
        RunClasspath resolver = new RunClasspath(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories());
        Path runnerJar = resolver.runnerJar(plugin.getVersion());
        RunnerInfo runner = RunnerInfo.read(runnerJar);
        // A JDK Spark cannot run on fails before anything is planned or downloaded, not in the middle of the run.
        Path javaExecutable = javaExecutable(runner, log);
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            WorkflowRuns runs = new WorkflowRuns(store, log);
            // Plan before resolving Spark: bad input fails before Spark is downloaded from Maven repositories.
            PreparedRun prepared = runs.prepare(request);
            Map<String, String> secretValues = RunSecrets.environment(prepared.plan(),
                    new SettingsSecrets(session.getSettings(), settingsDecrypter(), System.getenv()));
            SparkLaunch launch = launch(resolver, runnerJar, runner, javaExecutable, log).withEnvironment(secretValues);
            RunRecord record = runs.execute(prepared, launch);
            log.info("Run " + record.runId() + " of " + record.workflowId() + " version " + record.version() + ": "
                    + record.status() + ". List runs with mvn dataflow:runs -D" + PropertyNames.WORKFLOW + "="
                    + record.workflowId());
        }
    }

    private SparkLaunch launch(RunClasspath resolver, Path runnerJar, RunnerInfo runner, Path javaExecutable,
            DataflowLog log) {
        String spark = blank(sparkVersion) ? runner.sparkVersion() : sparkVersion.strip();
        String iceberg = blank(icebergVersion) ? runner.icebergVersion() : icebergVersion.strip();
        if (!spark.equals(runner.sparkVersion()) || !iceberg.equals(runner.icebergVersion())) {
            log.warn("Running with Spark " + spark + " and Iceberg " + iceberg + "; the runner was built and tested"
                    + " with Spark " + runner.sparkVersion() + " and Iceberg " + runner.icebergVersion() + ".");
        }
        SparkClasspath classpath = resolver.spark(spark, iceberg, runner.scalaBinaryVersion());
        log.debug("Spark class path: " + classpath.jars().size() + " JARs (Spark " + spark + ", Iceberg " + iceberg + ")");
        return new SparkLaunch(javaExecutable, runnerJar, classpath,
                blank(jvmArgs) ? List.of() : Arrays.asList(jvmArgs.strip().split("\\s+")), null);
    }

    /** -Ddataflow.java, else a toolchain, else Maven's JVM or a toolchains.xml JDK: see {@link RunnerJava}. */
    private Path javaExecutable(RunnerInfo runner, DataflowLog log) {
        RunnerJava.Candidate configured = null;
        if (!blank(java)) {
            configured = new RunnerJava.Candidate(Path.of(java.strip()), "-D" + PropertyNames.JAVA);
        } else if (jdkToolchain != null && !jdkToolchain.isEmpty()) {
            configured = toolchainManager.getToolchains(session, "jdk", jdkToolchain).stream().findFirst()
                    .map(toolchain -> toolchainJava(toolchain, "the JDK toolchain matching <jdkToolchain> "
                            + jdkToolchain))
                    .orElseThrow(() -> new InvalidInputException("No JDK toolchain with a java matches <jdkToolchain> "
                            + jdkToolchain + " of dataflow:run. Declare one in ~/.m2/toolchains.xml (or the file"
                            + " given with mvn -t), or change <jdkToolchain>; see docs/running.md#which-java-runs-spark."));
        } else {
            Toolchain selected = toolchainManager.getToolchainFromBuildContext("jdk", session);
            if (selected != null) {
                configured = toolchainJava(selected, "the JDK toolchain maven-toolchains-plugin selected");
            }
        }
        RunnerJava.Candidate maven = new RunnerJava.Candidate(
                Path.of(System.getProperty("java.home"), "bin", "java"), "the JVM running Maven");
        List<RunnerJava.Candidate> declared = toolchainManager.getToolchains(session, "jdk", Map.of()).stream()
                .map(toolchain -> toolchainJava(toolchain, "a JDK toolchain of toolchains.xml"))
                .filter(candidate -> candidate != null).toList();
        return new RunnerJava(runner, log).choose(configured, maven, declared);
    }

    private static RunnerJava.Candidate toolchainJava(Toolchain toolchain, String origin) {
        String tool = toolchain.findTool("java");
        return tool == null ? null : new RunnerJava.Candidate(Path.of(tool), origin);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
