"""Place phrases: where a text names a place, with the span a reader would mark.

The linker finds actors (a country, a city) wherever their names occur, even as modifiers (日本映画,
부산은행). The place finder answers a narrower question: which stretches of text name a place?
It combines three sources and the rules of src/glocal/data/actors/locations.yaml:

- linked actors of place kinds (country, Korean local government, city, region);
- morphology: Kiwi proper nouns (NNP) with a place ending for Korean (fallback.py), Sudachi
  固有名詞/地名 tokens (split mode C) for Japanese — places no table lists;
- phrase rules: adjacent places form one phrase (서울 강남구, 東京都千代田区), generic place heads
  extend it (강남 + 역, 愛知 + 県, 台湾 + 北部), and a place that only modifies another noun is not a
  place phrase (Japanese compounds are head-final: 日本 + 映画 is a film, 東京 + 大学 a university;
  Korean 미국 정부 is a government).

Each phrase records the linked actors inside it, so a caller can resolve "서울 강남구" to
Gangnam-gu. Korean needs a Kiwi analysis of the text; the understanding stage passes the one it
already made for tone and keywords, so the finder costs little there.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from glocal.nlp.actors.registry import default_registry
from glocal.records import ActorMention

PLACE_KINDS = frozenset({"country", "local_gov", "city", "region", "location"})
_PLACE_POS = ("固有名詞", "地名")
_COMPOUND_POS = {"名詞", "接尾辞", "接頭辞"}
_JOINERS = "・=＝･"
_VETOED_KINDS = {"city", "local_gov", "region"}  # actors that a person's name may contain (宮崎駿)



class Place(NamedTuple):
    """One place phrase: text[start:end]; ``keys`` are the linked actors inside it, in text order."""

    start: int
    end: int
    surface: str
    keys: tuple[str, ...]
    method: str  # "linked", "morphology" or "linked+morphology"


class _Piece(NamedTuple):
    start: int
    end: int
    key: str | None  # linked actor key, None for a morphological place


@lru_cache(maxsize=1)
def _rules() -> dict[str, frozenset[str]]:
    doc = default_registry().data.singletons["locations"]
    names = ("ja_place_heads", "ja_relational", "ja_prefixes", "ja_name_suffixes", "ko_place_heads", "ko_org_heads",
             "ko_modifier_suffixes")
    return {name: frozenset(doc.get(name) or []) for name in names}


def _pieces(mentions: list[ActorMention], extra: list[tuple[int, int]]) -> list[_Piece]:
    """Linked place mentions plus morphological spans that overlap none of them, by position."""
    pieces = [_Piece(m.start, m.end, m.actor_key) for m in mentions
              if m.kind in PLACE_KINDS and not m.method.startswith("short-form:compound")]  # 한미, 日米: parties
    for start, end in extra:
        inside = [p for p in pieces if start <= p.start and p.end <= end]
        if any(start < p.end and p.start < end for p in pieces if p not in inside):
            continue
        if inside and end - start > max(p.end - p.start for p in inside):
            pieces = [p for p in pieces if p not in inside]  # Sudachi's 愛知県 over the linked 愛知
            pieces.append(_Piece(start, end, inside[0].key if len(inside) == 1 else None))
        elif not inside:
            pieces.append(_Piece(start, end, None))
    # a country nested in a city name (Mexico City) is part of that place, not a piece of its own
    unique = set(pieces)
    return sorted(p for p in unique if not any(o != p and o.start <= p.start and p.end <= o.end for o in unique))


def _phrases(text: str, groups: list[list[_Piece]], morph: set[tuple[int, int]]) -> list[Place]:
    places = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        keys = tuple(dict.fromkeys(p.key for p in group if p.key))
        linked = bool(keys)
        morphological = any((p.start, p.end) in morph or p.key is None for p in group)
        method = "linked+morphology" if linked and morphological else "linked" if linked else "morphology"
        places.append(Place(start, end, text[start:end], keys, method))
    return places


# --- Japanese -----------------------------------------------------------------------------------

def sudachi_tokens(text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    from glocal.nlp.text.tokens import _sudachi

    analyser, mode = _sudachi()
    return [(m.begin(), m.end(), m.surface(), m.part_of_speech()) for m in analyser.tokenize(text, mode)]


def japanese_places(text: str, mentions: list[ActorMention], tokens: list[tuple[int, int, str, tuple[str, ...]]]) -> list[Place]:
    """Place phrases from Sudachi tokens (``sudachi_tokens``) and linked mentions not vetoed."""
    rules = _rules()
    morph = [(b, e) for b, e, _, pos in tokens if pos[1:3] == _PLACE_POS]
    for k in range(len(tokens) - 1):  # 中野 (read as a surname) + 区, ノバスコシア + 州
        (b, _, surface, pos), (nb, ne, suffix, _) = tokens[k], tokens[k + 1]
        named = pos[1] == "固有名詞" and pos[1:3] != _PLACE_POS or pos[1] == "普通名詞" and _katakana_word(surface)
        if named and suffix in rules["ja_name_suffixes"] and nb == tokens[k][1]:
            morph.append((b, ne))
    pieces = _pieces(mentions, morph)
    by_start = {p.start: p for p in pieces}
    token_at = {b: i for i, (b, *_rest) in enumerate(tokens)}
    groups: list[list[_Piece]] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        group, end = [piece], piece.end
        keep = True
        while True:
            if end in by_start:  # another place right after: one chain (東京都 + 千代田区)
                group.append(by_start[end])
                end = by_start[end].end
                continue
            k = token_at.get(end)
            if k is None or tokens[k][3][0] not in _COMPOUND_POS:
                break  # a particle, a symbol or the end: the compound ends with the place
            surface = tokens[k][2]
            if surface in rules["ja_place_heads"]:
                end = tokens[k][1]
                group[-1] = group[-1]._replace(end=end)
                continue
            keep = surface in rules["ja_relational"]  # else the place only modifies the next noun
            break
        i += len(group)
        keep = keep and not _joined_to_name(text, group[0].start, end, by_start, {p.end for p in pieces})
        if keep:
            first = group[0]
            k = _token_ending_at(tokens, first.start)
            if k is not None and tokens[k][2] in rules["ja_prefixes"] and tokens[k][3][0] == "接頭辞":
                group[0] = first._replace(start=tokens[k][0])
            groups.append(group)
    return _phrases(text, groups, set(morph))


def _katakana_word(surface: str) -> bool:
    return len(surface) >= 2 and all("\u30a0" <= ch <= "\u30ff" for ch in surface)


def _joined_to_name(text: str, start: int, end: int, starts: dict[int, _Piece], ends: set[int]) -> bool:
    """ニューヨーク・タイムズ, レアル・マドリード: a place joined by ・ or = to a word that is not a place."""
    after = text[end:end + 1] in _JOINERS and end + 1 < len(text) and end + 1 not in starts
    before = start > 0 and text[start - 1] in _JOINERS and start - 1 not in ends
    return after or before


def _token_ending_at(tokens: list[tuple[int, int, str, tuple[str, ...]]], position: int) -> int | None:
    for k, (_, end, *_rest) in enumerate(tokens):
        if end == position:
            return k
        if end > position:
            return None
    return None


def not_vetoed(mentions: list[ActorMention], tokens: list[tuple[int, int, str, tuple[str, ...]]],
               persons_only: bool = False) -> list[ActorMention]:
    """Drop linked names inside a person's name (宮崎駿) or, unless ``persons_only``, inside a longer
    proper noun that is not a place (東京 in 東京大学: an actor mention, but no place phrase)."""
    proper = [(b, e, pos) for b, e, _, pos in tokens if pos[1] == "固有名詞"]
    kept = []
    for m in mentions:
        if persons_only and m.kind not in _VETOED_KINDS:
            kept.append(m)  # Sudachi reads 日越 or some organisation names as people: keep those
            continue
        vetoed = any(b <= m.start and m.end <= e and (pos[2] == "人名" or (
            not persons_only and pos[1:3] != _PLACE_POS and e - b > m.end - m.start)) for b, e, pos in proper)
        if not vetoed:
            kept.append(m)
    return kept


# --- Korean -------------------------------------------------------------------------------------

def kiwi_tokens(text: str) -> list[Any]:
    """Kiwi tokens of ``text`` (the instance the keyword and tone steps share)."""
    from glocal.nlp.text.tokens import _kiwi

    return list(_kiwi().tokenize(text))


_analyse_korean = kiwi_tokens


def korean_places(text: str, mentions: list[ActorMention], tokens: list[Any]) -> list[Place]:
    """Place phrases from a Kiwi analysis of the whole text and the linker's mentions."""
    from glocal.nlp.actors.fallback import korean_place_spans

    rules = _rules()
    morph = korean_place_spans(tokens)
    proper = [(t.start, t.start + t.len) for t in tokens if t.tag == "NNP" and len(t.form) >= 2]
    linked = [m for m in mentions if not _inside_other_name(m, proper, set(morph))]
    morph += _chained(text, tokens, [(m.start, m.end) for m in linked if m.kind in PLACE_KINDS] + morph)
    morph_set = set(morph)
    pieces = _pieces(linked, morph)
    starts = {t.start: t for t in tokens}
    org_heads = tuple(rules["ko_org_heads"])
    groups: list[list[_Piece]] = []
    for piece in pieces:
        end = piece.end
        token = starts.get(end)
        if token is not None and token.tag in ("NNG", "NNP", "XSN") and token.form in rules["ko_place_heads"]:
            end = token.start + token.len
            piece = piece._replace(end=end)
            token = None
        if _korean_modifier(text, end, rules["ko_modifier_suffixes"]):
            continue  # 한국인, 한국산: a demonym or an origin
        nxt = starts.get(end) or starts.get(end + 1) if text[end:end + 1] in ("", " ") else starts.get(end)
        if nxt is not None and nxt.tag.startswith("NN") and nxt.form.endswith(org_heads):
            continue  # 미국 정부, 부산 경찰서: an organisation of the place
        if groups and text[groups[-1][-1].end:piece.start] in ("", " "):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return _phrases(text, groups, morph_set)


def _korean_modifier(text: str, end: int, suffixes: frozenset[str]) -> bool:
    from glocal.nlp.actors import default_linker

    stop = end
    while stop < len(text) and "\uac00" <= text[stop] <= "\ud7a3" and stop - end < 8:
        stop += 1
    tail = text[end:stop]
    particles = default_linker().boundaries.endings
    return any(tail.startswith(s) and (tail == s or tail[len(s):] in particles) for s in suffixes)


def _chained(text: str, tokens: list[Any], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Proper nouns with a place ending right after a place (강남구 신사동): places even when they
    could be a person's name on their own (the surname test of fallback.py is skipped)."""
    from glocal.nlp.actors.fallback import has_place_ending

    candidates = {t.start: (t.start, t.start + t.len) for t in tokens
                  if t.tag == "NNP" and len(t.form) >= 2 and has_place_ending(t.form)}
    taken = set(spans)
    found: list[tuple[int, int]] = []
    frontier = [end for _, end in spans]
    while frontier:
        end = frontier.pop()
        for start in (end, end + 1):
            span = candidates.get(start)
            if span is not None and span not in taken and text[end:start] in ("", " "):
                taken.add(span)
                found.append(span)
                frontier.append(span[1])
    return found


def _inside_other_name(mention: ActorMention, proper: list[tuple[int, int]], places: set[tuple[int, int]]) -> bool:
    """A linked name inside a longer Kiwi proper noun that is not a place (부산은행, 한국전력)."""
    return any(b <= mention.start and mention.end <= e and e - b > mention.end - mention.start
               and (b, e) not in places for b, e in proper)


# --- entry point --------------------------------------------------------------------------------

def find_places(text: str, language: str, mentions: list[ActorMention] | None = None,
                kiwi_tokens: list[Any] | None = None) -> list[Place]:
    """Place phrases in ``text``, by position.

    ``mentions``: the linker's mentions of this text (computed when omitted). ``kiwi_tokens``: a
    Kiwi analysis of the whole text (Korean only; computed when omitted). Other languages than
    ko and ja get their linked places, with adjacent ones joined.
    """
    if mentions is None:
        from glocal.nlp.actors import default_linker

        mentions = default_linker().link(text, language)
    if language == "ja":
        tokens = sudachi_tokens(text)
        return japanese_places(text, not_vetoed(mentions, tokens), tokens)
    if language == "ko":
        return korean_places(text, mentions, kiwi_tokens if kiwi_tokens is not None else _analyse_korean(text))
    groups: list[list[_Piece]] = []
    for piece in _pieces(mentions, []):
        if groups and language in ("zh",) and groups[-1][-1].end == piece.start:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return _phrases(text, groups, set())
