"""Killing an ingestion midway and rerunning it ends with the same store as one clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from glocal.store import models
from glocal.store.models import Base
from tests.snapshots import snapshot

FILES = 1200
TOPICS = ["스마트시티", "도시철도", "지능형 교통", "공항 개발", "수자원 관리", "도시재생", "친환경 에너지", "문화 교류"]
PARTNERS = ["베트남", "인도네시아", "말레이시아", "태국", "필리핀", "캄보디아", "라오스", "몽골"]


def make_folder(folder: Path) -> Path:
    folder.mkdir()
    for i in range(FILES):
        topic, partner = TOPICS[i % len(TOPICS)], PARTNERS[(i // len(TOPICS)) % len(PARTNERS)]
        body = (
            f"보도자료 {i}호. 국토교통부는 {partner} 정부와 {topic} 분야 협력 사업 {i}건을 논의했다. "
            f"회의에는 관계 기관 {i % 17 + 2}곳이 참석했고, 후속 실무 회의는 {i % 12 + 1}월에 열린다."
        )
        (folder / f"{i:05d}.txt").write_text(f"{partner} {topic} 협력 {i}\n\n{body}", encoding="utf-8")
    (folder / "zz_empty.txt").write_text("", encoding="utf-8")
    return folder


def reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


def count_documents(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(models.Document)) or 0
    finally:
        engine.dispose()


def ingest_command(url: str, folder: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, GLOCAL_DATABASE_URL=url, GLOCAL_INGEST_BATCH_SIZE="10")
    return [sys.executable, "-m", "glocal", "ingest", "--path", str(folder)], env


@pytest.mark.slow
def test_killed_run_then_rerun_equals_uninterrupted_run(glocal, database_url, tmp_path):
    folder = make_folder(tmp_path / "press")
    command, env = ingest_command(database_url, folder)

    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    uninterrupted = snapshot(glocal)
    assert len(uninterrupted["documents"]) == FILES

    reset(database_url)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        stored = count_documents(database_url)
        if stored >= 50:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the run finished before it could be killed; raise FILES"
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = count_documents(database_url)
    assert 0 < partial < FILES
    assert partial % 10 == 0  # whole batches only: a batch is one transaction

    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    assert snapshot(glocal) == uninterrupted
    with glocal.session() as session:
        statuses = sorted(session.scalars(select(models.IngestRun.status)).all())
    assert statuses == ["completed", "interrupted"]
