"""Throughput of the understanding stage (sentences, keywords, actors, events, tone).

    python benchmarks/understand.py [--documents 2000] [--workers 1] [--json]

Documents are the demo corpus items (≈400 characters on average, ko/en/ja/zh/vi in the corpus mix)
repeated to the requested count. Models are loaded once, before timing (one warm-up batch); the
timed part is `understand_batch` over batches of 64, as the pipeline runs it — in-process
(`--workers 1`) or in a pool of worker processes (`--workers 2`, each with one model thread; the
pool's start-up and model loading are timed separately). Prints documents/s and peak resident
memory (of this process; with a pool, of the largest worker).
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
from glocal.pipeline.parallel import map_batches  # noqa: E402
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
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    docs = documents(args.documents)
    batches = [docs[start : start + BATCH] for start in range(0, len(docs), BATCH)]
    load_started = time.perf_counter()
    if args.workers <= 1:
        understand_batch(documents(BATCH))  # loads every model once
        load_seconds = time.perf_counter() - load_started
        started = time.perf_counter()
        outcomes = [r for batch in batches for r in understand_batch(batch)]
    else:
        # the first batches pay for starting the workers and loading their models: time them apart
        warm = list(map_batches(understand_batch, [documents(BATCH)] * args.workers, args.workers))
        load_seconds = time.perf_counter() - load_started
        del warm
        started = time.perf_counter()
        outcomes = [r for result in map_batches(understand_batch, batches, args.workers) for r in result]
    elapsed = time.perf_counter() - started
    failed = sum(isinstance(r, StageFailure) for r in outcomes)
    chars = sum(len(d.text) for d in docs) / len(docs)
    result = {
        "documents": len(docs),
        "mean_characters": round(chars),
        "seconds": round(elapsed, 2),
        "documents_per_second": round(len(docs) / elapsed, 1),
        "model_loading_seconds": round(load_seconds, 2),
        "failed": failed,
        "workers": args.workers,
        "peak_rss_mb": round(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                 resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['documents']} documents (~{result['mean_characters']} chars) in {result['seconds']} s: "
            f"{result['documents_per_second']} docs/s; models loaded in {result['model_loading_seconds']} s; "
            f"peak RSS {result['peak_rss_mb']} MB; {failed} failed; workers {args.workers}"
        )


if __name__ == "__main__":
    main()
