"""Calibrate the near-duplicate threshold: precision/recall of the MinHash stage on labelled pairs.

    python eval/neardup_calibration.py [--json]

Pairs: MSRP (en news paraphrases), KLUE-STS dev (ko, binary label), PAWS-X ko (adversarial
negatives) from ../shared/evaldata, and the demo corpus's own near-duplicate key (article level:
positives are the lightly edited copies, negatives every other same-language pair, including
other outlets' independent write-ups of the same story). Uses the pipeline's own signature
function with the configured permutations and shingle size.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.demo_corpus import load_demo, reprint_roots  # noqa: E402
from eval.evaldata import evaldata_dir, klue_sts_pairs, msrp_pairs, pawsx_pairs  # noqa: E402
from glocal.config import load_settings  # noqa: E402
from glocal.nlp.neardup import signature  # noqa: E402

THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def scored_pairs(pairs, num_perm: int, shingle: int) -> list[tuple[float, bool]]:
    return [(signature(a, num_perm, shingle).jaccard(signature(b, num_perm, shingle)), label) for a, b, label in pairs]


def demo_pairs() -> list[tuple[str, str, bool]]:
    items = load_demo()
    roots = reprint_roots(items)

    pairs = []
    for a, b in itertools.combinations(items, 2):
        if a.key["language"] != b.key["language"]:
            continue
        same = roots[a.id] == roots[b.id]
        # all true pairs and all same-story pairs; a sample of unrelated pairs keeps it fast
        if same or a.key["story_group"] == b.key["story_group"] or zlib.crc32(f"{a.id}|{b.id}".encode()) % 20 == 0:
            pairs.append((f"{a.title}\n{a.body}", f"{b.title}\n{b.body}", same))
    return pairs


def pipeline_groups_on_demo() -> dict[str, float]:
    """Ingest the demo corpus into a temporary store; compare its groups with the key, pair by pair."""
    import tempfile

    from glocal.pipeline.core import Glocal, demo_path
    from glocal.records import SourceSpec
    from glocal.store import models

    items = load_demo()
    roots = reprint_roots(items)

    with tempfile.TemporaryDirectory() as tmp:
        glocal = Glocal.open(load_settings().model_copy(update={"data_dir": Path(tmp), "database_url": None}))
        glocal.ingest([SourceSpec(name="demo-corpus", kind="files", location=str(demo_path("corpus")))])
        with glocal.session() as session:
            group = {url: g for url, g in session.execute(models.Document.__table__.select().with_only_columns(models.Document.url, models.Document.near_dup_group))}
        glocal.close()
    truth = {(a.id, b.id) for a, b in itertools.combinations(items, 2) if roots[a.id] == roots[b.id]}
    found = {(a.id, b.id) for a, b in itertools.combinations(items, 2) if group[a.url] == group[b.url]}
    hits = len(truth & found)
    return {"precision": round(hits / len(found), 3) if found else 1.0, "recall": round(hits / len(truth), 3), "true_pairs": len(truth), "found_pairs": len(found)}


def metrics(scored: list[tuple[float, bool]], threshold: float) -> dict[str, float]:
    tp = sum(1 for s, label in scored if s >= threshold and label)
    fp = sum(1 for s, label in scored if s >= threshold and not label)
    fn = sum(1 for s, label in scored if s < threshold and label)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "pairs": len(scored)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--shingles", default="3,4,5")
    args = parser.parse_args()
    settings = load_settings()
    datasets: dict[str, list] = {"demo (article level)": demo_pairs()}
    root = evaldata_dir()
    if root is None:
        print("evaldata not found (set GLOCAL_EVALDATA_DIR); scoring the demo corpus only", file=sys.stderr)
    else:
        datasets["MSRP en (sentences)"] = list(msrp_pairs(root))
        datasets["KLUE-STS ko (sentences)"] = list(klue_sts_pairs(root))
        datasets["PAWS-X ko (adversarial)"] = list(pawsx_pairs(root))
    results = {}
    for shingle in (int(s) for s in args.shingles.split(",")):
        for name, pairs in datasets.items():
            scored = scored_pairs(pairs, settings.minhash_permutations, shingle)
            results[f"k={shingle} {name}"] = {str(t): metrics(scored, t) for t in THRESHOLDS}
    grouped = pipeline_groups_on_demo()
    if args.json:
        results["pipeline groups on the demo corpus"] = grouped
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    header = "| shingle k, dataset | " + " | ".join(f"t={t}" for t in THRESHOLDS) + " |"
    print(header)
    print("|" + "---|" * (len(THRESHOLDS) + 1))
    for name, by_threshold in results.items():
        cells = [f"P {m['precision']:.2f} R {m['recall']:.2f}" for m in by_threshold.values()]
        print(f"| {name} (n={next(iter(by_threshold.values()))['pairs']}) | " + " | ".join(cells) + " |")
    settings = load_settings()
    print(
        f"\nPipeline groups on the demo corpus (k={settings.shingle_size}, t={settings.near_duplicate_threshold}, "
        f"LSH bands of 2): precision {grouped['precision']}, recall {grouped['recall']} "
        f"({grouped['found_pairs']} pairs grouped, {grouped['true_pairs']} in the key)"
    )


if __name__ == "__main__":
    main()
