"""The view of each stakeholder country or bloc: its events, tone and trend in the period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from glocal.report.context import Context
from glocal.report.facts import EventFact
from glocal.report.model import Sentence, StakeholderView


@dataclass(frozen=True, slots=True)
class Bloc:
    key: str
    countries: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    international_bodies: bool = False
    domestic: bool = False
    other: bool = False


@cache
def blocs() -> tuple[Bloc, ...]:
    text = (resources.files("glocal.report") / "data" / "stakeholders.yaml").read_text(encoding="utf-8")
    found = []
    for raw in yaml.safe_load(text)["blocs"]:
        found.append(Bloc(
            key=raw["key"], countries=frozenset(raw.get("countries", ())), actors=frozenset(raw.get("actors", ())),
            international_bodies=bool(raw.get("international_bodies")), domestic=bool(raw.get("domestic")),
            other=bool(raw.get("other")),
        ))
    return tuple(found)


def _named_countries() -> frozenset[str]:
    return frozenset(code for bloc in blocs() for code in bloc.countries)


def _claimed_actors() -> frozenset[str]:
    return frozenset(key for bloc in blocs() for key in bloc.actors)


def blocs_of(event: EventFact) -> list[str]:
    """Keys of the blocs an event belongs to (several when it touches several)."""
    countries = set(event.countries) | {p.country for p in event.parties if p.country}
    partners = countries - {"KR"}
    parties = {p.key for p in event.parties}
    bodies = [p for p in event.parties if p.kind == "organisation" and not p.country and p.key not in _claimed_actors()]
    found = []
    for bloc in blocs():
        if (bloc.countries & partners) or (bloc.actors & parties):
            found.append(bloc.key)
        elif bloc.international_bodies and bodies:
            found.append(bloc.key)
        elif bloc.domestic and not partners and not bodies and not (_claimed_actors() & parties):
            found.append(bloc.key)
        elif bloc.other and partners - _named_countries():
            found.append(bloc.key)
    return found


def _by_bloc(events: list[EventFact]) -> dict[str, list[EventFact]]:
    grouped: dict[str, list[EventFact]] = {bloc.key: [] for bloc in blocs()}
    for event in events:
        for key in blocs_of(event):
            grouped[key].append(event)
    return grouped


def _bloc_name(ctx: Context, bloc: Bloc, events: list[EventFact]) -> str:
    name = ctx.words.section("blocs", bloc.key)
    if bloc.other:
        codes = sorted({c for e in events for c in e.partner_countries} - _named_countries())
        if codes:
            name = f"{name} ({ctx.words.join([ctx.country(c) for c in codes], 5)})"
    return name


def _type_counts(ctx: Context, events: list[EventFact]) -> str:
    counts = Counter(event.type for event in events)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ctx.words.join([f"{ctx.words.event_type(t)} {n}" for t, n in ordered], 9)


def _trust_sentence(ctx: Context, bloc: Bloc, events: list[EventFact]) -> Sentence | None:
    analysis = ctx.facts.analysis
    if analysis is None:
        return None
    codes = sorted(bloc.countries or {c for e in events for c in e.partner_countries})
    cells = [(code, analysis.partners[code]["trust"]) for code in codes
             if code in analysis.partners and analysis.partners[code].get("trust", {}).get("value") is not None]
    if not cells:
        return None
    values = ctx.words.join([f"{ctx.country(code)} {cell['value']:.2f}" for code, cell in cells], 6)
    evidence = [doc for _, cell in cells for doc in cell.get("evidence_document_ids", [])[:2]]
    return Sentence(ctx.words.sentence("stakeholder_trust", values=values), evidence[:6], "measure",
                    run_id=analysis.run_id)


def _merge(first: list[int], second: list[int]) -> list[int]:
    return first + [doc for doc in second if doc not in first]


def stakeholder_views(ctx: Context) -> tuple[list[StakeholderView], list[str]]:
    """Views of the blocs active in the period, in catalogue order, and names of the quiet ones."""
    now = _by_bloc(ctx.facts.events)
    before = _by_bloc(ctx.facts.previous)
    views: list[StakeholderView] = []
    quiet: list[str] = []
    words = ctx.words
    for bloc in blocs():
        events, previous = now[bloc.key], before[bloc.key]
        if not events:
            if not bloc.other:
                quiet.append(words.section("blocs", bloc.key))
            continue
        counted = words.sentence("stakeholder_events", count=len(events), types=_type_counts(ctx, events),
                                 previous=len(previous), trend=words.trend_word(len(events), len(previous)))
        sentences = [Sentence(counted, _merge(ctx.cite(events), ctx.cite(previous, 3)))]
        lead = ctx.best(events)
        sentences.append(ctx.fact(words.sentence("stakeholder_lead", title=ctx.title(lead), date=ctx.event_date(lead)), [lead]))
        tone, earlier_tone = ctx.tone(events), ctx.tone(previous)
        if tone is not None:
            if earlier_tone is not None:
                text = words.sentence("stakeholder_tone", tone_word=words.tone_word(tone), tone=words.signed(tone),
                                      previous=words.signed(earlier_tone))
                sentences.append(Sentence(text, _merge(ctx.cite(events, 4), ctx.cite(previous, 3))))
            else:
                text = words.sentence("stakeholder_tone_new", tone_word=words.tone_word(tone), tone=words.signed(tone))
                sentences.append(ctx.fact(text, events, 4))
        trust = _trust_sentence(ctx, bloc, events)
        if trust is not None:
            sentences.append(trust)
        views.append(StakeholderView(bloc.key, _bloc_name(ctx, bloc, events), len(events), len(previous), tone, sentences))
    return views, quiet
