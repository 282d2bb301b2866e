"""The tone evaluation functions (glocal.evaluation.tone) on small temporary files."""

from __future__ import annotations

import json
from pathlib import Path

from glocal.evaluation.tone import classification, score_financial_phrasebank, score_gold, score_nsmc

ITEMS = [
    ("t-en-1", "en", "The two provinces signed a trade pact and opened a joint office.", "positive", "q1"),
    ("t-ko-1", "ko", "두 주는 무역 협정을 체결하고 공동 사무소를 열었다.", "positive", "q1"),
    ("t-ja-1", "ja", "両州は貿易協定を締結し、共同事務所を開設した。", "positive", "q1"),
    ("t-en-2", "en", "The metro extension was delayed again amid protests.", "negative", "q2"),
    ("t-ko-2", "ko", "지하철 연장 사업이 시위 속에 또 지연됐다.", "negative", "q2"),
    ("t-ja-2", "ja", "地下鉄の延伸事業は抗議の中で再び遅れた。", "negative", "q2"),
    ("t-en-3", "en", "The committee meets on the first Monday of each month.", "neutral", None),
]


def test_score_gold_on_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "tone.jsonl"
    lines = [json.dumps({"id": i, "language": lang, "text": text, "label": label, "pair": pair}, ensure_ascii=False)
             for i, lang, text, label, pair in ITEMS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = score_gold(path)
    assert result["en"]["n"] == 3 and result["ko"]["n"] == 2 and result["all"]["n"] == 7
    assert result["all"]["accuracy"] == 1.0 and result["all"]["macro_f1"] == 1.0
    cross = result["cross_language"]
    assert cross["pairs"] == 2 and cross["ko_en_label_agreement"] == 1.0 and cross["all_three_label_agreement"] == 1.0
    assert 0.0 <= cross["ko_en_mean_abs_score_difference"] < 0.3


def test_missing_inputs_are_reported_not_raised(tmp_path: Path) -> None:
    assert "skipped" in score_gold(tmp_path / "absent.jsonl")
    assert "skipped" in score_financial_phrasebank(None)
    assert "skipped" in score_nsmc(tmp_path)


def test_classification_figures() -> None:
    result = classification(["positive", "neutral", "negative", "neutral"], ["positive", "positive", "negative", "neutral"])
    assert result["accuracy"] == 0.75
    assert result["errors"] == {"neutral→positive": 1}
    # F1: positive 2/3, neutral 2/3, negative 1
    assert abs(result["macro_f1"] - (2 / 3 + 2 / 3 + 1) / 3) < 1e-3
