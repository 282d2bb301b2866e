"""Partner network: actors linked by the events they share, recent events weighing more.

Edge weight between two actors = Σ over their shared events of exp(-age / half-life · ln 2), age in
days before the reference date (the latest event). Node measures: weighted degree (strength),
eigenvector-style centrality via PageRank, betweenness, and Louvain communities (seeded).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date
from itertools import combinations
from pathlib import Path

import networkx as nx

from glocal.analysis.facts import EventFact

HALF_LIFE_DAYS = 365


def build_network(
    events: Sequence[EventFact], labels: dict[str, str], kinds: dict[str, str], reference: date | None = None, seed: int = 42
) -> nx.Graph:
    dated = [e for e in events if e.status != "rejected"]
    if reference is None:
        days = [e.day for e in dated if e.day]
        reference = max(days) if days else date.today()
    graph = nx.Graph()
    for event in sorted(dated, key=lambda e: e.event_id):
        age = max(0, (reference - event.day).days) if event.day else HALF_LIFE_DAYS
        weight = math.exp(-age / HALF_LIFE_DAYS * math.log(2))
        parties = sorted(event.parties | event.countries - {"KR"})
        for actor in parties:
            if actor not in graph:
                graph.add_node(actor, label=labels.get(actor, actor), kind=kinds.get(actor, "country"), events=0)
            graph.nodes[actor]["events"] += 1
        for a, b in combinations(parties, 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += weight
                graph[a][b]["events"] += 1
            else:
                graph.add_edge(a, b, weight=weight, events=1)
    _measure(graph, seed)
    return graph


def _measure(graph: nx.Graph, seed: int) -> None:
    if graph.number_of_nodes() == 0:
        return
    strength = dict(graph.degree(weight="weight"))
    top = max(strength.values()) or 1.0
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else dict.fromkeys(graph, 0.0)
    top_rank = max(pagerank.values()) or 1.0
    betweenness = nx.betweenness_centrality(graph, weight=None, seed=seed, k=min(200, graph.number_of_nodes()))
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed) if graph.number_of_edges() else [set(graph)]
    community_of = {}
    for index, members in enumerate(sorted(communities, key=lambda c: (-len(c), sorted(c)[0]))):
        for node in members:
            community_of[node] = index
    for node, data in graph.nodes(data=True):
        data["strength"] = round(strength[node] / top, 4)
        data["centrality"] = round(pagerank[node] / top_rank, 4)
        data["betweenness"] = round(betweenness.get(node, 0.0), 4)
        data["community"] = community_of.get(node, -1)
    for _, _, data in graph.edges(data=True):
        data["weight"] = round(data["weight"], 4)


def to_json(graph: nx.Graph) -> dict:
    return {
        "nodes": [{"id": node, **data} for node, data in sorted(graph.nodes(data=True))],
        "edges": [{"source": a, "target": b, **data} for a, b, data in sorted(graph.edges(data=True))],
    }


def export(graph: nx.Graph, path: Path, fmt: str) -> None:
    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "json":
        path.write_text(json.dumps(to_json(graph), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {fmt!r}: graphml or json")
