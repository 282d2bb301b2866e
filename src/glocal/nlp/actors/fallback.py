"""Unlinked place names from morphology (Kiwi for Korean, Sudachi for Japanese), added to mentions.

Rules are data (src/glocal/data/actors/locations.yaml). The place finder (places.py) gives place
phrases; a phrase that contains no linked actor becomes a mention of kind "location" with key
"loc:<surface>" and method "kiwi-nnp" / "sudachi-place"; it never overlaps a linked mention. For
Japanese, Sudachi also removes linked names that it reads as part of a person's name (宮崎 in
宮崎駿); names inside a longer proper noun (東京 in 東京大学) stay actor mentions but give no place.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from glocal.nlp.actors.registry import default_registry
from glocal.records import ActorMention


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    doc = default_registry().data.singletons["locations"]
    names = ("ko_place_endings", "ko_place_endings_weak", "ko_place_nouns", "ko_surnames")
    return {name: tuple(sorted(doc.get(name) or [], key=len, reverse=True)) for name in names}


def _korean_place_name(form: str) -> bool:
    rules = _rules()
    if form.endswith(rules["ko_place_endings"]):
        return True
    looks_personal = len(form) == 3 and form[0] in rules["ko_surnames"]
    return form.endswith(rules["ko_place_endings_weak"]) and not looks_personal


def has_place_ending(form: str) -> bool:
    """Whether a Korean proper noun ends like a place (경복궁, 삼성동), personal-looking or not."""
    rules = _rules()
    return form.endswith(rules["ko_place_endings"]) or form.endswith(rules["ko_place_endings_weak"])


def korean_place_spans(tokens: list[Any]) -> list[tuple[int, int]]:
    """Places among Kiwi tokens: a proper noun with a place ending, or one followed by a place noun."""
    rules = _rules()
    spans = []
    for i, token in enumerate(tokens):
        if token.tag != "NNP" or len(token.form) < 2:
            continue
        end = token.start + token.len
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.tag == "NNG" and nxt.form in rules["ko_place_nouns"] and nxt.start <= end + 1:
            spans.append((token.start, nxt.start + nxt.len))
        elif _korean_place_name(token.form):
            spans.append((token.start, end))
    return spans


def _location(text: str, start: int, end: int, method: str) -> ActorMention:
    surface = text[start:end]
    return ActorMention(actor_key=f"loc:{surface}", kind="location", name_en=surface, surface=surface,
                        start=start, end=end, confidence=0.5, method=method, country_code=None)


def add_locations(text: str, language: str, mentions: list[ActorMention], tokens: list[Any] | None = None) -> list[ActorMention]:
    """``mentions`` plus unlinked places (and, for Japanese, minus Sudachi vetoes), sorted by position.

    ``tokens``: an analysis of ``text`` already made (Kiwi tokens for Korean), to avoid a second one.
    """
    from glocal.nlp.actors import places

    if language == "ko":
        tokens = tokens if tokens is not None else places.kiwi_tokens(text)
        found, method = places.korean_places(text, mentions, tokens), "kiwi-nnp"
    elif language == "ja":
        sudachi = places.sudachi_tokens(text)
        mentions = places.not_vetoed(mentions, sudachi, persons_only=True)
        found, method = places.japanese_places(text, places.not_vetoed(mentions, sudachi), sudachi), "sudachi-place"
    else:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    for place in found:
        if place.keys:
            continue
        if not any(place.start < e and s < place.end for s, e in taken):
            mentions.append(_location(text, place.start, place.end, method))
            taken.append((place.start, place.end))
    return sorted(mentions, key=lambda m: (m.start, m.end))
