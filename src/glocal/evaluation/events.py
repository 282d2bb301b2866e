"""Cooperation-event extraction scored on the project's gold set.

    python -m glocal.evaluation.events [--gold eval/gold/events.jsonl] [--json]

Every item runs through the real pipeline: split_sentences → link_actors (with the place finder,
as the understanding stage runs it) → extract_events (a
first line followed by a line break is the headline, i.e. the title). Figures per language and
overall:

- type_accuracy: over items with at least one gold event, whether the predicted main event (the
  first in text order, as news states its main event first) has the type of the item's first
  gold event;
- events P/R/F1: a predicted event matches a gold event of the same item when type and main
  partner country (first entry of `countries`, none when empty) agree; one-to-one, greedy;
- date_accuracy: exact string match over matched events whose gold date is not null;
- parties P/R/F1: over matched events, predicted actors (korean_side + partner_side) against gold
  party names: an actor matches a party when their normalised English names are equal, or when
  the actor linker links the gold name (covering most of it) to the same actor key;
- domain_accuracy: over matched events;
- no_event_accuracy: share of items without gold events for which nothing was extracted;
- type_confusion ("gold→predicted" main types, "none" when nothing was extracted) and
  unmatched_gold (why gold events found no partner: nothing extracted in the item, no
  prediction of that type, or the type was found with another main partner country).

The gold is for measuring only: nothing in the extractor is tuned on it (see eval/gold/README.md).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from glocal.nlp.events import extract_events
from glocal.nlp.text.sentences import split_sentences
from glocal.records import ActorMention, DocumentText, ExtractedEvent

Linker = Callable[[str, str], list[ActorMention]]
DEFAULT_GOLD = Path("eval/gold/events.jsonl")  # relative to a source checkout; see settings.gold_dir


def _real_linker() -> Linker:
    try:
        from glocal.nlp.actors import link_actors
    except ImportError as exc:
        raise RuntimeError(
            "event scoring needs the actor linker glocal.nlp.actors.link_actors(text, language), which is "
            f"not available yet ({exc}); the scorer runs the real pipeline and cannot score without it"
        ) from exc

    def pipeline_linker(text: str, language: str) -> list[ActorMention]:
        """As the understanding stage links: with the place finder's vetoes, without its "loc:" places."""
        return [m for m in link_actors(text, language, locations=True) if m.kind != "location"]

    return pipeline_linker


def _norm(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _document(index: int, item: dict[str, Any]) -> DocumentText:
    text = item["text"].strip()
    title, _, body = text.partition("\n") if "\n" in text else ("", "", text)
    published = datetime.fromisoformat(item["published"]) if item.get("published") else None
    return DocumentText(index, item["language"], title.strip(), body.strip(), published, "")


def _main_country(countries: list[str] | None) -> str | None:
    return countries[0] if countries else None


def _match(predicted: list[ExtractedEvent], gold: list[dict[str, Any]]) -> list[tuple[ExtractedEvent, dict[str, Any]]]:
    pairs, used = [], set()
    for event in predicted:
        for i, g in enumerate(gold):
            if i not in used and g["type"] == event.type and _main_country(g.get("countries")) == _main_country(event.countries):
                used.add(i)
                pairs.append((event, g))
                break
    return pairs


class _PartyMatcher:
    """Compares predicted actor keys with gold party names, caching what the linker says of names."""

    def __init__(self, linker: Linker) -> None:
        self._linker = linker
        self._keys: dict[str, set[str]] = {}

    def gold_keys(self, name: str) -> set[str]:
        if name not in self._keys:
            covering = [m for m in self._linker(name, "en") if (m.end - m.start) >= 0.8 * len(name.strip())]
            self._keys[name] = {m.actor_key for m in covering}
        return self._keys[name]

    def count(self, keys: list[str], names: dict[str, str], gold: list[str]) -> int:
        matched, free = 0, list(gold)
        for key in keys:
            for party in free:
                if _norm(names.get(key, "")) == _norm(party) or key in self.gold_keys(party):
                    free.remove(party)
                    matched += 1
                    break
        return matched


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float | None]:
    p = tp / predicted if predicted else None
    r = tp / gold if gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": _round(p), "recall": _round(r), "f1": _round(f)}


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _ratio(good: int, total: int) -> float | None:
    return round(good / total, 4) if total else None


def _score_item(item: dict[str, Any], predicted: list[ExtractedEvent], names: dict[str, str],
                parties: _PartyMatcher, c: dict[str, int]) -> None:
    gold = item.get("events") or []
    c["items"] += 1
    c["gold_events"] += len(gold)
    c["predicted_events"] += len(predicted)
    if not gold:
        c["no_event_items"] += 1
        c["no_event_correct"] += not predicted
    else:
        c["typed_items"] += 1
        main = predicted[0] if predicted else None  # extract_events returns events in text order
        c["type_correct"] += bool(main and main.type == gold[0]["type"])
        if not main or main.type != gold[0]["type"]:
            c[f"confusion:{gold[0]['type']}→{main.type if main else 'none'}"] += 1
    pairs = _match(predicted, gold)
    for g in gold:
        if not any(g is pg for _, pg in pairs):
            reason = ("nothing extracted" if not predicted else "country differs" if any(e.type == g["type"] for e in predicted)
                      else "type not extracted")
            c[f"unmatched:{reason}"] += 1
    for event, g in pairs:
        c["matched"] += 1
        if g.get("date"):
            c["dated"] += 1
            c["date_correct"] += event.date == g["date"]
        c["domain_correct"] += event.domain == g.get("domain")
        keys = event.korean_side + event.partner_side
        c["party_predicted"] += len(keys)
        c["party_gold"] += len(g.get("parties") or [])
        c["party_tp"] += parties.count(keys, names, g.get("parties") or [])


def _metrics(c: dict[str, int]) -> dict[str, Any]:
    return {
        "items": c["items"],
        "gold_events": c["gold_events"],
        "predicted_events": c["predicted_events"],
        "type_accuracy": _ratio(c["type_correct"], c["typed_items"]),
        "events": _prf(c["matched"], c["predicted_events"], c["gold_events"]),
        "date_accuracy": _ratio(c["date_correct"], c["dated"]),
        "dated_matches": c["dated"],
        "parties": _prf(c["party_tp"], c["party_predicted"], c["party_gold"]),
        "domain_accuracy": _ratio(c["domain_correct"], c["matched"]),
        "no_event_accuracy": _ratio(c["no_event_correct"], c["no_event_items"]),
        "type_confusion": {k.split(":", 1)[1]: v for k, v in sorted(c.items()) if k.startswith("confusion:")},
        "unmatched_gold": {k.split(":", 1)[1]: v for k, v in sorted(c.items()) if k.startswith("unmatched:")},
    }


def score_event_gold(gold_path: str | Path = DEFAULT_GOLD, linker: Linker | None = None) -> dict[str, Any]:
    """Score the event extractor on a gold file (format: eval/gold/README.md)."""
    link = linker or _real_linker()
    items = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    counters: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    parties = _PartyMatcher(link)
    started, extracting = time.perf_counter(), 0.0
    for index, item in enumerate(items):
        doc = _document(index, item)
        sentences = split_sentences(doc.text, doc.language)
        mentions = link(doc.text, doc.language)
        t0 = time.perf_counter()
        predicted = extract_events(doc, sentences, mentions)
        extracting += time.perf_counter() - t0
        names = {m.actor_key: m.name_en for m in mentions}
        for scope in (item["language"], "all"):
            _score_item(item, predicted, names, parties, counters[scope])
    elapsed = time.perf_counter() - started
    return {
        "gold": str(gold_path),
        "per_language": {lang: _metrics(c) for lang, c in sorted(counters.items()) if lang != "all"},
        "overall": _metrics(counters["all"]),
        "seconds": round(elapsed, 3),
        "extract_ms_per_item": round(1000 * extracting / len(items), 3) if items else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Cooperation-event extraction on the gold set")
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        result = score_event_gold(args.gold)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print("| language | items | type acc | event P | event R | event F1 | date acc | parties F1 | domain acc | no-event acc |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for lang, m in [*result["per_language"].items(), ("all", result["overall"])]:
        print(f"| {lang} | {m['items']} | {m['type_accuracy']} | {m['events']['precision']} | {m['events']['recall']} | "
              f"{m['events']['f1']} | {m['date_accuracy']} | {m['parties']['f1']} | {m['domain_accuracy']} | {m['no_event_accuracy']} |")
    print(f"extract_events: {result['extract_ms_per_item']} ms per item; whole pipeline {result['seconds']} s")
    print("type confusion (all):", result["overall"]["type_confusion"])
    print("unmatched gold events (all):", result["overall"]["unmatched_gold"])


if __name__ == "__main__":
    main()
