"""A tiny job package: the scheduler calls main(args, spark)."""
