"""Sentence and document tone: signs, one scale across languages, negation, range, determinism, loading."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from glocal.nlp.tone import label_of, score_document, score_sentences
from glocal.nlp.tone.model import lexicon_sha256, load_model, packaged_path

ROOT = Path(__file__).resolve().parents[3]

POSITIVE = {
    "en": ["Suwon and Bac Ninh signed a friendship agreement and launched a joint startup fund.",
           "The new tram line in Cheongju opened on schedule and passenger numbers are growing fast."],
    "ko": ["수원시와 박닌성은 우호협력 협약을 체결하고 공동 창업 펀드를 출범시켰다.",
           "청주의 새 트램 노선이 예정대로 개통했고 이용객이 빠르게 늘고 있다."],
    "ja": ["水原市とバクニン省は友好協力協定を締結し、共同のスタートアップ基金を立ち上げた。",
           "清州の新しい路面電車路線は予定通り開業し、利用者が急速に増えている。"],
}
NEGATIVE = {
    "en": ["The joint bus project was cancelled after months of delays and disputes over costs.",
           "Hundreds of residents protested, criticising the city for ignoring their safety concerns."],
    "ko": ["공동 버스 사업은 수개월간의 지연과 비용 분쟁 끝에 취소됐다.",
           "주민 수백 명이 시위를 벌이며 시가 안전 우려를 무시했다고 비판했다."],
    "ja": ["共同バス事業は数か月の遅延と費用をめぐる紛争の末に中止された。",
           "数百人の住民が抗議し、市が安全への懸念を無視したと批判した。"],
}
ROUTINE = {
    "en": ["The vice mayor will attend a meeting in Jakarta on Thursday.", "The briefing session starts at 2 p.m. in the main hall."],
    "ko": ["부시장은 목요일 자카르타에서 열리는 회의에 참석한다.", "설명회는 오후 2시 대강당에서 시작한다."],
    "ja": ["副市長は木曜日にジャカルタで開かれる会議に出席する。", "説明会は午後2時に大ホールで始まる。"],
}


@pytest.mark.parametrize("language", ["en", "ko", "ja"])
def test_clear_sentences_get_the_right_label(language: str) -> None:
    texts = POSITIVE[language] + NEGATIVE[language] + ROUTINE[language]
    labels = [label_of(s) for s in score_sentences(texts, language)]
    assert labels == ["positive"] * 2 + ["negative"] * 2 + ["neutral"] * 2


def test_routine_announcements_stay_near_zero() -> None:
    for language, texts in ROUTINE.items():
        assert all(abs(s) < 0.15 for s in score_sentences(texts, language)), language


def test_the_same_sentence_scores_alike_in_korean_japanese_and_english() -> None:
    for group in (POSITIVE, NEGATIVE, ROUTINE):
        scores = np.array([score_sentences(group[lang], lang) for lang in ("en", "ko", "ja")])
        assert np.all(scores.max(axis=0) - scores.min(axis=0) < 0.3), scores


@pytest.mark.parametrize(
    ("language", "plain", "negated"),
    [
        ("en", "Suwon signed the agreement.", "Suwon did not sign the agreement."),
        ("ko", "수원시는 협약에 서명했다.", "수원시는 협약에 서명하지 않았다."),
        ("ja", "水原市は協定に署名した。", "水原市は協定に署名しなかった。"),
        ("en", "The opening was delayed.", "The opening was not delayed."),
        ("ko", "개통이 지연됐다.", "개통은 지연되지 않았다."),
        ("ja", "開業が遅れた。", "開業は遅れなかった。"),
    ],
)
def test_negation_flips_the_sign(language: str, plain: str, negated: str) -> None:
    a, b = score_sentences([plain, negated], language)
    assert a * b < 0 and abs(a) > 0.3 and abs(b) > 0.3, (a, b)


def test_chinese_and_vietnamese_best_effort() -> None:
    zh = score_sentences(["两市签署了友好合作协议并启动联合创业基金。", "由于延误和费用纠纷，联合公交项目被取消。"], "zh")
    vi = score_sentences(["Hai thành phố đã ký kết thỏa thuận hợp tác hữu nghị.",
                          "Dự án xe buýt chung đã bị hủy bỏ sau nhiều tháng trì hoãn."], "vi")
    assert zh[0] > 0.3 > -0.3 > zh[1] and vi[0] > 0.3 > -0.3 > vi[1]


def test_scores_are_in_range_and_deterministic() -> None:
    texts = ["", "…", "2025.10.21", "🙂🙂", "x" * 3000, *POSITIVE["en"], *NEGATIVE["en"]]
    first, second = score_sentences(texts, "en"), score_sentences(list(texts), "en")
    assert first == second and len(first) == len(texts)
    assert all(-1.0 <= s <= 1.0 for s in first)
    assert score_sentences([], "ko") == []


def test_precomputed_embeddings_give_the_same_scores() -> None:
    from glocal.nlp.tone.model import encode

    texts = POSITIVE["ko"] + NEGATIVE["ko"]
    assert score_sentences(texts, "ko", embeddings=encode(texts)) == score_sentences(texts, "ko")
    with pytest.raises(ValueError, match="shape"):
        score_sentences(texts, "ko", embeddings=np.zeros((1, 512)))


def test_weights_load_once_and_match_the_lexicon() -> None:
    score_sentences(["The port reopened."], "en")
    before = load_model.cache_info()
    score_sentences(["The port reopened."], "en")
    label_of(0.5)
    after = load_model.cache_info()
    assert after.currsize == 1 and after.misses == before.misses
    model = load_model()
    assert model is load_model()
    # retrain (scripts/train_tone.py) after editing lexicon.yaml: the features change with it
    assert model.lexicon_sha256 == lexicon_sha256()
    assert packaged_path("weights.npz").stat().st_size < 2_000_000


def test_label_thresholds() -> None:
    model = load_model()
    assert 0.05 <= model.positive_threshold <= 0.8 and 0.05 <= model.negative_threshold <= 0.8
    assert label_of(0.95) == "positive" and label_of(-0.95) == "negative" and label_of(0.0) == "neutral"


def test_document_tone() -> None:
    assert score_document([]) == 0.0
    assert score_document([0.0, 0.0, 0.0]) == 0.0
    # the title counts more than a body sentence of the opposite tone
    assert score_document([0.8, 0.0, 0.0, 0.0, -0.8]) > 0.1
    assert score_document([0.8, 0.0, 0.0, 0.0, -0.8], has_title=False) > score_document([-0.8, 0.0, 0.0, 0.0, 0.8], has_title=False)
    # one strong setback is not averaged away by routine sentences
    assert score_document([0.0, -0.9, 0.0, 0.0, 0.0, 0.0]) < -0.3
    assert -1.0 <= score_document([1.0] * 10) <= 1.0 and score_document([-1.0]) == -1.0


def test_nsmc_split_is_the_same_in_training_and_evaluation() -> None:
    spec = importlib.util.spec_from_file_location("train_tone", ROOT / "scripts" / "train_tone.py")
    assert spec and spec.loader
    train_tone = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_tone)
    from glocal.evaluation.tone import nsmc_held_out

    ids = [str(i) for i in range(9_000_000, 9_000_200)]
    assert all(train_tone.is_nsmc_training(i) != nsmc_held_out(i) for i in ids)
    assert 60 < sum(map(nsmc_held_out, ids)) < 140
