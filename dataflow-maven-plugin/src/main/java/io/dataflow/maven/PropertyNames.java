package io.dataflow.maven;

import io.dataflow.core.run.RunCatalog;

/** Every user property the plugin reads, in one place, so names cannot drift between goals and docs. */
public final class PropertyNames {

    public static final String SKIP = "dataflow.skip";
    public static final String REGISTRY = "dataflow.registry";
    public static final String NAMESPACE = "dataflow.namespace";
    public static final String TYPE = "dataflow.type";
    public static final String DEPLOYED = "dataflow.deployed";
    public static final String ALL = "dataflow.all";
    public static final String BRANCH = "dataflow.branch";
    public static final String MAIN_BRANCH = "dataflow.mainBranch";
    public static final String OWNER = "dataflow.owner";
    public static final String REPO = "dataflow.repo";
    public static final String FORCE_BUILD = "dataflow.forceBuild";
    /** Lets a mainline deploy activate a commit older than the active version's (or one this clone cannot place). */
    public static final String ALLOW_OUTDATED = "dataflow.allowOutdated";
    /** Lets a deploy re-activate content that a rollback replaced. */
    public static final String REACTIVATE = "dataflow.reactivate";
    /** How many versions dataflow:history shows (0: all). */
    public static final String LIMIT = "dataflow.limit";
    public static final String S3_ENDPOINT = "dataflow.s3.endpoint";
    public static final String S3_REGION = "dataflow.s3.region";
    public static final String SERVER_ID = "dataflow.serverId";
    // dataflow:run and dataflow:runs
    public static final String SPARK_MASTER = "dataflow.spark.master";
    /** Prefix of a run's Spark settings: {@code -Ddataflow.spark.conf.spark.executor.memory=2g}. */
    public static final String SPARK_CONF_PREFIX = "dataflow.spark.conf.";
    public static final String WAREHOUSE = "dataflow.warehouse";
    public static final String CATALOG_URI = RunCatalog.URI_PROPERTY;
    public static final String SPARK_VERSION = "dataflow.spark.version";
    public static final String ICEBERG_VERSION = "dataflow.iceberg.version";
    public static final String JAVA = io.dataflow.core.run.RunnerJava.PROPERTY;
    public static final String SPARK_JVM_ARGS = "dataflow.spark.jvmArgs";
    public static final String RUNS_DIRECTORY = "dataflow.runsDirectory";
    public static final String TABLE = "dataflow.table";
    public static final String ROWS = "dataflow.rows";
    public static final String WHERE = "dataflow.where";
    public static final String FORCE = "dataflow.force";
    // dataflow:list, dataflow:history and dataflow:runs: how the report is printed, where its JSON is written
    public static final String FORMAT = "dataflow.format";
    public static final String OUTPUT = "dataflow.output";
    public static final String WORKFLOW = "dataflow.workflow";
    public static final String VERSION = "dataflow.version";
    // dataflow:check-registry
    public static final String REPAIR = "dataflow.repair";
    public static final String REPAIR_GRACE = "dataflow.repair.grace";
    // dataflow:gc and dataflow:pin
    public static final String GC_APPLY = "dataflow.gc.apply";
    public static final String GC_KEEP = io.dataflow.core.gc.GcOptions.KEEP_PROPERTY;
    public static final String GC_GRACE = io.dataflow.core.gc.GcOptions.GRACE_PROPERTY;
    public static final String GC_RUN_DAYS = io.dataflow.core.gc.GcOptions.RUN_DAYS_PROPERTY;
    public static final String UNPIN = "dataflow.unpin";
    public static final String PYTHON = "dataflow.python";
    public static final String PYTHON_FIND_LINKS = "dataflow.python.findLinks";
    /** Prefix of ad-hoc workflow parameter overrides: {@code -Ddataflow.param.TARGET_DB=scratch_db}. */
    public static final String PARAM_PREFIX = "dataflow.param.";
    // Maestro: export on verify and dataflow:export, validate on verify, push on deploy and rollback
    public static final String MAESTRO_URL = "dataflow.maestro.url";
    public static final String MAESTRO_SERVER_ID = "dataflow.maestro.serverId";
    /** Parameter names whose values are logged by name only (comma-separated globs). */
    public static final String SECRET_NAMES = "dataflow.secretNames";
    /** Maven's own switch for tests; it also skips the Python assets' pytest runs. */
    public static final String SKIP_TESTS = "skipTests";

    private PropertyNames() {}
}
