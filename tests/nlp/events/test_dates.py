"""Date expressions resolved against the publication date, per language."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from glocal.nlp.events.dates import find_dates, publication_date, resolve_date

PUB = date(2025, 10, 21)  # a Tuesday


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ko", "지난 20일 서명했다", ("2025-10-20", "day")),
        ("ko", "20일 열린 회의", ("2025-10-20", "day")),
        ("ko", "25일 체결된 협약", ("2025-09-25", "day")),  # after the publication day: last month
        ("ko", "오는 5일 개최", ("2025-11-05", "day")),  # future marker: next month
        ("ko", "이달 초 방문", ("2025-10", "month")),
        ("ko", "지난달 출범한", ("2025-09", "month")),
        ("ko", "지난달 25일", ("2025-09-25", "day")),
        ("ko", "2019년 11월 부산에서", ("2019-11", "month")),
        ("ko", "2019년 11월 25일", ("2019-11-25", "day")),
        ("ko", "11월 25일 열린", ("2024-11-25", "day")),  # past report: month after publication → last year
        ("ko", "어제 발표", ("2025-10-20", "day")),
        ("ko", "올해 상반기 착공", ("2025", "year")),
        ("ko", "지난해 11월", ("2024-11", "month")),
        ("ko", "2025.10.14 체결", ("2025-10-14", "day")),
        ("ko", "10~14일 하노이에서", ("2025-10-10", "day")),
        ("ja", "10月20日に署名", ("2025-10-20", "day")),
        ("ja", "20日、締結した", ("2025-10-20", "day")),
        ("ja", "先月発足した", ("2025-09", "month")),
        ("ja", "昨年11月に", ("2024-11", "month")),
        ("ja", "2019年11月の会合", ("2019-11", "month")),
        ("ja", "今月末に予定", ("2025-10", "month")),
        ("ja", "来月開く", ("2025-11", "month")),
        ("ja", "令和元年5月1日", ("2019-05-01", "day")),
        ("ja", "２０日に", ("2025-10-20", "day")),  # full-width digits
        ("en", "signed on Monday", ("2025-10-20", "day")),
        ("en", "met last Tuesday", ("2025-10-14", "day")),
        ("en", "signed Oct. 20", ("2025-10-20", "day")),
        ("en", "on October 20, 2025", ("2025-10-20", "day")),
        ("en", "on 20 October", ("2025-10-20", "day")),
        ("en", "visited last week", ("2025-10", "month")),
        ("en", "opens next month", ("2025-11", "month")),
        ("en", "held in November 2019", ("2019-11", "month")),
        ("en", "announced yesterday", ("2025-10-20", "day")),
        ("en", "in 2019", ("2019", "year")),
        ("zh", "10月20日签署", ("2025-10-20", "day")),
        ("zh", "去年启动", ("2024", "year")),
        ("vi", "ngày 20/10", ("2025-10-20", "day")),
        ("vi", "tháng 11/2019", ("2019-11", "month")),
        ("vi", "hôm qua", ("2025-10-20", "day")),
    ],
)
def test_expression_styles(language: str, text: str, expected: tuple[str, str]) -> None:
    assert resolve_date(text, language, PUB) == expected


def test_day_rolls_back_over_the_year_boundary() -> None:
    assert resolve_date("28일 열렸다", "ko", date(2026, 1, 5)) == ("2025-12-28", "day")
    assert resolve_date("12월 28일", "ko", date(2026, 1, 5)) == ("2025-12-28", "day")
    assert resolve_date("last month", "en", date(2026, 1, 5)) == ("2025-12", "month")


def test_future_tense_rolls_forward_over_the_year_boundary() -> None:
    assert resolve_date("오는 5일", "ko", date(2025, 12, 20)) == ("2026-01-05", "day")
    assert resolve_date("5日", "ja", date(2025, 12, 20), tense="future") == ("2026-01-05", "day")
    assert resolve_date("next month", "en", date(2025, 12, 20)) == ("2026-01", "month")


def test_weekdays_are_strictly_before_or_after_publication() -> None:
    monday = date(2025, 10, 20)
    assert resolve_date("on Monday", "en", monday) == ("2025-10-13", "day")
    assert resolve_date("next Monday", "en", monday) == ("2025-10-27", "day")
    assert resolve_date("on Friday", "en", PUB, tense="future") == ("2025-10-24", "day")


def test_words_that_are_not_dates() -> None:
    assert resolve_date("this may help both sides", "en", PUB) is None
    assert resolve_date("3일간 진행", "ko", PUB) is None
    assert resolve_date("3日間の日程", "ja", PUB) is None
    assert resolve_date("日本と韓国", "ja", PUB) is None
    assert resolve_date("20일", "ko", None) is None  # relative without a publication date
    assert resolve_date("2019년 11월", "ko", None) == ("2019-11", "month")  # absolute needs none


def test_report_and_deadline_dates_are_flagged() -> None:
    found = find_dates("지난 20일 체결했다고 21일 밝혔다", "ko", PUB)
    assert [(d.date, d.reporting) for d in found] == [("2025-10-20", False), ("2025-10-21", True)]
    found = find_dates("신청은 30일까지 받는다", "ko", PUB)
    assert found[0].deadline
    found = find_dates("10日から14日まで開催", "ja", PUB)
    assert [d.deadline for d in found] == [False, True]
    assert find_dates("applications until November 30", "en", PUB)[0].deadline


def test_publication_time_is_read_in_the_languages_timezone() -> None:
    late_utc = datetime(2025, 10, 20, 20, 0, tzinfo=timezone.utc)  # 05:00 on the 21st in Seoul
    assert publication_date(late_utc, "ko") == date(2025, 10, 21)
    assert publication_date(late_utc, "en") == date(2025, 10, 20)
    assert resolve_date("21일", "ko", late_utc) == ("2025-10-21", "day")
