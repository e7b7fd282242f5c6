"""The transformation of the sample workflow: the 100 most watched titles per country on one day,
written over that day's partition of the target table (other days untouched; rerunning a day replaces it).

The workflow runs this module (``python -m ${pythonPackage}.top_titles --source-table ... --date ...``);
tests call ``main(args, spark)`` or the steps below with their own session.
"""

import sys

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from ${pythonPackage}.cli import parse_args

# Titles kept per country; more when several tie for the last place.
TOP_N = 100


def main(args, spark):
    options = parse_args(args)
    run(spark, options.source_table, options.target_table, options.date)


def run(spark: SparkSession, source_table, target_table, date):
    write_day(top_titles(spark.table(source_table), date), target_table, date)


def top_titles(sessions: DataFrame, date) -> DataFrame:
    """The day's top titles per country, in the target table's columns."""
    day = sessions.filter(F.col("date") == F.lit(date))
    return (
        add_title_rank(viewing_by_title_country(day))
        .filter(F.col("title_rank") <= TOP_N)
        .select("title_id", "country_code", "title_rank", "view_hours", F.lit(date).alias("date"))
    )


def viewing_by_title_country(sessions: DataFrame) -> DataFrame:
    """Step 1: viewing time per title and country, ignoring sessions with no title or no positive time."""
    return (
        sessions.filter(F.col("title_id").isNotNull() & (F.col("view_hours") > 0))
        .groupBy("title_id", "country_code")
        .agg(F.sum("view_hours").alias("view_hours"))
    )


def add_title_rank(viewing: DataFrame) -> DataFrame:
    """Step 2: rank titles from most to least watched in every country; ties share a rank."""
    window = Window.partitionBy("country_code").orderBy(F.col("view_hours").desc())
    return viewing.withColumn("title_rank", F.rank().over(window))


def write_day(result: DataFrame, target_table, date):
    """Replaces exactly the day's partition, in one commit, even when the day has no rows."""
    result.writeTo(target_table).overwrite(F.col("date") == F.lit(date))


if __name__ == "__main__":
    # The scheduler (or the local runner) has configured the session, catalogs included.
    main(sys.argv[1:], SparkSession.builder.getOrCreate())
