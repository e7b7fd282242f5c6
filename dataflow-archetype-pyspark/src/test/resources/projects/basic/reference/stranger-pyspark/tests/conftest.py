import pytest

# Written at archetype build time: the versions the JVM samples test with.
SPARK_VERSION = "@spark.version@"
ICEBERG_RUNTIME = "org.apache.iceberg:iceberg-spark-runtime-4.1_@scala.binary.version@:@iceberg.version@"


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """One local Spark with an Iceberg catalog for the whole run, set up like the JVM tests' LocalSpark."""
    pytest.importorskip("pyspark", reason=f"PySpark is not installed for this Python; run "
                                          f"'pip install .[test]' (pyspark=={SPARK_VERSION}) to run the Spark tests")
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
