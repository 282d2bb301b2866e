"""The partner network of the whole store, for export and the dashboard."""

from __future__ import annotations

import networkx as nx

from glocal.analysis.network import build_network
from glocal.pipeline.analyze import event_fact
from glocal.pipeline.core import Glocal
from glocal.store import analysis as store


def partner_network(glocal: Glocal, language: str = "en") -> nx.Graph:
    with glocal.session() as session:
        raw = store.event_facts(session)
        names = store.actor_names(session)
    events = [event_fact(e) for e in raw]
    column = {"en": 1, "ko": 2, "ja": 3}.get(language, 1)
    labels = {key: (row[column] or row[1]) for key, row in names.items()}
    kinds = {key: row[0] for key, row in names.items()}
    return build_network(events, labels, kinds, seed=glocal.settings.topic_seed)
