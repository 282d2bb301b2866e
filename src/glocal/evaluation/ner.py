"""Actor recognition scored on third-party NER sets and on the project's own country gold.

- score_klue_ner: KLUE-NER v1.1 dev (Korean, character BIO), the Wikitree news sentences only
  (their ids end in "-wikitree"; the others are NSMC movie reviews), labels LC and OG.
- score_stockmark_ner: Stockmark Japanese Wikipedia NER, 地名 vs 法人名 + 政治的組織名.
- score_country_mentions: eval/gold/events.jsonl, (item, country) pairs from countries_mentioned.

Entity-level scores, both strict (same start and end) and overlap (a prediction counts when it
overlaps a gold entity of the same class, a gold entity counts when some prediction overlaps it).
Predicted locations are the place finder's phrases (glocal.nlp.actors.find_places: linked places,
morphological places, address chains joined, modifiers such as 日本映画 left out);
"location_linker_only" scores the linker's place-kind mentions alone (kinds country / local_gov /
city / region), with adjacent ones joined — the method before the place finder, for comparison.
Organisations: linked mentions of kind organisation. The data is read from the evaldata folder
and never copied; when it is absent the functions say so instead of failing.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from glocal.nlp.actors import find_places, link_actors

LOCATION_KINDS = {"country", "local_gov", "city", "region", "location"}
ORGANISATION_KINDS = {"organisation"}
Span = tuple[int, int]


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float | int]:
    precision = tp_p / n_pred if n_pred else 0.0
    recall = tp_g / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "predicted": n_pred, "gold": n_gold}


class _Tally:
    """Counts for strict and overlap matching of one entity class."""

    def __init__(self) -> None:
        self.n_pred = self.n_gold = self.strict = self.pred_overlap = self.gold_overlap = 0

    def add(self, predicted: list[Span], gold: list[Span]) -> None:
        self.n_pred += len(predicted)
        self.n_gold += len(gold)
        gold_set = set(gold)
        self.strict += sum(1 for p in predicted if p in gold_set)
        overlaps = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
        self.pred_overlap += sum(1 for p in predicted if any(overlaps(p, g) for g in gold))
        self.gold_overlap += sum(1 for g in gold if any(overlaps(p, g) for p in predicted))

    def result(self) -> dict[str, Any]:
        return {"strict": _prf(self.strict, self.n_pred, self.strict, self.n_gold),
                "overlap": _prf(self.pred_overlap, self.n_pred, self.gold_overlap, self.n_gold)}


def _predicted(text: str, language: str, locations: bool) -> dict[str, list[Span]]:
    """Spans per class; ``locations``: locations from the place finder (else the linker's alone)."""
    mentions = link_actors(text, language)
    linked = [(m.start, m.end) for m in mentions if m.kind in LOCATION_KINDS]
    spans: dict[str, list[Span]] = {
        "location_linker_only": merge_chains(linked, text),
        "organisation": [(m.start, m.end) for m in mentions if m.kind in ORGANISATION_KINDS],
    }
    if locations:
        spans["location"] = [(p.start, p.end) for p in find_places(text, language, mentions)]
    else:
        spans["location"] = linked
    return spans


def merge_chains(spans: list[Span], text: str) -> list[Span]:
    """Join location spans separated by nothing or one space (서울 강남구, 東京都千代田区, Busan Jung-gu).

    The linker gives one mention per actor; NER sets annotate an address chain as one entity.
    """
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and text[merged[-1][1]:start] in ("", " "):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _score(items: Iterator[tuple[str, dict[str, list[Span]]]], language: str, locations: bool) -> dict[str, Any]:
    tallies = {"location": _Tally(), "location_linker_only": _Tally(), "organisation": _Tally()}
    count, started = 0, time.perf_counter()
    for text, gold in items:
        predicted = _predicted(text, language, locations)
        for name, tally in tallies.items():
            tally.add(predicted[name], gold["location" if name.startswith("location") else name])
        count += 1
    seconds = time.perf_counter() - started
    return {"sentences": count, "place_finder": locations, "seconds": round(seconds, 2),
            **{name: tally.result() for name, tally in tallies.items()}}


def _absent(folder: Path | None, name: str) -> dict[str, Any] | None:
    if folder is None or not (Path(folder) / name).is_dir():
        return {"status": "absent", "message": f"evaluation data folder {name} not found under {folder}; skipped"}
    return None


def klue_sentences(folder: Path, news_only: bool = True) -> Iterator[tuple[str, dict[str, list[Span]]]]:
    """(text, {"location": LC spans, "organisation": OG spans}) per KLUE-NER dev sentence."""
    path = Path(folder) / "ko_klue_ner_dev" / "klue-ner-v1.1_dev.tsv"
    chars: list[str] = []
    tags: list[str] = []
    keep = False
    for line in [*path.read_text(encoding="utf-8").split("\n"), "## end"]:
        if line.startswith("## "):
            if chars and keep:
                yield "".join(chars), _bio_spans(tags)
            chars, tags = [], []
            sentence_id = line[3:].split("\t")[0]
            keep = sentence_id.startswith("klue-ner") and (not news_only or sentence_id.endswith("-wikitree"))
        elif "\t" in line:
            char, tag = line.rsplit("\t", 1)
            chars.append(char)
            tags.append(tag.strip())


def _bio_spans(tags: list[str]) -> dict[str, list[Span]]:
    classes = {"LC": "location", "OG": "organisation"}
    spans: dict[str, list[Span]] = {"location": [], "organisation": []}
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            if label in classes:
                spans[classes[label]].append((start, i))
            start, label = None, None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def score_klue_ner(evaldata_dir: Path | None, limit: int | None = None, *, locations: bool = True) -> dict[str, Any]:
    """Location (LC) and organisation (OG) P/R/F1 on KLUE-NER dev news sentences."""
    absent = _absent(evaldata_dir, "ko_klue_ner_dev")
    if absent:
        return absent
    items = klue_sentences(Path(evaldata_dir))  # type: ignore[arg-type]
    items = islice(items, limit)  # limit None: every sentence
    result = _score(items, "ko", locations)
    return {"dataset": "KLUE-NER v1.1 dev, Wikitree news sentences", **result}


def stockmark_sentences(folder: Path) -> Iterator[tuple[str, dict[str, list[Span]]]]:
    items = json.loads((Path(folder) / "ja_stockmark_ner_wikipedia" / "ner.json").read_text(encoding="utf-8"))
    classes = {"地名": "location", "法人名": "organisation", "政治的組織名": "organisation"}
    for item in items:
        spans: dict[str, list[Span]] = {"location": [], "organisation": []}
        for entity in item.get("entities", []):
            if entity["type"] in classes:
                spans[classes[entity["type"]]].append((entity["span"][0], entity["span"][1]))
        yield item["text"], spans


def score_stockmark_ner(evaldata_dir: Path | None, limit: int | None = None, *, locations: bool = True) -> dict[str, Any]:
    """地名 (location) and 法人名 + 政治的組織名 (organisation) P/R/F1 on the Stockmark set."""
    absent = _absent(evaldata_dir, "ja_stockmark_ner_wikipedia")
    if absent:
        return absent
    items = stockmark_sentences(Path(evaldata_dir))  # type: ignore[arg-type]
    items = islice(items, limit)  # limit None: every sentence
    return {"dataset": "Stockmark ner-wikipedia-dataset (ja)", **_score(items, "ja", locations)}


def score_country_mentions(gold_path: Path, linker: Callable[[str, str], list[Any]] = link_actors) -> dict[str, Any]:
    """Per-language P/R/F1 of (item, country) pairs: linked country mentions vs countries_mentioned."""
    path = Path(gold_path)
    if not path.is_file():
        return {"status": "absent", "message": f"gold file {path} not found; skipped"}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, predicted, gold
    errors: list[dict[str, Any]] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        language = item["language"]
        gold = set(item.get("countries_mentioned") or [])
        predicted = {m.country_code for m in linker(item["text"], language) if m.kind == "country"}
        tally = counts[language]
        tally[0] += len(gold & predicted)
        tally[1] += len(predicted)
        tally[2] += len(gold)
        if gold != predicted:
            errors.append({"id": item.get("id", f"line {line_no}"), "missed": sorted(gold - predicted),
                           "spurious": sorted(predicted - gold)})
    by_language = {lang: _prf(tp, n_pred, tp, n_gold) for lang, (tp, n_pred, n_gold) in sorted(counts.items())}
    return {"gold": str(path), "by_language": by_language, "errors": errors}
