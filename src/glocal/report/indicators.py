"""Tables from the latest analysis run: KPIs against targets, topic table, peers, partners.

Each row is a ``measure``: it names the analysis run it comes from and cites the documents the
run kept as evidence for the number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from glocal.report.context import Context
from glocal.report.model import Row, Sentence, Table

KPI_METRICS = ("trust", "agreement_growth", "participation_programmes")
REGION_METRICS = ("projects", "partner_institutions", "international_events", "exposure", "trust")
EVIDENCE_PER_ROW = 3


def _evidence(cell: dict[str, Any] | None) -> list[int]:
    return list((cell or {}).get("evidence_document_ids") or [])[:EVIDENCE_PER_ROW]


def _distinct(documents: Iterable[int]) -> list[int]:
    """The first ``EVIDENCE_PER_ROW`` distinct documents (metrics of one row often share evidence)."""
    return list(dict.fromkeys(documents))[:EVIDENCE_PER_ROW]


def _kpi_text(metric: str, value: float | None) -> str:
    if value is None:
        return "—"
    if metric == "agreement_growth":
        return f"{value * 100:+.0f}%"
    if metric == "participation_programmes":
        return f"{value:g}"
    return f"{value:.2f}"


def kpi_rows(ctx: Context) -> list[tuple[str, dict[str, Any]]]:
    analysis = ctx.facts.analysis
    if analysis is None:
        return []
    return [(metric, analysis.kpis[metric]) for metric in KPI_METRICS if metric in analysis.kpis]


def kpi_status(ctx: Context, cell: dict[str, Any]) -> str:
    met = cell.get("components", {}).get("met")
    return ctx.words.section("status", "unknown" if met is None else "met" if met else "not_met")


def kpi_table(ctx: Context) -> Table | None:
    rows = []
    run_id = ctx.facts.analysis.run_id if ctx.facts.analysis else None
    for metric, cell in kpi_rows(ctx):
        target = cell.get("components", {}).get("target")
        rows.append(Row(
            [ctx.words.section("kpis", metric), _kpi_text(metric, cell.get("value")), _kpi_text(metric, target),
             kpi_status(ctx, cell)],
            _evidence(cell), "measure", run_id,
        ))
    if not rows:
        return None
    return Table("kpis", ctx.words.section("tables", "kpis"), ctx.words.columns("kpis"), rows)


def trust_message(ctx: Context) -> Sentence | None:
    """The overall message's Trust Index statement, when the KPI exists."""
    for metric, cell in kpi_rows(ctx):
        if metric == "trust" and cell.get("value") is not None:
            target = cell.get("components", {}).get("target")
            text = ctx.words.sentence("message_trust", scope=ctx.scope_name, value=f"{cell['value']:.2f}",
                                      target=_kpi_text("trust", target), status=kpi_status(ctx, cell))
            return Sentence(text, _evidence(cell), "measure", run_id=ctx.facts.analysis.run_id)  # type: ignore[union-attr]
    return None


def _keywords(ctx: Context, keywords: dict[str, list[str]] | None) -> str:
    keywords = keywords or {}
    chosen = keywords.get(ctx.words.language) or keywords.get("en") or next(iter(keywords.values()), [])
    return ", ".join(chosen[:5])


def topic_table(ctx: Context, limit: int = 10) -> Table | None:
    analysis = ctx.facts.analysis
    if analysis is None or not analysis.topics:
        return None
    rows = []
    for topic in analysis.topics[:limit]:
        documents = list(topic.get("document_ids") or topic.get("representative_ids") or [])[:EVIDENCE_PER_ROW]
        rows.append(Row(
            [topic.get("label") or topic["topic_key"], _keywords(ctx, topic.get("keywords")),
             ctx.words.ratio(topic.get("centrality")), ctx.words.signed(topic.get("tone")),
             ctx.words.signed(topic.get("tone_change")), ctx.words.ratio(topic.get("trust")),
             str(int(topic.get("size") or 0))],
            documents, "measure", analysis.run_id,
        ))
    return Table("topics", ctx.words.section("tables", "topics"), ctx.words.columns("topics"), rows)


def region_name(ctx: Context, key: str) -> str:
    names = ctx.facts.analysis.names.get(key, {}) if ctx.facts.analysis else {}
    return ctx.words.name(names, key)


def peer_table(ctx: Context) -> Table | None:
    analysis = ctx.facts.analysis
    if analysis is None or ctx.facts.region_key is None:
        return None
    rows = []
    for key, metrics in sorted(analysis.regions.items(), key=lambda item: (item[0] != ctx.facts.region_key, item[0])):
        cells = [region_name(ctx, key)]
        for metric in REGION_METRICS:
            value = metrics.get(metric, {}).get("value")
            cells.append("—" if value is None else ctx.words.ratio(value) if metric == "trust" else ctx.words.number(value))
        evidence = _distinct(doc for metric in REGION_METRICS for doc in _evidence(metrics.get(metric)))
        rows.append(Row(cells, evidence, "measure", analysis.run_id))
    if not rows:
        return None
    return Table("peers", ctx.words.section("tables", "peers"), ctx.words.columns("peers"), rows)


def partner_table(ctx: Context, limit: int = 12) -> Table | None:
    analysis = ctx.facts.analysis
    if analysis is None or not analysis.partners:
        return None

    def events(item: tuple[str, dict[str, Any]]) -> tuple[float, str]:
        return (-(item[1].get("events", {}).get("value") or 0), item[0])

    rows = []
    for code, metrics in sorted(analysis.partners.items(), key=events)[:limit]:
        count = metrics.get("events", {}).get("value")
        rows.append(Row(
            [ctx.country(code), "—" if count is None else ctx.words.number(count),
             ctx.words.signed(metrics.get("tone", {}).get("value")), ctx.words.ratio(metrics.get("trust", {}).get("value"))],
            _distinct(doc for metric in ("events", "trust") for doc in _evidence(metrics.get(metric))),
            "measure", analysis.run_id,
        ))
    return Table("partners", ctx.words.section("tables", "partners"), ctx.words.columns("partners"), rows)


def indicator_tables(ctx: Context) -> list[Table]:
    """The indicator tables of the scope, in reading order; empty without an analysis run."""
    tables = [kpi_table(ctx), topic_table(ctx)]
    tables.append(partner_table(ctx) if ctx.facts.region_key is None else peer_table(ctx))
    return [table for table in tables if table is not None]
