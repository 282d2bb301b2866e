"""The NER / country-mention scorers on tiny files written here (never the real evaluation data)."""

from __future__ import annotations

import json
from pathlib import Path

from glocal.evaluation.ner import (
    klue_sentences,
    merge_chains,
    score_country_mentions,
    score_klue_ner,
    score_stockmark_ner,
)


def _klue_file(root: Path) -> None:
    folder = root / "ko_klue_ner_dev"
    folder.mkdir(parents=True)
    lines = ["## 토큰, 레이블 구분자 : \\t"]
    for sentence_id, chars in [("x_00000-wikitree", [("부", "B-LC"), ("산", "I-LC"), (" ", "O"), ("시", "B-OG"), ("청", "I-OG")]),
                               ("x_00001-nsmc", [("서", "B-LC"), ("울", "I-LC")])]:
        lines.append(f"## klue-ner-v1_dev_{sentence_id}\t(inline form)")
        lines += [f"{c}\t{t}" for c, t in chars]
        lines.append("")
    (folder / "klue-ner-v1.1_dev.tsv").write_text("\n".join(lines), encoding="utf-8")


def test_klue_reader_keeps_news_sentences_and_builds_spans(tmp_path: Path) -> None:
    _klue_file(tmp_path)
    items = list(klue_sentences(tmp_path))
    assert items == [("부산 시청", {"location": [(0, 2)], "organisation": [(3, 5)]})]
    assert len(list(klue_sentences(tmp_path, news_only=False))) == 2


def test_klue_score_counts_strict_and_overlap(tmp_path: Path) -> None:
    _klue_file(tmp_path)
    result = score_klue_ner(tmp_path, locations=False)
    assert result["sentences"] == 1
    assert result["location"]["strict"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 1, "gold": 1}


def test_stockmark_score_maps_the_labels(tmp_path: Path) -> None:
    folder = tmp_path / "ja_stockmark_ner_wikipedia"
    folder.mkdir()
    items = [{"curid": "1", "text": "ベトナムのハノイで会議", "entities": [
        {"name": "ベトナム", "span": [0, 4], "type": "地名"}, {"name": "ハノイ", "span": [5, 8], "type": "地名"}]}]
    (folder / "ner.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    result = score_stockmark_ner(tmp_path, locations=False)
    assert result["location"]["strict"]["f1"] == 1.0 and result["location"]["strict"]["gold"] == 2


def test_absent_data_is_reported_not_raised(tmp_path: Path) -> None:
    assert score_klue_ner(tmp_path)["status"] == "absent"
    assert score_stockmark_ner(None)["status"] == "absent"
    assert score_country_mentions(tmp_path / "missing.jsonl")["status"] == "absent"


def test_country_mentions_per_language(tmp_path: Path) -> None:
    gold = tmp_path / "events.jsonl"
    rows = [
        {"id": "a", "language": "ko", "text": "한-베 협력과 미국", "countries_mentioned": ["KR", "VN", "US"], "events": []},
        {"id": "b", "language": "en", "text": "Hanoi and Japan", "countries_mentioned": ["VN", "JP"], "events": []},
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = score_country_mentions(gold)
    assert result["by_language"]["ko"]["f1"] == 1.0
    assert result["by_language"]["en"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "predicted": 1, "gold": 2}
    assert result["errors"] == [{"id": "b", "missed": ["VN"], "spurious": []}]


def test_merge_chains_joins_address_parts() -> None:
    text = "서울 강남구와 부산"
    assert merge_chains([(0, 2), (3, 6), (8, 10)], text) == [(0, 6), (8, 10)]
