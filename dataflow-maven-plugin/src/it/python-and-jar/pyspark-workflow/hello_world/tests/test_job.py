from hello_world.job import greeting


def test_greeting():
    assert greeting("data") == "hello, data"
