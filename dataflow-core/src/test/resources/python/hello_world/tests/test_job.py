from hello_world.job import greeting, main


def test_greeting():
    assert greeting("Maven") == "Hello, Maven!"


def test_main_without_spark_uses_default_name():
    assert main([]) == "Hello, world!"
