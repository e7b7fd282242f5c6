package ${package}

import java.time.LocalDate
import java.time.format.DateTimeParseException

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.expressions.Window
import org.apache.spark.sql.functions.{col, lit, rank, sum}

/**
 * The transformation of the sample workflow: the 100 most watched titles per country on one day, written
 * over that day's partition of the target table (other days untouched; rerunning a day replaces it).
 *
 * Run by the write job of main.sch.yaml:
 * {{{
 * --source-table db.playback_sessions --target-table db.top_titles --date 2024-01-01
 * }}}
 */
object TopTitles {

  /** Titles kept per country; more when several tie for the last place. */
  val TopN = 100

  final case class Args(sourceTable: String, targetTable: String, date: LocalDate)

  def main(args: Array[String]): Unit = {
    val parsed = parseArgs(args)
    // The scheduler (or the local runner) has configured the session, catalogs included.
    val spark = SparkSession.builder().getOrCreate()
    run(spark, parsed)
  }

  def run(spark: SparkSession, args: Args): Unit =
    writeDay(topTitles(spark.table(args.sourceTable), args.date), args.targetTable, args.date)

  /** The day's top titles per country, in the target table's columns. */
  def topTitles(sessions: DataFrame, date: LocalDate): DataFrame =
    addTitleRank(viewingByTitleCountry(sessions.filter(col("date") === lit(date))))
      .filter(col("title_rank") <= TopN)
      .select(col("title_id"), col("country_code"), col("title_rank"), col("view_hours"), lit(date).as("date"))

  /** Step 1: viewing time per title and country, ignoring sessions with no title or no positive time. */
  def viewingByTitleCountry(sessions: DataFrame): DataFrame =
    sessions
      .filter(col("title_id").isNotNull && col("view_hours") > 0)
      .groupBy(col("title_id"), col("country_code"))
      .agg(sum(col("view_hours")).as("view_hours"))

  /** Step 2: rank titles from most to least watched in every country; ties share a rank. */
  def addTitleRank(viewing: DataFrame): DataFrame =
    viewing.withColumn("title_rank",
      rank().over(Window.partitionBy(col("country_code")).orderBy(col("view_hours").desc)))

  /** Replaces exactly the day's partition, in one commit, even when the day has no rows. */
  def writeDay(result: DataFrame, targetTable: String, date: LocalDate): Unit =
    result.writeTo(targetTable).overwrite(col("date") === lit(date))

  def parseArgs(args: Array[String]): Args = {
    val usage = "Usage: TopTitles --source-table <db.table> --target-table <db.table> --date <yyyy-MM-dd>"
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("Every option needs a value. " + usage)
    }
    val options = args.grouped(2).map(pair => pair(0) -> pair(1)).toMap
    val unknown = options.keySet -- Set("--source-table", "--target-table", "--date")
    if (unknown.nonEmpty) {
      throw new IllegalArgumentException("Unknown option(s) " + unknown.toSeq.sorted.mkString(", ") + ". " + usage)
    }
    def required(name: String): String =
      options.getOrElse(name, throw new IllegalArgumentException("Missing " + name + ". " + usage))
    val date = try LocalDate.parse(required("--date")) catch {
      case e: DateTimeParseException =>
        throw new IllegalArgumentException("--date '" + options("--date") + "' is not a yyyy-MM-dd date. " + usage, e)
    }
    Args(required("--source-table"), required("--target-table"), date)
  }
}
