"""Running a one-shot build's independent work on every core.

Parsing ten thousand record files and rendering ten thousand record pages are
most of the generator's own work, and each file and page is independent of
the others. :func:`map_slices` cuts such work into slices: this process takes
the first, forked processes (which inherit everything already loaded, so
nothing is sent to them) take the others and send back their results. The
result is the same list, in the same order, as doing the work one by one.

Forking is used only on Linux, and never under ``mkdocs serve`` (which has
threads, and keeps its work between builds instead).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, forking costs more than it saves.
MIN_ITEMS = 400

_job: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None, "set before the fork"
    work, items = _job
    return work(items[bounds[0] : bounds[1]])


def default_workers() -> int:
    return (os.cpu_count() or 1) if sys.platform == "linux" else 1


def map_slices(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int) -> list[R]:
    """``work(items)``, done in ``workers`` slices at once when there are enough items."""
    global _job
    if workers < 2 or len(items) < max(MIN_ITEMS, 1):
        return work(items)
    size = -(-len(items) // workers)
    slices = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _job = (work, items)
    try:
        with multiprocessing.get_context("fork").Pool(len(slices) - 1) as pool:
            theirs = pool.map_async(_run_slice, slices[1:])
            results: list[R] = _run_slice(slices[0])
            for part in theirs.get():
                results += part
    finally:
        _job = None
    return results
