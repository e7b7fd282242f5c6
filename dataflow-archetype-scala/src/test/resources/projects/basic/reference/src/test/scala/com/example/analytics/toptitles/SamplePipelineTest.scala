package com.example.analytics.toptitles

import java.nio.file.Path
import java.time.LocalDate

import io.dataflow.testing.{LocalSpark, SqlScript}
import org.apache.spark.sql.SparkSession
import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, BeforeAll, Test, TestInstance}

/**
 * The Spark jobs of main.sch.yaml in their DAG order on the synthetic sample data: what a run of main
 * writes for one day, and that it satisfies the workflow's audits.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SamplePipelineTest {

  private val params = java.util.Map.of(
    "SOURCE_DB", "sample_source", "SOURCE_TABLE", "playback_sessions",
    "TARGET_DB", "sample_target", "TARGET_TABLE", "top_titles", "DATE", "2024-01-01")

  private var spark: SparkSession = _

  @BeforeAll
  def runMainForOneDay(): Unit = {
    spark = LocalSpark.builder().appName("SamplePipelineTest").iceberg().start()
    Seq("ddl/create_source_table.sql", "ddl/sample_source_data.sql", "ddl/create_target_table.sql")
      .foreach(file => SqlScript.load(Path.of(file)).run(spark, params))
    TopTitles.main(Array("--source-table", "sample_source.playback_sessions",
      "--target-table", "sample_target.top_titles", "--date", "2024-01-01"))
  }

  @AfterAll
  def stopSpark(): Unit =
    if (spark != null) spark.stop()

  @Test
  def writesTheTop100TitlesOfEvery190Countries(): Unit = {
    val summary = spark.sql("SELECT COUNT(*), COUNT(DISTINCT country_code), MAX(title_rank),"
      + " MIN(count_per_country), MIN(date), MAX(date) FROM sample_target.top_titles"
      + " JOIN (SELECT country_code, COUNT(*) AS count_per_country FROM sample_target.top_titles"
      + " GROUP BY country_code) USING (country_code)").first()

    val rows = summary.getLong(0)
    assertTrue(rows >= 19000 && rows <= 19100, "about 190 x 100 rows, not " + rows)
    assertEquals(190L, summary.getLong(1), "countries")
    assertEquals(100, summary.getInt(2), "lowest rank kept")
    assertTrue(summary.getLong(3) >= 100, "fewest titles in a country: " + summary.getLong(3))
    assertEquals(LocalDate.parse("2024-01-01"), summary.getDate(4).toLocalDate, "only the processed day")
    assertEquals(LocalDate.parse("2024-01-01"), summary.getDate(5).toLocalDate, "only the processed day")
  }

  @Test
  def satisfiesTheBlockingAudits(): Unit = {
    assertEquals(0L, spark.sql("SELECT * FROM sample_target.top_titles WHERE title_id IS NULL"
      + " OR country_code IS NULL OR title_rank IS NULL OR view_hours IS NULL").count(), "rows with nulls")
    assertEquals(0L, spark.sql("SELECT title_id, country_code FROM sample_target.top_titles"
      + " GROUP BY title_id, country_code HAVING COUNT(*) > 1").count(), "duplicate (title_id, country_code)")
  }
}
