"""Lexicon rules of the tone scorer: loading/validation, negation, direction x metric, parity across languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from glocal.errors import ConfigError
from glocal.nlp.tone.lexicon import default_lexicon, load_lexicon
from glocal.nlp.tone.model import packaged_path
from glocal.nlp.tone.rules import score_tokens
from glocal.nlp.tone.tokens import english_forms, tokenize


def rule(text: str, language: str):  # type: ignore[no-untyped-def]
    lex = default_lexicon()
    return score_tokens(tokenize([text], language, lex.ja_skip)[0], language, lex)


@pytest.mark.parametrize(
    ("language", "plain", "negated"),
    [
        ("en", "The two cities signed the accord.", "The two cities did not sign the accord."),
        ("ko", "두 도시는 협약에 서명했다.", "두 도시는 협약에 서명하지 않았다."),
        ("ja", "両市は協定に署名した。", "両市は協定に署名しなかった。"),
        ("en", "The ferry service was suspended.", "The ferry service was never suspended."),
        ("ko", "여객선 운항이 중단됐다.", "여객선 운항은 중단되지 않았다."),
        ("ja", "フェリーの運航が中断された。", "フェリーの運航は中断されなかった。"),
    ],
)
def test_negation_flips_the_rule_score(language: str, plain: str, negated: str) -> None:
    a, b = rule(plain, language), rule(negated, language)
    assert a.score * b.score < 0, (a, b)
    assert any(h.startswith("-") for h in b.hits) and not any(h.startswith("-") for h in a.hits)


def test_negation_belongs_to_the_nearest_predicate() -> None:
    # "the opening was not delayed": only the delay is negated, the opening stays good news
    for text, language in (("개통은 지연되지 않았다.", "ko"), ("開業は遅れなかった。", "ja")):
        hits = rule(text, language).hits
        assert "open" in hits and "-delay" in hits, hits


@pytest.mark.parametrize(
    ("language", "text", "sign"),
    [
        ("en", "Net losses narrowed sharply this year.", 1),
        ("en", "Quarterly profit fell by a third.", -1),
        ("en", "The jobless rate in the port city dropped to 3 percent.", 1),
        ("ko", "올해 순손실이 크게 줄었다.", 1),
        ("ko", "분기 이익이 3분의 1 감소했다.", -1),
        ("ja", "今年の純損失は大きく減った。", 1),
        ("ja", "四半期の利益は3分の1減少した。", -1),
    ],
)
def test_direction_takes_its_sign_from_the_metric(language: str, text: str, sign: int) -> None:
    assert rule(text, language).score * sign > 0.1


def test_a_price_rise_does_not_count_as_good_news() -> None:
    assert rule("Fuel prices rose again.", "en").score == pytest.approx(0.0)


def test_the_same_sentence_collects_the_same_evidence_in_three_languages() -> None:
    triples = [
        ("The port project was postponed amid a dispute over costs.", "항만 사업이 비용 분쟁 속에 연기됐다.", "港湾事業は費用をめぐる紛争の中で延期された。"),
        ("The mayors signed a memorandum on smart transport.", "시장들은 스마트 교통에 관한 양해각서에 서명했다.", "市長らはスマート交通に関する覚書に署名した。"),
    ]
    for en, ko, ja in triples:
        scores = [rule(en, "en").score, rule(ko, "ko").score, rule(ja, "ja").score]
        assert max(scores) - min(scores) < 0.15, scores


def test_english_base_forms() -> None:
    assert "sign" in english_forms("signed") and "rise" in english_forms("rose")
    assert "stop" in english_forms("stopped") and "criticise" in english_forms("criticised")
    # "won" after an amount is the currency, not the verb
    assert "win" not in rule("The budget is 12 billion won.", "en").hits
    assert "win" in rule("The city won the bid.", "en").hits


def test_every_score_is_in_range() -> None:
    text = "Cancelled, delayed, disputed, criticised, protested, suspended and scrapped, with losses."
    assert -1.0 < rule(text, "en").score < -0.9


def _lexicon_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = packaged_path("lexicon.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "lexicon.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_form_in_two_concepts_is_rejected(tmp_path: Path) -> None:
    path = _lexicon_copy(tmp_path, "en: [sign, ink,", "en: [sign, cancel, ink,")
    with pytest.raises(ConfigError, match="cancel"):
        load_lexicon(path)


def test_an_unknown_kind_and_a_weight_out_of_range_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown kind"):
        load_lexicon(_lexicon_copy(tmp_path, "kind: trigger", "kind: triger"))
    with pytest.raises(ConfigError, match="weight"):
        load_lexicon(_lexicon_copy(tmp_path, "weight: 0.5", "weight: 1.5"))
