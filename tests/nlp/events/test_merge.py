"""Merging the same event reported by several documents, outlets and languages."""

from __future__ import annotations

import random

from glocal.nlp.events import event_key, facts_key, merge_events
from glocal.nlp.events.merge import dates_compatible, same_event
from glocal.records import ExtractedEvent


def event(type_: str = "agreement", date: str | None = "2025-10-20", precision: str | None = "day",
          countries: tuple[str, ...] = ("VN", "KR"), korean: tuple[str, ...] = ("org:molit",),
          partner: tuple[str, ...] = ("org:moc-vn",), language: str = "ko", sentence: int = 1) -> ExtractedEvent:
    return ExtractedEvent(type=type_, evidence=f"{type_} {date} {countries}", sentence_index=sentence, language=language,
                          date=date, date_precision=precision, korean_side=list(korean), partner_side=list(partner),
                          countries=list(countries), confidence=0.9, method="test")


def test_the_same_signing_in_three_languages_is_one_event() -> None:
    items = [
        (1, event(language="ko")),
        (2, event(language="ja", partner=("country:VN",))),
        (3, event(language="en", date="2025-10", precision="month", partner=())),
        (4, event(type_="meeting", language="en")),
        (5, event(countries=("KH", "KR"), partner=("city:battambang-kh",))),
    ]
    groups = merge_events(items)
    by_docs = sorted(sorted(doc for doc, _ in g.members) for g in groups)
    assert by_docs == [[1, 2, 3], [4], [5]]
    signing = next(g for g in groups if len(g.members) == 3)
    assert (signing.type, signing.date, signing.date_precision) == ("agreement", "2025-10-20", "day")
    assert signing.countries == ["VN", "KR"]
    assert signing.event_key == facts_key("agreement", "2025-10-20", "VN") == event_key(items[0][1])


def test_dates_must_agree_at_the_coarser_precision() -> None:
    assert dates_compatible(event(date="2025-10-20"), event(date="2025-10-20"))
    assert not dates_compatible(event(date="2025-10-20"), event(date="2025-10-21"))
    assert dates_compatible(event(date="2025-10-20"), event(date="2025-10-21"), day_tolerance=1)
    assert dates_compatible(event(date="2025-10-20"), event(date="2025-10", precision="month"))
    assert not dates_compatible(event(date="2025-10-20"), event(date="2025-09", precision="month"))
    assert dates_compatible(event(date="2025", precision="year"), event(date="2025-03-01"))
    assert dates_compatible(event(date=None, precision=None), event())


def test_disjoint_partner_organisations_or_countries_are_different_events() -> None:
    assert not same_event(event(partner=("org:moc-vn",)), event(partner=("org:mot-vn",)))
    assert not same_event(event(countries=("VN", "KR")), event(countries=("TH", "KR"), partner=()))
    assert same_event(event(countries=("KR",), partner=()), event(countries=("KR",), partner=()))  # same Korean party
    assert not same_event(event(countries=("KR",), korean=("org:lh",), partner=()),
                          event(countries=("KR",), korean=("org:kwater",), partner=()))


def test_grouping_and_keys_do_not_depend_on_input_order() -> None:
    items = [(i, event(date=f"2025-10-{10 + i % 3}", countries=(("VN", "TH", "KH")[i % 3], "KR"), partner=()))
             for i in range(12)]
    reference = [(g.event_key, sorted(d for d, _ in g.members)) for g in merge_events(items)]
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert [(g.event_key, sorted(d for d, _ in g.members)) for g in merge_events(shuffled)] == reference
    assert len(reference) == 3


def test_colliding_keys_are_told_apart_and_stay_stable() -> None:
    items = [(1, event(partner=("org:bac-ninh",))), (2, event(partner=("org:hanoi-pc",)))]
    keys = [g.event_key for g in merge_events(items)]
    assert len(set(keys)) == 2
    assert keys == [g.event_key for g in merge_events(list(reversed(items)))]


def test_one_events_key_is_stable_and_follows_its_facts() -> None:
    assert event_key(event()) == event_key(event(language="ja", partner=("country:VN",)))  # same facts
    assert event_key(event()) != event_key(event(date="2025-10-21"))
    assert event_key(event()) != event_key(event(type_="meeting"))
    assert event_key(event(countries=("KR",), partner=())) == facts_key("agreement", "2025-10-20", "KR")
