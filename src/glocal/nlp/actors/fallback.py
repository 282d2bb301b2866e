"""Unlinked place names from morphology (Kiwi for Korean, Sudachi for Japanese), opt-in.

Rules are data (src/glocal/data/actors/locations.yaml). Found places become mentions of kind
"location" with key "loc:<surface>" and method "kiwi-nnp" / "sudachi-place"; they never overlap a
linked mention. For Japanese, Sudachi also removes linked names it reads as part of a person's
name (宮崎 in 宮崎駿) or of a longer proper noun that is not a place.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from glocal.nlp.actors.registry import default_registry
from glocal.records import ActorMention

_PLACE = ("固有名詞", "地名")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    doc = default_registry().data.singletons["locations"]
    names = ("ko_place_endings", "ko_place_endings_weak", "ko_place_nouns", "ko_surnames", "ja_place_suffixes")
    return {name: tuple(sorted(doc.get(name) or [], key=len, reverse=True)) for name in names}


def _korean_place_name(form: str) -> bool:
    rules = _rules()
    if form.endswith(rules["ko_place_endings"]):
        return True
    looks_personal = len(form) == 3 and form[0] in rules["ko_surnames"]
    return form.endswith(rules["ko_place_endings_weak"]) and not looks_personal


@lru_cache(maxsize=1)
def _kiwi():  # type: ignore[no-untyped-def]
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=-1)  # -1: analyse in the calling thread (no pool per process)


@lru_cache(maxsize=1)
def _sudachi():  # type: ignore[no-untyped-def]
    from sudachipy import dictionary

    return dictionary.Dictionary(dict="core").create()


def _location(text: str, start: int, end: int, method: str) -> ActorMention:
    surface = text[start:end]
    return ActorMention(actor_key=f"loc:{surface}", kind="location", name_en=surface, surface=surface,
                        start=start, end=end, confidence=0.5, method=method, country_code=None)


def _korean_places(text: str) -> list[tuple[int, int]]:
    rules = _rules()
    tokens = _kiwi().tokenize(text)
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


def _japanese(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, bool]]]:
    """(place spans, (start, end, is_place) of every proper-noun token) from Sudachi mode C."""
    from sudachipy import tokenizer

    suffixes = _rules()["ja_place_suffixes"]
    tokens = list(_sudachi().tokenize(text, tokenizer.Tokenizer.SplitMode.C))
    places, proper = [], []
    for i, token in enumerate(tokens):
        pos = token.part_of_speech()
        if pos[1] == "固有名詞":
            proper.append((token.begin(), token.end(), pos[1:3] == _PLACE, pos[2] == "人名"))
        if pos[1:3] != _PLACE:
            continue
        end = token.end()
        if i + 1 < len(tokens) and tokens[i + 1].surface() in suffixes:
            end = tokens[i + 1].end()
        places.append((token.begin(), end))
    return places, proper  # type: ignore[return-value]


def _vetoed(mention: ActorMention, proper: list[tuple[int, int, bool, bool]]) -> bool:
    for start, end, is_place, is_person in proper:
        inside = start <= mention.start and mention.end <= end
        if inside and (is_person or (not is_place and end - start > mention.end - mention.start)):
            return True
    return False


def add_locations(text: str, language: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` plus unlinked places (and, for Japanese, minus Sudachi vetoes), sorted by position."""
    if language == "ko":
        spans, method = _korean_places(text), "kiwi-nnp"
    elif language == "ja":
        spans, proper = _japanese(text)
        mentions = [m for m in mentions if not _vetoed(m, proper)]
        method = "sudachi-place"
    else:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    for start, end in spans:
        if not any(start < e and s < end for s, e in taken):
            mentions.append(_location(text, start, end, method))
            taken.append((start, end))
    return sorted(mentions, key=lambda m: (m.start, m.end))
