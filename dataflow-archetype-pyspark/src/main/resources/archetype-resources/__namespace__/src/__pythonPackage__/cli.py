"""Command-line arguments of the job, kept apart from Spark so they can be tested without it."""

import argparse
import datetime


def _date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a yyyy-MM-dd date")


def parse_args(argv):
    """--source-table db.table --target-table db.table --date yyyy-MM-dd, as main.sch.yaml passes them."""
    parser = argparse.ArgumentParser(
        prog="${pythonPackage}.top_titles",
        description="Writes the day's 100 most watched titles per country over that day's partition.",
    )
    parser.add_argument("--source-table", required=True, help="playback sessions, db.table")
    parser.add_argument("--target-table", required=True, help="the Iceberg target, db.table")
    parser.add_argument("--date", required=True, type=_date, help="the day to process, yyyy-MM-dd")
    return parser.parse_args(argv)
