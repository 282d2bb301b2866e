"""Evaluation harnesses: score the pipeline on the project's gold sets and third-party data.

Kept out of the unit tests (figures, not pass/fail), run by `glocal eval ...`; third-party data is
read from ``settings.evaldata_dir`` and never copied into the project.
"""
