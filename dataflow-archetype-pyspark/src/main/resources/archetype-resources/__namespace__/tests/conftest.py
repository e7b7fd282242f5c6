import os
import sys
from pathlib import Path

import pytest

# Written at archetype build time: the versions the JVM samples test with.
SPARK_VERSION = "@spark.version@"
ICEBERG_RUNTIME_JAR = "iceberg-spark-runtime-4.1_@scala.binary.version@-@iceberg.version@.jar"

# The project's root: this file is <root>/<package directory>/tests/conftest.py.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

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


def iceberg_runtime_jar(project_root=PROJECT_ROOT):
    """The Iceberg runtime JAR that 'mvn verify' copied from the local Maven repository into target/test-jars.

    Spark gets it as spark.jars: Maven resolves it (offline once it is in the local repository), Spark never
    downloads anything itself.
    """
    jar = Path(project_root) / "target" / "test-jars" / ICEBERG_RUNTIME_JAR
    if not jar.is_file():
        raise FileNotFoundError(
            f"{jar} is missing: run 'mvn verify' in {project_root} once (its maven-dependency-plugin execution "
            f"'iceberg-runtime-for-python-tests' copies the Iceberg runtime there), then run pytest again")
    return jar


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """One local Spark with an Iceberg catalog for the whole run, set up like the JVM tests' LocalSpark."""
    import_pyspark()
    from pyspark.sql import SparkSession

    iceberg = iceberg_runtime_jar()
    warehouse = tmp_path_factory.mktemp("warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("top-titles-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.jars", str(iceberg))
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
