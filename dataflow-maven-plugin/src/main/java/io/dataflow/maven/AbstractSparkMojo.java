package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.run.RunCatalog;
import io.dataflow.core.run.RunRequest;
import io.dataflow.core.run.RunnerInfo;
import io.dataflow.core.run.RunnerJava;
import io.dataflow.core.run.SparkClasspath;
import io.dataflow.core.run.SparkLaunch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;
import org.eclipse.aether.RepositorySystem;

/**
 * Goals that fork a local Spark JVM from the runner JAR ({@code dataflow:run}, {@code dataflow:mock}): the same
 * master, warehouse, Spark and Iceberg versions, java and JVM options, declared and resolved once.
 */
abstract class AbstractSparkMojo extends AbstractDataflowMojo {

    /**
     * Spark master of the forked Spark JVM.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SPARK_MASTER, defaultValue = RunRequest.DEFAULT_MASTER)
    private String master;

    /**
     * Warehouse directory (or {@code file:} URI) of the Iceberg catalog. Empty means {@code ~/.dataflow/warehouse}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WAREHOUSE)
    private String warehouse;

    /**
     * URI of an Iceberg REST catalog, e.g. {@code http://catalog.example.com:8181}: the shared catalog, which commits
     * atomically for every writer. Empty means the embedded Hadoop catalog in {@link #warehouse}, for one machine.
     * Tables on S3-compatible storage are reached with the registry's {@code dataflow.s3.endpoint},
     * {@code dataflow.s3.region} and the key pair of the settings.xml server {@code dataflow.serverId} (else the AWS
     * variables); see docs/running.md#with-a-shared-catalog.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CATALOG_URI)
    private String catalogUri;

    /**
     * Spark version of the forked JVM. Empty means the version the runner was built and tested with (4.1.3).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SPARK_VERSION)
    private String sparkVersion;

    /**
     * Iceberg version of the forked JVM. Empty means the version the runner was built and tested with (1.12.0).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ICEBERG_VERSION)
    private String icebergVersion;

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

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    private final RepositorySystem repositorySystem;
    private final ToolchainManager toolchainManager;

    protected AbstractSparkMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem,
            ToolchainManager toolchainManager) {
        super(settingsDecrypter);
        this.repositorySystem = repositorySystem;
        this.toolchainManager = toolchainManager;
    }

    protected String master() {
        return master;
    }

    /** The configured warehouse, {@code null} for the default. */
    protected String warehouse() {
        return blank(warehouse) ? null : warehouse;
    }

    /** The Iceberg catalog: {@code dataflow.catalog.uri}, with the registry's S3 endpoint and region for its files. */
    protected RunCatalog catalog() {
        return new RunCatalog(catalogUri, s3Endpoint, s3Region);
    }

    /**
     * The runner JAR and the java that will run it, chosen now, so that a JDK Spark cannot run on fails before
     * anything else happens; {@link SparkJvm#launch()} resolves Spark's class path when it is needed.
     */
    protected SparkJvm sparkJvm(DataflowLog log) {
        RunClasspath resolver = new RunClasspath(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories());
        Path runnerJar = resolver.runnerJar(plugin.getVersion());
        RunnerInfo runner = RunnerInfo.read(runnerJar);
        Path javaExecutable = javaExecutable(runner, log);
        return new SparkJvm(() -> launch(resolver, runnerJar, runner, javaExecutable, log));
    }

    /** A Spark JVM whose java is chosen; {@link #launch()} downloads Spark if the local repository lacks it. */
    protected record SparkJvm(java.util.function.Supplier<SparkLaunch> launcher) {
        SparkLaunch launch() {
            return launcher.get();
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
        RunCatalog catalog = catalog();
        SparkClasspath classpath = resolver.spark(spark, iceberg, runner.scalaBinaryVersion(), !catalog.isHadoop());
        log.debug("Spark class path: " + classpath.jars().size() + " JARs (Spark " + spark + ", Iceberg " + iceberg + ")");
        // The key pair reaches the S3 file IO through the runner's environment only, never a file or Spark setting.
        Map<String, String> environment = catalog.isHadoop() ? Map.of()
                : catalog.environment(SettingsCredentials.of(session.getSettings(), serverId, settingsDecrypter(), log));
        return new SparkLaunch(javaExecutable, runnerJar, classpath,
                blank(jvmArgs) ? List.of() : Arrays.asList(jvmArgs.strip().split("\\s+")), environment);
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
                            + jdkToolchain + " of " + goal() + ". Declare one in ~/.m2/toolchains.xml (or the file"
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
