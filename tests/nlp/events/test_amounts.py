"""Money amounts and counts, normalised to value, unit and qualifier."""

from __future__ import annotations

import pytest

from glocal.nlp.events.amounts import find_amounts, parse_cjk_number


@pytest.mark.parametrize(
    ("language", "text", "value", "unit", "qualifier"),
    [
        ("ko", "1.5조 원 규모의 펀드", 1.5e12, "KRW", None),
        ("ko", "3천억 원을 투입", 3e11, "KRW", None),
        ("ko", "3000억원 규모", 3e11, "KRW", None),
        ("ko", "450억 원", 4.5e10, "KRW", None),
        ("ko", "1조 5000억 원", 1.5e12, "KRW", None),
        ("ko", "12억 달러", 1.2e9, "USD", None),
        ("ko", "약 200억여 원", 2e10, "KRW", "about"),
        ("ja", "3千億円", 3e11, "JPY", None),
        ("ja", "約50億円", 5e9, "JPY", "about"),
        ("ja", "5,000万ドル", 5e7, "USD", None),
        ("ja", "1兆円超", 1e12, "JPY", "more than"),
        ("en", "$2.3 billion", 2.3e9, "USD", None),
        ("en", "US$46 million", 4.6e7, "USD", None),
        ("en", "€300m", 3e8, "EUR", None),
        ("en", "KRW 1.5 trillion", 1.5e12, "KRW", None),
        ("en", "VND 2,000 billion", 2e12, "VND", None),
        ("en", "about 300 billion won", 3e11, "KRW", "about"),
        ("vi", "2.000 tỷ đồng", 2e12, "VND", None),
        ("vi", "1,5 tỷ USD", 1.5e9, "USD", None),
        ("zh", "12亿美元", 1.2e9, "USD", None),
    ],
)
def test_money(language: str, text: str, value: float, unit: str, qualifier: str | None) -> None:
    [amount] = find_amounts(text, language)
    assert (amount.value, amount.unit, amount.qualifier) == (value, unit, qualifier)
    assert amount.surface in text


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "an option to buy up to 100 aircraft", [(100, "aircraft", "up to")]),
        ("en", "58 projects in 27 countries", [(58, "projects", None), (27, "countries", None)]),
        ("en", "seven ASEAN ministers and 40 trainees", [(40, "trainees", None)]),
        ("ko", "항공기 최대 100대를 도입", [(100, "aircraft", "up to")]),
        ("ko", "23개국에서 80건의 협력 요청", [(23, "countries", None), (80, "requests", None)]),
        ("ko", "전동차 120량", [(120, "railcars", None)]),
        ("ja", "最大100機を購入", [(100, "aircraft", "up to")]),
        ("ja", "27カ国の58事業", [(27, "countries", None)]),
        ("vi", "27 quốc gia", [(27, "countries", None)]),
    ],
)
def test_counts(language: str, text: str, expected: list[tuple[float, str, str | None]]) -> None:
    assert [(a.value, a.unit, a.qualifier) for a in find_amounts(text, language)] == expected


def test_attendees_years_and_dates_are_not_amounts() -> None:
    assert find_amounts("참석자 200명이 모였다", "ko") == []
    assert find_amounts("in 2025 ASEAN smart cities", "en") == []
    assert find_amounts("지난 20일 하노이에서", "ko") == []


def test_major_as_a_prefix_is_not_a_counter() -> None:
    assert find_amounts("계획은 산업·문화·데이터·포용 등 4대 축으로 구성됐다", "ko") == []
    assert find_amounts("3대 전략과제를 발표했다", "ko") == []
    assert [(a.value, a.unit) for a in find_amounts("드론 4대 시연", "ko")] == [(4, "drones")]


def test_money_and_counts_do_not_overlap() -> None:
    found = find_amounts("1.5 trillion won ($1.1 billion) for 10 projects", "en")
    assert [(a.value, a.unit) for a in found] == [(1.5e12, "KRW"), (1.1e9, "USD"), (10, "projects")]


def test_cjk_numerals() -> None:
    assert parse_cjk_number("1조 5천억") == 1_500_000_000_000
    assert parse_cjk_number("2천5백만") == 25_000_000
    assert parse_cjk_number("1천500억") == 150_000_000_000
