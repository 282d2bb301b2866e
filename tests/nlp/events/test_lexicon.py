"""The event data files load and validate; the term matcher respects words, case and blockers."""

from __future__ import annotations

import pytest

from glocal.errors import ConfigError
from glocal.nlp.events import lexicon as lexicon_module
from glocal.nlp.events.lexicon import BLOCK, TermMatcher, inflections
from glocal.nlp.events.triggers import lexicon


@pytest.mark.parametrize("language", ["ko", "ja", "en", "zh", "vi"])
def test_every_language_has_a_valid_trigger_lexicon(language: str) -> None:
    lex = lexicon(language)
    assert lex is not None and lex.rules
    assert {rule.type for rule in lex.rules} >= {"agreement", "meeting", "setback"}


def test_unknown_languages_have_no_lexicon() -> None:
    assert lexicon("xx") is None


def test_english_terms_inflect() -> None:
    assert {"signs", "signed", "signing"} <= inflections("sign")
    assert {"cancelled", "canceled"} <= inflections("cancel")
    assert "feasibility studies" in inflections("feasibility study")
    assert "MOUs" in inflections("MOU")


def test_matcher_words_case_and_blockers() -> None:
    matcher = TermMatcher([("sign", "act"), ("ITS", "its"), ("according to", BLOCK), ("accord", "doc")], "en")
    found = {(h.term, h.start) for h in matcher.find("They signed; its ITS accord, according to reports, significant.")}
    assert found == {("sign", 5), ("ITS", 17), ("accord", 21)}  # not "significant", not "its", not "according"
    ko = TermMatcher([("회의", "meeting"), ("상공회의소", BLOCK), ("MOU", "doc")], "ko")
    assert [h.term for h in ko.find("상공회의소 회의에서 MOU를 맺었다")] == ["회의", "MOU"]


def test_a_missing_data_file_fails_loudly() -> None:
    with pytest.raises(ConfigError, match="missing.yaml"):
        lexicon_module.load_data("missing.yaml")
