"""Run a batch stage in-process or in a pool of worker processes, results in submission order.

Stages are plain functions over lists of records, so the same function runs here, in a process
pool on one machine, or as a Ray map on a cluster. Workers start with `spawn` (no inherited
database connections) and get one model thread each so two workers share two cores fairly.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

from glocal.nlp.threads import set_model_threads

T = TypeVar("T")
R = TypeVar("R")


def resolve_workers(configured: int) -> int:
    return configured if configured > 0 else max(1, os.cpu_count() or 1)


def _init_worker(threads: int) -> None:
    # before numpy loads in this fresh process: its BLAS would otherwise start a thread per core
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)
    set_model_threads(threads)


def map_batches(
    function: Callable[[T], R], batches: Iterable[T], workers: int, executor: str = "local", ray_address: str | None = None
) -> Iterator[R]:
    """``function`` over each batch; at most two batches per worker in flight (bounded memory).

    ``executor="ray"`` runs the batches as Ray tasks: on a local Ray instance started here with
    ``workers`` CPUs, or on the cluster at ``ray_address`` ("auto" joins the one this machine is in).
    """
    if executor == "ray":
        yield from _ray_map(function, batches, workers, ray_address)
        return
    if workers <= 1:
        for batch in batches:
            yield function(batch)
        return
    context = get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(1,)) as pool:
        pending: deque[Future[R]] = deque()
        for batch in batches:
            pending.append(pool.submit(function, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _ray_map(function: Callable[[T], R], batches: Iterable[T], workers: int, address: str | None) -> Iterator[R]:
    import ray

    if not ray.is_initialized():
        threads = {variable: "1" for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
        ray.init(
            address=address, num_cpus=None if address else max(1, workers), include_dashboard=False,
            log_to_driver=False, runtime_env={"env_vars": threads}, ignore_reinit_error=True,
        )
    task = ray.remote(num_cpus=1)(function)
    in_flight = max(2, 2 * (int(ray.cluster_resources().get("CPU", workers)) or 1))
    pending: deque = deque()
    for batch in batches:
        pending.append(task.remote(batch))
        if len(pending) >= in_flight:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())
