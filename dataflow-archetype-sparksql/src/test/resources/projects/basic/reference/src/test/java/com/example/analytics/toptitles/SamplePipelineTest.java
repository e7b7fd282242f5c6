package com.example.analytics.toptitles;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.testing.LocalSpark;
import io.dataflow.testing.SqlScript;

import java.nio.file.Path;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs of main.sch.yaml in their DAG order on the synthetic sample data: what a run of main
 * writes for one day, and that it satisfies the workflow's audits.
 */
class SamplePipelineTest {

    private static final Map<String, String> PARAMS = Map.of(
            "SOURCE_DB", "sample_source", "SOURCE_TABLE", "playback_sessions",
            "TARGET_DB", "sample_target", "TARGET_TABLE", "top_titles",
            "DATE", "2024-01-01");

    @TempDir
    static Path warehouse;

    private static SparkSession spark;

    @BeforeAll
    static void runMainForOneDay() {
        spark = LocalSpark.builder().appName("SamplePipelineTest").iceberg(warehouse).start();
        for (String file : new String[] {"ddl/create_source_table.sql", "ddl/sample_source_data.sql",
                "ddl/create_target_table.sql", "src/main/sql/top_titles_write.sql"}) {
            SqlScript.load(Path.of(file)).run(spark, PARAMS);
        }
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void writesTheTop100TitlesOfEvery190Countries() {
        Row summary = spark.sql("SELECT COUNT(*), COUNT(DISTINCT country_code), MAX(title_rank),"
                + " MIN(count_per_country) FROM sample_target.top_titles"
                + " JOIN (SELECT country_code, COUNT(*) AS count_per_country FROM sample_target.top_titles"
                + " GROUP BY country_code) USING (country_code)").first();

        assertThat(summary.getLong(0)).as("rows").isBetween(19_000L, 19_100L);
        assertThat(summary.getLong(1)).as("countries").isEqualTo(190);
        assertThat(summary.getInt(2)).as("lowest rank kept").isEqualTo(100);
        assertThat(summary.getLong(3)).as("fewest titles in a country").isGreaterThanOrEqualTo(100);
    }

    @Test
    void satisfiesTheBlockingAudits() {
        assertThat(spark.sql("SELECT * FROM sample_target.top_titles WHERE title_id IS NULL"
                + " OR country_code IS NULL OR title_rank IS NULL OR view_hours IS NULL").count()).isZero();
        assertThat(spark.sql("SELECT title_id, country_code FROM sample_target.top_titles"
                + " GROUP BY title_id, country_code HAVING COUNT(*) > 1").count()).isZero();
    }

    @Test
    void sampleDataIsDeterministic() {
        String checksum = "SELECT COUNT(*), SUM(pmod(xxhash64(title_id, country_code, view_hours), 1000003))"
                + " FROM sample_source.playback_sessions";
        Row before = spark.sql(checksum).first();

        SqlScript.load(Path.of("ddl/sample_source_data.sql")).run(spark, PARAMS);

        assertThat(spark.sql(checksum).first()).isEqualTo(before);
        assertThat(before.getLong(0)).isEqualTo(190L * 150 * 3);
    }
}
