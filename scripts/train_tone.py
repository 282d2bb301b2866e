"""Train the tone head shipped in src/glocal/data/tone/weights.npz (development time only).

    .venv/bin/python scripts/train_tone.py [--c 1.0] [--nsmc-weight 0] [--evaldata DIR]

Data:
- src/glocal/data/tone/train_sentences.tsv: sentences the project wrote, each in en, ko and ja
  with one label (positive / neutral / negative);
- optionally (--nsmc-weight > 0, off by default) the CC0 NSMC review sample in
  <evaldata>/ko_nsmc_raw_sample, only its training half (crc32(review_id) even; the odd half is
  held out for evaluation). Measured: weight 0.05 lifts NSMC held-out accuracy 0.61 -> 0.66 but
  costs about 0.02 macro-F1 on news-style Financial PhraseBank, so the shipped weights use only
  the project's own sentences (movie-review polarity is not news tone).
Financial PhraseBank is never used for training (CC BY-NC-SA: evaluation only).

Features are computed with the package's own ``features()`` so training and run time agree. The
label thresholds are chosen on grouped 5-fold out-of-fold scores of the project's sentences (the
three translations of a sentence stay in one fold): the centre of the near-best macro-F1 plateau. Deterministic: no random state is involved
(GroupKFold, lbfgs).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import zlib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glocal.nlp.tone.model import features, lexicon_sha256, packaged_path  # noqa: E402

LABELS = {"negative": 0, "neutral": 1, "positive": 2}
LANGUAGES = ("en", "ko", "ja")


def read_training(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    if header != ["id", "label", "kind", *LANGUAGES]:
        raise SystemExit(f"{path}: unexpected header {header}")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    ids = [r["id"] for r in rows]
    bad = [r["id"] for r in rows if r["label"] not in LABELS or not all(r[lang].strip() for lang in LANGUAGES)]
    if bad or len(set(ids)) != len(ids):
        raise SystemExit(f"{path}: bad labels/empty texts {bad[:5]} or duplicate ids")
    return rows


def nsmc_training_half(evaldata: Path) -> tuple[list[str], list[int]]:
    path = evaldata / "ko_nsmc_raw_sample" / "nsmc_raw_sample_12k.tsv"
    if not path.is_file():
        raise SystemExit(f"{path} not found: pass --evaldata or --nsmc-weight 0")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    keep = [r for r in rows if r["nsmc_label"] in ("0", "1") and is_nsmc_training(r["review_id"])]
    return [r["document"] for r in keep], [LABELS["positive"] if r["nsmc_label"] == "1" else LABELS["negative"] for r in keep]


def is_nsmc_training(review_id: str) -> bool:
    """The training half of the NSMC sample; evaluation uses only the other half."""
    return zlib.crc32(review_id.encode("utf-8")) % 2 == 0


def choose_thresholds(scores: np.ndarray, labels: np.ndarray, tolerance: float = 0.005) -> tuple[float, float, float]:
    """(positive, negative, macro-F1 there): the centre of the plateau of threshold pairs whose
    macro-F1 is within ``tolerance`` of the best. The optimum is flat, and its arg-max jumps
    between retrainings; the plateau centre is stable."""
    grid = np.round(np.arange(0.05, 0.81, 0.01), 2)
    table = []
    for pos in grid:
        for neg in grid:
            predicted = np.where(scores > pos, 2, np.where(scores < -neg, 0, 1))
            table.append((f1_score(labels, predicted, average="macro"), float(pos), float(neg)))
    best = max(f1 for f1, _, _ in table)
    plateau = [(pos, neg) for f1, pos, neg in table if f1 >= best - tolerance]
    pos_t = round(float(np.mean([p for p, _ in plateau])), 2)
    neg_t = round(float(np.mean([n for _, n in plateau])), 2)
    predicted = np.where(scores > pos_t, 2, np.where(scores < -neg_t, 0, 1))
    return pos_t, neg_t, float(f1_score(labels, predicted, average="macro"))


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=w)


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, extra: tuple[np.ndarray, np.ndarray, float], c: float) -> np.ndarray:
    xn, yn, weight = extra
    scores = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        xs, ys = np.vstack([x[train], xn]), np.concatenate([y[train], yn])
        ws = np.concatenate([np.ones(len(train)), np.full(len(yn), weight)])
        p = fit(xs, ys, ws, c).predict_proba(x[test])
        scores[test] = p[:, 2] - p[:, 0]
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nsmc-weight", type=float, default=0.0)
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 regularisation of the logistic regression")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--out", type=Path, default=packaged_path("weights.npz"))
    args = parser.parse_args()

    rows = read_training(packaged_path("train_sentences.tsv"))
    x = np.vstack([features([r[lang] for r in rows], lang) for lang in LANGUAGES])
    y = np.array([LABELS[r["label"]] for r in rows] * len(LANGUAGES))
    groups = np.tile(np.arange(len(rows)), len(LANGUAGES))
    if args.nsmc_weight > 0:
        texts, labels = nsmc_training_half(args.evaldata)
        extra = (features(texts, "ko"), np.array(labels), args.nsmc_weight)
    else:
        extra = (np.zeros((0, x.shape[1]), dtype=np.float32), np.zeros(0, dtype=int), 0.0)

    oof = out_of_fold(x, y, groups, extra, args.c)
    pos_t, neg_t, cv_f1 = choose_thresholds(oof, y)
    weights = np.concatenate([np.ones(len(y)), np.full(len(extra[1]), extra[2])])
    model = fit(np.vstack([x, extra[0]]), np.concatenate([y, extra[1]]), weights, args.c)
    assert list(model.classes_) == [0, 1, 2]
    meta = {
        "trained_by": "scripts/train_tone.py", "C": args.c, "nsmc_weight": args.nsmc_weight,
        "news_sentences": int(len(y)), "nsmc_reviews": int(len(extra[1])),
        "cv_macro_f1": round(cv_f1, 4), "train_sentences_sha256": hashlib.sha256(packaged_path("train_sentences.tsv").read_bytes()).hexdigest(),
    }
    np.savez_compressed(
        args.out, coef=model.coef_.astype(np.float32), intercept=model.intercept_.astype(np.float32),
        mean_embedding=x[:, :512].mean(axis=0).astype(np.float32),
        positive_threshold=np.float32(pos_t), negative_threshold=np.float32(neg_t),
        lexicon_sha256=np.str_(lexicon_sha256()), meta=np.str_(json.dumps(meta, sort_keys=True)),
    )
    print(json.dumps({**meta, "positive_threshold": pos_t, "negative_threshold": neg_t, "out": str(args.out)}, indent=2))


if __name__ == "__main__":
    main()
