"""An analysis run: embeddings → topics (full fit or incremental update) → indicators.

Each step reads what it needs from the store, calls the pure analysis functions and writes the
results in its own transaction; the run row records parameters, model versions, input counts and
timings. A failing run is marked failed with its error; results of earlier runs stay in place.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy.orm import Session, sessionmaker

from glocal.analysis import embeddings
from glocal.analysis.axes import document_axes
from glocal.analysis.clustering import ClusterParams
from glocal.analysis.facts import DocFact, EventFact
from glocal.analysis.features import FeatureState
from glocal.analysis.indicators import IndicatorBuilder, IndicatorParams
from glocal.analysis.topics import PreviousTopic, TopicDoc, TopicModel, TopicParams, fit_topics, update_topics
from glocal.config import Settings
from glocal.periods import periods_of
from glocal.pipeline.parallel import map_batches, resolve_workers
from glocal.pipeline.progress import NoProgress, Progress
from glocal.store import analysis as store
from glocal.store import models
from glocal.store.db import transaction
from glocal.store.models import utcnow

VERSION = "glocal.analysis.v2"  # v2: actor share by evidence, keywords by document counts
EMBED_BATCH = 256


@dataclass
class AnalyzeReport:
    run_id: int
    mode: str
    embedded: int = 0
    documents: int = 0
    new_documents: int = 0
    topics: int = 0
    new_topics: int = 0
    outliers: int = 0
    indicator_values: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    fitted_by: str | None = None  # analysis version of the topic fit an incremental run extended

    @property
    def outdated_fit(self) -> bool:
        """The topics were fitted by an older analysis version (a full refit would use the current one)."""
        return self.mode == "incremental" and self.fitted_by is not None and self.fitted_by != VERSION


def topic_params(settings: Settings) -> TopicParams:
    return TopicParams(
        cluster=ClusterParams(
            similarity=settings.topic_similarity, min_size=settings.topic_min_size,
            assign_similarity=settings.topic_assign_similarity, seed=settings.topic_seed,
        ),
        actor_weight=settings.topic_actor_weight,
        actor_evidence=settings.topic_actor_evidence,
    )


def indicator_params(settings: Settings) -> IndicatorParams:
    return IndicatorParams(
        home_region=settings.home_region, peer_regions=list(settings.peer_regions),
        trust_weights=dict(settings.trust_weights), follow_through_window_days=settings.follow_through_window_days,
        kpi_trust_target=settings.kpi_trust_target, kpi_agreement_growth_target=settings.kpi_agreement_growth_target,
        kpi_participation_per_quarter=settings.kpi_participation_programmes_per_quarter,
    )


def _embed_batch(job: tuple[str, list[tuple[str, str]]]) -> list[tuple[str, bytes]]:
    """Embed one batch of (content hash, text): a plain function, so it runs in a pool or on Ray."""
    model, items = job
    vectors = embeddings.embed([text for _, text in items], model)
    return [(h, embeddings.to_bytes(v)) for (h, _), v in zip(items, vectors, strict=True)]


def event_fact(row: dict) -> EventFact:
    """The analysis record of one event row from ``store.analysis.event_facts``."""
    return EventFact(row["event_id"], row["type"], row["day"], row["domain"], frozenset(row["countries"]),
                     frozenset(row["parties"]), frozenset(row["partner_side"]), tuple(row["document_ids"]), row["status"])


def _as_date(value) -> date | None:  # type: ignore[no-untyped-def]
    return value.date() if value is not None else None


class AnalyzeRunner:
    def __init__(self, settings: Settings, sessions: sessionmaker[Session], progress: Progress | None = None):
        self.settings = settings
        self.sessions = sessions
        self.progress = progress or NoProgress()
        self.model = settings.embedding_model

    def run(self, full: bool = False) -> AnalyzeReport:
        with transaction(self.sessions) as session:
            state = store.latest_feature_state(session)
            fitted_by = store.fitted_by(session, state[0]) if state else None
            has_topics = bool(store.active_topics(session))
            mode = "full" if full or state is None or not has_topics else "incremental"
            run = models.AnalysisRun(kind=mode, parameters=self._parameters(),
                                     model_versions={"analysis": VERSION, "embedding": embeddings.encoder_spec(self.model).version})
            session.add(run)
            session.flush()
        report = AnalyzeReport(run.id, mode, fitted_by=fitted_by if mode == "incremental" else None)
        try:
            self._timed(report, "embed", self.embed_missing, report)
            docs = self._timed(report, "load", self._topic_docs, mode == "incremental")
            if mode == "full":
                self._timed(report, "topics", self._fit, run.id, docs, report)
            else:
                self._timed(report, "topics", self._update, run.id, docs, state, report)
            self._timed(report, "indicators", self._indicators, run.id, report, state[0] if state and mode != "full" else None)
        except Exception as exc:
            with transaction(self.sessions) as session:
                row = session.get(models.AnalysisRun, run.id)
                row.status, row.finished_at, row.error = "failed", utcnow(), f"{type(exc).__name__}: {exc}"
            raise
        with transaction(self.sessions) as session:
            row = session.get(models.AnalysisRun, run.id)
            row.status, row.finished_at, row.timings = "completed", utcnow(), report.timings
            row.input_counts = {"documents": report.documents, "new_documents": report.new_documents,
                                "embedded": report.embedded, "topics": report.topics, "new_topics": report.new_topics,
                                "outliers": report.outliers, "indicator_values": report.indicator_values}
            if self._state is not None:
                # the version whose features these are: an incremental run extends an older fit
                row.parameters = {**row.parameters, "feature_state": self._state.to_json(),
                                  "fitted_by": report.fitted_by or VERSION}
        return report

    _state: FeatureState | None = None

    def _parameters(self) -> dict:
        s = self.settings
        return {
            "embedding_model": s.embedding_model, "topic_similarity": s.topic_similarity, "topic_min_size": s.topic_min_size,
            "topic_actor_weight": s.topic_actor_weight, "topic_actor_evidence": s.topic_actor_evidence, "topic_assign_similarity": s.topic_assign_similarity,
            "topic_seed": s.topic_seed,
            "home_region": s.home_region, "peer_regions": list(s.peer_regions), "trust_weights": dict(s.trust_weights),
            "follow_through_window_days": s.follow_through_window_days,
        }

    def _timed(self, report: AnalyzeReport, name: str, step, *args):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = step(*args)
        report.timings[name] = round(time.perf_counter() - started, 3)
        return result

    # --- embeddings -------------------------------------------------------------------------

    def embed_missing(self, report: AnalyzeReport) -> None:
        spec = embeddings.encoder_spec(self.model)
        with transaction(self.sessions) as session:
            total = store.count_to_embed(session, self.model)
        self.progress.phase(f"Embedding documents ({self.model})", total=total)
        workers = 1
        if self.settings.executor == "ray" or total >= self.settings.pool_min_documents:
            workers = resolve_workers(self.settings.workers)
        batches = map_batches(_embed_batch, self._embedding_batches(), workers, self.settings.executor, self.settings.ray_address)
        seen: set[str] = set()
        for rows in batches:
            rows = [(h, v) for h, v in rows if h not in seen]  # one text can span two batches
            seen.update(h for h, _ in rows)
            with transaction(self.sessions) as session:
                store.save_embeddings(session, self.model, spec.dim, rows)
            report.embedded += len(rows)
            self.progress.advance(len(rows))

    def _embedding_batches(self):  # type: ignore[no-untyped-def]
        after_id = 0
        while True:
            with transaction(self.sessions) as session:
                batch = store.texts_to_embed(session, self.model, after_id, EMBED_BATCH)
            if not batch:
                return
            after_id = batch[-1][0]
            yield self.model, [(h, embeddings.document_text(t, b)) for _, h, t, b in batch]

    # --- topics -----------------------------------------------------------------------------

    def _topic_docs(self, unassigned_only: bool = False) -> list[TopicDoc]:
        with transaction(self.sessions) as session:
            return [
                TopicDoc(
                    document_id=row["document_id"], language=row["language"],
                    vector=embeddings.from_bytes(row["vector"]), actors=row["actors"], tokens=row["keywords"],
                    domains=row["domains"], axes=document_axes(row["keywords"], row["language"], row["domains"]),
                )
                for row in store.topic_inputs(session, self.model, unassigned_only)
            ]

    def _fit(self, run_id: int, docs: list[TopicDoc], report: AnalyzeReport) -> None:
        self.progress.phase("Finding topics", total=None)
        with transaction(self.sessions) as session:
            old = store.active_topics(session)
            members = store.topic_members(session, [t.id for t in old])
            previous = [PreviousTopic(t.topic_key, members.get(t.id, set())) for t in old]
        fitted = fit_topics(docs, topic_params(self.settings), previous)
        self._state = fitted.state
        self._write_model(run_id, fitted)
        report.documents, report.topics, report.outliers = len(docs), len(fitted.topics), len(fitted.outliers)
        report.new_documents = len(docs)
        report.new_topics = len({t.key for t in fitted.topics} - {p.key for p in previous})

    def _write_model(self, run_id: int, fitted: TopicModel) -> None:
        with transaction(self.sessions) as session:
            store.deactivate_topics_except(session, {t.key for t in fitted.topics}, level=0)
            store.deactivate_topics_except(session, {p.key for p in fitted.parents}, level=1)
            parent_ids = {}
            for parent in fitted.parents:
                parent_ids[parent.key] = store.upsert_topic(session, run_id, parent.key, self._topic_values(parent, level=1))
            for topic in fitted.topics:
                values = self._topic_values(topic, level=0)
                values["parent_id"] = parent_ids.get(topic.parent_key) if topic.parent_key else None
                topic_id = store.upsert_topic(session, run_id, topic.key, values)
                store.replace_memberships(session, topic_id, list(zip(topic.members, topic.probabilities, strict=True)))
            store.clear_memberships_of_inactive(session)

    def _topic_values(self, topic, level: int) -> dict:  # type: ignore[no-untyped-def]
        return {
            "label": topic.label, "keywords": topic.keywords, "size": len(topic.members), "axes": topic.axes,
            "domains": topic.domains, "level": level, "centroid": embeddings.to_bytes(topic.centroid),
            "embedding_model": self.model, "representative_ids": topic.representative_ids,
        }

    def _update(self, run_id: int, docs: list[TopicDoc], state: tuple[int, dict], report: AnalyzeReport) -> None:
        self.progress.phase("Placing new documents in topics", total=None)
        feature_state = FeatureState.from_json(state[1])
        self._state = feature_state
        with transaction(self.sessions) as session:
            topics = store.active_topics(session)
            total = store.count_topic_inputs(session, self.model)
        new_docs = docs  # only documents in no topic were loaded
        keys = [t.topic_key for t in topics]
        centroids = np.vstack([embeddings.from_bytes(t.centroid) for t in topics]) if topics else np.zeros((0, 1))
        update = update_topics(new_docs, keys, centroids, feature_state, topic_params(self.settings))
        by_key = {t.topic_key: t for t in topics}
        with transaction(self.sessions) as session:
            for key, joined in update.joined.items():
                topic = session.get(models.Topic, by_key[key].id)
                store.add_memberships(session, topic.id, joined)
                topic.size += len(joined)
                topic.updated_run_id = run_id
            for topic in update.new_topics:
                topic_id = store.upsert_topic(session, run_id, topic.key, self._topic_values(topic, level=0))
                store.replace_memberships(session, topic_id, list(zip(topic.members, topic.probabilities, strict=True)))
        report.documents = total
        report.new_documents = len(new_docs)
        report.new_topics = len(update.new_topics)
        report.topics = len(topics) + len(update.new_topics)
        report.outliers = len(update.outliers)
        self._new_document_ids = {d.document_id for d in new_docs}

    _new_document_ids: set[int] | None = None

    # --- indicators -------------------------------------------------------------------------

    def _indicators(self, run_id: int, report: AnalyzeReport, previous_run: int | None) -> None:
        self.progress.phase("Computing indicators and Trust Index", total=None)
        since = self._incremental_since(previous_run)
        with transaction(self.sessions) as session:
            published_since = models.Document.published_at >= since if since is not None else None
            actor_keys = store.document_actor_keys(session, published_since)
            countries = store.actor_countries(session)
            raw_events = store.event_facts(session)
            domains: dict[int, list[str]] = defaultdict(list)
            for e in raw_events:
                for document_id in e["document_ids"]:
                    domains[document_id].append(e["domain"])
            fact_rows = list(store.document_facts(session, since))
            only_periods = None
            if previous_run is not None and self._new_document_ids is not None:
                only_periods = self._affected_periods([(r["document_id"], _as_date(r["published_at"])) for r in fact_rows])
            docs = [self._doc_fact(row, actor_keys, countries, domains, only_periods) for row in fact_rows]
            events = [event_fact(e) for e in raw_events]
        known_tones = None
        if only_periods is not None and previous_run is not None:
            with transaction(self.sessions) as session:
                known_tones = store.topic_tones(session, previous_run, exclude_periods=only_periods)
        builder = IndicatorBuilder(docs, events, indicator_params(self.settings), known_tones)
        rows = builder.rows(only_periods)
        with transaction(self.sessions) as session:
            report.indicator_values = store.save_indicators(
                session, run_id,
                ({"scope_kind": r.scope_kind, "scope_key": r.scope_key, "period": r.period, "metric": r.metric,
                  "value": r.value, "components": r.components, "evidence_document_ids": r.evidence} for r in rows),
            )
            if only_periods is not None:
                report.indicator_values += store.copy_indicators(session, previous_run, run_id, only_periods)

    def _incremental_since(self, previous_run: int | None) -> datetime | None:
        """Documents an incremental run needs: from January of the year of its earliest new document
        (earlier periods keep their values; their topic tones come from the previous run); None = all."""
        if previous_run is None or not self._new_document_ids:
            return None
        with transaction(self.sessions) as session:
            first = store.earliest_publication(session, self._new_document_ids)
        if first is None:
            return None
        return datetime(first.year, 1, 1, tzinfo=UTC)

    def _affected_periods(self, dated: list[tuple[int, date | None]]) -> set[str]:
        """Periods whose values can change: from the month of the earliest new document on."""
        new = self._new_document_ids or set()
        if not new:
            return set()
        days = [day for doc_id, day in dated if doc_id in new and day]
        first = min(days) if days else None
        affected: set[str] = set()
        for _, day in dated:
            if day and (first is None or day >= date(first.year, first.month, 1)):
                affected.update(periods_of(day))
        if first is not None:
            affected.update(periods_of(first))
        return affected

    @staticmethod
    def _doc_fact(row: dict, actor_keys: dict[int, list[str]], countries: dict[str, str | None],
                  domains: dict[int, list[str]], only_periods: set[str] | None) -> DocFact:
        keys = frozenset(actor_keys.get(row["document_id"], []))
        doc_countries = frozenset(k for k in keys if len(k) == 2 and k.isupper()) | frozenset(
            c for k in keys if (c := countries.get(k))
        )
        day = _as_date(row["published_at"])
        # axis shares feed only the periods being computed (they cost a keyword scan per document)
        needs_axes = only_periods is None or (day is not None and not only_periods.isdisjoint(periods_of(day)))
        return DocFact(
            document_id=row["document_id"], day=day, language=row["language"], tone=row["tone"],
            credibility=row["credibility"], outlet=row["outlet"], near_dup_group=row["near_dup_group"],
            topic_key=row["topic_key"], actors=keys, countries=doc_countries,
            axes=document_axes(row["keywords"], row["language"], domains.get(row["document_id"], [])) if needs_axes else {},
        )
