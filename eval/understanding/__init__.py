"""Evaluation of the understanding stage (issue #3): actors/NER, events, tone."""
