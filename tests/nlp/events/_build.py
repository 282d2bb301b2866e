"""Hand-built documents and actor mentions for the event tests (no actor linker involved)."""

from __future__ import annotations

from datetime import datetime

from glocal.nlp.events import extract_events
from glocal.nlp.text.sentences import split_sentences
from glocal.records import ActorMention, DocumentText, ExtractedEvent

# (surface, actor_key, kind, name_en, country_code)
Actor = tuple[str, str, str, str, str | None]


def mentions_for(text: str, actors: list[Actor]) -> list[ActorMention]:
    """Every occurrence of every surface, longest surfaces first, never overlapping (as a linker would)."""
    claimed: list[tuple[int, int]] = []
    found: list[ActorMention] = []
    for surface, key, kind, name, country in sorted(actors, key=lambda a: -len(a[0])):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(s < end and start < e for s, e in claimed):
                claimed.append((start, end))
                found.append(ActorMention(key, kind, name, surface, start, end, 0.9, "test", country))
            start = text.find(surface, end)
    return sorted(found, key=lambda m: m.start)


def extract(language: str, body: str, actors: list[Actor], title: str = "", published: str = "2025-10-21",
            document_id: int = 1) -> list[ExtractedEvent]:
    doc = DocumentText(document_id, language, title, body, datetime.fromisoformat(published), "hash")
    return extract_events(doc, split_sentences(doc.text, language), mentions_for(doc.text, actors))
