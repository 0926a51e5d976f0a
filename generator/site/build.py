"""The pipeline, in one direction: files -> records -> index -> pages.

Builders (the MkDocs plugin, the CLI, or any other) call :func:`build` and
take its pages and assets; nothing here knows who builds the site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files as package_files

from ..core.errors import Problem, ProblemsError
from ..core.history import History, read_history
from ..core.incremental import Forked, Memo, Runner, Stats
from ..core.index import Index, IndexCache, build_index
from ..core.load import FileCache, Paths, load
from ..core.parallel import default_workers
from ..exports.export import csv_files, facts_json
from ..pages.reference import reference_markdown
from ..pages.render import Asset, Page, derive, render_pages, render_summary

# Served from the site itself (no other host is ever asked for anything).
SCRIPTS = (
    "assets/factsheet/preview.js",
    "assets/factsheet/filter.js",
    "assets/factsheet/search.js",
)
STYLES = ("assets/factsheet/factsheet.css",)

REFERENCE_PAGE = "data-model.md"


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    index: Index

    def summary(self, page_path: str) -> str:
        return render_summary(self.index, page_path)


def check(paths: Paths, workers: int | None = None) -> tuple[Index, list[Problem]]:
    """Load and cross-check everything; the index is complete only when there are no problems.

    Files are parsed on ``workers`` cores (by default all of them, on Linux).
    """
    base, problems = load(paths, workers=default_workers() if workers is None else workers)
    index, more = build_index(base)
    return index, sorted(problems + more)


def build(paths: Paths, history: History | None = None, workers: int | None = None) -> Site:
    """Every page and file of the site; ``history`` defaults to the repository's git log.

    Record pages are rendered on ``workers`` cores (by default all of them, on Linux).
    """
    workers = default_workers() if workers is None else workers
    index, problems = check(paths, workers)
    if problems:
        raise ProblemsError(problems)
    if history is None:
        history = read_history(paths)
    return _site(index, history, Forked(index, derive(index), workers=workers))


class SiteBuilder:
    """Builds the site again after every edit (``mkdocs serve``), redoing only what the edit touched.

    Its result is always what :func:`build` makes from the same files: a file
    is parsed again only when it changed, and a page or a row of the downloads
    is made again only when something it read changed (see :mod:`.incremental`).
    """

    def __init__(self, paths: Paths, history: Callable[[Paths, History | None], History] = read_history) -> None:
        self.paths = paths
        self._read_history = history
        self._files = FileCache()
        self._index = IndexCache()
        self._memo = Memo()
        self._history: History | None = None
        self.stats = Stats(0, 0)

    def build(self) -> Site:
        base, problems = load(self.paths, self._files)
        index, more = build_index(base, self._index)
        if problems or more:
            raise ProblemsError(sorted(problems + more))
        history = self._read_history(self.paths, self._history)
        if history != self._history:
            # A commit changes "last changed" lines everywhere: start afresh.
            self._memo = Memo()
            self._history = history
        self._memo.start(index, derive(index))
        site = _site(index, history, self._memo)
        self.stats = self._memo.finish()
        return site


def _site(index: Index, history: History, steps: Runner) -> Site:
    pages = render_pages(index, history, steps)
    pages.append(Page(REFERENCE_PAGE, "Data model", reference_markdown()))
    assets = [Asset("facts.json", facts_json(index, steps))]
    assets += [Asset(name, data) for name, data in csv_files(index, steps).items()]
    for path in (*STYLES, *SCRIPTS):
        assets.append(Asset(path, package_files("generator").joinpath("assets", path.rsplit("/", 1)[1]).read_bytes()))
    return Site(tuple(pages), tuple(assets), index)
