from setuptools import setup

setup(name="legacy_setup", version="2.0.0", packages=["legacy_setup"])
