"""Region indicators and KPIs from hand-made documents and events."""

from __future__ import annotations

from datetime import date

from glocal.analysis.facts import DocFact, EventFact
from glocal.analysis.indicators import IndicatorBuilder, IndicatorParams

HOME, PEER = "local_gov:11680", "local_gov:11650"
PARAMS = IndicatorParams(HOME, [PEER], {"tone": 1.0}, 365, 0.9, 0.25, 1)


def doc(i, day, actors, tone=0.5, inclusion=0.0):
    return DocFact(i, day, "ko", tone, 0.5, f"outlet{i}", None, "t1", frozenset(actors), frozenset({"VN"}),
                   {"industry": 0.0, "culture": 0.0, "data": 1 - inclusion, "inclusion": inclusion})


def event(i, type_, day, parties, partner=("city:hanoi",), countries=("VN",), docs=(1,)):
    return EventFact(i, type_, day, "smart_city", frozenset(countries) | {"KR"}, frozenset(parties) | frozenset(partner),
                     frozenset(partner), tuple(docs))


def rows_by_key(rows):
    return {(r.scope_kind, r.scope_key, r.period, r.metric): r for r in rows}


def test_region_indicators_count_what_the_methodology_says():
    docs = [doc(1, date(2025, 3, 2), {HOME, "VN"}), doc(2, date(2025, 3, 9), {HOME}), doc(3, date(2025, 3, 9), {PEER})]
    events = [
        event(1, "agreement", date(2025, 3, 1), {HOME}),
        event(2, "project", date(2025, 3, 5), {HOME}, partner=("org:adb",)),
        event(3, "setback", date(2025, 3, 6), {HOME}),
        event(4, "meeting", date(2025, 3, 7), {PEER}, countries=()),
    ]
    rows = rows_by_key(IndicatorBuilder(docs, events, PARAMS).rows())
    value = lambda scope, metric: rows[("region", scope, "2025-03", metric)].value  # noqa: E731
    assert value(HOME, "agreements") == 1 and value(HOME, "projects") == 1
    assert value(HOME, "international_events") == 2  # the setback does not count
    assert value(HOME, "partner_institutions") == 2  # city:hanoi and org:adb
    assert value(HOME, "exposure") == 1.0  # two documents of credibility 0.5
    assert value(PEER, "international_events") == 0  # a meeting without a foreign country
    assert rows[("region", HOME, "2025-03", "exposure")].evidence == [1, 2]


def test_kpis_compare_agreements_year_on_year_and_count_participation_programmes():
    docs = [doc(1, date(2025, 2, 1), {HOME}, inclusion=0.6), doc(2, date(2024, 2, 1), {HOME})]
    events = [
        event(1, "agreement", date(2024, 2, 1), {HOME}, docs=(2,)),
        event(2, "agreement", date(2025, 1, 5), {HOME}),
        event(3, "agreement", date(2025, 2, 5), {HOME}),
        event(4, "program", date(2025, 2, 10), {HOME}, docs=(1,)),
    ]
    rows = rows_by_key(IndicatorBuilder(docs, events, PARAMS).rows())
    growth = rows[("kpi", HOME, "2025-Q1", "agreement_growth")]
    assert growth.value == 1.0 and growth.components["met"] is True  # 2 agreements against 1: +100 %
    participation = rows[("kpi", HOME, "2025-Q1", "participation_programmes")]
    assert participation.value == 1 and participation.components["met"] is True
    assert rows[("kpi", HOME, "2025", "trust")].components["target"] == 0.9
