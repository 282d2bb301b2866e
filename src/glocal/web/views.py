"""What the API and the pages show, built once: overview, topics, comparison, Trust Index, network, map.

Each function reads through ``glocal.store.analytics`` (analysis results) and
``glocal.store.web_queries`` (curated data) and returns plain dicts; the API returns them as JSON
and the pages render them.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import networkx as nx
from babel import Locale
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glocal.config import Settings
from glocal.store import analytics, models, web_queries
from glocal.store.overrides import effective_settings

KPI_TARGETS = {
    "trust": "kpi_trust_target",
    "agreement_growth": "kpi_agreement_growth_target",
    "participation_programmes": "kpi_participation_programmes_per_quarter",
}
REGION_METRICS = ("projects", "partner_institutions", "international_events", "exposure", "agreements", "tone", "trust")
AXES = ("industry", "culture", "data", "inclusion")
TREND_METRICS = ("trust", "international_events", "projects", "exposure")


def default_period(session: Session) -> str | None:
    months = analytics.periods(session, "month")
    return months[-1] if months else None


def all_periods(session: Session) -> list[str]:
    found: list[str] = []
    for granularity in ("month", "quarter", "year"):
        found.extend(analytics.periods(session, granularity))
    return found


def run_info(session: Session) -> dict[str, Any] | None:
    run = analytics.latest_run(session)
    if run is None:
        return None
    return {"id": run.id, "kind": run.kind, "status": run.status, "finished_at": run.finished_at}


def kpis(session: Session, settings: Settings, period: str | None) -> list[dict[str, Any]]:
    home = settings.home_region
    cells = analytics.indicator_table(session, "kpi", period, [home]).get(home, {}) if period else {}
    rows = []
    for metric, setting in KPI_TARGETS.items():
        cell = cells.get(metric, {})
        components = cell.get("components", {})
        target = components.get("target", getattr(settings, setting))
        value = cell.get("value")
        met = components.get("met")
        if met is None and value is not None and target is not None:
            met = value >= target
        rows.append({"metric": metric, "value": value, "target": target, "met": met, "components": components})
    return rows


def overview(session: Session, settings: Settings, period: str | None) -> dict[str, Any]:
    settings = effective_settings(session, settings)
    period = period or default_period(session)
    home = settings.home_region
    region = analytics.indicator_table(session, "region", period, [home]).get(home, {}) if period else {}
    counts = {
        "documents": session.scalar(select(func.count()).select_from(models.Document)) or 0,
        "events": session.scalar(select(func.count()).select_from(models.Event).where(models.Event.merged_into_id.is_(None))) or 0,
        "confirmed_events": session.scalar(
            select(func.count()).select_from(models.Event).where(models.Event.status == "confirmed")
        ) or 0,
        "topics": analytics.topic_count(session),
    }
    return {
        "ok": True, "period": period, "periods": analytics.periods(session, "month"), "run": run_info(session),
        "home_region": web_queries.actors_by_keys(session, [home]).get(home, {"key": home}),
        "kpis": kpis(session, settings, period),
        "indicators": {m: region.get(m, {}).get("value") for m in REGION_METRICS},
        "trends": {m: analytics.indicator_series(session, "region", home, m) for m in TREND_METRICS},
        "axes": {axis: region.get(f"axis_{axis}", {}).get("value") for axis in AXES},
        "latest_events": web_queries.latest_events(session, 8),
        "counts": counts,
    }


def topics(session: Session, period: str | None) -> dict[str, Any]:
    period = period or default_period(session)
    rows = analytics.topic_table(session, period) if period else []
    return {"ok": True, "period": period, "periods": all_periods(session), "items": rows, "total": len(rows)}


def topic_documents(session: Session, topic_id: int, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    ids = analytics.topic_document_ids(session, topic_id)
    return len(ids), web_queries.documents_by_ids(session, ids[offset:offset + limit])


def regions(session: Session, settings: Settings) -> list[dict[str, Any]]:
    settings = effective_settings(session, settings)
    keys = [settings.home_region, *settings.peer_regions]
    found = web_queries.actors_by_keys(session, keys)
    return [{**found.get(k, {"key": k, "name_en": k}), "key": k, "is_home": k == settings.home_region} for k in keys]


def compare(session: Session, settings: Settings, period: str | None) -> dict[str, Any]:
    period = period or default_period(session)
    region_rows = regions(session, settings)
    keys = [r["key"] for r in region_rows]
    table = analytics.indicator_table(session, "region", period, keys) if period else {}
    for row in region_rows:
        cells = table.get(row["key"], {})
        row["metrics"] = {m: cells.get(m, {}).get("value") for m in REGION_METRICS}
        row["axes"] = {a: cells.get(f"axis_{a}", {}).get("value") for a in AXES}
    return {"ok": True, "period": period, "periods": all_periods(session), "metrics": list(REGION_METRICS),
            "items": region_rows}


def trust(session: Session, settings: Settings, scope_kind: str, scope_key: str, period: str | None) -> dict[str, Any] | None:
    settings = effective_settings(session, settings)
    period = period or default_period(session)
    cell = analytics.indicator_table(session, scope_kind, period, [scope_key]).get(scope_key, {}).get("trust") if period else None
    if cell is None:
        return None
    weights = settings.trust_weights
    total = sum(weights.values()) or 1.0
    components = cell["components"] or {}
    parts = []
    for name, weight in weights.items():
        raw = components.get(name)
        value = raw.get("value") if isinstance(raw, dict) else raw
        parts.append({"component": name, "value": value, "weight": round(weight / total, 4),
                      "contribution": round(value * weight / total, 4) if isinstance(value, (int, float)) else None})
    evidence = cell["evidence_document_ids"][:50]
    return {"ok": True, "scope_kind": scope_kind, "scope_key": scope_key, "period": period, "value": cell["value"],
            "components": parts, "raw_components": components, "evidence_documents": web_queries.documents_by_ids(session, evidence)}


_NETWORK_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}


def network(session: Session, period: str | None, max_nodes: int = 60) -> dict[str, Any]:
    """Actors linked by shared events (recency-weighted), laid out deterministically (seed 42).

    The graph is rebuilt only when events change (count and last update), per store and period.
    """
    fingerprint = session.execute(select(func.count(), func.max(models.Event.updated_at))).one()
    key = (str(session.get_bind().url), period, max_nodes, tuple(fingerprint), date.today())
    if key not in _NETWORK_CACHE:
        if len(_NETWORK_CACHE) > 32:
            _NETWORK_CACHE.clear()
        _NETWORK_CACHE[key] = _build_network(session, period, max_nodes)
    return _NETWORK_CACHE[key]


def _build_network(session: Session, period: str | None, max_nodes: int) -> dict[str, Any]:
    actors, edges = web_queries.shared_event_links(session, period)
    graph = nx.Graph()
    for (a, b), weight in edges.items():
        graph.add_edge(a, b, weight=weight)
    strength = dict(graph.degree(weight="weight"))
    keep = sorted(strength, key=lambda n: (-strength[n], n))[:max_nodes]
    graph = graph.subgraph(keep).copy()
    positions = nx.spring_layout(graph, seed=42, weight="weight") if graph.number_of_nodes() else {}
    centrality = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {n: 0.0 for n in graph}
    nodes = [
        {**actors[n], "x": round(float(positions[n][0]), 4), "y": round(float(positions[n][1]), 4),
         "strength": round(strength[n], 4), "centrality": round(centrality.get(n, 0.0), 4)}
        for n in sorted(graph.nodes)
    ]
    links = [{"source": a, "target": b, "weight": round(d["weight"], 4)} for a, b, d in sorted(graph.edges(data=True))]
    return {"ok": True, "period": period, "nodes": nodes, "edges": links}


def country_name(code: str, language: str) -> str:
    try:
        return Locale.parse(language).territories.get(code.upper(), code.upper())
    except (ValueError, TypeError):
        return code.upper()


def partners(session: Session, period: str | None, language: str = "en") -> dict[str, Any]:
    counts = web_queries.partner_countries(session, period)
    items = [{"country": c, "name": country_name(c, language), "events": n}
             for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"ok": True, "period": period, "items": items}


@lru_cache(maxsize=1)
def _world_svg() -> str:
    return (resources.files("pygal_maps_world") / "worldmap.svg").read_text(encoding="utf-8")


def world_map_svg(items: list[dict[str, Any]]) -> str:
    """The bundled world map (pygal_maps_world, offline) with partner countries shaded by events."""
    svg = _world_svg()
    peak = max((i["events"] for i in items), default=1) or 1
    styles = [".country path{fill:#e2e8f0;stroke:#fff;stroke-width:.6}", ".partner path{stroke:#1e3a8a}"]
    for item in items:
        code = item["country"].lower()
        if not re.fullmatch(r"[a-z]{2}", code):
            continue
        shade = 0.25 + 0.75 * item["events"] / peak
        styles.append(f".{code} path{{fill:rgba(37,99,235,{shade:.2f})}}")
        title = html.escape(f"{item['name']}: {item['events']}")
        svg = svg.replace(f'<g class="{code} country map-element">',
                          f'<g class="{code} country map-element partner" data-events="{int(item["events"])}"><title>{title}</title>', 1)
    head, rest = svg.split(">", 1)
    return f'{head} role="img" aria-label="partner countries"><style>{"".join(styles)}</style>{rest}'
