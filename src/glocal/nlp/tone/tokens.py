"""Sentences to lemma tokens for the tone rules, per language.

Korean: Kiwi morphemes (form + tag); particles, endings and suffixes are "function" tokens that a
phrase may skip, and connective endings other than -지/-게 end a clause so that a negation in the
next clause does not reach back. Japanese: Sudachi split mode A dictionary forms (fine-grained, so
売上高 gives 売上 and 人員削減 gives 削減). English: lower-cased words with candidate base forms
(signed -> sign, rose -> rise); hyphens split words. Vietnamese: lower-cased words. Chinese:
characters (no segmenter ships offline). The Kiwi and Sudachi instances are the ones the keyword
extractor already loaded, so the models sit in memory once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from glocal.nlp.text.tokens import _kiwi, _sudachi

CONTENT, FUNCTION, BOUNDARY = "content", "function", "boundary"
_EN_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[,;:.!?()\"]")
_VI_TOKEN = re.compile(r"[^\W_]+|[,;:.!?()\"]", re.UNICODE)
_EN_NUMBER_WORDS = {"thousand", "million", "billion", "trillion", "hundred"}
_EN_CLAUSE = {"but", "although", "though", "while", "whereas", "however"}
_KO_FUNCTION = ("J", "E", "XS", "VCP", "SW", "SO", "SH", "SN", "NR", "NNB")  # numbers and units too
_KO_BOUNDARY = {"SF", "SP", "SS", "SE"}
_KO_KEEP_EC = {"지", "게"}  # 하지 않다, 없게: the negation belongs to the same predicate
_JA_FUNCTION = {"助詞", "助動詞", "接尾辞"}
_JA_BOUNDARY = {"、", "。", "，", "．", "！", "？", "!", "?", "「", "」"}
_EN_IRREGULAR = {
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
    "won": "win", "lost": "lose", "broke": "break", "broken": "break", "drew": "draw", "drawn": "draw",
    "held": "hold", "sold": "sell", "led": "lead", "began": "begin", "begun": "begin", "took": "take",
    "taken": "take", "paid": "pay", "spent": "spend", "struck": "strike", "sank": "sink", "sunk": "sink",
    "slid": "slide", "froze": "freeze", "frozen": "freeze", "withdrew": "withdraw", "withdrawn": "withdraw",
    "overtook": "overtake", "overtaken": "overtake", "chose": "choose", "chosen": "choose", "went": "go",
    "gone": "go", "brought": "bring", "built": "build", "made": "make", "laid": "lay", "beaten": "beat",
    "better": "good", "best": "good", "worse": "bad", "wrought": "work", "fought": "fight", "sought": "seek", "thought": "think", "upheld": "uphold",
}


class Tok(NamedTuple):
    """One token; a named tuple because sentences produce many and dataclass creation is slow."""

    forms: tuple[str, ...]  # candidate lemmas, dictionary form first
    tag: str  # part of speech ("" where none)
    role: str  # CONTENT, FUNCTION or BOUNDARY
    surface: str = ""


@lru_cache(maxsize=65536)  # pure and called for every English word: news vocabulary repeats
def english_forms(word: str) -> tuple[str, ...]:
    """The word and the base forms it may come from (no dictionary: the lexicon decides)."""
    forms = [word]
    if word in _EN_IRREGULAR:
        forms.append(_EN_IRREGULAR[word])
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("",)), ("s", ("",)),
                                 ("ed", ("", "e")), ("ing", ("", "e")), ("er", ("", "e")), ("est", ("", "e"))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if suffix == "s" and stem.endswith("s"):
                continue  # "process", "access"
            forms.extend(stem + r for r in replacements)
            if suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # planned -> plan, stopping -> stop
    return tuple(dict.fromkeys(forms))


def _english(text: str) -> list[Tok]:
    text = text.lower().replace("n't", " not").replace("cannot", "can not").replace("-", " ")
    tokens: list[Tok] = []
    for match in _EN_TOKEN.finditer(text.replace("’", "'")):
        word = match.group()
        if not word[0].isalnum() or word in _EN_CLAUSE:
            tokens.append(Tok((word,), "", BOUNDARY))
        elif word == "won" and tokens and (tokens[-1].forms[0][0].isdigit() or tokens[-1].forms[0] in _EN_NUMBER_WORDS):
            tokens.append(Tok(("won",), "", CONTENT))  # the currency, not the verb: "12 billion won"
        elif word[0].isdigit():
            tokens.append(Tok((word,), "", FUNCTION))  # numbers do not separate "rose" from "profit"
        else:
            tokens.append(_english_word(word))
    return tokens


@lru_cache(maxsize=65536)
def _english_word(word: str) -> Tok:
    return Tok(english_forms(word.split("'")[0]), "", CONTENT)  # Tok is immutable: safe to share


def _korean_role(tag: str, form: str) -> str:
    if tag in _KO_BOUNDARY or (tag == "EC" and form not in _KO_KEEP_EC):
        return BOUNDARY
    if tag.startswith(_KO_FUNCTION) or tag == "VX":
        return FUNCTION
    return CONTENT


def _korean_tok(tag: str, form: str) -> Tok:
    return Tok((form.lower(),), tag, _korean_role(tag, form), form)


def _korean(texts: list[str]) -> list[list[Tok]]:
    results = []
    shared: dict[tuple[str, str], Tok] = {}  # per batch: the same (tag, form) pairs recur constantly
    for analysed in _kiwi().tokenize(texts):
        tokens = []
        for t in analysed:
            tok = shared.get((t.tag, t.form))
            if tok is None:
                tok = shared[(t.tag, t.form)] = _korean_tok(t.tag, t.form)
            tokens.append(tok)
        results.append(tokens)
    return results


def korean_by_sentence(texts: list[str], spans: list[list[tuple[int, int]]], analyses: list | None = None) -> list[list[list[Tok]]]:
    """Kiwi tokens of whole documents, grouped by the given sentence spans (start, end offsets).

    Analysing a document once is about twice as fast as analysing its sentences one by one.
    ``analyses``: Kiwi's token lists of ``texts`` when the caller already has them."""
    results = []
    shared: dict[tuple[str, str], Tok] = {}  # per batch: the same (tag, form) pairs recur constantly
    for analysed, doc_spans in zip(analyses if analyses is not None else _kiwi().tokenize(texts), spans, strict=True):
        buckets: list[list[Tok]] = [[] for _ in doc_spans]
        k = 0
        for t in analysed:
            while k < len(doc_spans) and t.start >= doc_spans[k][1]:
                k += 1
            if k == len(doc_spans):
                break
            if t.start < doc_spans[k][0]:
                continue  # between sentences (whitespace)
            tok = shared.get((t.tag, t.form))
            if tok is None:
                tok = shared[(t.tag, t.form)] = _korean_tok(t.tag, t.form)
            buckets[k].append(tok)
        results.append(buckets)
    return results


def _japanese(text: str, skip: frozenset[str]) -> list[Tok]:
    from sudachipy import tokenizer as sudachi_tokenizer

    analyser, _ = _sudachi()
    tokens = []
    for m in analyser.tokenize(text[:5000], sudachi_tokenizer.Tokenizer.SplitMode.A):
        tokens.append(_japanese_tok(m.surface(), m.dictionary_form(), m.normalized_form(), m.part_of_speech(), skip))
    return tokens


@lru_cache(maxsize=65536)
def _japanese_tok(surface: str, dictionary_form: str, normalized_form: str, part_of_speech: tuple[str, ...], skip: frozenset[str]) -> Tok:
    """One Sudachi morpheme as a Tok, cached: the same morphemes recur across news sentences."""
    pos = part_of_speech[0]
    forms = tuple(dict.fromkeys((dictionary_form, normalized_form, surface)))
    if surface in _JA_BOUNDARY or pos == "空白":
        role = BOUNDARY
    elif pos in _JA_FUNCTION or forms[0] in skip or part_of_speech[1] == "数詞":
        role = FUNCTION
    else:
        role = CONTENT
    return Tok(forms, pos, role, surface)


def _vietnamese(text: str) -> list[Tok]:
    return [Tok((w,), "", BOUNDARY if not w[0].isalnum() else CONTENT) for w in _VI_TOKEN.findall(text.lower())]


def _chinese(text: str) -> list[Tok]:
    return [Tok((c,), "", BOUNDARY if not c.isalnum() else CONTENT) for c in text if not c.isspace()]


def tokenize(texts: list[str], language: str, ja_skip: frozenset[str] = frozenset()) -> list[list[Tok]]:
    """Tokens of each sentence; languages without rules of their own use the English path."""
    if language == "ko":
        return _korean(texts)
    if language == "ja":
        return [_japanese(text, ja_skip) for text in texts]
    if language == "zh":
        return [_chinese(text) for text in texts]
    if language == "vi":
        return [_vietnamese(text) for text in texts]
    return [_english(text) for text in texts]
