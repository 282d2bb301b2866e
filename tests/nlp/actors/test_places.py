"""The place finder: place phrases, their spans and the rules that leave modifiers out."""

from __future__ import annotations

import pytest

from glocal.nlp.actors import find_places, link_actors
from glocal.nlp.actors.fallback import add_locations
from glocal.nlp.actors.places import kiwi_tokens


def surfaces(text: str, language: str) -> list[str]:
    return [p.surface for p in find_places(text, language)]


@pytest.mark.parametrize(("text", "expected"), [
    ("東京都千代田区に本社を置く企業。", ["東京都千代田区"]),  # one Sudachi place token, chain kept whole
    ("愛知県出身の選手で、ベトナム南部の工場を訪れた。", ["愛知県", "ベトナム南部"]),  # relational noun; place head
    ("日本映画の監督が横浜銀行を訪ねた。", []),  # places that only modify the next noun
    ("ニューヨーク・タイムズによれば、ハノイで会議が開かれた。", ["ハノイ"]),  # joined to a name by ・
    ("日本と韓国、台湾の企業", ["日本", "韓国", "台湾"]),
    ("日本初の試みで、尾道市の商店街が舞台。", ["日本", "尾道市"]),
])
def test_japanese_place_phrases(text: str, expected: list[str]) -> None:
    assert surfaces(text, "ja") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("서울 강남구 삼성동에서 행사가 열렸다.", ["서울 강남구 삼성동"]),  # an address chain is one phrase
    ("미국 정부는 하노이에서 회담을 열었다.", ["하노이"]),  # 미국 정부: an organisation of the place
    ("한미 정상회담이 열렸다.", []),  # one-character country forms name parties, not places
    ("부산 경찰서에 따르면 제주도 관광객이 늘었다.", ["제주도"]),
])
def test_korean_place_phrases(text: str, expected: list[str]) -> None:
    assert surfaces(text, "ko") == expected


def test_a_phrase_keeps_the_linked_actors_inside_it() -> None:
    (place,) = find_places("서울 강남구에서", "ko")
    assert place.keys == ("local_gov:11", "local_gov:11680") and place.method.startswith("linked")


def test_other_languages_get_their_linked_places() -> None:
    assert [p.surface for p in find_places("Talks in Hanoi and Seoul", "en")] == ["Hanoi", "Seoul"]
    # the country nested in a city name is part of that one place
    assert [p.surface for p in find_places("Talks in Mexico City", "en")] == ["Mexico City"]


def test_add_locations_reuses_a_korean_analysis() -> None:
    text = "경복궁 앞 광화문광장에서 행사가 열렸다."
    tokens = kiwi_tokens(text)
    with_tokens = add_locations(text, "ko", link_actors(text, "ko"), tokens)
    assert with_tokens == link_actors(text, "ko", locations=True)
    assert any(m.actor_key == "loc:경복궁" for m in with_tokens)


def test_japanese_vetoes_names_inside_a_person_name() -> None:
    mentions = link_actors("宮崎駿監督の新作", "ja", locations=True)
    assert not any(m.kind == "city" for m in mentions)
