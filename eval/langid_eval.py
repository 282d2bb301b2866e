"""Language identification accuracy on the demo corpus and on real Korean news headlines.

    python eval/langid_eval.py [--json]

Demo corpus: every item (title + body) against the answer key's language. Headlines: the
unique Korean entertainment-news titles of ../shared/evaldata/ko_beep_news_comments (all Korean).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.demo_corpus import load_demo  # noqa: E402
from eval.evaldata import evaldata_dir, korean_headlines, msrp_sentences, stockmark_sentences  # noqa: E402
from glocal.nlp.langid import MODEL_VERSION, identify  # noqa: E402


def score(texts: list[str], expected: list[str]) -> dict[str, object]:
    started = time.perf_counter()
    predicted = [identify(text).language for text in texts]
    elapsed = time.perf_counter() - started
    correct = sum(p == e for p, e in zip(predicted, expected, strict=True))
    errors = Counter(f"{e}→{p}" for p, e in zip(predicted, expected, strict=True) if p != e)
    examples = [t[:80] for t, p, e in zip(texts, predicted, expected, strict=True) if p != e][:5]
    return {
        "items": len(texts),
        "accuracy": round(correct / len(texts), 4) if texts else None,
        "errors": dict(errors),
        "error_examples": examples,
        "items_per_second": round(len(texts) / elapsed) if elapsed else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Language identification accuracy")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    identify("warm-up")  # load the model once, outside the timing
    demo = load_demo()
    results = {
        "model": MODEL_VERSION,
        "demo corpus": score([f"{d.title}\n{d.body}" for d in demo], [d.key["language"] for d in demo]),
        "demo corpus titles only": score([d.title for d in demo], [d.key["language"] for d in demo]),
    }
    root = evaldata_dir()
    if root is None:
        print("evaldata not found (set GLOCAL_EVALDATA_DIR); scoring the demo corpus only", file=sys.stderr)
    else:
        titles = korean_headlines(root)
        results["Korean news headlines (BEEP!)"] = score(titles, ["ko"] * len(titles))
        english = msrp_sentences(root)
        results["English news sentences (MSRP)"] = score(english, ["en"] * len(english))
        japanese = stockmark_sentences(root)
        results["Japanese Wikipedia sentences (stockmark)"] = score(japanese, ["ja"] * len(japanese))
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print(f"model: {results.pop('model')}")
    print("| set | items | accuracy | errors |")
    print("|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['items']} | {r['accuracy']} | {r['errors'] or '—'} |")


if __name__ == "__main__":
    main()
