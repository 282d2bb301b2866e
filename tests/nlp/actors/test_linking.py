"""Linking in ko/ja/en: countries and their short forms (with traps), Korean local governments with
codes, Jung-gu context resolution, foreign cities, organisations, programmes, offsets."""

from __future__ import annotations

import pytest

from glocal.nlp.actors import link_actors


def keys(text: str, language: str, kind: str | None = None) -> list[str]:
    return [m.actor_key for m in link_actors(text, language) if kind is None or m.kind == kind]


def countries(text: str, language: str) -> set[str]:
    return {m.country_code for m in link_actors(text, language) if m.kind == "country"}


@pytest.mark.parametrize("language, text", [
    ("ko", "강남구는 12일 미국 산타클라라시와 한-베 스마트시티 협력 양해각서를 체결했다. 韓·美 정상은 하노이에서 만났다."),
    ("ja", "韓国国土交通部は訪日中の代表団と日米韓の協力で一致し、国土交通省と福岡市で会談した。"),
    ("en", "Korea's MOLIT and Vietnam's Ministry of Construction met in Hanoi; Gangnam-gu joined CES."),
])
def test_offsets_point_at_the_surface(language: str, text: str) -> None:
    mentions = link_actors(text, language)
    assert mentions
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
        assert 0 < mention.confidence <= 1
    assert mentions == sorted(mentions, key=lambda m: (m.start, m.end, m.actor_key))


def test_output_is_deterministic() -> None:
    text = "서울 중구와 부산 중구, 베트남과 한미 정상회담"
    assert link_actors(text, "ko") == link_actors(text, "ko")


@pytest.mark.parametrize("language, text, expected", [
    ("ko", "베트남과 협력하고 미국, 대한민국, 인니와 교류한다", {"VN", "US", "KR", "ID"}),
    ("ko", "한미 정상회담과 한-베 협력, 한·아세안 회의", {"KR", "US", "VN"}),
    ("ko", "美 국무부와 中 정부, 韓越 관계", {"US", "CN", "KR", "VN"}),
    ("ko", "한국형 스마트시티 수출", {"KR"}),
    ("ko", "주한 미국대사가 방한했다", {"KR", "US"}),
    ("ja", "日米韓の首脳が会談し、訪韓した越政府の代表とも会った", {"JP", "US", "KR", "VN"}),
    ("ja", "米政府と英紙が報じた。タイとベトナム", {"US", "GB", "TH", "VN"}),
    ("en", "South Korea, the US and Vietnamese officials met Japanese and Thai partners", {"KR", "US", "VN", "JP", "TH"}),
    ("en", "Korean Air signed with a UAE operator and Saudi Arabia", {"KR", "AE", "SA"}),
    ("zh", "中美关系和越南", {"CN", "US", "VN"}),
])
def test_countries_and_short_forms(language: str, text: str, expected: set[str]) -> None:
    assert countries(text, language) == expected


@pytest.mark.parametrize("language, text", [
    ("ja", "会議中に20日から本日まで議論した"),  # 中 "during", 日 "day"
    ("ja", "横浜市中区で調印式。豪雨の日比谷で独自に比較した"),  # 中区 in Yokohama, 印 in 調印, 豪雨, 日比谷
    ("ja", "新米と米粉を使い、毎日料理する"),  # 米 "rice"
    ("ko", "인도적 지원과 호주머니, 독한 언니, 고양이"),  # prefixes of common words, 독한 "harsh"
    ("ko", "위해 노력했다. 지난 20일 오후"),  # GeoNames names that are Korean words (Weihai, Jinan)
    ("ko", "한 번 더 미 확인"),  # 한 "one", 미 "not yet"
    ("en", "A nice day on a mobile phone, split the bill"),  # lower-case common words
    ("en", "It was Nice to see a Mobile lab"),  # capitalised, but stop-listed city names
    ("ko", "베트남어와 일본어 통역"),  # language names
])
def test_false_positive_traps(language: str, text: str) -> None:
    assert countries(text, language) == set()
    assert not [m for m in link_actors(text, language) if m.kind == "city"]


def test_japanese_day_and_middle_do_not_become_countries_but_names_do() -> None:
    assert countries("20日、米国と日本が中国と合意した", "ja") == {"US", "JP", "CN"}
    mentions = link_actors("20日に会議中", "ja")
    assert [m for m in mentions if m.kind == "country"] == []


def test_seoul_districts_with_codes() -> None:
    mentions = link_actors("강남구는 서초구, 송파구와 함께 강동구청과 협의했다", "ko")
    codes = {m.actor_key: m for m in mentions}
    assert {"local_gov:11680", "local_gov:11650", "local_gov:11710", "local_gov:11740"} <= set(codes)
    assert codes["local_gov:11680"].country_code == "KR"
    assert keys("Gangnam District and Gangnam-gu, 江南区", "en") == ["local_gov:11680"] * 3
    assert keys("강남구는, 강남에서", "ko", "local_gov") == ["local_gov:11680", "local_gov:11680"]


@pytest.mark.parametrize("language, text, expected, method", [
    ("ko", "부산 중구는 관광 협력을 발표했다", "local_gov:26110", "alias-table+context"),
    ("ko", "인천광역시 중구가 참여했다", "local_gov:28110", "alias-table+context"),
    ("ko", "대전 중구와 울산", "local_gov:30140", "alias-table+context"),
    ("en", "Jung-gu in Daegu", "local_gov:27110", "alias-table+context"),
    ("ja", "釜山の中区", "local_gov:26110", "alias-table+context"),
    ("ko", "중구는 문화 교류를 확대한다", "local_gov:11140", "alias-table+default"),
])
def test_jung_gu_is_resolved_by_context_or_defaults_to_seoul(language: str, text: str, expected: str, method: str) -> None:
    mention = next(m for m in link_actors(text, language) if m.surface in ("중구", "Jung-gu", "中区"))
    assert (mention.actor_key, mention.method) == (expected, method)
    if method.endswith("default"):
        assert mention.confidence < 0.8


def test_shared_japanese_ward_prefers_the_document_country() -> None:
    assert "city:koto-jp" in keys("江東区で防災協定", "ja")
    assert "local_gov:11740" in keys("ソウル江東区で防災協定", "ja")


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Santa Clara and Meguro City, Haidian District, Bac Ninh province", ["city:santa-clara-us", "city:meguro-jp", "city:haidian-cn", "city:bac-ninh-vn"]),
    ("ko", "하노이와 호찌민, 다낭, 박닌성, 바탐방주, 사바주", ["city:hanoi-vn", "city:ho-chi-minh-city-vn", "city:da-nang-vn", "city:bac-ninh-vn", "city:battambang-kh", "city:sabah-my"]),
    ("ja", "ハノイとプノンペン、コタキナバル", ["city:hanoi-vn", "city:phnom-penh-kh", "city:kota-kinabalu-my"]),
    ("en", "Vientiane, Ulaanbaatar and Tashkent", ["city:vientiane-la", "city:ulaanbaatar-mn", "city:tashkent-uz"]),
])
def test_foreign_cities(language: str, text: str, expected: list[str]) -> None:
    assert keys(text, language, "city") == expected


def test_geonames_city_is_linked_with_its_method() -> None:
    mention = next(m for m in link_actors("He flew to Toronto", "en") if m.kind == "city")
    assert (mention.actor_key, mention.method, mention.country_code) == ("city:toronto-ca", "geonames", "CA")


@pytest.mark.parametrize("language, text, expected", [
    ("ja", "韓国の国土交通部と日本の国土交通省", ["org:molit", "org:mlit-jp"]),
    ("ko", "국토부와 LH, 한국수자원공사, KOICA", ["org:molit", "org:lh", "org:k-water", "org:koica"]),
    ("en", "ADB, the World Bank and AIIB with Hyundai Motor and Samsung C&T", ["org:adb", "org:world-bank", "org:aiib", "org:hyundai-motor", "org:samsung-ct"]),
    ("en", "Korean Air and Archer Aviation", ["org:korean-air", "org:archer"]),
])
def test_organisations(language: str, text: str, expected: list[str]) -> None:
    assert keys(text, language, "organisation") == expected


def test_acronyms_match_case_sensitively() -> None:
    assert keys("ADB and KIND signed", "en", "organisation") == ["org:adb", "org:kind"]
    assert keys("a kind offer to add", "en") == []


@pytest.mark.parametrize("language, text, expected", [
    ("en", "selected under the K-City Network at the Smart City Expo World Congress", ["programme:k-city-network", "programme:scewc"]),
    ("ko", "K-City Network 공모와 월드스마트시티엑스포", ["programme:k-city-network", "programme:wsce"]),
    ("ja", "ASEANスマートシティ・ネットワーク", ["programme:ascn"]),
])
def test_programmes(language: str, text: str, expected: list[str]) -> None:
    assert keys(text, language, "programme") == expected


def test_country_inside_an_organisation_name_is_also_a_mention() -> None:
    mentions = link_actors("Korean Air and 한국토지주택공사", "ko")
    assert {m.actor_key for m in mentions} >= {"org:korean-air", "org:lh", "country:KR"}
    assert countries("대한항공과 North America", "ko") == set()


def test_locations_fallback_adds_unlinked_places() -> None:
    mentions = link_actors("尾道市の商店街で実証実験を始めた", "ja", locations=True)
    assert any(m.kind == "location" and m.actor_key.startswith("loc:") and "尾道" in m.surface for m in mentions)
    assert all(m.kind != "location" for m in link_actors("尾道市の商店街", "ja"))
