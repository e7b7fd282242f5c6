import pytest

pyspark = pytest.importorskip(
    "pyspark", reason="pyspark is not installed on this machine: install it to run the Spark tests")


def test_main_shows_the_greeting():
    from hello_world.job import main
    spark = pyspark.sql.SparkSession.builder.master("local[1]").getOrCreate()
    main(["spark"], spark)
