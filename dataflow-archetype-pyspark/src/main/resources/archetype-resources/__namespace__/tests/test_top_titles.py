"""The transformation on YAML mocks, on a real local Spark with an Iceberg catalog."""

import datetime

import pytest
from conftest import import_pyspark

import_pyspark()
pytest.importorskip("yaml", reason="PyYAML is not installed for this Python; run 'pip install .[test]'")

import mock_tables  # noqa: E402  (after the skips)
from ${pythonPackage} import top_titles  # noqa: E402

PARAMS = {"SOURCE_DB": "sample_source", "SOURCE_TABLE": "playback_sessions",
          "TARGET_DB": "sample_target", "TARGET_TABLE": "top_titles"}
SOURCE = "sample_source.playback_sessions"
TARGET = "sample_target.top_titles"
DAY = datetime.date(2024, 1, 2)
ARGS = ["--source-table", SOURCE, "--target-table", TARGET, "--date", "2024-01-02"]


@pytest.fixture
def empty_target_table(spark):
    """The tests that write start from an empty target table."""
    spark.sql("CREATE NAMESPACE IF NOT EXISTS sample_target")
    spark.sql(f"DROP TABLE IF EXISTS {TARGET}")
    spark.sql(f"CREATE TABLE {TARGET} (title_id INT, country_code STRING, title_rank INT, view_hours DOUBLE,"
              f" date DATE) USING iceberg PARTITIONED BY (date)")


def test_ranks_the_days_titles_per_country_with_ties_sharing_a_rank(spark, empty_target_table):
    mock_tables.register(spark, "playback_sessions.yaml", PARAMS)

    top_titles.main(ARGS, spark)

    mock_tables.assert_matches(spark.table(TARGET), mock_tables.to_dataframe(spark, "top_titles.yaml"))


def test_overwrites_only_the_processed_day(spark, empty_target_table):
    mock_tables.register(spark, "playback_sessions.yaml", PARAMS)
    spark.sql(f"INSERT INTO {TARGET} VALUES (99, 'US', 1, 50.0, DATE '2024-01-01'),"
              f" (98, 'US', 1, 60.0, DATE '2024-01-02')")

    top_titles.main(ARGS, spark)
    top_titles.main(ARGS, spark)

    previous_day = spark.table(TARGET).where("date = DATE '2024-01-01'").collect()
    assert [row.title_id for row in previous_day] == [99]
    mock_tables.assert_matches(spark.table(TARGET).where("date = DATE '2024-01-02'"),
                               mock_tables.to_dataframe(spark, "top_titles.yaml"))


def test_keeps_the_top_100_per_country_plus_titles_tied_for_the_last_place(spark):
    # US: 150 titles watched 1..150 hours, except title 50, which ties with title 51 for rank 100.
    sessions = spark.sql("SELECT CAST(id AS INT) AS title_id, 'US' AS country_code,"
                         " CAST(IF(id = 50, 51, id) AS DOUBLE) AS view_hours, DATE '2024-01-02' AS date"
                         " FROM range(1, 151) UNION ALL SELECT CAST(id AS INT), 'FR', CAST(id AS DOUBLE),"
                         " DATE '2024-01-02' FROM range(1, 6)")

    result = top_titles.top_titles(sessions, DAY)

    us = result.where("country_code = 'US'")
    assert us.count() == 101
    assert sorted(row.title_id for row in us.where("title_rank = 100").collect()) == [50, 51]
    assert us.where("title_id = 49").count() == 0, "rank 102 is cut"
    assert result.where("country_code = 'FR'").count() == 5
