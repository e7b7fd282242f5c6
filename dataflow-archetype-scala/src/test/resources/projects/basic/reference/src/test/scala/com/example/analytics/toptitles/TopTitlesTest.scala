package com.example.analytics.toptitles

import java.time.LocalDate

import io.dataflow.testing.{DataFrameAssertions, LocalSpark, MockTable, SqlScript}
import org.apache.spark.sql.{DataFrame, Encoders, SparkSession}
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Assertions.{assertEquals, assertThrows, assertTrue}
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, BeforeAll, Test, TestInstance}

/**
 * TopTitles on YAML mocks, on a real local Spark with an Iceberg catalog: one session for the class.
 */
@TestInstance(Lifecycle.PER_CLASS)
class TopTitlesTest {

  private val params = java.util.Map.of(
    "SOURCE_DB", "sample_source", "SOURCE_TABLE", "playback_sessions",
    "TARGET_DB", "sample_target", "TARGET_TABLE", "top_titles")
  private val source = "sample_source.playback_sessions"
  private val target = "sample_target.top_titles"
  private val day = LocalDate.parse("2024-01-02")
  private val job = TopTitles.Args(source, target, day)

  private var spark: SparkSession = _

  @BeforeAll
  def startSpark(): Unit =
    spark = LocalSpark.builder().appName("TopTitlesTest").iceberg().start()

  @AfterAll
  def stopSpark(): Unit =
    if (spark != null) spark.stop()

  /** The two tests that write start from an empty target table. */
  private def emptyTargetTable(): Unit = {
    spark.sql("DROP TABLE IF EXISTS " + target)
    SqlScript.load(java.nio.file.Path.of("ddl/create_target_table.sql")).run(spark, params)
  }

  @Test
  def ranksTheDaysTitlesPerCountryWithTiesSharingARank(): Unit = {
    emptyTargetTable()
    MockTable.fromResource("mocks/playback_sessions.yaml").register(spark, params)

    TopTitles.run(spark, job)

    DataFrameAssertions.assertMatches(spark.table(target), MockTable.fromResource("mocks/top_titles.yaml"))
  }

  @Test
  def overwritesOnlyTheProcessedDay(): Unit = {
    emptyTargetTable()
    MockTable.fromResource("mocks/playback_sessions.yaml").register(spark, params)
    spark.sql("INSERT INTO " + target + " VALUES (99, 'US', 1, 50.0, DATE '2024-01-01'),"
      + " (98, 'US', 1, 60.0, DATE '2024-01-02')")

    TopTitles.run(spark, job)
    TopTitles.run(spark, job)

    assertEquals(java.util.List.of(99), spark.table(target).where("date = DATE '2024-01-01'").select("title_id")
      .as(Encoders.INT).collectAsList(), "the previous day is untouched")
    DataFrameAssertions.assertMatches(spark.table(target).where("date = DATE '2024-01-02'"),
      MockTable.fromResource("mocks/top_titles.yaml"))
  }

  @Test
  def keepsTheTop100PerCountryPlusTitlesTiedForTheLastPlace(): Unit = {
    // US: 150 titles watched 1..150 hours, except title 50, which ties with title 51 for rank 100.
    val sessions = spark.sql("SELECT CAST(id AS INT) AS title_id, 'US' AS country_code,"
      + " CAST(IF(id = 50, 51, id) AS DOUBLE) AS view_hours, DATE '2024-01-02' AS date FROM range(1, 151)"
      + " UNION ALL SELECT CAST(id AS INT), 'FR', CAST(id AS DOUBLE), DATE '2024-01-02' FROM range(1, 6)")

    val result = TopTitles.topTitles(sessions, day)

    val us = result.where("country_code = 'US'")
    assertEquals(101L, us.count())
    assertThat(us.where("title_rank = 100").select("title_id").as(Encoders.INT).collectAsList())
      .containsExactlyInAnyOrder(50, 51)
    assertEquals(0L, us.where("title_id = 49").count(), "rank 102 is cut")
    assertEquals(5L, result.where("country_code = 'FR'").count())
  }

  @Test
  def argumentsAreCheckedWithTheUsage(): Unit = {
    assertEquals(TopTitles.Args("a.b", "c.d", day),
      TopTitles.parseArgs(Array("--date", "2024-01-02", "--source-table", "a.b", "--target-table", "c.d")))
    val missing = assertThrows(classOf[IllegalArgumentException],
      () => TopTitles.parseArgs(Array("--date", "2024-01-02", "--source-table", "a.b")))
    assertTrue(missing.getMessage.startsWith("Missing --target-table. Usage:"), missing.getMessage)
    val badDate = assertThrows(classOf[IllegalArgumentException],
      () => TopTitles.parseArgs(Array("--date", "01/02/2024", "--source-table", "a.b", "--target-table", "c.d")))
    assertTrue(badDate.getMessage.contains("is not a yyyy-MM-dd date"), badDate.getMessage)
  }
}
