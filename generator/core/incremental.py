"""Doing again only the work an edit touched, for builders that build many times.

Under ``mkdocs serve`` the site is rebuilt after every save. Every step of the
pipeline is a pure function of the index, so a step's result can be kept as
long as everything it read is unchanged. :class:`Memo` runs each step (one
page, one row of facts.json) against an index whose mappings note every key
read (:class:`Tracked`); after the next edit it compares the old and the new
index key by key and forgets exactly the results that read a changed key.
A step that walks a whole mapping depends on all of it.

Nothing here knows what a page is: the renderer and the exporter name their
steps, and a one-shot build uses :class:`Direct` (or :class:`Forked`, which
runs announced steps on several cores), which keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from .index import Index
from .load import FactBase
from .parallel import map_slices

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class _All:
    def __repr__(self) -> str:
        return "ALL"


ALL = _All()  # the key noted when a step walks a whole mapping: equal to no real key
_MISSING = object()

# The index's mappings by name: the unit in which reads are noted and changes found.
INDEX_MAPPINGS = ("by_kind", "cites", "passages", "citers", "furniture", "links_to", "links_from", "meta")
BASE_MAPPINGS = ("records", "origins", "texts", "unreadable")

Read = tuple[str, Hashable]


class Tracked(Mapping[K, V]):
    """A read-only mapping that notes which keys were read, or that all of it was."""

    __slots__ = ("_data", "_name", "_reads")

    def __init__(self, name: str, data: Mapping[K, V], reads: set[Read]) -> None:
        self._name = name
        self._data = data
        self._reads = reads

    def __getitem__(self, key: K) -> V:
        self._reads.add((self._name, key))
        return self._data[key]

    def get(self, key: K, default: Any = None) -> Any:
        self._reads.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._name, key))
        return key in self._data

    def __iter__(self) -> Iterator[K]:
        self._reads.add((self._name, ALL))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.add((self._name, ALL))
        return len(self._data)


def tracked_index(index: Index, reads: set[Read]) -> Index:
    """The same index, noting into ``reads`` every key a step looks up."""
    base = index.base
    tracked_base = FactBase(**{name: Tracked(name, getattr(base, name), reads) for name in BASE_MAPPINGS})
    mappings: dict[str, Any] = {name: Tracked(name, getattr(index, name), reads) for name in INDEX_MAPPINGS}
    return replace(index, base=tracked_base, **mappings)


def changed_keys(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> set[Any]:
    """Keys added, removed, or whose value differs (by identity first, then by equality)."""
    out = {k for k in old if k not in new}
    for k, v in new.items():
        before = old.get(k, _MISSING)
        if before is not v and before != v:
            out.add(k)
    return out


@dataclass(frozen=True)
class Context:
    """What a step may read: the index and the site-wide values derived from it."""

    index: Index
    derived: Mapping[str, Mapping[Any, Any]]  # e.g. numbers by measure, differences


class Direct:
    """Runs every step: for a one-shot build, where nothing is built twice."""

    def __init__(self, index: Index, derived: Mapping[str, Mapping[Any, Any]]) -> None:
        self.context = Context(index, derived)

    def run(self, key: Hashable, inputs: Hashable, step: Callable[[Context], T]) -> T:
        return step(self.context)

    def prefetch(self, items: Sequence[tuple[Hashable, Callable[[Context], Any]]]) -> None:
        """Steps about to be run, which a runner may start early (see :mod:`.parallel`)."""


class Forked(Direct):
    """Runs steps directly; steps announced with :meth:`prefetch` run in slices on ``workers`` cores.

    For a one-shot build on several cores (see :mod:`.parallel`).
    """

    def __init__(self, *args: Any, workers: int = 1) -> None:
        super().__init__(*args)
        self.workers = workers
        self._ready: dict[Hashable, Any] = {}

    def prefetch(self, items: Sequence[tuple[Hashable, Callable[[Context], Any]]]) -> None:
        context = self.context
        results = map_slices(lambda part: [step(context) for _, step in part], items, self.workers)
        self._ready = {key: value for (key, _), value in zip(items, results, strict=True)}

    def run(self, key: Hashable, inputs: Hashable, step: Callable[[Context], Any]) -> Any:
        if key in self._ready:
            return self._ready.pop(key)
        return step(self.context)


class Runner(Protocol):
    """What the renderer and the exporter call a step through: :class:`Direct` or :class:`Memo`."""

    @property
    def context(self) -> Context: ...

    def run(self, key: Hashable, inputs: Hashable, step: Callable[[Context], T]) -> T: ...

    def prefetch(self, items: Sequence[tuple[Hashable, Callable[[Context], Any]]]) -> None: ...


@dataclass
class _Kept:
    inputs: Hashable
    value: Any
    reads: frozenset[Read]


@dataclass(frozen=True)
class Stats:
    run: int  # steps computed in the last build
    kept: int  # steps whose earlier result was still right


class Memo:
    """Keeps each step's result until something it read changes."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, _Kept] = {}
        self._readers: dict[Read, set[Hashable]] = {}
        self._context: Context | None = None
        self._used: set[Hashable] = set()
        self._run = 0
        self._reused = 0

    def start(self, index: Index, derived: Mapping[str, Mapping[Any, Any]]) -> None:
        """Begin a build against a new index: forget every result that read something now different."""
        before = self._context
        self._context = Context(index, derived)
        self._used = set()
        self._run = self._reused = 0
        if before is None:
            return
        changed: list[Read] = []
        for name in BASE_MAPPINGS:
            changed += _reads(name, changed_keys(getattr(before.index.base, name), getattr(index.base, name)))
        for name in INDEX_MAPPINGS:
            changed += _reads(name, changed_keys(getattr(before.index, name), getattr(index, name)))
        for name in derived.keys() | before.derived.keys():
            changed += _reads(name, changed_keys(before.derived.get(name, {}), derived.get(name, {})))
        for read in changed:
            for key in self._readers.pop(read, ()):
                self._forget(key)

    @property
    def context(self) -> Context:
        assert self._context is not None, "start() comes first"
        return self._context

    def _forget(self, key: Hashable) -> None:
        kept = self._kept.pop(key, None)
        if kept is None:
            return
        for read in kept.reads:
            readers = self._readers.get(read)
            if readers is not None:
                readers.discard(key)

    def run(self, key: Hashable, inputs: Hashable, step: Callable[[Context], T]) -> T:
        """The step's result: kept from before if its inputs are equal and nothing it read changed."""
        self._used.add(key)
        kept = self._kept.get(key)
        if kept is not None and (kept.inputs is inputs or kept.inputs == inputs):
            self._reused += 1
            return kept.value  # type: ignore[no-any-return]
        assert self._context is not None, "start() comes first"
        self._forget(key)
        reads: set[Read] = set()
        context = Context(
            tracked_index(self._context.index, reads),
            {name: Tracked(name, values, reads) for name, values in self._context.derived.items()},
        )
        value = step(context)
        self._run += 1
        self._kept[key] = _Kept(inputs, value, frozenset(reads))
        for read in reads:
            self._readers.setdefault(read, set()).add(key)
        return value

    def prefetch(self, items: Sequence[tuple[Hashable, Callable[[Context], Any]]]) -> None:
        """Nothing to start early: most steps will be kept."""

    def finish(self) -> Stats:
        """End a build: drop the results of steps this build no longer has (deleted records)."""
        for key in [k for k in self._kept if k not in self._used]:
            self._forget(key)
        return Stats(self._run, self._reused)


def _reads(name: str, keys: set[Any]) -> list[Read]:
    return [(name, k) for k in keys] + ([(name, ALL)] if keys else [])
