import pytest

pyspark = pytest.importorskip(
    "pyspark", reason="pyspark is not installed on this machine: install it to run the Spark tests"
)


def test_spark_session_counts_rows():
    spark = pyspark.sql.SparkSession.builder.master("local[1]").getOrCreate()
    assert spark.range(3).count() == 3
