import os
import sys

import pytest

# Written at archetype build time: the versions the JVM samples test with.
SPARK_VERSION = "@spark.version@"
ICEBERG_RUNTIME = "org.apache.iceberg:iceberg-spark-runtime-4.1_@scala.binary.version@:@iceberg.version@"

# Set to 1 where pyspark is installed (a CI image, say): a missing pyspark then fails the run instead of
# silently skipping every Spark test.
REQUIRE_PYSPARK = "DATAFLOW_REQUIRE_PYSPARK"


def import_pyspark():
    """The pyspark module; without it, a skip saying why, or a failure when DATAFLOW_REQUIRE_PYSPARK=1."""
    missing = (f"PySpark is not installed for this Python ({sys.executable}); run 'pip install .[test]' "
               f"(pyspark=={SPARK_VERSION}) to run the Spark tests")
    if os.environ.get(REQUIRE_PYSPARK) != "1":
        return pytest.importorskip("pyspark", reason=f"{missing}. Set {REQUIRE_PYSPARK}=1 to make this a failure.")
    try:
        import pyspark
        return pyspark
    except ImportError as error:
        cause = error
    pytest.fail(f"{REQUIRE_PYSPARK}=1, but {missing} ({cause}).", pytrace=False)


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """One local Spark with an Iceberg catalog for the whole run, set up like the JVM tests' LocalSpark."""
    import_pyspark()
    from pyspark.sql import SparkSession

    warehouse = tmp_path_factory.mktemp("warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("top-titles-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.jars.packages", ICEBERG_RUNTIME)
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.catalog.local", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.local.type", "hadoop")
        .config("spark.sql.catalog.local.warehouse", warehouse.as_uri())
        .config("spark.sql.defaultCatalog", "local")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("WARN")
    yield session
    session.stop()
