"""Local-file ingestion throughput: 10,000 generated documents into a fresh store.

    python benchmarks/ingest.py [--documents 10000] [--database-url URL] [--json]

Writes the documents as .txt files (ko/en/ja mix, ~500 characters, 10% lightly edited copies)
in a temporary folder, then times one full ingestion run (read, clean, language id, hashing,
MinHash, near-duplicate grouping, storing). Prints documents/second and the peak resident
memory of the process. The default store is a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from glocal.config import Settings
from glocal.pipeline.core import Glocal
from glocal.records import SourceSpec

PHRASES = {
    "ko": ["국토교통부는", "스마트시티 협력을", "베트남 하노이에서", "양해각서를 체결했다", "철도와 공항 분야의", "시범사업을 추진한다",
           "강남구는", "자매도시와", "스타트업 교류를", "확대하기로 했다", "관계자는", "말했다", "예산", "억 원을 투입한다"],
    "en": ["The ministry", "signed a memorandum", "on smart city cooperation", "with Vietnam", "in Hanoi", "said officials",
           "the district", "sister city", "startup exchange", "will expand", "rail and airport projects", "worth", "billion won"],
    "ja": ["国土交通部は", "スマートシティ協力で", "ベトナムと", "覚書を締結した", "鉄道や空港分野の", "実証事業を進める",
           "江南区は", "姉妹都市と", "スタートアップ交流を", "拡大する", "関係者は", "述べた", "億ウォンを投じる"],
}
SPACE = {"ko": " ", "en": " ", "ja": ""}


def generate(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    previous: list[str] = []
    for i in range(count):
        if previous and rng.random() < 0.1:
            text = rng.choice(previous).replace("。", "、", 1).replace(".", ",", 1) + f" ({i})"
        else:
            language = rng.choices(["ko", "en", "ja"], weights=[5, 3, 2])[0]
            words = [rng.choice(PHRASES[language]) + (str(rng.randint(1, 999)) if rng.random() < 0.2 else "") for _ in range(70)]
            end = "。" if language == "ja" else ". "
            sentences = [SPACE[language].join(words[k : k + 10]) + end for k in range(0, 70, 10)]
            text = f"{words[0]} {words[1]} {i}\n\n" + "".join(sentences)
            previous = (previous + [text])[-50:]
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Local-file ingestion benchmark")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        generate(folder, args.documents)
        settings = Settings(data_dir=Path(tmp) / "data", database_url=args.database_url)
        glocal = Glocal.open(settings)
        started = time.perf_counter()
        report = glocal.ingest([SourceSpec(name="benchmark", kind="files", location=str(folder))])
        elapsed = time.perf_counter() - started
        glocal.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": args.documents,
        "stored": report.total("documents_added"),
        "rejected": report.total("rejected"),
        "seconds": round(elapsed, 2),
        "documents_per_second": round(args.documents / elapsed, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "store": "sqlite (temporary file)" if not args.database_url else args.database_url.split("@")[-1],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['documents']} documents in {result['seconds']} s: {result['documents_per_second']} docs/s, "
            f"peak RSS {result['peak_rss_mb']} MB ({result['stored']} stored, {result['rejected']} rejected; {result['store']})"
        )
    sys.exit(0 if report.total("documents_added") else 1)


if __name__ == "__main__":
    main()
