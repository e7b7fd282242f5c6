package io.dataflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;

/**
 * Builds the small local {@link SparkSession} unit tests run on: two cores, no UI, one or two shuffle
 * partitions, loopback driver, UTC, WARN logging. Start one per test class ({@code @BeforeAll}) and stop it
 * in {@code @AfterAll}: a session start costs seconds, a query on mock data milliseconds.
 *
 * <pre>{@code
 * spark = LocalSpark.builder().iceberg(tempDir).start();
 * }</pre>
 */
public final class LocalSpark {

    /** Name of the Iceberg catalog {@link Builder#iceberg(Path)} configures and makes the default. */
    public static final String ICEBERG_CATALOG = "local";

    private LocalSpark() {
    }

    /** A local session with the defaults and a throw-away warehouse directory. */
    public static SparkSession start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of one local session; every call returns this builder. */
    public static final class Builder {

        private String appName = "dataflow-test";
        private Path warehouse;
        private boolean iceberg;
        private final Map<String, String> extraConfig = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder appName(String name) {
            this.appName = name;
            return this;
        }

        /**
         * Directory of the session's tables (the built-in catalog's {@code spark-warehouse}, and with
         * {@link #iceberg(Path)} the Iceberg warehouse). Default: a new temporary directory removed when the
         * JVM exits.
         */
        public Builder warehouse(Path directory) {
            this.warehouse = directory;
            return this;
        }

        /**
         * Adds the Iceberg SQL extensions and a Hadoop-type Iceberg catalog named {@value #ICEBERG_CATALOG}
         * that becomes the default catalog, so {@code db.table} names in the SQL under test are Iceberg tables.
         * Needs {@code iceberg-spark-runtime} on the test classpath.
         */
        public Builder iceberg(Path warehouseDirectory) {
            this.warehouse = warehouseDirectory;
            return iceberg();
        }

        /** Like {@link #iceberg(Path)}, in the {@link #warehouse(Path) warehouse} directory or a temporary one. */
        public Builder iceberg() {
            this.iceberg = true;
            return this;
        }

        /** Any further Spark setting; applied last, so it can override the defaults. */
        public Builder config(String key, String value) {
            extraConfig.put(key, value);
            return this;
        }

        /**
         * Starts the session. If one is already running in this JVM, Spark returns it and ignores the static
         * settings: stop sessions in {@code @AfterAll}.
         */
        public SparkSession start() {
            Path root = warehouse != null ? warehouse : temporaryWarehouse();
            SparkSession.Builder spark = SparkSession.builder()
                    .appName(appName)
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.log.level", "WARN")
                    .config("spark.sql.warehouse.dir", root.resolve("spark-warehouse").toUri().toString());
            if (iceberg) {
                String catalog = "spark.sql.catalog." + ICEBERG_CATALOG;
                spark.config("spark.sql.extensions",
                                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                        .config(catalog, "org.apache.iceberg.spark.SparkCatalog")
                        .config(catalog + ".type", "hadoop")
                        .config(catalog + ".warehouse", root.resolve("iceberg").toUri().toString())
                        .config("spark.sql.defaultCatalog", ICEBERG_CATALOG);
            }
            extraConfig.forEach(spark::config);
            return spark.getOrCreate();
        }

        private static Path temporaryWarehouse() {
            try {
                Path directory = Files.createTempDirectory("dataflow-spark-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
                return directory;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary Spark warehouse directory", e);
            }
        }

        private static void deleteQuietly(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // Best effort at JVM exit: a leftover temp directory is harmless.
            }
        }
    }
}
