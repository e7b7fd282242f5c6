"""Dataflow sample: the 100 most watched titles per country and day, in PySpark."""
