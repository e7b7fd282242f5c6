from spark_job.transform import normalize_country


def test_normalize_country():
    assert normalize_country(" de ") == "DE"
