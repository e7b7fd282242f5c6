"""The job's entry point. pyspark is imported by the caller, never at import time, so the logic is testable
anywhere."""


def greeting(name):
    return "hello, " + name


def main(args, spark):
    name = args[0] if args else "world"
    spark.createDataFrame([(greeting(name),)], ["greeting"]).show()
