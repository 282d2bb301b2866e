"""Rules for what is and is not an event: denials, history, statistics, names and modifiers.

Every sentence is a development example written for these tests (publication date 2025-10-21).
"""

from __future__ import annotations

import pytest

from tests.nlp.events._build import Actor, extract

KR: Actor = ("한국", "country:KR", "country", "South Korea", "KR")
MOLIT: Actor = ("국토교통부", "org:molit", "organisation", "Ministry of Land, Infrastructure and Transport", "KR")
VN: Actor = ("베트남", "country:VN", "country", "Vietnam", "VN")
JP: Actor = ("일본", "country:JP", "country", "Japan", "JP")
PH: Actor = ("필리핀", "country:PH", "country", "Philippines", "PH")
DANANG: Actor = ("다낭시", "city:da-nang-vn", "city", "Da Nang", "VN")
BUSAN: Actor = ("부산시", "local_gov:26000", "local_gov", "Busan Metropolitan City", "KR")
EN_KR: Actor = ("Korea", "country:KR", "country", "South Korea", "KR")
EN_VN: Actor = ("Vietnam", "country:VN", "country", "Vietnam", "VN")
PERU: Actor = ("Peru", "country:PE", "country", "Peru", "PE")
ECUADOR: Actor = ("Ecuador", "country:EC", "country", "Ecuador", "EC")
CALIFORNIA: Actor = ("California", "city:california-us", "city", "California", "US")
GYEONGGI: Actor = ("Gyeonggi Province", "local_gov:41000", "local_gov", "Gyeonggi Province", "KR")


@pytest.mark.parametrize(("language", "text", "actors"), [
    # a report denied ("is not true", "has never signed") is neither an event nor a setback
    ("ko", "국토교통부는 베트남과 양해각서를 체결했다는 일부 보도는 사실이 아니라고 밝혔다.", [MOLIT, VN]),
    ("ko", "국토교통부 관계자는 \"일본 측과 협약을 체결한 바 없다\"고 말했다.", [MOLIT, JP]),
    ("en", "Officials said no agreement with Peru had been signed.", [PERU]),
    ("en", "The ministry denied reports that it had signed an MOU with Ecuador.", [ECUADOR]),
    # history: twinned in 2010, "have been exchanging" ever since
    ("ko", "부산시는 지난 2010년 일본 후쿠오카시와 자매결연을 맺은 뒤 꾸준히 교류해왔다.", [BUSAN, JP]),
    ("en", "Gyeonggi Province signed a climate MOU with California in 2019.", [GYEONGGI, CALIFORNIA]),
    # statistics, order-winning policy and budgets are not cooperation events
    ("ko", "한국 건설사의 올해 해외 수주액은 300억 달러로 집계됐다.", [KR]),
    ("ko", "국토교통부는 해외건설 수주 지원을 위한 제도 개선을 검토 중이라고 밝혔다.", [MOLIT]),
    ("ko", "부산시는 내년도 국제협력 예산 120억 원을 편성했다고 5일 밝혔다.", [BUSAN]),
])
def test_denials_history_statistics_and_budgets_are_no_events(language: str, text: str, actors: list[Actor]) -> None:
    assert extract(language, text, actors) == []


def test_an_old_mou_cancelled_now_is_still_a_setback() -> None:
    events = extract("en", "The MOU that Gyeonggi Province signed with California in 2019 was cancelled.", [GYEONGGI, CALIFORNIA])
    assert [e.type for e in events] == ["setback"]


def test_an_ongoing_protest_is_a_setback_though_ongoing_exchange_is_no_event() -> None:
    events = extract("ko", "필리핀 주민들은 한국 기업의 매립 사업에 반발해왔다.", [PH, KR])
    assert [e.type for e in events] == ["setback"]


@pytest.mark.parametrize(("language", "text", "actors"), [
    # a verbal accord in talks stays part of the meeting (no agreement without a signed document)
    ("ko", "한국과 베트남 장관은 20일 회담에서 스마트시티 협력 관계를 강화하기로 합의했다.", [KR, VN]),
    ("en", "Korea and Vietnam reached an agreement to deepen rail cooperation at their talks in Hanoi on Monday.",
     [EN_KR, EN_VN]),
    # resolving a dispute is what the meeting is about, not a dispute
    ("ko", "부산시장은 21일 방한한 베트남 다낭시 대표단과 만나 관광 분야 갈등 해결에 협력하기로 했다.", [BUSAN, VN, DANANG]),
    # an investment agency's name is no investment
    ("en", "Korea Investment Corporation officials visited Hanoi on Monday.",
     [("Korea Investment Corporation", "org:kic", "organisation", "Korea Investment Corporation", "KR"),
      ("Hanoi", "city:hanoi-vn", "city", "Hanoi", "VN")]),
])
def test_talks_stay_meetings(language: str, text: str, actors: list[Actor]) -> None:
    assert [e.type for e in extract(language, text, actors)] == ["meeting"]


@pytest.mark.parametrize(("text", "actors", "type_"), [
    # "Korea-funded" describes the scheme; the news is its new phase
    ("The Korea-funded flood-control scheme in Cambodia entered its second phase.",
     [EN_KR, ("Cambodia", "country:KH", "country", "Cambodia", "KH")], "project"),
    ("KOICA handed over a new vocational school to Ethiopia last week.",
     [("KOICA", "org:koica", "organisation", "KOICA", "KR"), ("Ethiopia", "country:ET", "country", "Ethiopia", "ET")],
     "project"),
    # the expo's name holds "Smart City", which opens no project
    ("The Smart City Expo World Congress opened in Barcelona on Tuesday with a Korean pavilion.",
     [("Barcelona", "city:barcelona-es", "city", "Barcelona", "ES"), ("Korean", "country:KR", "country", "South Korea", "KR")],
     "forum"),
])
def test_english_projects_and_forums(text: str, actors: list[Actor], type_: str) -> None:
    assert [e.type for e in extract("en", text, actors)][:1] == [type_]


LAOS: Actor = ("라오스", "country:LA", "country", "Laos", "LA")


@pytest.mark.parametrize(("language", "text", "actors", "type_"), [
    # building a platform abroad is a project delivered; opening a cooperation centre is a programme launch
    ("ko", "한국수자원공사는 라오스 정부와 함께 비엔티안에 스마트 물관리 플랫폼을 구축했다고 20일 밝혔다.",
     [("한국수자원공사", "org:k-water", "organisation", "Korea Water Resources Corporation", "KR"), LAOS], "project"),
    ("ko", "국토교통부는 20일 하노이에서 한-베트남 디지털정부 협력센터를 개소했다.", [MOLIT, VN], "program"),
    # a training course that starts is a programme, even about smart cities; "developing countries" is international
    ("ko", "국토교통부는 개도국 공무원을 대상으로 스마트시티 초청 연수를 20일 시작했다.", [MOLIT], "program"),
    ("en", "KOICA began a six-week smart-city training course for 25 officials from developing countries on Monday.",
     [("KOICA", "org:koica", "organisation", "KOICA", "KR")], "program"),
    # a training delegation's visit is a visit
    ("ko", "베트남 건설부 공무원 연수단이 20일 한국 세종시를 방문해 스마트시티 통합운영센터를 둘러봤다.", [VN, KR], "meeting"),
])
def test_projects_programmes_and_delegations(language: str, text: str, actors: list[Actor], type_: str) -> None:
    assert [e.type for e in extract(language, text, actors)][:1] == [type_]
