package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.testing.DataFrameAssertions;
import io.dataflow.testing.LocalSpark;
import io.dataflow.testing.MockTable;
import io.dataflow.testing.SqlScript;

import java.nio.file.Path;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformation (src/main/sql/top_titles_write.sql) on YAML mocks, run by a real local Spark with an
 * Iceberg catalog, exactly as the workflow's write job runs it: same file, same parameters.
 */
class TopTitlesWriteTest {

    private static final Map<String, String> PARAMS = Map.of(
            "SOURCE_DB", "sample_source", "SOURCE_TABLE", "playback_sessions",
            "TARGET_DB", "sample_target", "TARGET_TABLE", "top_titles",
            "DATE", "2024-01-02");
    private static final String SOURCE = "sample_source.playback_sessions";
    private static final String TARGET = "sample_target.top_titles";

    private static final SqlScript TARGET_DDL = SqlScript.load(Path.of("ddl/create_target_table.sql"));
    private static final SqlScript WRITE = SqlScript.load(Path.of("src/main/sql/top_titles_write.sql"));

    @TempDir
    static Path warehouse;

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.builder().appName("TopTitlesWriteTest").iceberg(warehouse).start();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @BeforeEach
    void emptyTargetTable() {
        spark.sql("DROP TABLE IF EXISTS " + TARGET);
        TARGET_DDL.run(spark, PARAMS);
    }

    @Test
    void ranksTheDaysTitlesPerCountryWithTiesSharingARank() {
        MockTable.fromResource("mocks/playback_sessions.yaml").register(spark, PARAMS);

        WRITE.run(spark, PARAMS);

        DataFrameAssertions.assertMatches(spark.table(TARGET), MockTable.fromResource("mocks/top_titles.yaml"));
    }

    @Test
    void overwritesOnlyTheProcessedDay() {
        MockTable.fromResource("mocks/playback_sessions.yaml").register(spark, PARAMS);
        spark.sql("INSERT INTO " + TARGET + " VALUES (99, 'US', 1, 50.0, DATE '2024-01-01'),"
                + " (98, 'US', 1, 60.0, DATE '2024-01-02')");

        WRITE.run(spark, PARAMS);
        WRITE.run(spark, PARAMS);

        assertThat(spark.table(TARGET).where("date = DATE '2024-01-01'").collectAsList())
                .as("the previous day is untouched").singleElement()
                .satisfies(row -> assertThat(row.<Integer>getAs("title_id")).isEqualTo(99));
        DataFrameAssertions.assertMatches(spark.table(TARGET).where("date = DATE '2024-01-02'"),
                MockTable.fromResource("mocks/top_titles.yaml"));
    }

    @Test
    void keepsTheTop100PerCountryPlusTitlesTiedForTheLastPlace() {
        // US: 150 titles watched 1..150 hours, except title 50, which ties with title 51 for rank 100.
        Dataset<Row> sessions = spark.sql("SELECT CAST(id AS INT) AS title_id, 'US' AS country_code,"
                + " CAST(IF(id = 50, 51, id) AS DOUBLE) AS view_hours, DATE '2024-01-02' AS date FROM range(1, 151)"
                + " UNION ALL SELECT CAST(id AS INT), 'FR', CAST(id AS DOUBLE), DATE '2024-01-02' FROM range(1, 6)");
        replaceSourceTable(sessions);

        WRITE.run(spark, PARAMS);

        Dataset<Row> us = spark.table(TARGET).where("country_code = 'US'");
        assertThat(us.count()).isEqualTo(101);
        assertThat(us.where("title_rank = 100").select("title_id").as(org.apache.spark.sql.Encoders.INT())
                .collectAsList()).containsExactlyInAnyOrder(50, 51);
        assertThat(us.where("title_id = 49").count()).as("rank 102 is cut").isZero();
        assertThat(spark.table(TARGET).where("country_code = 'FR'").count()).isEqualTo(5);
    }

    private static void replaceSourceTable(Dataset<Row> sessions) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS sample_source");
        spark.sql("DROP TABLE IF EXISTS " + SOURCE);
        try {
            sessions.writeTo(SOURCE).create();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create " + SOURCE, e);
        }
    }
}
