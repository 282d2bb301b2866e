"""The tone lexicon (data/tone/lexicon.yaml): concepts with one weight in every language.

Loaded once and validated: known kinds, weights in [-1, 1], non-empty string forms, and no form
in two concepts of one language (it would count the same word twice and tilt one language against
the others). Korean and Japanese forms are also registered as the analysers split them in context
(양해각서 -> 양해 각서, 取り消す -> 取る 消す). Patterns are indexed by their first lemma for the matcher
in ``rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from glocal.errors import ConfigError
from glocal.nlp.tone.tokens import CONTENT, tokenize

LANGUAGES = ("en", "ko", "ja", "zh", "vi")
KINDS = frozenset({"trigger", "up", "down", "good_metric", "bad_metric", "neutral_metric"})
NEGATOR_KEYS = ("en", "ko_after", "ko_before", "ja_after", "zh_before", "vi")

# one element of a pattern: a lemma and an optional part-of-speech prefix (Korean "늘/VV")
Element = tuple[str, str | None]
Pattern = tuple[Element, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    concept: str
    kind: str
    weight: float
    reverses: bool = False


@dataclass(frozen=True)
class Lexicon:
    defaults: dict[str, float]
    # language -> first lemma -> [(pattern, entry)], longest pattern first
    index: dict[str, dict[str, list[tuple[Pattern, Entry]]]]
    negators: dict[str, frozenset[Element]]
    negation_window: int
    negation_window_after: int
    ja_skip: frozenset[str]
    modality: dict[str, frozenset[Element]]
    modality_factor: float


def parse_form(form: str, language: str) -> Pattern:
    """'늘/VV' -> (('늘', 'VV'),); 'call off' -> (('call', None), ('off', None)); zh by character."""
    if language == "zh":
        return tuple((char, None) for char in form if not char.isspace())
    elements = []
    for part in form.lower().split():
        lemma, _, tag = part.partition("/")
        elements.append((lemma, tag.upper() or None))
    return tuple(elements)


def _analysed(forms: list[str], language: str) -> dict[str, Pattern]:
    """Korean/Japanese forms as the analyser splits them (자매결연 -> 자매 결연, 取り消す -> 取る 消す),
    as lemmas of their content parts; tagged forms stay literal only. One batched analyser call."""
    if language not in ("ko", "ja"):
        return {}
    untagged = [form for form in dict.fromkeys(forms) if "/" not in form]
    parts = sorted({part for form in untagged for part in form.split()})
    analysed = dict(zip(parts, tokenize(parts, language), strict=True))
    result = {}
    for form in untagged:
        tokens = [t for part in form.split() for t in analysed[part]]
        if len(tokens) < 2 or "".join(t.surface for t in tokens).lower() != form.replace(" ", "").lower():
            continue
        content = tuple((t.forms[0], None) for t in tokens if t.role == CONTENT)
        # one content word plus particles (예정대로 -> 예정) would match far more than the form means
        if len(content) >= 2:
            result[form] = content
    return result


def _korean_splits(form: str) -> list[Pattern]:
    """Kiwi splits a compound noun in context but not alone (양해각서 -> 양해 각서 in a sentence):
    every split of a Hangul word of 4+ syllables into 2-3 parts of 2+ syllables."""
    if len(form) < 4 or not all("\uac00" <= ch <= "\ud7a3" for ch in form):
        return []
    n, splits = len(form), []
    for i in range(2, n - 1):
        splits.append(((form[:i], None), (form[i:], None)))
        for j in range(i + 2, n - 1):
            splits.append(((form[:i], None), (form[i:j], None), (form[j:], None)))
    return splits


def _variants(form: str, language: str, analysed: dict[str, Pattern]) -> list[Pattern]:
    splits = _korean_splits(form) if language == "ko" else []
    return ([analysed[form]] if form in analysed else []) + splits


def _check_concept(item: Any) -> tuple[str, Entry]:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise ConfigError(f"tone lexicon: concept without id: {item!r}")
    name, kind, weight = item["id"], item.get("kind"), item.get("weight")
    if kind not in KINDS:
        raise ConfigError(f"tone lexicon: {name}: unknown kind {kind!r}")
    if not isinstance(weight, int | float) or not -1.0 <= float(weight) <= 1.0:
        raise ConfigError(f"tone lexicon: {name}: weight must be a number in [-1, 1]")
    if not isinstance(item.get("reverses", False), bool):
        raise ConfigError(f"tone lexicon: {name}: reverses must be true or false")
    return name, Entry(name, kind, float(weight), item.get("reverses", False))


def _build_index(concepts: list[Any]) -> dict[str, dict[str, list[tuple[Pattern, Entry]]]]:
    index: dict[str, dict[str, list[tuple[Pattern, Entry]]]] = {lang: {} for lang in LANGUAGES}
    seen: dict[tuple[str, Pattern], str] = {}
    all_forms = {lang: [f for c in concepts if isinstance(c, dict) for f in c.get(lang) or [] if isinstance(f, str)] for lang in LANGUAGES}
    analysed = {lang: _analysed(forms, lang) for lang, forms in all_forms.items()}
    for item in concepts:
        name, entry = _check_concept(item)
        for language in LANGUAGES:
            for form in item.get(language) or []:
                if not isinstance(form, str) or not form.strip():
                    raise ConfigError(f"tone lexicon: {name}/{language}: form {form!r} is not a non-empty string")
                pattern = parse_form(form, language)
                if seen.get((language, pattern), name) != name:
                    raise ConfigError(f"tone lexicon: {language} form {form!r} in both {seen[language, pattern]} and {name}")
                if (language, pattern) in seen:
                    continue  # also reached through another spelling of the same concept
                seen[language, pattern] = name
                index[language].setdefault(pattern[0][0], []).append((pattern, entry))
                for split in _variants(form, language, analysed[language]):  # compounds as the analyser may split them
                    if (language, split) not in seen:
                        seen[language, split] = name
                        index[language].setdefault(split[0][0], []).append((split, entry))
    for by_first in index.values():
        for patterns in by_first.values():
            patterns.sort(key=lambda pair: -len(pair[0]))
    return index


def _negators(raw: Any) -> tuple[dict[str, frozenset[Element]], tuple[int, int], frozenset[str]]:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), int) for k in ("window", "window_after")):
        raise ConfigError("tone lexicon: 'negators' needs 'window', 'window_after' and lists per language")
    negators = {}
    for key in NEGATOR_KEYS:
        forms = raw.get(key)
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ConfigError(f"tone lexicon: negators.{key} must be a list of strings")
        language = key.split("_")[0]
        # negators are single elements; a multi-word one ("không hề") is matched by its first word
        negators[key] = frozenset(parse_form(f, language)[0] for f in forms)
    return negators, (raw["window"], raw["window_after"]), frozenset(raw.get("ja_skip") or [])


def _modality(raw: Any) -> tuple[dict[str, frozenset[Element]], float]:
    if not isinstance(raw, dict) or not isinstance(raw.get("factor"), int | float):
        raise ConfigError("tone lexicon: 'modality' needs a 'factor' and lists per language")
    markers = {}
    for language in LANGUAGES:
        forms = raw.get(language) or []
        if not all(isinstance(f, str) and f.strip() for f in forms):
            raise ConfigError(f"tone lexicon: modality.{language} must be a list of strings")
        markers[language] = frozenset(parse_form(f, language)[0] for f in forms)
    return markers, float(raw["factor"])


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and validate a lexicon file (default: the packaged one)."""
    source = path or resources.files("glocal") / "data" / "tone" / "lexicon.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is 10x faster when built
    raw = yaml.load(source.read_text(encoding="utf-8"), Loader=loader)
    if not isinstance(raw, dict) or raw.get("version") != 1:
        raise ConfigError("tone lexicon: expected a mapping with version: 1")
    defaults = raw.get("defaults") or {}
    for key in ("unpaired", "pair_window", "negation", "squash"):
        if not isinstance(defaults.get(key), int | float):
            raise ConfigError(f"tone lexicon: defaults.{key} must be a number")
    if not isinstance(raw.get("concepts"), list):
        raise ConfigError("tone lexicon: 'concepts' must be a list")
    negators, (window, window_after), ja_skip = _negators(raw.get("negators"))
    modality, factor = _modality(raw.get("modality"))
    index = _build_index(raw["concepts"])
    values = {k: float(v) for k, v in defaults.items()}
    return Lexicon(values, index, negators, window, window_after, ja_skip, modality, factor)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
