"""Meetings whose topic names another kind of event, and project wording (development sentences).

Every sentence is written for these tests; none comes from the evaluation gold. A request or a
concern voiced at a meeting ("asked for investment support", "지연 문제에 대한 우려를 전달") is
what was talked about: the meeting is the event.
"""

from __future__ import annotations

import pytest

from tests.nlp.events._build import Actor, extract

HANOI_KO: Actor = ("하노이", "city:hanoi-vn", "city", "Hanoi", "VN")
INDONESIA_KO: Actor = ("인도네시아", "country:ID", "country", "Indonesia", "ID")
KOREA_JA: Actor = ("韓国", "country:KR", "country", "South Korea", "KR")
JAPAN_EN: Actor = ("Japanese", "country:JP", "country", "Japan", "JP")
INDONESIA_EN: Actor = ("Indonesian", "country:ID", "country", "Indonesia", "ID")
MONGOLIA_EN: Actor = ("Mongolia", "country:MN", "country", "Mongolia", "MN")
CAMBODIA_EN: Actor = ("Cambodia", "country:KH", "country", "Cambodia", "KH")
PHILIPPINES_KO: Actor = ("필리핀", "country:PH", "country", "Philippines", "PH")
CAMBODIA_KO: Actor = ("캄보디아", "country:KH", "country", "Cambodia", "KH")
SINGAPORE_KO: Actor = ("싱가포르", "country:SG", "country", "Singapore", "SG")
MONGOLIA_KO: Actor = ("몽골", "country:MN", "country", "Mongolia", "MN")
UZBEKISTAN_KO: Actor = ("우즈베키스탄", "country:UZ", "country", "Uzbekistan", "UZ")
THAILAND_JA: Actor = ("タイ", "country:TH", "country", "Thailand", "TH")


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("ko", "오세훈 시장은 하노이 인민위원장과 만나 지하철 사업 지연 문제에 대한 우려를 전달했다.", [HANOI_KO]),
    ("ko", "김 지사는 인도네시아 대사를 만나 투자 지원을 요청했다.", [INDONESIA_KO]),
    ("ja", "市長は韓国の訪問団と懇談し、交流事業の中止について説明した。", [KOREA_JA]),
    ("en", "The governor met his Japanese counterpart and raised concerns over delays to the project.", [JAPAN_EN]),
    ("en", "The mayor met the Indonesian ambassador and asked for support for the investment.", [INDONESIA_EN]),
])
def test_a_request_or_concern_voiced_at_a_meeting_is_a_meeting(language: str, text: str, actors: list[Actor]) -> None:
    assert [e.type for e in extract(language, text, actors)][:1] == ["meeting"]


def test_a_setback_without_a_meeting_stays_a_setback() -> None:
    events = extract("en", "The metro project in Mongolia was delayed until 2027, officials said.", [MONGOLIA_EN])
    assert [e.type for e in events] == ["setback"]


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "A Korean-designed intelligent transport system went live in Mongolia this week.", [MONGOLIA_EN]),
    ("en", "Construction of the Korea-funded hospital in Cambodia is now under way.", [CAMBODIA_EN]),
    ("ko", "현대로템이 제작한 전동차가 필리핀 마닐라 지하철에 투입됐다.", [PHILIPPINES_KO]),
    ("ko", "한국이 지원한 캄보디아 프놈펜 병원이 문을 열었다.", [CAMBODIA_KO]),
    ("ko", "쌍용건설이 싱가포르에서 짓고 있는 병원이 공정률 90%를 넘었다.", [SINGAPORE_KO]),
    ("ko", "몽골 울란바토르 신공항 운영을 한국공항공사 컨소시엄이 맡는다.", [MONGOLIA_KO]),
    ("ko", "우즈베키스탄 타슈켄트에 한국형 스마트 교통 시스템이 도입된다.", [UZBEKISTAN_KO]),
    ("ja", "タイのバンコクで日本企業が手がける浄水場の建設が進んでいる。", [THAILAND_JA]),
])
def test_project_wording(language: str, text: str, actors: list[Actor]) -> None:
    assert [e.type for e in extract(language, text, actors)][:1] == ["project"]
