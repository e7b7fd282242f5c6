"""The mocks themselves: readable, and every row fits its declared schema. No Spark needed."""

import datetime

import pytest

pytest.importorskip("yaml", reason="PyYAML is not installed for this Python; run 'pip install .[test]'")

import mock_tables  # noqa: E402  (after the skip: it needs PyYAML)


def test_source_mock_covers_the_cases_the_spark_tests_rely_on():
    table, columns, rows = mock_tables.load("playback_sessions.yaml")

    assert table == "${SOURCE_DB}.${SOURCE_TABLE}"
    assert columns == [("title_id", "INT"), ("country_code", "STRING"), ("view_hours", "DOUBLE"), ("date", "DATE")]
    day = datetime.date(2024, 1, 2)
    assert any(row["title_id"] is None for row in rows), "a session without title"
    assert any(row["view_hours"] is not None and row["view_hours"] <= 0 for row in rows), "non-positive time"
    assert any(row["date"] != day for row in rows), "other days"


def test_expected_mock_has_a_tie():
    _, columns, rows = mock_tables.load("top_titles.yaml")

    assert [column for column, _ in columns] == ["title_id", "country_code", "title_rank", "view_hours", "date"]
    us_first = [row for row in rows if row["country_code"] == "US" and row["title_rank"] == 1]
    assert len(us_first) == 2


def test_schema_split_keeps_nested_types_and_drops_constraints():
    assert mock_tables.split_schema("a INT NOT NULL, m MAP<STRING, DOUBLE>, s STRUCT<x: INT, y: DATE> COMMENT 'c'") == [
        ("a", "INT"), ("m", "MAP<STRING, DOUBLE>"), ("s", "STRUCT<x: INT, y: DATE>")]


def test_row_with_an_undeclared_column_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "bad.yaml").write_text("schema: a INT\nrows:\n  - {a: 1, b: 2}\n", encoding="utf-8")
    monkeypatch.setattr(mock_tables, "MOCKS", tmp_path)

    with pytest.raises(ValueError, match=r"bad.yaml row 1 has columns \['b'\]"):
        mock_tables.load("bad.yaml")


def test_a_misspelt_key_is_rejected_rather_than_meaning_no_rows(tmp_path, monkeypatch):
    (tmp_path / "typo.yaml").write_text("schema: a INT\nrow:\n  - {a: 1}\n", encoding="utf-8")
    monkeypatch.setattr(mock_tables, "MOCKS", tmp_path)

    with pytest.raises(ValueError, match=r"typo.yaml has the key\(s\) \['row'\]"):
        mock_tables.load("typo.yaml")
