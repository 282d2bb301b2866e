"""Cooperation events: triggers, dates, amounts and domains per language, merged across documents.

    extract_events(doc, sentences, mentions) -> list[ExtractedEvent]   (one document)
    merge_events([(document_id, event), ...]) -> list[EventGroup]       (across documents)
    event_key(event) -> str                                             (stable key of one event)
    resolve_date / find_dates, find_amounts, classify_domain             (building blocks)

Lexicons and patterns are data under glocal/data/events/.
"""

from glocal.nlp.events.amounts import find_amounts
from glocal.nlp.events.dates import DateMention, find_dates, resolve_date
from glocal.nlp.events.domains import classify_domain, domain_scores
from glocal.nlp.events.extract import extract_events
from glocal.nlp.events.merge import EventGroup, event_key, facts_key, merge_events

__all__ = [
    "DateMention", "EventGroup", "classify_domain", "domain_scores", "event_key", "extract_events", "facts_key",
    "find_amounts", "find_dates", "merge_events", "resolve_date",
]
