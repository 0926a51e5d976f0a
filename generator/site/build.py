"""The pipeline, in one direction: files -> records -> index -> pages.

Builders (the MkDocs plugin, the CLI, or any other) call :func:`build` and
take its pages and assets; nothing here knows who builds the site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files as package_files
from typing import Any

from ..core.errors import Loc, Problem, ProblemsError
from ..core.history import History, read_history
from ..core.incremental import Forked, Memo, Runner, Stats
from ..core.index import Index, IndexCache, build_index
from ..core.load import FactBase, FileCache, Paths, hand_written, load
from ..core.model import KINDS
from ..core.parallel import default_workers
from ..core.urls import MARKDOWN, page_path, published
from ..exports.annotations import annotations_jsonld
from ..exports.datapackage import datapackage_json
from ..exports.export import csv_files, facts_json
from ..exports.ftm import ftm_files
from ..pages.reference import reference_markdown
from ..pages.render import OVERVIEWS, Asset, Page, render_pages, render_summary
from ..pages.views import DOWNLOADS, MORE_PAGES, Shared, derive

# Served from the site itself (no other host is ever asked for anything).
SCRIPTS = (
    "assets/factsheet/preview.js",
    "assets/factsheet/passages.js",
    "assets/factsheet/filter.js",
    "assets/factsheet/search.js",
)
STYLES = ("assets/factsheet/factsheet.css",)
# The theme's additions (JSON-LD in each page's head, the region Pagefind indexes), before its own templates.
THEME = package_files("generator").joinpath("theme")
# A hand-written page containing this line gets the summary (counts, the differences as cards) in its place.
SUMMARY_MARKER = "<!-- factsheet:summary -->"

REFERENCE_PAGE = "data-model.md"


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    index: Index
    # What the pages were derived with: the home page's summary reads it too, instead of deriving it again.
    derived: Mapping[str, Mapping[Any, Any]] = field(compare=False, repr=False)

    @cached_property
    def page_paths(self) -> frozenset[str]:
        return frozenset(p.path for p in self.pages)

    def summary(self, page_path: str) -> str:
        return render_summary(self.index, page_path, Shared(self.derived))


def check(paths: Paths, workers: int | None = None) -> tuple[Index, list[Problem]]:
    """Load and cross-check everything; the index is complete only when there are no problems.

    Files are parsed on ``workers`` cores (by default all of them, on Linux).
    """
    base, problems = load(paths, workers=default_workers() if workers is None else workers)
    index, more = build_index(base)
    return index, sorted(problems + more + shadowed(paths, index))


def shadowed(paths: Paths, index: Index) -> list[Problem]:
    """Files in the docs folder that MkDocs would publish where a generated page or file goes.

    MkDocs would keep one of the two without a word (a hand-written page at a
    record's path replaced the record's page), so the build stops instead. The
    further pages of long lists come and go with the number of records: their
    folder is kept free.
    """
    if paths.docs is None:
        return []
    docs = paths.show(paths.docs)
    made = _made(paths)
    problems = []
    for rel in hand_written(paths):
        what = "page" if rel[-1].endswith(MARKDOWN) else "file"
        dest = published("/".join(rel))
        if rel[0] == MORE_PAGES:
            message = (
                f"{MORE_PAGES}/ is where the generator publishes the further pages of its long lists; "
                f"move this hand-written {what} out of {docs}/{MORE_PAGES}/"
            )
        elif owner := made.get(dest) or _record_page_at(dest, index):
            message = (
                f"this hand-written {what} would be published at {dest.removesuffix('index.html')}, "
                f"in place of {owner}; rename or delete it"
            )
        else:
            continue
        problems.append(Problem(Loc("/".join((docs, *rel))), message))
    return problems


def _made(paths: Paths) -> dict[str, str]:
    """Where each generated page or file not of one record is published, and what makes it."""
    facts = paths.show(paths.facts)
    made = {}
    for kind in KINDS.values():
        if kind.has_pages:
            made[page_path(kind.name)] = f"the list of {kind.plural.lower()} generated from {facts}/{kind.folder}/"
    for path, title in OVERVIEWS.items():
        made[path] = f"the page '{title}' generated from all the records"
    made[REFERENCE_PAGE] = "the page 'Data model' generated from generator/core/model.py"
    for name in DOWNLOADS:
        made[name] = f"the download {name} generated from all the records"
    for path in (*STYLES, *SCRIPTS):
        made[path] = f"generator/assets/{path.rsplit('/', 1)[1]}, which every page loads"
    return {published(path): what for path, what in made.items()}


def _record_page_at(dest: str, index: Index) -> str | None:
    """The record file whose page is published at ``dest``, if one is.

    Looked up from the address rather than listed: at ten thousand records the
    list would cost every rebuild of ``mkdocs serve`` tens of milliseconds.
    """
    rec = index.base.records.get(posixpath.basename(posixpath.dirname(dest)))
    if rec is None or not KINDS[rec.KIND].has_pages or published(page_path(rec)) != dest:
        return None
    return f"the page generated from {index.base.origins[rec.id].file}"


def build(paths: Paths, history: History | None = None, workers: int | None = None) -> Site:
    """Every page and file of the site; ``history`` defaults to the repository's git log.

    Record pages are rendered on ``workers`` cores (by default all of them, on Linux).
    """
    workers = default_workers() if workers is None else workers
    index, problems = check(paths, workers)
    if problems:
        raise ProblemsError(problems)
    if history is None:
        history = read_history(paths, base=index.base)
    return _site(index, history, Forked(index, derive(index), workers=workers))


class SiteBuilder:
    """Builds the site again after every edit (``mkdocs serve``), redoing only what the edit touched.

    Its result is always what :func:`build` makes from the same files: a file
    is parsed again only when it changed, and a page or a row of the downloads
    is made again only when something it read changed (see :mod:`.incremental`).
    """

    def __init__(
        self, paths: Paths, history: Callable[[Paths, History | None, FactBase], History] = read_history
    ) -> None:
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
        found = problems + more + shadowed(self.paths, index)
        if found:
            raise ProblemsError(found)
        history = self._read_history(self.paths, self._history, base)
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
    assets += [Asset(name, data) for name, data in ftm_files(index, steps).items()]
    assets.append(Asset("annotations.jsonld", annotations_jsonld(index, steps)))
    assets.append(Asset("datapackage.json", datapackage_json()))
    for path in (*STYLES, *SCRIPTS):
        assets.append(Asset(path, package_files("generator").joinpath("assets", path.rsplit("/", 1)[1]).read_bytes()))
    return Site(tuple(pages), tuple(assets), index, steps.context.derived)
