"""Event extraction per language and event type, with hand-built actor mentions.

The sentences are development examples written for these tests (publication date 2025-10-21,
a Tuesday, unless said otherwise).
"""

from __future__ import annotations

import pytest

from tests.nlp.events._build import Actor, extract

KR: Actor = ("한국", "country:KR", "country", "South Korea", "KR")
MOLIT: Actor = ("국토교통부", "org:molit", "organisation", "Ministry of Land, Infrastructure and Transport", "KR")
VN: Actor = ("베트남", "country:VN", "country", "Vietnam", "VN")
VN_MOC: Actor = ("베트남 건설부", "org:moc-vn", "organisation", "Ministry of Construction of Vietnam", "VN")
HANOI: Actor = ("하노이", "city:hanoi-vn", "city", "Hanoi", "VN")
GANGNAM: Actor = ("강남구", "local_gov:11680", "local_gov", "Gangnam-gu", "KR")
US: Actor = ("미국", "country:US", "country", "United States", "US")
SANTA_CLARA: Actor = ("산타클라라시", "city:santa-clara-us", "city", "Santa Clara", "US")

CASES = [
    # --- Korean ---------------------------------------------------------------------------
    ("ko", "agreement", "US", "2025-10-17",
     "서울 강남구는 지난 17일 미국 산타클라라시와 디지털 분야 교류를 위한 업무협약을 맺었다고 20일 밝혔다.",
     [GANGNAM, US, SANTA_CLARA]),
    ("ko", "meeting", "VN", "2025-10-20",
     "국토교통부 제1차관은 20일 하노이에서 베트남 건설부 차관과 회담을 갖고 도시개발과 철도 협력 방안을 논의했다.",
     [MOLIT, VN_MOC, HANOI]),
    ("ko", "contract", "PH", "2025-10-21",
     "현대로템은 필리핀 교통부와 마닐라 도시철도 전동차 120량을 공급하는 계약을 체결했다고 21일 밝혔다.",
     [("현대로템", "org:hyundai-rotem", "organisation", "Hyundai Rotem", "KR"),
      ("필리핀 교통부", "org:dotr-ph", "organisation", "Department of Transportation (Philippines)", "PH"),
      ("마닐라", "city:manila-ph", "city", "Manila", "PH")]),
    ("ko", "project", "KW", "2025-10",
     "한국토지주택공사는 쿠웨이트 압둘라 신도시 스마트시티 실증사업에 착수했다.",
     [("한국토지주택공사", "org:lh", "organisation", "Korea Land and Housing Corporation", "KR"),
      ("쿠웨이트", "country:KW", "country", "Kuwait", "KW")]),
    ("ko", "funding", "ID", "2025-10-14",
     "정부는 지난 14일 인도네시아 신수도 스마트시티 사업에 3천억 원 규모의 펀드를 조성했다.",
     [("인도네시아", "country:ID", "country", "Indonesia", "ID")]),
    ("ko", "forum", "VN", "2025-11-05",
     "부산시는 오는 11월 5일 베트남 다낭에서 한-베 스마트시티 포럼을 개최한다.",
     [("부산시", "local_gov:26", "local_gov", "Busan Metropolitan City", "KR"), VN,
      ("다낭", "city:da-nang-vn", "city", "Da Nang", "VN")]),
    ("ko", "program", "KR", "2025-10",
     "국토교통부는 K-City Network 공모에 15개국에서 40건의 협력 요청이 접수됐다고 밝혔다.",
     [MOLIT, ("K-City Network", "programme:k-city-network", "programme", "K-City Network", "KR")]),
    ("ko", "declaration", "US", "2025-10-18",
     "한국과 미국 정상은 18일 공동성명을 채택하고 공급망 협력을 강화하기로 했다.",
     [KR, US]),
    ("ko", "setback", "CN", "2025-10",
     "경기도와 중국 산둥성의 자매결연 협약 체결이 일정 문제로 결국 무산됐다.",
     [("경기도", "local_gov:41", "local_gov", "Gyeonggi Province", "KR"), ("중국", "country:CN", "country", "China", "CN"),
      ("산둥성", "city:shandong-cn", "city", "Shandong", "CN")]),
    # --- Japanese -------------------------------------------------------------------------
    ("ja", "agreement", "VN", "2025-10-20",
     "横浜市は20日、ベトナム中部のダナン市とスマートシティ分野の協力覚書を締結した。",
     [("横浜市", "city:yokohama-jp", "city", "Yokohama", "JP"), ("ベトナム", "country:VN", "country", "Vietnam", "VN"),
      ("ダナン市", "city:da-nang-vn", "city", "Da Nang", "VN")]),
    ("ja", "meeting", "ID", "2025-10-17",
     "国土交通相は17日、来日したインドネシアの公共事業・国民住宅相と会談し、首都移転での協力を確認した。",
     [("国土交通", "org:mlit-jp", "organisation", "Ministry of Land, Infrastructure, Transport and Tourism (Japan)", "JP"),
      ("インドネシア", "country:ID", "country", "Indonesia", "ID")]),
    ("ja", "contract", "US", "2025-10",
     "川崎車両は米ニューヨーク市交通局から地下鉄車両の追加発注を受注した。",
     [("川崎車両", "org:kawasaki-railcar", "organisation", "Kawasaki Railcar", "JP"),
      ("ニューヨーク市交通局", "org:nyct", "organisation", "New York City Transit", "US")]),
    ("ja", "project", "PH", "2025-10-16",
     "国際協力機構は16日、フィリピンのマニラ首都圏で交通管制の実証事業を開始した。",
     [("国際協力機構", "org:jica", "organisation", "Japan International Cooperation Agency", "JP"),
      ("フィリピン", "country:PH", "country", "Philippines", "PH")]),
    ("ja", "funding", "ID", "2025-10-20",
     "国際協力機構は20日、インドネシア政府との間でジャカルタ都市高速鉄道の整備に向けた円借款契約に署名した。",
     [("国際協力機構", "org:jica", "organisation", "Japan International Cooperation Agency", "JP"),
      ("インドネシア", "country:ID", "country", "Indonesia", "ID")]),
    ("ja", "forum", "JP", "2025-11",
     "来月、ソウルで日韓のスマートシティ関係者が集まる国際フォーラムが開かれる。",
     [("ソウル", "local_gov:11", "local_gov", "Seoul Metropolitan Government", "KR"), ("日", "country:JP", "country", "Japan", "JP"),
      ("韓", "country:KR", "country", "South Korea", "KR")]),
    ("ja", "program", "JP", "2025-10",
     "国土交通省は、ASEAN各国の都市計画担当者を対象とした研修プログラムを開始した。",
     [("国土交通省", "org:mlit-jp", "organisation", "Ministry of Land, Infrastructure, Transport and Tourism (Japan)", "JP"),
      ("ASEAN", "region:asean", "region", "ASEAN", None)]),
    ("ja", "declaration", "CN", "2025-10",
     "日中韓の首脳は首脳会議の成果として共同宣言を採択した。",
     [("日", "country:JP", "country", "Japan", "JP"), ("中", "country:CN", "country", "China", "CN"),
      ("韓", "country:KR", "country", "South Korea", "KR")]),
    ("ja", "setback", "VN", "2025-10",
     "ベトナム・ホーチミン市の地下鉄事業は、工事の遅れで開業が再び延期された。",
     [("ベトナム", "country:VN", "country", "Vietnam", "VN"), ("ホーチミン市", "city:ho-chi-minh-vn", "city", "Ho Chi Minh City", "VN")]),
    # --- English --------------------------------------------------------------------------
    ("en", "agreement", "JP", "2025-10-20",
     "Seoul's Gangnam District signed a friendship city agreement with Tokyo's Meguro Ward on Monday, officials said.",
     [("Gangnam District", "local_gov:11680", "local_gov", "Gangnam-gu", "KR"), ("Tokyo", "city:tokyo-jp", "city", "Tokyo", "JP"),
      ("Meguro Ward", "city:meguro-jp", "city", "Meguro", "JP")]),
    ("en", "meeting", "VN", "2025-10-20",
     "Korea's first vice minister of land met Vietnam's vice minister of construction in Hanoi on Oct. 20 to discuss rail.",
     [("Korea", "country:KR", "country", "South Korea", "KR"), ("Vietnam", "country:VN", "country", "Vietnam", "VN"),
      ("Hanoi", "city:hanoi-vn", "city", "Hanoi", "VN")]),
    ("en", "contract", "US", "2025-10-14",
     "Korean Air placed an order for up to 100 eVTOL aircraft from Archer Aviation last Tuesday.",
     [("Korean Air", "org:korean-air", "organisation", "Korean Air", "KR"),
      ("Archer Aviation", "org:archer", "organisation", "Archer Aviation", "US")]),
    ("en", "project", "VN", "2025-10",
     "Bac Ninh province broke ground on a Korean-style smart city pilot project last week.",
     [("Bac Ninh province", "city:bac-ninh-vn", "city", "Bac Ninh Province", "VN"), ("Korean", "country:KR", "country", "South Korea", "KR")]),
    ("en", "funding", "PH", "2025-10-20",
     "The Asian Development Bank approved a $500 million loan to the Philippines for a commuter rail line on Monday.",
     [("Asian Development Bank", "org:adb", "organisation", "Asian Development Bank", None),
      ("Philippines", "country:PH", "country", "Philippines", "PH")]),
    ("en", "forum", "ES", "2025-11",
     "More than 40 Korean startups will exhibit at the Smart City Expo World Congress in Barcelona next month.",
     [("Korean", "country:KR", "country", "South Korea", "KR"),
      ("Smart City Expo World Congress", "programme:scewc", "programme", "Smart City Expo World Congress", "ES"),
      ("Barcelona", "city:barcelona-es", "city", "Barcelona", "ES")]),
    ("en", "program", "KR", "2025-10",
     "The land ministry opened a new round of the K-City Network program to partner governments, taking proposals until Nov. 30.",
     [("K-City Network", "programme:k-city-network", "programme", "K-City Network", "KR")]),
    ("en", "declaration", "KR", "2025-10-18",
     "APEC leaders adopted the Gyeongju Declaration on Saturday.",
     [("APEC", "org:apec", "organisation", "APEC", None),
      ("Gyeongju Declaration", "programme:gyeongju-declaration", "programme", "Gyeongju Declaration", "KR")]),
    ("en", "setback", "ID", "2025-10",
     "Indonesia postponed the signing of a high-speed rail agreement with Korea.",
     [("Indonesia", "country:ID", "country", "Indonesia", "ID"), ("Korea", "country:KR", "country", "South Korea", "KR")]),
    # --- Chinese, Vietnamese (best effort) ---------------------------------------------------
    ("zh", "agreement", "VN", "2025-10-20",
     "韩国与越南10月20日签署了智慧城市合作谅解备忘录。",
     [("韩国", "country:KR", "country", "South Korea", "KR"), ("越南", "country:VN", "country", "Vietnam", "VN")]),
    ("vi", "agreement", "VN", "2025-10-20",
     "Ngày 20/10, Bộ Xây dựng và Hàn Quốc đã ký biên bản ghi nhớ hợp tác phát triển đô thị thông minh.",
     [("Bộ Xây dựng", "org:moc-vn", "organisation", "Ministry of Construction of Vietnam", "VN"),
      ("Hàn Quốc", "country:KR", "country", "South Korea", "KR")]),
]


@pytest.mark.parametrize(("language", "type_", "country", "date", "text", "actors"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_one_event_per_language_and_type(language: str, type_: str, country: str, date: str, text: str,
                                         actors: list[Actor]) -> None:
    events = extract(language, text, actors)
    assert [e.type for e in events] == [type_], [e.method for e in events]
    event = events[0]
    assert event.countries[0] == country
    assert event.date == date
    assert event.evidence == text
    assert event.method.startswith(f"trigger:{language}:")
    assert 0 < event.confidence <= 1


def test_parties_are_split_into_korean_and_partner_sides() -> None:
    text = "국토교통부는 지난 20일 하노이에서 베트남 건설부와 스마트시티 협력 양해각서를 체결했다고 21일 밝혔다."
    [event] = extract("ko", text, [MOLIT, VN_MOC, HANOI, KR])
    assert event.korean_side == ["org:molit"]
    assert event.partner_side == ["org:moc-vn"]  # Hanoi is the venue ("하노이에서"), not a party
    assert event.countries == ["VN", "KR"]
    assert event.date == "2025-10-20"  # the event day, not the day it was announced
    assert event.method == "trigger:ko:양해각서+체결"
    assert event.domain == "smart_city"


def test_a_country_gives_way_to_a_more_specific_actor_of_that_country() -> None:
    text = "한국 국토교통부와 베트남 건설부는 20일 철도 협력 양해각서를 체결했다."
    [event] = extract("ko", text, [KR, MOLIT, VN, VN_MOC])
    assert event.korean_side == ["org:molit"]
    assert event.partner_side == ["org:moc-vn"]


def test_amounts_ride_on_the_event() -> None:
    text = "Korean Air agreed an exclusive partnership with Archer Aviation, with an option to buy up to 100 aircraft."
    [event] = extract("en", text, [("Korean Air", "org:korean-air", "organisation", "Korean Air", "KR"),
                                   ("Archer Aviation", "org:archer", "organisation", "Archer Aviation", "US")])
    assert event.type == "agreement"
    assert [(a.value, a.unit, a.qualifier) for a in event.amounts] == [(100, "aircraft", "up to")]


@pytest.mark.parametrize(
    ("language", "text", "method_suffix"),
    [
        ("en", "Korea and Vietnam did not sign the rail agreement.", "/negated"),
        ("ko", "한국과 베트남은 철도 협력 양해각서를 체결하지 않았다.", "/negated"),
        ("ja", "韓国とベトナムは鉄道協力の覚書締結に至らなかった。", "/negated"),
    ],
)
def test_negated_signings_are_setbacks(language: str, text: str, method_suffix: str) -> None:
    actors = {"en": [("Korea", "country:KR", "country", "South Korea", "KR"), ("Vietnam", "country:VN", "country", "Vietnam", "VN")],
              "ko": [KR, VN],
              "ja": [("韓国", "country:KR", "country", "South Korea", "KR"), ("ベトナム", "country:VN", "country", "Vietnam", "VN")]}
    [event] = extract(language, text, actors[language])
    assert event.type == "setback"
    assert event.method.endswith(method_suffix)


def test_cancelling_an_mou_is_a_setback_and_signing_to_fund_is_an_agreement() -> None:
    actors = [("Korea", "country:KR", "country", "South Korea", "KR"), ("Vietnam", "country:VN", "country", "Vietnam", "VN")]
    assert [e.type for e in extract("en", "Vietnam cancelled the MOU with Korea.", actors)] == ["setback"]
    assert [e.type for e in extract("en", "Korea signed an MOU with Vietnam to fund smart city projects.", actors)] == ["agreement"]


def test_a_denied_setback_is_no_event() -> None:
    actors = [("Korea", "country:KR", "country", "South Korea", "KR"), ("Vietnam", "country:VN", "country", "Vietnam", "VN")]
    assert extract("en", "Korea and Vietnam did not delay the metro project.", actors) == []


def test_planned_events_are_kept_marked_and_less_confident() -> None:
    actors = [("Korean Air", "org:korean-air", "organisation", "Korean Air", "KR"),
              ("Archer Aviation", "org:archer", "organisation", "Archer Aviation", "US")]
    [done] = extract("en", "Korean Air signed an agreement with Archer Aviation on Monday.", actors)
    [planned] = extract("en", "Korean Air will sign an agreement with Archer Aviation on Friday.", actors)
    assert planned.type == "agreement" and planned.method.endswith("/planned")
    assert planned.confidence < done.confidence
    assert planned.date == "2025-10-24"  # future tense: the coming Friday
    [ko] = extract("ko", "강남구는 내달 미국 산타클라라시와 자매결연을 맺을 예정이다.", [GANGNAM, US, SANTA_CLARA])
    assert ko.method.endswith("/planned") and ko.date == "2025-11"


def test_speculation_background_and_domestic_news_are_no_events() -> None:
    kr = ("Korean", "country:KR", "country", "South Korea", "KR")
    sa = ("Saudi Arabia", "country:SA", "country", "Saudi Arabia", "SA")
    assert extract("en", "Korean builders could win more contracts in Saudi Arabia.", [kr, sa]) == []
    assert extract("ko", "강남구는 2007년 미국 산타클라라시와 자매결연을 맺은 이래 교류를 이어 오고 있다.",
                   [GANGNAM, US, SANTA_CLARA]) == []
    seoul = ("서울시", "local_gov:11", "local_gov", "Seoul Metropolitan Government", "KR")
    assert extract("ko", "서울시는 시민을 대상으로 스마트시티 설명회를 열었다.", [seoul]) == []


def test_title_and_body_report_one_event() -> None:
    title = "국토부, 베트남과 스마트시티 MOU 체결"
    body = "국토교통부는 지난 20일 하노이에서 베트남 건설부와 스마트시티 협력 양해각서를 체결했다고 21일 밝혔다."
    events = extract("ko", body, [("국토부", "org:molit", "organisation", MOLIT[3], "KR"), MOLIT, VN, VN_MOC, HANOI], title=title)
    assert len(events) == 1
    [event] = events
    assert event.sentence_index == 1  # the body sentence is the evidence
    assert event.partner_side == ["org:moc-vn"]  # the title's 베트남 gives way to the ministry
    assert event.date == "2025-10-20"


def test_planned_title_merges_with_the_done_body() -> None:
    title = "横浜市、ダナン市と覚書締結へ"
    body = "横浜市は20日、ベトナム中部のダナン市とスマートシティ分野の協力覚書を締結した。"
    actors = [("横浜市", "city:yokohama-jp", "city", "Yokohama", "JP"), ("ベトナム", "country:VN", "country", "Vietnam", "VN"),
              ("ダナン市", "city:da-nang-vn", "city", "Da Nang", "VN")]
    [event] = extract("ja", body, actors, title=title)
    assert event.type == "agreement" and not event.method.endswith("/planned")


def test_two_agreements_with_two_countries_stay_apart() -> None:
    body = ("국토교통부는 20일 캄보디아 바탐방주와 배수 개선 양해각서를 체결했다. "
            "같은 날 말레이시아 사바주와도 스마트시티 개발 양해각서를 체결했다.")
    actors = [MOLIT, ("캄보디아", "country:KH", "country", "Cambodia", "KH"), ("바탐방주", "city:battambang-kh", "city", "Battambang", "KH"),
              ("말레이시아", "country:MY", "country", "Malaysia", "MY"), ("사바주", "city:sabah-my", "city", "Sabah", "MY")]
    events = extract("ko", body, actors)
    assert [(e.type, e.countries[0]) for e in events] == [("agreement", "KH"), ("agreement", "MY")]


def test_mentions_inside_date_expressions_are_ignored() -> None:
    jinan = ("지난", "city:jinan-cn", "city", "Jinan", "CN")  # a linker reading "지난 20일" as Jinan
    text = "국토교통부는 지난 20일 베트남 건설부와 양해각서를 체결했다."
    [event] = extract("ko", text, [MOLIT, VN_MOC, jinan])
    assert event.countries == ["VN", "KR"]
    assert "city:jinan-cn" not in event.partner_side


def test_extraction_is_deterministic() -> None:
    text = "국토교통부는 지난 20일 하노이에서 베트남 건설부와 양해각서를 체결했다."
    assert extract("ko", text, [MOLIT, VN_MOC, HANOI]) == extract("ko", text, [MOLIT, VN_MOC, HANOI])


KR_EN: Actor = ("Korea", "country:KR", "country", "South Korea", "KR")
VN_EN: Actor = ("Vietnam", "country:VN", "country", "Vietnam", "VN")


@pytest.mark.parametrize(
    ("language", "text", "actors", "types"),
    [
        ("en", "Officials from Korea and Vietnam held talks in Da Nang and signed an MOU on port cooperation.",
         [KR_EN, VN_EN], ["meeting", "agreement"]),
        ("ko", "한국과 베트남 정상은 회담을 갖고 공동선언문을 채택했다.", [KR, VN], ["meeting", "declaration"]),
        # an option to buy inside a partnership is not a second, separate event
        ("en", "Korea and Vietnam agreed a partnership with an option to buy up to 20 trains.", [KR_EN, VN_EN], ["agreement"]),
        # a postponed signing is one setback, not a setback and an agreement
        ("en", "Vietnam postponed the signing of the port agreement with Korea.", [KR_EN, VN_EN], ["setback"]),
    ],
)
def test_two_events_in_one_sentence_only_when_both_are_clear(language: str, text: str, actors: list[Actor],
                                                              types: list[str]) -> None:
    assert [e.type for e in extract(language, text, actors)] == types


@pytest.mark.parametrize(
    ("language", "text", "actors"),
    [
        ("ko", "양국 장관은 회담을 갖고 인프라 펀드 조성 방안을 논의했다.", [KR, VN]),
        ("en", "Korea's land minister met Vietnam's deputy premier and discussed ways to finance a new metro line.", [KR_EN, VN_EN]),
        ("ja", "韓国とベトナムの閣僚は会談し、インフラ基金の設立について協議した。",
         [("韓国", "country:KR", "country", "South Korea", "KR"), ("ベトナム", "country:VN", "country", "Vietnam", "VN")]),
    ],
)
def test_what_a_meeting_only_discusses_stays_a_meeting(language: str, text: str, actors: list[Actor]) -> None:
    assert [e.type for e in extract(language, text, actors)] == ["meeting"]


@pytest.mark.parametrize(
    ("language", "text", "actors", "type_"),
    [
        ("ko", "베트남 롱탄 신공항 여객터미널 착공이 내년으로 미뤄졌다.", [VN], "setback"),
        ("ko", "한국 기업이 참여한 베트남 하노이 도시철도 3호선이 개통했다.", [KR, VN, HANOI], "project"),
        ("en", "The opening of the Korean-built metro line in Vietnam was postponed again.", [VN_EN], "setback"),
        ("en", "The Korean-built airport terminal in Vietnam opened on Monday.", [VN_EN], "project"),
        ("en", "A Korean eVTOL completed its first test flight in Vietnam last week.", [VN_EN], "project"),
        ("ja", "韓国企業が手がけたベトナムの新空港が開業した。",
         [("韓国", "country:KR", "country", "South Korea", "KR"), ("ベトナム", "country:VN", "country", "Vietnam", "VN")], "project"),
    ],
)
def test_openings_and_delays(language: str, text: str, actors: list[Actor], type_: str) -> None:
    assert [e.type for e in extract(language, text, actors)] == [type_]


def test_a_press_statement_is_no_declaration() -> None:
    text = "Vietnam's construction ministry issued a statement on rail cooperation with Korea."
    assert "declaration" not in [e.type for e in extract("en", text, [KR_EN, VN_EN])]


@pytest.mark.parametrize(
    ("language", "text", "actors", "types"),
    [
        ("en", "Korea will provide $50 million to Vietnam for flood control.", [KR_EN, VN_EN], ["funding"]),
        ("en", "Korea will provide technical advice to Vietnam on flood control.", [KR_EN, VN_EN], []),
        ("ko", "한국은 베트남 홍수 예방 사업에 450억 원을 투입한다.", [KR, VN], ["funding"]),
        # the verb belongs to the nearest noun: an MOU about a future purchase is an agreement
        ("ko", "한국과 베트남은 전동차 구매 계약을 위한 양해각서를 체결했다.", [KR, VN], ["agreement"]),
        ("ko", "베트남 도시철도 사업이 예산 문제로 난항을 겪고 있다.", [VN], ["setback"]),
        ("en", "Vietnam's Korean-backed metro project has been delayed by land clearance problems.", [VN_EN], ["setback"]),
    ],
)
def test_money_verbs_nearest_nouns_and_difficulties(language: str, text: str, actors: list[Actor], types: list[str]) -> None:
    assert [e.type for e in extract(language, text, actors)] == types


@pytest.mark.parametrize(
    ("language", "text", "actors", "types"),
    [
        ("ko", "현대건설은 베트남 하노이 순환도로 사업을 수주했다.", [VN, HANOI], ["contract"]),
        ("en", "A Korean consortium won the project to build Vietnam's new port terminal.", [VN_EN], ["contract"]),
        ("en", "Construction of the Korean-designed smart city in Vietnam got under way on Monday.", [VN_EN], ["project"]),
        ("ko", "한국수자원공사는 베트남 정수장 설계 용역에 착수한다.", [VN], ["project"]),
        ("ja", "日本企業は、ベトナムの新都市で上下水道の設計を始めた。", [("ベトナム", "country:VN", "country", "Vietnam", "VN")], ["project"]),
    ],
)
def test_won_projects_are_contracts_and_started_works_are_projects(language: str, text: str, actors: list[Actor],
                                                                   types: list[str]) -> None:
    assert [e.type for e in extract(language, text, actors)] == types


@pytest.mark.parametrize(
    ("language", "text", "actors"),
    [
        ("ko", "전문가들은 한국이 베트남과 스마트시티 협력을 위한 양해각서를 체결해야 한다고 말했다.", [KR, VN]),
        ("en", "Analysts said Korea should sign a rail agreement with Vietnam soon.", [KR_EN, VN_EN]),
        ("ja", "韓国はベトナムと鉄道協力の覚書を締結すべきだとの声が出ている。",
         [("韓国", "country:KR", "country", "South Korea", "KR"), ("ベトナム", "country:VN", "country", "Vietnam", "VN")]),
        ("ko", "올해 들어 한국 지자체와 베트남 도시가 체결한 협약은 12건에 이른다.", [KR, VN]),
    ],
)
def test_opinion_and_statistics_are_no_events(language: str, text: str, actors: list[Actor]) -> None:
    assert extract(language, text, actors) == []


def test_a_visit_with_a_signing_is_the_signing() -> None:
    text = "Vietnam's construction minister visited Seoul and signed an MOU on urban rail with Korea."
    assert [e.type for e in extract("en", text, [KR_EN, VN_EN])] == ["agreement"]
