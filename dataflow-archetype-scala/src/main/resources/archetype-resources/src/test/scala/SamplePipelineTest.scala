package ${package}

import java.nio.file.Path

import io.dataflow.contract.run.{AuditOutcome, TaskStatus}
import io.dataflow.testing.{DataFrameAssertions, MockTable, WorkflowHarness, WorkflowRun}
import org.junit.jupiter.api.Assertions.{assertEquals, assertFalse, assertTrue}
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, BeforeAll, Test, TestInstance}

import scala.jdk.CollectionConverters._

/**
 * main.sch.yaml itself, run in this JVM through the planner and runner of dataflow:run: its jobs in its DAG
 * order, TopTitles (this project's JAR, ${namespace}) inside its Write-Audit-Publish with its own audits, its
 * metadata and high-water mark. When the workflow and the code disagree (arguments, tables, audits), these tests
 * fail here rather than on the scheduler.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SamplePipelineTest {

  private val target = "${TARGET_DB}.${TARGET_TABLE}"

  private var harness: WorkflowHarness = _
  private var sampleDay: WorkflowRun = _

  @BeforeAll
  def runMainOnTheSampleData(): Unit = {
    harness = WorkflowHarness.of(Path.of("")).jar("${namespace}", TopTitles.getClass)
    sampleDay = harness.workflow("main.sch.yaml").param("DATE", "2024-01-01").run()
  }

  @AfterAll
  def stopSpark(): Unit =
    if (harness != null) harness.close()

  @Test
  def everyJobSucceedsAndEveryAuditOfTheWorkflowPasses(): Unit = {
    assertEquals(TaskStatus.SUCCEEDED, sampleDay.requireNoFailedTask().status())
    val audits = sampleDay.audits().asScala
    assertFalse(audits.isEmpty, "the workflow's audits ran")
    audits.foreach(audit => assertTrue(audit.passed(), audit.function() + ": " + audit.message()))
  }

  @Test
  def writesTheTop100TitlesOfEvery190Countries(): Unit = {
    sampleDay.table(target).createOrReplaceTempView("top_titles")
    val summary = sampleDay.spark().sql("SELECT COUNT(*), COUNT(DISTINCT country_code), MAX(title_rank),"
      + " MIN(count_per_country), MIN(date), MAX(date) FROM top_titles"
      + " JOIN (SELECT country_code, COUNT(*) AS count_per_country FROM top_titles"
      + " GROUP BY country_code) USING (country_code)").first()

    val rows = summary.getLong(0)
    assertTrue(rows >= 19000 && rows <= 19100, "about 190 x 100 rows, not " + rows)
    assertEquals(190L, summary.getLong(1), "countries")
    assertEquals(100, summary.getInt(2), "lowest rank kept")
    assertTrue(summary.getLong(3) >= 100, "fewest titles in a country: " + summary.getLong(3))
    assertEquals("2024-01-01", summary.getDate(4).toString, "only the processed day")
    assertEquals("2024-01-01", summary.getDate(5).toString, "only the processed day")
  }

  @Test
  def writesTheExpectedTopTitlesForTheMockedSessions(): Unit = {
    val mocked = harness.workflow("main.sch.yaml").param("DATE", "2024-01-02")
      .param("SOURCE_DB", "mock_source").param("TARGET_DB", "mock_target")
      .mock("mocks/playback_sessions.yaml").without("sample_data").run()

    DataFrameAssertions.assertMatches(mocked.table(target), MockTable.fromResource("mocks/top_titles.yaml"))
    val blocking = mocked.audits().asScala.filter(_.blocking())
    assertFalse(blocking.isEmpty, "the workflow's blocking audits ran")
    blocking.foreach((audit: AuditOutcome) => assertTrue(audit.passed(), audit.function() + ": " + audit.message()))
    assertEquals(TaskStatus.WARNED, mocked.status(), "a few rows only: the non-blocking row count audit warns")
  }
}
