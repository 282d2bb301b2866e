"""Throughput of the understanding stage (sentences, keywords, actors, events, tone).

    python benchmarks/understand.py [--documents 2000] [--json]

Documents are the demo corpus items (≈400 characters on average, ko/en/ja/zh/vi in the corpus mix)
repeated to the requested count. Models are loaded once, before timing (one warm-up batch); the
timed part is `understand_batch` over batches of 64, as the pipeline runs it. Prints documents/s
and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.demo_corpus import load_demo  # noqa: E402
from glocal.nlp.understand import understand_batch  # noqa: E402
from glocal.records import DocumentText, StageFailure  # noqa: E402

BATCH = 64


def documents(count: int) -> list[DocumentText]:
    demo = load_demo()
    docs = []
    for i in range(count):
        item = demo[i % len(demo)]
        docs.append(DocumentText(i + 1, item.key["language"], item.title, item.body,
                                 datetime.fromisoformat(item.published), f"hash{i}"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description="Understanding stage benchmark")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    docs = documents(args.documents)
    load_started = time.perf_counter()
    understand_batch(documents(BATCH))  # loads every model once
    load_seconds = time.perf_counter() - load_started
    started = time.perf_counter()
    failed = 0
    for start in range(0, len(docs), BATCH):
        failed += sum(isinstance(r, StageFailure) for r in understand_batch(docs[start : start + BATCH]))
    elapsed = time.perf_counter() - started
    chars = sum(len(d.text) for d in docs) / len(docs)
    result = {
        "documents": len(docs),
        "mean_characters": round(chars),
        "seconds": round(elapsed, 2),
        "documents_per_second": round(len(docs) / elapsed, 1),
        "model_loading_seconds": round(load_seconds, 2),
        "failed": failed,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['documents']} documents (~{result['mean_characters']} chars) in {result['seconds']} s: "
            f"{result['documents_per_second']} docs/s; models loaded in {result['model_loading_seconds']} s; "
            f"peak RSS {result['peak_rss_mb']} MB; {failed} failed"
        )


if __name__ == "__main__":
    main()
