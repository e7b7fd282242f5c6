"""The Spark of these tests loads Iceberg from the copy Maven made in target/test-jars, never from the network."""

import pytest

import conftest


def test_the_copy_maven_made_is_the_jar_spark_gets(tmp_path):
    jars = tmp_path / "target" / "test-jars"
    jars.mkdir(parents=True)
    jar = jars / conftest.ICEBERG_RUNTIME_JAR
    jar.write_bytes(b"PK\x05\x06" + bytes(18))

    assert conftest.iceberg_runtime_jar(tmp_path) == jar
    assert conftest.ICEBERG_RUNTIME_JAR.startswith("iceberg-spark-runtime-4.1_2.")


def test_without_the_copy_the_message_says_how_to_make_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"run 'mvn verify' in .* once"):
        conftest.iceberg_runtime_jar(tmp_path)
