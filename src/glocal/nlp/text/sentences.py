"""Sentence splitting per language, with character offsets into the original text.

Korean uses Kiwi's sentence splitter (it knows that "20일." ends nothing and that quotes close
sentences); Japanese and Chinese split after 。！？ (and their closing brackets); English and other
space-separated languages split after . ! ? unless the period ends a known abbreviation, an
initial or a number. Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from glocal.records import Sentence

_PARAGRAPHS = re.compile(r"\n\s*\n|\n(?=\S)")
_CJK_END = re.compile(r"[。！？!?]+[」』）)\"”’]*")
_LATIN_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+|$)")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gov", "gen", "sen", "rep", "st", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "corp", "co",
    "ltd", "u.s", "u.k", "u.n", "e.g", "i.e", "approx", "dept", "min", "est", "jr", "sr",
}


@lru_cache(maxsize=1)
def _kiwi():  # type: ignore[no-untyped-def]
    from kiwipiepy import Kiwi

    return Kiwi()


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPHS.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _split_cjk(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CJK_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _split_latin(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _LATIN_END.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (last in _ABBREVIATIONS or len(last) == 1 or last.isdigit()):
            continue  # "Mr.", "U.S.", "No. 2", "J. Kim"
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _split_korean(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in _kiwi().split_into_sents(text)]


def split_sentences(text: str, language: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets; whitespace trimmed, empty pieces dropped."""
    splitter = {"ko": _split_korean, "ja": _split_cjk, "zh": _split_cjk}.get(language, _split_latin)
    sentences: list[Sentence] = []
    for p_start, p_end in _paragraph_spans(text):
        for s_start, s_end in splitter(text[p_start:p_end]):
            start, end = p_start + s_start, p_start + s_end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                sentences.append(Sentence(len(sentences), start, end, text[start:end]))
    return sentences
