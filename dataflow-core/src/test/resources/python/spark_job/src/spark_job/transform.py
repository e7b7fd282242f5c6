"""Pure-Python helpers the Spark job uses; testable without Spark."""


def normalize_country(code):
    return code.strip().upper()
