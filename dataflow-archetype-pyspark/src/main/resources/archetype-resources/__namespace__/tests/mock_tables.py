"""YAML mocks as typed Spark DataFrames, in the format of the JVM samples (io.dataflow.contract.mock.MockFile):
the keys ``table:`` (a name, ``${NAME}`` parameters allowed), ``schema:`` in Spark DDL and ``rows:``, nothing
else. Every value is cast to its declared type by Spark itself, so ``10`` in a DOUBLE column is 10.0 and an
unquoted date is a DATE."""

import collections
import datetime
import pathlib
import re

import yaml

MOCKS = pathlib.Path(__file__).parent / "mocks"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")
_KEYS = {"table", "schema", "rows"}


def load(name):
    """(table, [(column, type)], rows) of mocks/<name>; rows are dicts as written."""
    with open(MOCKS / name, encoding="utf-8") as file:
        document = yaml.safe_load(file)
    if not isinstance(document, dict) or not isinstance(document.get("schema"), str):
        raise ValueError(f"Mock file {name} needs 'schema:' as a Spark DDL string, e.g. 'a INT, d DATE'.")
    unknown_keys = sorted(set(document) - _KEYS)
    if unknown_keys:
        raise ValueError(f"Mock file {name} has the key(s) {unknown_keys}; a mock has only the keys table, schema "
                         f"and rows.")
    columns = split_schema(document["schema"])
    declared = {column for column, _ in columns}
    rows = document.get("rows") or []
    for number, row in enumerate(rows, 1):
        unknown = sorted(set(row) - declared)
        if unknown:
            raise ValueError(f"Mock file {name} row {number} has columns {unknown} that 'schema:' does not "
                             f"declare; add them to the schema or remove them.")
    return document.get("table") or "", columns, rows


def split_schema(ddl):
    """[(column, type)] of a DDL schema; commas inside <...> or (...) belong to a type."""
    parts, depth, current = [], 0, ""
    for char in ddl:
        depth += char in "<("
        depth -= char in ">)"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    columns = []
    for part in parts:
        name, _, data_type = part.strip().partition(" ")
        data_type = re.split(r"\s+(?:NOT\s+NULL|COMMENT)\b", data_type.strip(), flags=re.IGNORECASE)[0]
        columns.append((name.strip("`"), data_type))
    return columns


def to_dataframe(spark, name):
    from pyspark.sql.types import StringType, StructField, StructType

    _, columns, rows = load(name)
    text_rows = [[_text(row.get(column)) for column, _ in columns] for row in rows]
    raw = spark.createDataFrame(text_rows, StructType([StructField(column, StringType()) for column, _ in columns]))
    return raw.selectExpr(*[f"CAST(`{column}` AS {data_type}) AS `{column}`" for column, data_type in columns])


def register(spark, name, params):
    """Makes the mock readable under its table name (placeholders filled from params); returns that name."""
    table = _PLACEHOLDER.sub(lambda match: params[match.group(1)], load(name)[0])
    database = table.rsplit(".", 1)[0]
    spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {database}")
    spark.sql(f"DROP TABLE IF EXISTS {table}")
    to_dataframe(spark, name).writeTo(table).create()
    return table


def assert_matches(actual, expected):
    """Same columns and types, same rows in any order; floats compared to 12 significant digits."""
    assert actual.dtypes == expected.dtypes or sorted(actual.dtypes) == sorted(expected.dtypes), (
        f"schema mismatch: {actual.dtypes} is not {expected.dtypes}")
    columns = [column for column, _ in expected.dtypes]
    found = collections.Counter(_row(row) for row in actual.select(*columns).collect())
    wanted = collections.Counter(_row(row) for row in expected.collect())
    missing, unexpected = wanted - found, found - wanted
    assert not missing and not unexpected, (
        f"missing rows (expected, not found): {sorted(missing.elements(), key=str)}\n"
        f"unexpected rows (found, not expected): {sorted(unexpected.elements(), key=str)}")


def _row(row):
    return tuple(float(f"{value:.12g}") if isinstance(value, float) else value for value in row)


def _text(value):
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
