"""English trigger coverage: wordings of projects, contracts, funding, forums and setbacks.

Every sentence is a development example written for these tests (publication date 2025-10-21);
actors are hand-built, so only the trigger lexicon is under test.
"""

from __future__ import annotations

import pytest

from tests.nlp.events._build import Actor, extract

KOREA: Actor = ("Korean", "country:KR", "country", "South Korea", "KR")
KWATER: Actor = ("K-water", "org:k-water", "organisation", "Korea Water Resources Corporation", "KR")
EDCF: Actor = ("EDCF", "org:edcf", "organisation", "Economic Development Cooperation Fund", "KR")
ROTEM: Actor = ("Hyundai Rotem", "org:hyundai-rotem", "organisation", "Hyundai Rotem", "KR")
ADB: Actor = ("Asian Development Bank", "org:adb", "organisation", "Asian Development Bank", None)
KOICA: Actor = ("KOICA", "org:koica", "organisation", "KOICA", "KR")
BUSAN: Actor = ("Busan", "local_gov:26", "local_gov", "Busan Metropolitan City", "KR")
TASHKENT: Actor = ("Tashkent", "city:tashkent-uz", "city", "Tashkent", "UZ")
CAMBODIA: Actor = ("Cambodia", "country:KH", "country", "Cambodia", "KH")
KAZAKH: Actor = ("Kazakh", "country:KZ", "country", "Kazakhstan", "KZ")
JAKARTA: Actor = ("Jakarta", "city:jakarta-id", "city", "Jakarta", "ID")
WARSAW: Actor = ("Warsaw", "city:warsaw-pl", "city", "Warsaw", "PL")
RWANDA: Actor = ("Rwanda", "country:RW", "country", "Rwanda", "RW")
LAOS: Actor = ("Laos", "country:LA", "country", "Laos", "LA")
PH: Actor = ("Philippine", "country:PH", "country", "Philippines", "PH")


@pytest.mark.parametrize(("text", "actors", "type_"), [
    ("K-water was tapped to run the water utility of Tashkent for 30 years.", [KWATER, TASHKENT], "project"),
    ("Korean engineers started work on the Jakarta LRT extension.", [KOREA, JAKARTA], "project"),
    ("The pilot of Korean-made drone delivery in Laos has wrapped up successfully.", [KOREA, LAOS], "project"),
    ("Hyundai Rotem delivers first trams to Warsaw.", [ROTEM, WARSAW], "contract"),
    ("The EDCF will finance the construction of a bridge in Cambodia.", [EDCF, CAMBODIA], "funding"),
    ("The Asian Development Bank approved $300 million for Cambodia's urban water supply.", [ADB, CAMBODIA], "funding"),
    ("KOICA rolled out a new smart farming initiative in Rwanda.", [KOICA, RWANDA], "program"),
    ("Korean startups will exhibit at a Jakarta tech show next week.", [KOREA, JAKARTA], "forum"),
    ("Busan held a smart city fair for visitors from Jakarta.", [BUSAN, JAKARTA], "forum"),
    ("The Kazakh government put the Korean power plant project on ice.", [KAZAKH, KOREA], "setback"),
    ("The Korean consortium lost the Jakarta monorail bid to a rival group.", [KOREA, JAKARTA], "setback"),
    ("Philippine officials flagged problems with the Korean bus rapid transit system.", [PH, KOREA], "setback"),
])
def test_english_wordings_state_events(text: str, actors: list[Actor], type_: str) -> None:
    assert [e.type for e in extract("en", text, actors)] == [type_]


def test_fair_as_an_adjective_is_no_forum() -> None:
    text = "Busan officials said the fare system was fair and transparent for Jakarta visitors."
    assert extract("en", text, [BUSAN, JAKARTA]) == []
