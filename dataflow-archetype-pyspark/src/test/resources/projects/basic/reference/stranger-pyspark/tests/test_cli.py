"""The job's arguments: no Spark needed."""

import datetime

import pytest

from top_titles_job.cli import parse_args


def test_reads_the_arguments_main_sch_yaml_passes():
    options = parse_args(["--source-table", "a.sessions", "--target-table", "b.top", "--date", "2024-01-02"])

    assert (options.source_table, options.target_table, options.date) == (
        "a.sessions", "b.top", datetime.date(2024, 1, 2))


def test_missing_argument_is_named(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--source-table", "a.sessions", "--date", "2024-01-02"])

    assert exit_info.value.code == 2
    assert "the following arguments are required: --target-table" in capsys.readouterr().err


def test_date_must_be_iso(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--source-table", "a", "--target-table", "b", "--date", "01/02/2024"])

    assert "'01/02/2024' is not a yyyy-MM-dd date" in capsys.readouterr().err
