"""Batch stages give the same results in-process and in a pool of worker processes."""

from __future__ import annotations

import os

from glocal.pipeline.parallel import map_batches, resolve_workers


def describe(batch: list[int]) -> tuple[int, list[int], str]:
    return os.getpid(), [n * n for n in batch], os.environ.get("OPENBLAS_NUM_THREADS", "")


def test_pool_keeps_order_and_runs_in_other_processes():
    batches = [list(range(start, start + 3)) for start in range(0, 30, 3)]
    local = list(map_batches(describe, batches, 1))
    pooled = list(map_batches(describe, batches, 2))
    assert [squares for _, squares, _ in pooled] == [squares for _, squares, _ in local]
    assert {pid for pid, _, _ in local} == {os.getpid()}
    assert os.getpid() not in {pid for pid, _, _ in pooled}
    assert {threads for _, _, threads in pooled} == {"1"}  # one BLAS thread per worker


def test_worker_count():
    assert resolve_workers(3) == 3
    assert resolve_workers(0) == max(1, os.cpu_count() or 1)
