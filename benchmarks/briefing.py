"""Time to render one monthly briefing from a 100,000-document store (target: under 10 s).

    python -m benchmarks.briefing [--documents 100000] [--period 2025-10] [--repeat 3] [--json]

Generates the store with ``benchmarks.api.generate`` (SQLite temp file, SQLAlchemy Core bulk
inserts: documents in ko/en/ja, 30,000 events over 2024-2025 with parties, countries and sources,
40 topics, 24 months of region/topic/KPI indicator values of one analysis run), then times
``glocal.report.render`` for the month in Korean, HTML and PDF, for the home region (Gangnam-gu)
and for the ministry view (every event of the month). Each case is rendered once to warm up
(imports, fonts, matplotlib) and then ``--repeat`` times; the median and the slowest run are
reported, with the number of events and cited documents of the briefing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.api import HOME, generate
from glocal.config import Settings
from glocal.pipeline.core import Glocal
from glocal.report import render

TARGET_SECONDS = 10.0


def run(documents: int, period: str, repeat: int) -> dict[str, object]:
    results: dict[str, object] = {"documents": documents, "period": period, "target_seconds": TARGET_SECONDS, "cases": []}
    with tempfile.TemporaryDirectory(prefix="glocal-bench-brief-") as folder:
        settings = Settings(data_dir=Path(folder) / "data", database_url=f"sqlite:///{folder}/store.sqlite",
                            rate_limit_per_host=0.0)
        glocal = Glocal.open(settings)
        try:
            generated = generate(glocal, documents)
            results["generate_seconds"] = round(float(generated["seconds"]), 1)
            for scope in (HOME, "ministry"):
                for fmt in ("html", "pdf"):
                    warm = render(glocal, period, scope, "ko", fmt, use_llm=False)
                    timings = []
                    for _ in range(repeat):
                        began = time.perf_counter()
                        rendered = render(glocal, period, scope, "ko", fmt, use_llm=False)
                        timings.append(time.perf_counter() - began)
                    case = {
                        "scope": scope, "format": fmt, "language": "ko",
                        "median_seconds": round(statistics.median(timings), 2), "max_seconds": round(max(timings), 2),
                        "events": rendered.briefing.event_count, "cited_documents": len(rendered.citations),
                        "bytes": len(rendered.content), "same_as_warm_up": rendered.citations == warm.citations,
                    }
                    results["cases"].append(case)  # type: ignore[attr-defined]
                    print(f"{scope:>16} {fmt:>4}: median {case['median_seconds']:.2f} s, max {case['max_seconds']:.2f} s "
                          f"({case['events']} events, {case['cited_documents']} cited documents)", file=sys.stderr)
        finally:
            glocal.close()
    results["met"] = all(case["max_seconds"] < TARGET_SECONDS for case in results["cases"])  # type: ignore[attr-defined]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--period", default="2025-10")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = run(args.documents, args.period, args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"generated {results['documents']:,} documents in {results['generate_seconds']} s")
        for case in results["cases"]:  # type: ignore[attr-defined]
            print(f"{case['scope']} {case['format']} {case['language']}: median {case['median_seconds']} s, "
                  f"max {case['max_seconds']} s")
        print("target met" if results["met"] else f"TARGET MISSED (>= {TARGET_SECONDS} s)")
    sys.exit(0 if results["met"] else 1)


if __name__ == "__main__":
    main()
