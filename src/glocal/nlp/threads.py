"""How many threads each model may use in this process.

In-process runs give the models both cores; a process pool sets one thread per worker process
(before any model loads) so two workers do not fight over two cores.
"""

from __future__ import annotations

import os

_threads = max(1, min(2, os.cpu_count() or 1))


def set_model_threads(count: int) -> None:
    global _threads
    _threads = max(1, count)


def model_threads() -> int:
    return _threads
