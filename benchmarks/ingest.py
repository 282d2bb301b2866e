"""Local-file ingestion throughput: 10,000 generated documents into a fresh store.

    python benchmarks/ingest.py [--documents 10000] [--database-url URL] [--json]

Writes the documents as .txt files (ko/en/ja mix, ~500 characters of pseudo-words with a
Zipf word distribution, 10% lightly edited copies)
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

SPACE = {"ko": " ", "en": " ", "ja": ""}
END = {"ko": ". ", "en": ". ", "ja": "。"}


def vocabulary(language: str, rng: random.Random, size: int = 5000) -> list[str]:
    """Pseudo-words with each script's look, so unrelated documents share few shingles (as real ones do)."""
    def syllable() -> str:
        if language == "ko":
            return chr(0xAC00 + rng.randrange(11172))
        if language == "ja":
            return rng.choice([chr(0x30A1 + rng.randrange(86)), chr(0x4E00 + rng.randrange(2000)), chr(0x3041 + rng.randrange(83))])
        return rng.choice("bcdfghklmnprstvwz") + rng.choice("aeiou") + rng.choice(["", "n", "r", "s", "t"])
    return ["".join(syllable() for _ in range(rng.randint(1, 4))) for _ in range(size)]


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """~500-character documents, Zipf-distributed words; 10% lightly edited copies of recent ones."""
    rng = random.Random(seed)
    vocabularies = {language: vocabulary(language, rng) for language in SPACE}
    weights = [1 / (rank + 1) for rank in range(5000)]
    previous: list[str] = []
    for i in range(count):
        if previous and rng.random() < 0.1:
            text = rng.choice(previous)
            cut = rng.randrange(len(text) // 2, len(text))
            text = text[:cut] + f" ({i}) " + text[cut:]
        else:
            language = rng.choices(["ko", "en", "ja"], weights=[5, 3, 2])[0]
            words = rng.choices(vocabularies[language], weights=weights, k=120 if language != "ja" else 200)
            step = 15 if language != "ja" else 25
            sentences = [SPACE[language].join(words[k : k + step]) + END[language] for k in range(0, len(words), step)]
            text = f"{words[0]} {words[1]} {i}\n\n" + "".join(sentences)[:520]
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
