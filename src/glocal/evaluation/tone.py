"""Tone scoring (glocal.nlp.tone) measured on third-party data and on the project's gold set.

    python -m glocal.evaluation.tone [--gold eval/gold/tone.jsonl] [--json]

- score_financial_phrasebank(evaldata_dir): Financial PhraseBank sentences (en) and their Korean
  translations: accuracy and macro-F1 per language, ko-en label agreement and mean absolute
  score difference on the same sentences. CC BY-NC-SA: evaluation only, never trained on.
- score_nsmc(evaldata_dir): binary accuracy (score > 0 = positive) on the NSMC review sample;
  only on its held-out half when the shipped head was trained on the other half
  (scripts/train_tone.py --nsmc-weight > 0), on the whole sample otherwise.
- score_gold(gold_path): accuracy and macro-F1 per language on eval/gold/tone.jsonl and
  cross-language consistency on its translation triples (items sharing a "pair").
Labels come from glocal.nlp.tone.label_of (thresholds chosen on the training data). The gold and
the third-party data are for measuring only: nothing is tuned on them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

from glocal.nlp.tone import label_of, score_sentences
from glocal.nlp.tone.model import load_model

DEFAULT_GOLD = Path("eval/gold/tone.jsonl")  # relative to a source checkout; see settings.gold_dir
LABELS = ("negative", "neutral", "positive")
FPB = ("en_ko_financial_phrasebank", "finance_data.csv")
NSMC = ("ko_nsmc_raw_sample", "nsmc_raw_sample_12k.tsv")


def classification(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the three labels, and the confusion 'gold→predicted' counts."""
    n = len(gold)
    f1s = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    confusion: dict[str, int] = defaultdict(int)
    for g, p in zip(gold, predicted, strict=True):
        if g != p:
            confusion[f"{g}→{p}"] += 1
    return {
        "n": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / n, 4) if n else None,
        "macro_f1": round(sum(f1s) / len(f1s), 4) if n else None,
        "errors": dict(sorted(confusion.items())),
    }


def _missing(evaldata_dir: Path | None, parts: tuple[str, str]) -> dict[str, Any] | None:
    if evaldata_dir is None or not (Path(evaldata_dir) / parts[0] / parts[1]).is_file():
        return {"skipped": f"{'/'.join(parts)} not found under evaldata dir {evaldata_dir} (set GLOCAL_EVALDATA_DIR)"}
    return None


def _timed_scores(texts: list[str], language: str) -> tuple[list[float], float]:
    started = time.perf_counter()
    scores = score_sentences(texts, language)
    return scores, time.perf_counter() - started


def score_financial_phrasebank(evaldata_dir: Path | None) -> dict[str, Any]:
    """en and ko (translation) accuracy/macro-F1, ko-en agreement on the same 4,846 sentences."""
    if missing := _missing(evaldata_dir, FPB):
        return missing
    with open(Path(evaldata_dir) / FPB[0] / FPB[1], encoding="utf-8", newline="") as handle:  # type: ignore[arg-type]
        rows = [r for r in csv.DictReader(handle) if r["labels"] in LABELS]
    gold = [r["labels"] for r in rows]
    en, en_seconds = _timed_scores([r["sentence"] for r in rows], "en")
    ko, ko_seconds = _timed_scores([r["kor_sentence"] for r in rows], "ko")
    en_labels, ko_labels = [label_of(s) for s in en], [label_of(s) for s in ko]
    return {
        "licence": "CC BY-NC-SA 3.0: evaluation only",
        "en": classification(gold, en_labels),
        "ko": classification(gold, ko_labels),
        "ko_en_label_agreement": round(sum(a == b for a, b in zip(en_labels, ko_labels, strict=True)) / len(rows), 4),
        "ko_en_mean_abs_score_difference": round(sum(abs(a - b) for a, b in zip(en, ko, strict=True)) / len(rows), 4),
        "sentences_per_second": {"en": round(len(rows) / en_seconds), "ko": round(len(rows) / ko_seconds)},
    }


def nsmc_held_out(review_id: str) -> bool:
    """The NSMC half never used in training (must mirror scripts/train_tone.py:is_nsmc_training)."""
    return zlib.crc32(review_id.encode("utf-8")) % 2 == 1


def score_nsmc(evaldata_dir: Path | None, held_out_only: bool | None = None) -> dict[str, Any]:
    """Binary accuracy (score > 0 means positive) on NSMC reviews rated 1-4 (0) or 9-10 (1).

    ``held_out_only`` None: the held-out half exactly when the model saw the other half."""
    if missing := _missing(evaldata_dir, NSMC):
        return missing
    with open(Path(evaldata_dir) / NSMC[0] / NSMC[1], encoding="utf-8", newline="") as handle:  # type: ignore[arg-type]
        rows = [r for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r["nsmc_label"] in ("0", "1")]
    trained = float(load_model().meta.get("nsmc_weight", 0)) > 0  # type: ignore[arg-type]
    if held_out_only is None:
        held_out_only = trained
    if held_out_only:
        rows = [r for r in rows if nsmc_held_out(r["review_id"])]
    scores, seconds = _timed_scores([r["document"] for r in rows], "ko")
    correct = sum((s > 0) == (r["nsmc_label"] == "1") for s, r in zip(scores, rows, strict=True))
    labels = [label_of(s) for s in scores]
    return {
        "licence": "CC0 1.0",
        "split": "held-out half (crc32(review_id) odd)" if held_out_only else "whole sample",
        "model_trained_on_nsmc_training_half": trained,
        "n": len(rows),
        "binary_accuracy": round(correct / len(rows), 4) if rows else None,
        "neutral_share": round(labels.count("neutral") / len(rows), 4) if rows else None,
        "sentences_per_second": round(len(rows) / seconds) if seconds else None,
    }


def _consistency(items: list[dict[str, Any]], scores: list[float], labels: list[str]) -> dict[str, Any]:
    triples: dict[str, dict[str, int]] = defaultdict(dict)
    for index, item in enumerate(items):
        if item.get("pair"):
            triples[item["pair"]][item["language"]] = index
    result: dict[str, Any] = {"pairs": len(triples)}
    for lang in ("ko", "ja"):
        linked = [t for t in triples.values() if lang in t and "en" in t]
        if linked:
            result[f"{lang}_en_mean_abs_score_difference"] = round(sum(abs(scores[t[lang]] - scores[t["en"]]) for t in linked) / len(linked), 4)
            result[f"{lang}_en_label_agreement"] = round(sum(labels[t[lang]] == labels[t["en"]] for t in linked) / len(linked), 4)
    full = [t for t in triples.values() if {"ko", "ja", "en"} <= t.keys()]
    if full:
        result["all_three_label_agreement"] = round(sum(len({labels[i] for i in t.values()}) == 1 for t in full) / len(full), 4)
    return result


def score_gold(gold_path: Path = DEFAULT_GOLD) -> dict[str, Any]:
    """Per-language accuracy/macro-F1 and cross-language consistency on the project's tone gold."""
    path = Path(gold_path)
    if not path.is_file():
        return {"skipped": f"{path} not found"}
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_language: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        by_language[item["language"]].append(index)
    scores = [0.0] * len(items)
    for language, indices in by_language.items():
        for index, score in zip(indices, score_sentences([items[i]["text"] for i in indices], language), strict=True):
            scores[index] = score
    labels = [label_of(s) for s in scores]
    result: dict[str, Any] = {
        language: classification([items[i]["label"] for i in indices], [labels[i] for i in indices])
        for language, indices in sorted(by_language.items())
    }
    result["all"] = classification([item["label"] for item in items], labels)
    result["cross_language"] = _consistency(items, scores, labels)
    return result


def main() -> None:
    from glocal.evaluation.paths import evaldata_dir

    parser = argparse.ArgumentParser(description="Tone scoring: FPB, NSMC (held-out half), gold")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    root = evaldata_dir()
    if root is None:
        print("evaldata not found (set GLOCAL_EVALDATA_DIR); scoring the gold set only", file=sys.stderr)
    results = {
        "model": load_model().meta,
        "financial_phrasebank": score_financial_phrasebank(root),
        "nsmc": score_nsmc(root),
        "gold": score_gold(args.gold),
    }
    print(json.dumps(results, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
