"""From a store to a checked briefing model: scope → facts → selection → composition → annex."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from glocal.report.compose import compose
from glocal.report.context import Context
from glocal.report.facts import gather, load_documents
from glocal.report.model import Briefing, BriefingError, Source
from glocal.report.periods import parse_period
from glocal.report.phrases import phrases
from glocal.report.scope import Scope, resolve_scope
from glocal.report.selection import rank, selection_config

if TYPE_CHECKING:
    from glocal.pipeline.core import Glocal

NO_ACTOR = -1  # a region that no document mentions: it is party to no event


def scope_name(scope: Scope, language: str) -> str:
    words = phrases(language)
    if scope.is_ministry:
        return str(words.data["scope_ministry"])
    return words.name(scope.names, scope.key)


def _annex(briefing: Briefing, documents: dict) -> None:  # type: ignore[type-arg]
    """Number the cited documents in reading order and drop citations of documents that are gone."""
    numbers: dict[int, int] = {}
    for sentence in briefing.sentences():
        for doc in sentence.citations:
            if doc in documents and doc not in numbers:
                numbers[doc] = len(numbers) + 1
    for container in _citation_lists(briefing):
        container[:] = [doc for doc in container if doc in numbers]
    briefing.sources = [
        Source(doc, number, documents[doc].title, documents[doc].outlet, documents[doc].published,
               documents[doc].language, documents[doc].url)
        for doc, number in numbers.items()
    ]


def _citation_lists(briefing: Briefing) -> list[list[int]]:
    lists = [briefing.headline.citations, *(s.citations for s in briefing.summary)]
    for development in briefing.developments:
        lists += [development.title.citations, *(s.citations for s in (*development.what, *development.why))]
    for view in briefing.stakeholders:
        lists += [s.citations for s in view.sentences]
    lists += [s.citations for s in (*briefing.message, *briefing.notes, *briefing.method)]
    for table in (*briefing.tables, briefing.register):
        lists += [row.citations for row in table.rows]
    return lists


def build_briefing(glocal: Glocal, period: str, scope: str | None = None, language: str = "ko",
                   generated_at: datetime | None = None) -> Briefing:
    """The briefing model of ``period`` for ``scope`` ("ministry", a region, or the home region)."""
    words = phrases(language)  # validates the language first
    settings = glocal.settings
    parsed = parse_period(period)
    config = selection_config()
    with glocal.session() as session:
        resolved = resolve_scope(session, scope, None, settings.home_region)
        actor_id = resolved.actor_id if not resolved.is_ministry else None
        if not resolved.is_ministry and actor_id is None:
            actor_id = NO_ACTOR
        facts = gather(session, parsed, resolved.key, resolved.region_key, actor_id,
                       list(settings.peer_regions), settings.home_region)
        window = parsed.start - timedelta(days=config.novelty_window_days)  # loaded: HISTORY_DAYS at most
        history = [event for event in facts.history if event.date is not None and event.date >= window]
        candidates, scores = rank(facts.events, facts.documents, history, config)
        ctx = Context(facts, words, config, scores, scope_name(resolved, language))
        briefing = compose(ctx, candidates, generated_at or datetime.now(timezone.utc))
        cited = {doc for sentence in briefing.sentences() for doc in sentence.citations}
        missing = cited - facts.documents.keys()
        documents = dict(facts.documents)
        if missing:
            documents.update(load_documents(session, missing))
    _annex(briefing, documents)
    problems = briefing.problems()
    if problems:
        raise BriefingError(f"the briefing breaks its traceability rules: {problems[0]}",
                            hint="This is a bug in glocal.report; please report it with the period and scope.")
    return briefing
