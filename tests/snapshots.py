"""Comparable views of a store, independent of surrogate ids and timestamps."""

from __future__ import annotations

from sqlalchemy import select

from glocal.store import models


def snapshot(glocal) -> dict:
    """The store's content, independent of surrogate ids and timestamps."""
    with glocal.session() as session:
        docs = session.scalars(select(models.Document).order_by(models.Document.doc_key)).all()
        groups: dict[int, set[str]] = {}
        for d in docs:
            groups.setdefault(d.near_dup_group, set()).add(d.doc_key)
        rejections = session.scalars(select(models.Rejection)).all()
        return {
            "documents": [(d.doc_key, d.title, d.body, d.language, d.content_hash) for d in docs],
            "groups": sorted(sorted(g) for g in groups.values()),
            "rejections": sorted((r.source_name, r.item_key, r.stage, r.reason, r.resolved_at is None) for r in rejections),
        }
