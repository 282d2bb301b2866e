"""The gold-set scorer (glocal.evaluation.events), on a small gold file written here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from glocal.evaluation.events import score_event_gold
from glocal.records import ActorMention

ACTORS = {
    "국토교통부": ("org:molit", "organisation", "Ministry of Land, Infrastructure and Transport", "KR"),
    "베트남 건설부": ("org:moc-vn", "organisation", "Ministry of Construction of Vietnam", "VN"),
    "Vietnam Ministry of Construction": ("org:moc-vn", "organisation", "Ministry of Construction of Vietnam", "VN"),
    "Gangnam-gu": ("local_gov:11680", "local_gov", "Gangnam-gu", "KR"),
    "Meguro": ("city:meguro-jp", "city", "Meguro", "JP"),
}


def fake_linker(text: str, language: str) -> list[ActorMention]:
    found = []
    for surface, (key, kind, name, country) in ACTORS.items():
        start = text.find(surface)
        if start >= 0:
            found.append(ActorMention(key, kind, name, surface, start, start + len(surface), 0.9, "fake", country))
    return sorted(found, key=lambda m: m.start)


GOLD = [
    {"id": "t-ko-1", "language": "ko", "published": "2025-10-21",
     "text": "국토교통부는 지난 20일 베트남 건설부와 스마트시티 양해각서를 체결했다.",
     "events": [{"type": "agreement", "date": "2025-10-20",
                 "parties": ["Ministry of Land, Infrastructure and Transport", "Vietnam Ministry of Construction"],
                 "countries": ["VN", "KR"], "domain": "smart_city"}]},
    {"id": "t-en-1", "language": "en", "published": "2025-10-22",
     "text": "Gangnam-gu and Meguro held talks on Monday about a youth exchange.",
     "events": [{"type": "meeting", "date": "2025-10-19", "parties": ["Gangnam-gu", "Meguro"],
                 "countries": ["JP", "KR"], "domain": "culture_tourism"}]},
    {"id": "t-en-2", "language": "en", "published": "2025-10-22",
     "text": "Gangnam-gu opened a new library for residents.", "events": []},
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in GOLD) + "\n", encoding="utf-8")
    return path


def test_scores_per_language(gold_file: Path) -> None:
    result = score_event_gold(gold_file, linker=fake_linker)
    ko, en = result["per_language"]["ko"], result["per_language"]["en"]
    assert ko["type_accuracy"] == 1.0 and ko["events"]["f1"] == 1.0
    assert ko["date_accuracy"] == 1.0
    assert ko["parties"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}  # the gold name links to org:moc-vn
    assert ko["domain_accuracy"] == 1.0
    assert en["items"] == 2 and en["type_accuracy"] == 1.0 and en["events"]["f1"] == 1.0
    assert en["date_accuracy"] == 0.0  # Monday before 2025-10-22 is the 20th, the gold here says the 19th
    assert en["no_event_accuracy"] == 1.0
    assert result["overall"]["items"] == 3


def test_fails_clearly_without_the_actor_linker(gold_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "glocal.nlp.actors", None)  # makes the import fail
    with pytest.raises(RuntimeError, match="actor linker"):
        score_event_gold(gold_file)
