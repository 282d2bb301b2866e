"""`glocal eval understanding`: every measure of issue #3 in one run.

Sections: country mentions (project gold), locations and organisations (KLUE-NER news sentences,
Stockmark), events (project gold), tone (project gold, Financial PhraseBank en + ko, NSMC). A
missing data set is reported as skipped, never as a failure of the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from glocal.config import Settings
from glocal.evaluation import events, ner, tone
from glocal.evaluation.paths import evaldata_dir, gold_path

TARGETS = {
    "country mentions F1": 0.95, "locations F1 (strict)": 0.80, "event type accuracy": 0.90,
    "event F1 (type + main partner)": 0.80, "dates exact": 0.85, "tone macro-F1 (FPB)": None,
    "NSMC binary accuracy": 0.80,
}


def run(settings: Settings) -> dict[str, Any]:
    data = evaldata_dir(settings)
    sections: dict[str, Callable[[], dict[str, Any]]] = {
        "country mentions (project gold)": lambda: ner.score_country_mentions(gold_path("events.jsonl", settings)),
        "locations/organisations: KLUE-NER news (ko)": lambda: ner.score_klue_ner(data),
        "locations/organisations: Stockmark (ja)": lambda: ner.score_stockmark_ner(data),
        "events (project gold)": lambda: _events(settings),
        "tone (project gold)": lambda: tone.score_gold(gold_path("tone.jsonl", settings)),
        "tone: Financial PhraseBank (en + ko translation)": lambda: tone.score_financial_phrasebank(data),
        "tone: NSMC (ko movie reviews, binary)": lambda: tone.score_nsmc(data),
    }
    results: dict[str, Any] = {"evaldata": str(data) if data else "absent: third-party sets skipped"}
    for name, section in sections.items():
        started = time.perf_counter()
        results[name] = section()
        results[name]["section_seconds"] = round(time.perf_counter() - started, 1)
    results["headline"] = headline(results)
    return results


def _events(settings: Settings) -> dict[str, Any]:
    path = gold_path("events.jsonl", settings)
    if not path.is_file():
        return {"skipped": f"{path} not found"}
    return events.score_event_gold(path)


def _get(result: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(result, dict) or key not in result:
            return None
        result = result[key]
    return result


def headline(results: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per target of issue #3: measure, ko, ja, en, target."""
    countries = results["country mentions (project gold)"]
    ev = results["events (project gold)"]
    fpb = results["tone: Financial PhraseBank (en + ko translation)"]
    gold_tone = results["tone (project gold)"]

    def per_language(getter: Callable[[str], Any]) -> dict[str, Any]:
        return {lang: getter(lang) for lang in ("ko", "ja", "en")}

    rows = [
        {"measure": "country mentions F1", **per_language(lambda lang: _get(countries, "by_language", lang, "f1"))},
        {"measure": "locations F1 (strict)", "ko": _get(results["locations/organisations: KLUE-NER news (ko)"], "location", "strict", "f1"),
         "ja": _get(results["locations/organisations: Stockmark (ja)"], "location", "strict", "f1"), "en": None},
        {"measure": "locations F1 (overlap)", "ko": _get(results["locations/organisations: KLUE-NER news (ko)"], "location", "overlap", "f1"),
         "ja": _get(results["locations/organisations: Stockmark (ja)"], "location", "overlap", "f1"), "en": None},
        {"measure": "event type accuracy", **per_language(lambda lang: _get(ev, "per_language", lang, "type_accuracy"))},
        {"measure": "event F1 (type + main partner)", **per_language(lambda lang: _get(ev, "per_language", lang, "events", "f1"))},
        {"measure": "dates exact", **per_language(lambda lang: _get(ev, "per_language", lang, "date_accuracy"))},
        {"measure": "parties F1", **per_language(lambda lang: _get(ev, "per_language", lang, "parties", "f1"))},
        {"measure": "domain accuracy", **per_language(lambda lang: _get(ev, "per_language", lang, "domain_accuracy"))},
        {"measure": "tone macro-F1 (project gold)", **per_language(lambda lang: _get(gold_tone, lang, "macro_f1"))},
        {"measure": "tone macro-F1 (FPB)", "ko": _get(fpb, "ko", "macro_f1"), "ja": None, "en": _get(fpb, "en", "macro_f1")},
        {"measure": "FPB ko–en label agreement", "ko": _get(fpb, "ko_en_label_agreement"), "ja": None, "en": None},
        {"measure": "NSMC binary accuracy", "ko": _get(results["tone: NSMC (ko movie reviews, binary)"], "binary_accuracy"), "ja": None, "en": None},
    ]
    targets = {**TARGETS, "tone macro-F1 (FPB)": "en 0.70 / ko 0.65", "FPB ko–en label agreement": 0.80}
    for row in rows:
        row["target"] = targets.get(row["measure"])
    return rows
