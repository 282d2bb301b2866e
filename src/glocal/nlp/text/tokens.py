"""Content words per language, for keywords and (later) topic term weights.

Korean: Kiwi morphological analysis (nouns, foreign words, hanja), batched over documents in one
worker thread. Japanese: Sudachi split mode C nouns (keeps 国土交通省, 横浜市 whole), normalised
forms. English and other Latin-script languages: lower-cased words. Chinese: Han character bigrams
(no segmenter ships offline with the project's dependencies). Stopword lists are data files.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from glocal.nlp.threads import model_threads

_LATIN_WORD = re.compile(r"[^\W\d_][\w\-']*[^\W_]|[^\W\d_]", re.UNICODE)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
KIWI_TAGS = {"NNG", "NNP", "SL", "SH"}
SUDACHI_SKIP = {"数詞", "助数詞可能", "副詞可能"}


@lru_cache(maxsize=8)
def stopwords(language: str) -> frozenset[str]:
    path = resources.files("glocal") / "data" / "stopwords" / f"{language}.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _kiwi():  # type: ignore[no-untyped-def]
    from kiwipiepy import Kiwi

    # Kiwi's batch API needs a worker pool; with one thread, analyse in the calling thread (-1).
    # One worker even with two cores: the sentence encoder has the other one (understand.py).
    return Kiwi(num_workers=1 if model_threads() > 1 else -1, model_type="cong")


@lru_cache(maxsize=1)
def _sudachi():  # type: ignore[no-untyped-def]
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary(dict="core").create(), tokenizer.Tokenizer.SplitMode.C


def _korean(texts: list[str]) -> list[list[str]]:
    stop = stopwords("ko")
    results = []
    for tokens in _kiwi().tokenize(texts):
        words = [t.form.lower() if t.tag == "SL" else t.form for t in tokens if t.tag in KIWI_TAGS]
        results.append([w for w in words if len(w) > 1 and w not in stop])
    return results


def _japanese(text: str) -> list[str]:
    tokenizer, mode = _sudachi()
    stop = stopwords("ja")
    words = []
    for morpheme in tokenizer.tokenize(text[:20000], mode):  # Sudachi refuses very long inputs
        pos = morpheme.part_of_speech()
        if pos[0] != "名詞" or pos[1] in SUDACHI_SKIP or pos[2] in SUDACHI_SKIP:
            continue
        form = morpheme.normalized_form()
        if len(form) > 1 and form not in stop:
            words.append(form)
    return words


def _latin(text: str, language: str) -> list[str]:
    stop = stopwords(language)
    return [w for w in (m.group().lower() for m in _LATIN_WORD.finditer(text)) if len(w) > 2 and w not in stop]


def _chinese(text: str) -> list[str]:
    return [run[i : i + 2] for run in _HAN_RUN.findall(text) for i in range(max(1, len(run) - 1))]


def content_words(texts: list[str], language: str) -> list[list[str]]:
    """Content words of each text (same order); batched so Kiwi can use its worker threads."""
    if language == "ko":
        return _korean(texts)
    if language == "ja":
        return [_japanese(text) for text in texts]
    if language == "zh":
        return [_chinese(text) for text in texts]
    return [_latin(text, language) for text in texts]


def top_keywords(words: list[str], k: int = 10) -> list[str]:
    """The k most frequent words; ties broken by first occurrence, so the result is deterministic."""
    counts = Counter(words)
    first = {w: i for i, w in reversed(list(enumerate(words)))}
    return sorted(counts, key=lambda w: (-counts[w], first[w]))[:k]
