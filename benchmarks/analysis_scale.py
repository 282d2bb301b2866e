"""Analysis stage at scale: full vs incremental runs on a generated store, and a 200,000-document run.

    .venv/bin/python benchmarks/analysis_scale.py incremental [--documents 20000] [--added 1000]
    .venv/bin/python benchmarks/analysis_scale.py scale [--documents 200000]

The store is a temporary SQLite file filled directly with SQLAlchemy Core (no ingestion, no
understanding, no encoder run): documents, their analyses (keywords), actor mentions, a few events
and one 512-dimensional vector per document in the ``embeddings`` table, so ``AnalyzeRunner`` finds
nothing to embed and the timings are those of loading, topics and indicators.

Synthetic topic structure: ~60 random unit centres; a document's vector is its centre plus Gaussian
noise (expected cosine to a sibling ≈ 0.5) plus a small per-language offset (as multilingual
encoders have); its keywords come mostly from its centre's word list and its actors mostly from its
centre's actor set. Languages ko/ja/en, dates spread over 2021-01 … 2025-11.

``incremental``: full run on N documents → add M documents (dated 2025-12; most from the existing
centres, a few from 2 new centres) → incremental run → full recompute on N+M. Reports the times,
the ratio incremental/full (target < 1/10) and whether the keys of existing topics survived.
``scale``: one full run on N documents; reports its time and the peak RSS of the process that ran
it (generation and analysis each run in their own child process).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

DIM = 512
CENTRES = 60
LANGUAGES = ("ko", "ja", "en")
LANGUAGE_WEIGHTS = (0.5, 0.2, 0.3)
MODEL = "usem3"
NOISE = 1.0  # |noise| ≈ |centre| → expected cosine between two documents of one centre ≈ 0.5
CHUNK = 5000
EVENT_SHARE = 0.02
START, END = date(2021, 1, 1), date(2025, 11, 30)
ADDED_DAY = date(2025, 12, 10)


def rss_mb() -> float:
    """Peak resident size of this process (VmHWM; ru_maxrss would carry the parent's peak over fork+exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class World:
    """The fixed generative structure (centres, word lists, actors), identical for a given seed."""

    def __init__(self, seed: int = 7, centres: int = CENTRES + 2):
        rng = np.random.default_rng(seed)
        self.centres = rng.standard_normal((centres, DIM)).astype(np.float32)
        self.centres /= np.linalg.norm(self.centres, axis=1, keepdims=True)
        self.language_offset = {lang: 0.3 * v / np.linalg.norm(v) for lang, v in
                                zip(LANGUAGES, rng.standard_normal((len(LANGUAGES), DIM)).astype(np.float32), strict=True)}
        self.words = {lang: [[f"{lang}w{c}_{k}" for k in range(40)] for c in range(centres)] for lang in LANGUAGES}
        self.common = {lang: [f"{lang}common{k}" for k in range(300)] for lang in LANGUAGES}
        # Actors: countries, local governments and foreign cities; each centre has 3 core actors.
        self.actors = ([("KR", "country", "KR"), ("JP", "country", "JP"), ("VN", "country", "VN"), ("US", "country", "US")]
                       + [(f"local_gov:{11000 + i}", "local_gov", "KR") for i in range(40)]
                       + [(f"city:bench-{i}", "city", ["JP", "VN", "US", "CN"][i % 4]) for i in range(160)])
        self.centre_actors = [rng.choice(np.arange(4, len(self.actors)), size=3, replace=False).tolist() for _ in range(centres)]


def _documents(world: World, rng: np.random.Generator, ids: range, centres: np.ndarray, days: list[date]):
    """Rows for every table, for documents ``ids`` drawn from ``centres`` (indices)."""
    n = len(ids)
    topic = rng.choice(centres, size=n)
    languages = rng.choice(len(LANGUAGES), size=n, p=LANGUAGE_WEIGHTS)
    noise = rng.standard_normal((n, DIM)).astype(np.float32) * (NOISE / np.sqrt(DIM))
    vectors = world.centres[topic] + noise
    for row, lang in enumerate(languages):
        vectors[row] += world.language_offset[LANGUAGES[lang]]
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    docs, analyses, embeddings, mentions = [], [], [], []
    for row, doc_id in enumerate(ids):
        lang, c = LANGUAGES[languages[row]], int(topic[row])
        own = world.words[lang][c]
        words = [own[int(k)] for k in rng.zipf(1.6, size=12) % len(own)] + [
            world.common[lang][int(k)] for k in rng.zipf(1.3, size=8) % len(world.common[lang])]
        content_hash = hashlib.sha256(f"bench-{doc_id}".encode()).hexdigest()
        day = days[row]
        published = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        title = " ".join(words[:4])
        docs.append({"id": doc_id, "doc_key": f"bench:{doc_id}", "source_id": 1, "item_key": f"{doc_id}.txt",
                     "title": title, "body": " ".join(words), "outlet": f"outlet-{doc_id % 25}", "language": lang,
                     "language_confidence": 0.99, "published_at": published, "fetched_at": published, "updated_at": published,
                     "content_hash": content_hash, "meta": {}})
        analyses.append({"document_id": doc_id, "content_hash": content_hash, "pipeline_version": "bench",
                         "tone": float(np.clip(rng.normal(0.1, 0.4), -1, 1)), "keywords": words, "sentences": [],
                         "processed_at": published})
        embeddings.append({"content_hash": content_hash, "model": MODEL, "dim": DIM, "vector": vectors[row].tobytes()})
        chosen = [a for a in world.centre_actors[c] if rng.random() < 0.7]
        chosen += [int(rng.integers(4, len(world.actors)))] if rng.random() < 0.3 else []
        chosen += [0] if rng.random() < 0.8 else []  # KR
        for a in chosen:
            mentions.append({"document_id": doc_id, "actor_id": a + 1, "surface": world.actors[a][0], "start": 0, "end": 1,
                             "confidence": 1.0, "method": "bench"})
    return docs, analyses, embeddings, mentions, topic


def _events(world: World, rng: np.random.Generator, doc_ids: list[int], topics: np.ndarray, days: list[date], first_event: int):
    events, parties, countries, sources = [], [], [], []
    domains = ["smart_city", "culture_tourism", "trade_investment", "environment", "digital_ai", "other"]
    picked = rng.choice(len(doc_ids), size=max(1, int(len(doc_ids) * EVENT_SHARE)), replace=False)
    for k, row in enumerate(sorted(picked.tolist())):
        event_id = first_event + k
        c = int(topics[row])
        events.append({"id": event_id, "event_key": f"bench-{event_id}", "type": ["mou", "visit", "program", "forum"][event_id % 4],
                       "event_date": days[row], "date_precision": "day", "domain": domains[c % len(domains)],
                       "amounts": [], "confidence": 0.8, "status": "reported", "created_by": "bench"})
        home, partner = world.centre_actors[c][0], world.centre_actors[c][1]
        parties.append({"event_id": event_id, "actor_id": home + 1, "role": "korean_side"})
        if partner != home:
            parties.append({"event_id": event_id, "actor_id": partner + 1, "role": "partner_side"})
        countries.extend({"event_id": event_id, "country_code": cc} for cc in sorted({"KR", world.actors[partner][2]}))
        sources.append({"event_id": event_id, "document_id": doc_ids[row]})
    return events, parties, countries, sources


def _insert(engine, table, rows) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    with engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            conn.execute(insert(table), rows[start : start + CHUNK])


def generate(data_dir: str, count: int, first_id: int = 1, centres: np.ndarray | None = None,
             day: date | None = None, seed: int = 11) -> dict:
    """Add ``count`` documents (ids from ``first_id``) with everything the analysis stage reads."""
    from glocal.config import Settings
    from glocal.pipeline.core import Glocal
    from glocal.store import models

    started = time.perf_counter()
    app = Glocal.open(Settings(data_dir=Path(data_dir)))
    engine = app.engine
    world = World()
    rng = np.random.default_rng(seed + first_id)
    if first_id == 1:
        _insert(engine, models.Source.__table__, [{"id": 1, "name": "bench", "kind": "files", "location": "/bench",
                                                   "credibility": 0.7, "options": {}}])
        _insert(engine, models.Actor.__table__, [{"id": i + 1, "kind": kind, "key": key, "name_en": key, "names": {},
                                                  "country_code": cc, "meta": {}} for i, (key, kind, cc) in enumerate(world.actors)])
    centres = np.arange(CENTRES) if centres is None else centres
    span = (END - START).days
    with engine.connect() as conn:
        from sqlalchemy import func, select

        first_event = (conn.scalar(select(func.max(models.Event.id))) or 0) + 1
    for start in range(first_id, first_id + count, 20000):
        ids = range(start, min(start + 20000, first_id + count))
        days = [day or START + timedelta(days=int(d)) for d in rng.integers(0, span, size=len(ids))]
        docs, analyses, vectors, mentions, topics = _documents(world, rng, ids, centres, days)
        events, parties, countries, sources = _events(world, rng, list(ids), topics, days, first_event)
        first_event += len(events)
        _insert(engine, models.Document.__table__, docs)
        _insert(engine, models.DocumentAnalysis.__table__, analyses)
        _insert(engine, models.Embedding.__table__, vectors)
        _insert(engine, models.Mention.__table__, mentions)
        _insert(engine, models.Event.__table__, events)
        _insert(engine, models.EventParty.__table__, parties)
        _insert(engine, models.EventCountry.__table__, countries)
        _insert(engine, models.EventSource.__table__, sources)
    app.close()
    return {"documents": count, "seconds": round(time.perf_counter() - started, 1), "peak_rss_mb": round(rss_mb())}


def analyse(data_dir: str, full: bool) -> dict:
    """One AnalyzeRunner run; returns its report, wall time, peak RSS and the active topics after it."""
    from glocal.config import Settings
    from glocal.pipeline.analyze import AnalyzeRunner
    from glocal.pipeline.core import Glocal
    from glocal.store import analysis as store

    app = Glocal.open(Settings(data_dir=Path(data_dir)))
    started = time.perf_counter()
    report = AnalyzeRunner(app.settings, app.sessions).run(full=full)
    seconds = time.perf_counter() - started
    with app.session() as session:
        topics = store.active_topics(session)
        members = store.topic_members(session, [t.id for t in topics])
        snapshot = {t.topic_key: sorted(members.get(t.id, set())) for t in topics}
    app.close()
    return {"mode": report.mode, "seconds": round(seconds, 2), "timings": report.timings, "documents": report.documents,
            "new_documents": report.new_documents, "topics": report.topics, "new_topics": report.new_topics,
            "outliers": report.outliers, "indicator_values": report.indicator_values,
            "peak_rss_mb": round(rss_mb()), "topics_snapshot": snapshot}


def in_child(function, *args):  # type: ignore[no-untyped-def]
    """Run ``function`` in a fresh process, so its peak RSS is its own."""
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


def show(name: str, result: dict) -> None:
    shown = {k: v for k, v in result.items() if k != "topics_snapshot"}
    print(f"{name}: {json.dumps(shown)}", flush=True)


def incremental(args: argparse.Namespace, data_dir: str) -> dict:
    print(f"generating {args.documents} documents in {data_dir}", flush=True)
    show("generate", in_child(generate, data_dir, args.documents))
    full = in_child(analyse, data_dir, True)
    show("full run", full)
    # Most added documents come from the existing centres; 5% from 2 centres never seen before.
    existing = in_child(generate, data_dir, int(args.added * 0.95), args.documents + 1, np.arange(CENTRES), ADDED_DAY)
    fresh = in_child(generate, data_dir, args.added - int(args.added * 0.95), args.documents + 1 + int(args.added * 0.95),
                     np.arange(CENTRES, CENTRES + 2), ADDED_DAY)
    show("added", {"documents": existing["documents"] + fresh["documents"]})
    inc = in_child(analyse, data_dir, False)
    show("incremental run", inc)
    recompute = in_child(analyse, data_dir, True)
    show("full recompute", recompute)

    before, after_inc, after_full = full["topics_snapshot"], inc["topics_snapshot"], recompute["topics_snapshot"]
    old_ids = set(range(1, args.documents + 1))
    kept_inc = sum(1 for key in before if key in after_inc)
    unchanged_inc = [k for k in before if k in after_inc and set(after_inc[k]) & old_ids == set(before[k])]
    kept_full = sum(1 for key in before if key in after_full)
    # "Unchanged" topic under a full recompute: its old members are exactly a topic's old members again.
    by_old_members = {frozenset(set(m) & old_ids): k for k, m in after_full.items()}
    same_members = [k for k in before if frozenset(before[k]) in by_old_members]
    same_members_same_key = [k for k in same_members if by_old_members[frozenset(before[k])] == k]
    summary = {
        "full_seconds": full["seconds"], "incremental_seconds": inc["seconds"], "recompute_seconds": recompute["seconds"],
        "ratio_incremental_to_full": round(inc["seconds"] / full["seconds"], 3),
        "target_met": inc["seconds"] < full["seconds"] / 10,
        "topics_before": len(before), "keys_kept_by_incremental": kept_inc,
        "topics_with_unchanged_old_members_after_incremental": len(unchanged_inc),
        "topics_after_incremental": len(after_inc), "keys_kept_by_full_recompute": kept_full,
        "topics_after_full_recompute": len(after_full),
        "topics_with_identical_old_membership_after_recompute": len(same_members),
        "of_those_same_key": len(same_members_same_key),
    }
    print("summary: " + json.dumps(summary), flush=True)
    return summary


def scale(args: argparse.Namespace, data_dir: str) -> dict:
    print(f"generating {args.documents} documents in {data_dir}", flush=True)
    show("generate", in_child(generate, data_dir, args.documents))
    result = in_child(analyse, data_dir, True)
    show("full run", result)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["incremental", "scale"])
    parser.add_argument("--documents", type=int, default=None, help="default: 20000 (incremental), 200000 (scale)")
    parser.add_argument("--added", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary store")
    args = parser.parse_args()
    args.documents = args.documents or (20000 if args.part == "incremental" else 200000)
    tmp = tempfile.mkdtemp(prefix="glocal-analysis-bench-")
    try:
        (incremental if args.part == "incremental" else scale)(args, tmp)
    finally:
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"store kept in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
