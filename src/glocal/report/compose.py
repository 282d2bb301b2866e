"""Facts → the typed briefing: headline, summary, developments, stakeholders, message, tables.

Every sentence is filled from extracted facts through the phrase catalogue of the UI language and
carries the documents it rests on. Quoted evidence keeps its original language.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from babel import Locale

from glocal.report.charts import charts
from glocal.report.context import Context, domain_axes
from glocal.report.facts import EventFact
from glocal.report.indicators import indicator_tables, trust_message
from glocal.report.model import Briefing, Development, Quote, Row, Sentence, Table
from glocal.report.selection import Candidate
from glocal.report.stakeholders import blocs_of, stakeholder_views

MAX_AMOUNTS = 4


def _note(ctx: Context, key: str, **fields: object) -> Sentence:
    return Sentence(ctx.words.note(key, **fields), kind="note", note_key=key)


def _language_name(ctx: Context, code: str) -> str:
    return str(Locale.parse(ctx.words.language).languages.get(code, code))


def _evidence(ctx: Context, lead: EventFact) -> Sentence | None:
    if not lead.evidence:
        return None
    language = lead.evidence_language or "und"
    sources = ctx.citations.get(lead.id) or lead.document_ids
    in_language = [d for d in sources if d in ctx.facts.documents and ctx.facts.documents[d].language == language]
    return Sentence(ctx.words.sentence("what_evidence"), (in_language or sources)[:3],
                    quote=Quote(lead.evidence.strip(), language))


def _what(ctx: Context, candidate: Candidate) -> list[Sentence]:
    words, lead = ctx.words, candidate.lead
    korean, partner = ctx.sides(lead)
    fields = {"date": ctx.event_date(lead), "type": words.event_type(lead.type), "domain": words.domain(lead.domain)}
    if korean and partner:
        text = words.sentence("what_pair", korean=words.join(korean), partner=words.join(partner), **fields)
    elif korean or partner:
        text = words.sentence("what_one", parties=words.join(korean + partner), **fields)
    else:
        text = words.sentence("what_none", **fields)
    sentences = [ctx.fact(text, [lead])]
    if lead.partner_countries:
        countries = words.join([ctx.country(code) for code in lead.countries], 8)
        sentences.append(ctx.fact(words.sentence("what_countries", countries=countries), [lead]))
    amounts = list(dict.fromkeys(words.amount(a) for e in candidate.events for a in e.amounts))[:MAX_AMOUNTS]
    if amounts:
        with_amounts = [e for e in candidate.events if e.amounts]
        sentences.append(ctx.fact(words.sentence("what_amounts", amounts=words.join(amounts, MAX_AMOUNTS)), with_amounts))
    others = [e for e in candidate.events if e is not lead]
    if others:
        items = words.join([f"{words.event_type(e.type)} ({words.domain(e.domain)})" for e in others], 4)
        sentences.append(ctx.fact(words.sentence("what_related", items=items), others))
    documents = [ctx.facts.documents[d] for e in candidate.events for d in e.document_ids if d in ctx.facts.documents]
    if documents:
        languages = words.join(sorted({_language_name(ctx, d.language) for d in documents}), 6)
        sources = len({d.group for d in documents})
        sentences.append(ctx.fact(words.sentence("what_coverage", sources=sources, languages=languages), candidate.events))
    evidence = _evidence(ctx, lead)
    if evidence is not None:
        sentences.append(evidence)
    return sentences


def _why(ctx: Context, candidate: Candidate) -> list[Sentence]:
    words, lead = ctx.words, candidate.lead
    axis = domain_axes().get(lead.domain)
    if axis:
        text = words.sentence("why_axis", domain=words.domain(lead.domain), axis=words.section("axes", axis))
    else:
        text = words.sentence("why_domain", domain=words.domain(lead.domain))
    sentences = [ctx.fact(text, [lead])]
    if candidate.earlier:
        latest = candidate.earlier[0]
        text = words.sentence("why_continuity", count=len(candidate.earlier), date=ctx.event_date(latest),
                              type=words.event_type(latest.type))
        sentences.append(Sentence(text, latest.document_ids[:3] + [d for d in ctx.cite([lead], 2) if d not in latest.document_ids[:3]]))
    else:
        sentences.append(ctx.fact(words.sentence("why_new", domain=words.domain(lead.domain)), [lead]))
    tone = ctx.tone(candidate.events)
    if tone is not None:
        sentences.append(ctx.fact(words.sentence("why_tone", tone_word=words.tone_word(tone), tone=words.signed(tone)),
                                  candidate.events))
    return sentences


def development(ctx: Context, candidate: Candidate) -> Development:
    lead = candidate.lead
    return Development(
        title=ctx.fact(ctx.title(lead), candidate.events),
        date_text=ctx.event_date(lead),
        what=_what(ctx, candidate),
        why=_why(ctx, candidate),
        score=candidate.score,
        event_ids=[e.id for e in candidate.events],
        event_keys=[e.key for e in candidate.events],
    )


def _message(ctx: Context) -> list[Sentence]:
    words, events = ctx.words, ctx.facts.events
    if not events:
        return []
    domains = Counter(e.domain for e in events)
    top_domain, top_count = min(domains.items(), key=lambda item: (-item[1], item[0]))
    in_domain = sorted((e for e in events if e.domain == top_domain), key=lambda e: (-ctx.score(e), e.key))
    sentences = [ctx.fact(words.sentence("message_volume", period=words.period(ctx.facts.period), count=len(events),
                                         domain=words.domain(top_domain), domain_count=top_count), in_domain)]
    by_bloc: dict[str, list[EventFact]] = {}
    for event in events:
        for key in blocs_of(event):
            by_bloc.setdefault(key, []).append(event)
    ranked = sorted(by_bloc.items(), key=lambda item: (-len(item[1]), item[0]))[:3]
    if ranked:
        names = words.join([f"{words.section('blocs', key)} ({len(found)})" for key, found in ranked], 3)
        cited = [ctx.best(found) for _, found in ranked]
        sentences.append(ctx.fact(words.sentence("message_blocs", blocs=names), cited))
    axes = Counter(domain_axes().get(e.domain) for e in events)
    axes.pop(None, None)
    if axes:
        text = words.join([f"{words.section('axes', a)} {n}" for a, n in sorted(axes.items(), key=lambda i: (-i[1], i[0]))], 4)
        with_axis = sorted((e for e in events if e.domain in domain_axes()), key=lambda e: (-ctx.score(e), e.key))
        sentences.append(ctx.fact(words.sentence("message_axes", axes=text), with_axis))
    signed = sorted((e for e in events if e.type in ("agreement", "contract")), key=lambda e: (-ctx.score(e), e.key))
    if signed:
        sentences.append(ctx.fact(words.sentence("message_agreements", count=len(signed)), signed))
    setbacks = sorted((e for e in events if e.type == "setback"), key=lambda e: (-ctx.score(e), e.key))
    if setbacks:
        items = "; ".join(ctx.title(e) for e in setbacks[:3])
        sentences.append(ctx.fact(words.sentence("message_setbacks", count=len(setbacks), items=items), setbacks[:3]))
    trust = trust_message(ctx)
    if trust is not None:
        sentences.append(trust)
    return sentences


def register(ctx: Context, limit: int) -> Table:
    """Every event of the period (or the ``limit`` best), by date."""
    events = ctx.facts.events
    note = None
    if len(events) > limit:
        note = _note(ctx, "register_truncated", limit=limit, count=len(events))
        events = sorted(events, key=lambda e: (-ctx.score(e), e.key))[:limit]
    events = sorted(events, key=lambda e: (e.date.toordinal() if e.date else 0, e.key))
    rows = []
    for event in events:
        korean, partner = ctx.sides(event)
        rows.append(Row([ctx.event_date(event), ctx.words.event_type(event.type), ctx.words.join(korean + partner, 3),
                         ctx.words.domain(event.domain)], ctx.cite([event], 3)))
    return Table("register", ctx.words.label("register"), ctx.words.columns("register"), rows, note)


def compose(ctx: Context, candidates: list[Candidate], generated_at: datetime) -> Briefing:
    """The briefing without its annex numbering (``assemble`` adds sources)."""
    words, facts, config = ctx.words, ctx.facts, ctx.config
    period_name = words.period(facts.period)
    developments = [development(ctx, c) for c in candidates[:config.major_developments]]
    if developments:
        lead = developments[0].title
        headline = Sentence(words.sentence("headline", period=period_name, title=lead.text), list(lead.citations))
    else:
        headline = _note(ctx, "no_events")
    summary = [
        Sentence(words.sentence("summary_point", date=d.date_text, title=d.title.text), list(d.title.citations))
        for d in developments[:config.summary_points]
    ]
    views, quiet = stakeholder_views(ctx)
    notes: list[Sentence] = []
    if facts.analysis is None:
        notes.append(_note(ctx, "no_analysis"))
    if quiet and facts.events:
        notes.append(_note(ctx, "quiet_stakeholders", names=words.join(quiet, 9)))
    weights = words.join([f"{words.section('components', k)} {v:.0%}" for k, v in config.weights.items()], 4)
    return Briefing(
        period=facts.period.label, period_name=period_name, scope=facts.scope, scope_name=ctx.scope_name,
        language=words.language, generated_at=generated_at,
        title=str(words.data["title"]).format(scope=ctx.scope_name, period=period_name),
        labels=dict(words.data["labels"]), headline=headline, summary=summary, developments=developments,
        stakeholders=views, message=_message(ctx), notes=notes, tables=indicator_tables(ctx), charts=charts(ctx),
        register=register(ctx, config.register_limit), sources=[], method=[_note(ctx, "selection_method", weights=weights)],
        analysis_run_id=facts.analysis.run_id if facts.analysis else None, event_count=len(facts.events),
    )
