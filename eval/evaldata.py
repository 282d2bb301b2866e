"""Readers for the third-party evaluation data in ../shared/evaldata (never copied into the repo)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from glocal.evaluation.paths import evaldata_dir as evaldata_folder


def evaldata_dir() -> Path | None:
    """The evaldata folder from settings (GLOCAL_EVALDATA_DIR); None when absent."""
    return evaldata_folder()


def msrp_pairs(root: Path) -> Iterator[tuple[str, str, bool]]:
    with open(root / "en_msrp_test" / "msr_paraphrase_test.txt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) == 5:
                yield row[3], row[4], row[0] == "1"


def klue_sts_pairs(root: Path) -> Iterator[tuple[str, str, bool]]:
    items = json.loads((root / "ko_klue_sts_dev" / "klue-sts-v1.1_dev.json").read_text(encoding="utf-8"))
    for item in items:
        yield item["sentence1"], item["sentence2"], item["labels"]["binary-label"] == 1


def pawsx_pairs(root: Path) -> Iterator[tuple[str, str, bool]]:
    with open(root / "ko_pawsx_test" / "test_2k.tsv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            if row.get("sentence1") and row.get("sentence2"):
                yield row["sentence1"], row["sentence2"], row["label"] == "1"


def korean_headlines(root: Path) -> list[str]:
    folder = root / "ko_beep_news_comments" / "news_title"
    titles: list[str] = []
    for name in ("train.news_title.txt", "dev.news_title.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith('"') and line.endswith('"'):  # CSV-style quoting in the file
                line = line[1:-1].replace('""', '"')
            if line:
                titles.append(line)
    return list(dict.fromkeys(titles))  # many comments share one headline


def msrp_sentences(root: Path) -> list[str]:
    return list(dict.fromkeys(s for a, b, _ in msrp_pairs(root) for s in (a, b)))


def stockmark_sentences(root: Path) -> list[str]:
    items = json.loads((root / "ja_stockmark_ner_wikipedia" / "ner.json").read_text(encoding="utf-8"))
    return [item["text"] for item in items if item.get("text")]
