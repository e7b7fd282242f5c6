"""Entry point in the shape a Spark job runner calls: main(args, spark)."""


def greeting(name):
    return "Hello, " + name + "!"


def main(args, spark=None):
    """Returns the greeting; with a Spark session it would also write it to a table."""
    name = args[0] if args else "world"
    message = greeting(name)
    if spark is not None:
        spark.createDataFrame([(message,)], ["greeting"]).write.mode("overwrite").saveAsTable("greetings")
    return message
