"""Orchestration: composes the ingest, nlp and store layers into runs."""
