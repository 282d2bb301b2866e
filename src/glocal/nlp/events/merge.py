"""One event, many reports: merge the same event told by several documents, outlets and languages.

Two extracted events are the same real-world event when
- their types are equal;
- their dates agree: the same day when both are day-precise (``day_tolerance`` days apart at most),
  the same month when either is month-precise, the same year when either is year-precise; a
  missing date agrees with anything;
- their partner countries (countries other than KR) overlap; when only one side names a partner
  country, or neither does, they must share at least one party (actor key) — two events with no
  country and no party at all agree;
- they do not name disjoint partner organisations (org:...), which separates two MOUs signed the
  same day with two bodies of the same country.

Clustering is greedy complete-link over the events in a canonical order (type, date, document,
sentence), so the same input always gives the same groups. Each group's key hashes its canonical
facts — type, the most reported date at the best precision, the most reported main partner
country — so reruns keep their keys; colliding keys are told apart by the partner organisations,
then by order.

``event_key(event)`` is the same hash for one event (type, its date at its own precision, its main
partner country): the store merges incremental reports whose keys are equal, so a group whose
members agree on those facts has the key of each member.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from glocal.records import ExtractedEvent

_RANK = {"day": 3, "month": 2, "year": 1}


@dataclass(slots=True)
class EventGroup:
    event_key: str
    type: str
    date: str | None
    date_precision: str | None
    countries: list[str]  # main partner first, KR last when present
    korean_side: list[str]
    partner_side: list[str]
    members: list[tuple[int, ExtractedEvent]] = field(default_factory=list)


def _precision(event: ExtractedEvent) -> str:
    if event.date_precision in _RANK:
        return event.date_precision  # type: ignore[return-value]
    return {10: "day", 7: "month", 4: "year"}.get(len(event.date or ""), "year")


def dates_compatible(a: ExtractedEvent, b: ExtractedEvent, day_tolerance: int = 0) -> bool:
    if not a.date or not b.date:
        return True
    pa, pb = _precision(a), _precision(b)
    if pa == pb == "day":
        return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days) <= day_tolerance
    width = 4 if "year" in (pa, pb) else 7
    return a.date[:width] == b.date[:width]


def _partners(event: ExtractedEvent) -> set[str]:
    return {c for c in event.countries if c != "KR"}


def _parties(event: ExtractedEvent) -> set[str]:
    return set(event.korean_side) | set(event.partner_side)


def same_event(a: ExtractedEvent, b: ExtractedEvent, day_tolerance: int = 0) -> bool:
    """Whether two extracted events report the same real-world event (see the module docstring)."""
    if a.type != b.type or not dates_compatible(a, b, day_tolerance):
        return False
    orgs_a = {k for k in a.partner_side if k.startswith("org:")}
    orgs_b = {k for k in b.partner_side if k.startswith("org:")}
    if orgs_a and orgs_b and not orgs_a & orgs_b:
        return False
    pa, pb = _partners(a), _partners(b)
    if pa and pb:
        return bool(pa & pb)
    parties_a, parties_b = _parties(a), _parties(b)
    if not (pa or pb) and not parties_a and not parties_b:
        return True
    return bool(parties_a & parties_b)


def facts_key(type_: str, date_: str | None, country: str | None, extra: str = "") -> str:
    """Stable key from an event's canonical facts: type, date (at its precision), main partner country."""
    facts = "|".join([type_, date_ or "", country or ""] + ([extra] if extra else []))
    return "ev-" + hashlib.sha1(facts.encode("utf-8")).hexdigest()[:16]


def main_partner(event: ExtractedEvent) -> str | None:
    """The main partner country: the first country other than KR, else KR when only Korea is named."""
    return next((c for c in event.countries if c != "KR"), event.countries[0] if event.countries else None)


def event_key(event: ExtractedEvent) -> str:
    """Stable key of one extracted event; equal for reports that agree on type, date and main partner."""
    return facts_key(event.type, event.date, main_partner(event))


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _canonical(members: list[tuple[int, ExtractedEvent]]) -> tuple[str | None, str | None, list[str]]:
    events = [e for _, e in members]
    best = max((_RANK[_precision(e)] for e in events if e.date), default=0)
    dates = [e.date for e in events if e.date and _RANK[_precision(e)] == best]
    precision = next((p for p, r in _RANK.items() if r == best), None) if dates else None
    counts = Counter(c for e in events for c in e.countries if c != "KR")
    mains = [next(c for c in e.countries if c != "KR") for e in events if _partners(e)]
    main = _most_common(mains)
    others = sorted((c for c in counts if c != main), key=lambda c: (-counts[c], c))
    korean = any("KR" in e.countries for e in events)
    return _most_common(dates), precision, ([main] if main else []) + others + (["KR"] if korean else [])  # type: ignore[arg-type]


def _union(lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for items in lists:
        out.extend(i for i in items if i not in out)
    return out


def merge_events(items: Iterable[tuple[int, ExtractedEvent]], day_tolerance: int = 0) -> list[EventGroup]:
    """Group the same events across documents; groups come in canonical order with stable keys."""
    ordered = sorted(items, key=lambda i: (i[1].type, i[1].date or "", i[0], i[1].sentence_index, i[1].evidence))
    clusters: list[list[tuple[int, ExtractedEvent]]] = []
    for item in ordered:
        for cluster in clusters:
            if all(same_event(item[1], other, day_tolerance) for _, other in cluster):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    groups: list[EventGroup] = []
    for members in clusters:
        date_, precision, countries = _canonical(members)
        events = [e for _, e in members]
        key = facts_key(members[0][1].type, date_, countries[0] if countries else None)
        groups.append(EventGroup(key, events[0].type, date_, precision, countries, _union(e.korean_side for e in events),
                                 _union(e.partner_side for e in events), members))
    _disambiguate(groups)
    return groups


def _disambiguate(groups: list[EventGroup]) -> None:
    seen: Counter[str] = Counter(g.event_key for g in groups)
    used: set[str] = set()
    for group in groups:
        if seen[group.event_key] > 1:
            orgs = ",".join(sorted(k for k in group.partner_side if k.startswith("org:")))
            group.event_key = facts_key(group.type, group.date, group.countries[0] if group.countries else None, orgs)
        n, base = 1, group.event_key
        while group.event_key in used:
            n += 1
            group.event_key = f"{base}-{n}"
        used.add(group.event_key)
