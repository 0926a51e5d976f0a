"""The pipeline, in one direction: files -> records -> index -> pages.

Builders (the MkDocs plugin, the CLI, or any other) call :func:`build` and
take its pages and assets; nothing here knows who builds the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files as package_files

from .errors import Problem, ProblemsError
from .export import csv_files, facts_json
from .history import History, read_history
from .index import Index, build_index
from .load import Paths, load
from .reference import reference_markdown
from .render import Asset, Page, render_pages, render_summary

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


def check(paths: Paths) -> tuple[Index, list[Problem]]:
    """Load and cross-check everything; the index is complete only when there are no problems."""
    base, problems = load(paths)
    index, more = build_index(base)
    return index, sorted(problems + more)


def build(paths: Paths, history: History | None = None) -> Site:
    """Every page and file of the site; ``history`` defaults to the repository's git log."""
    index, problems = check(paths)
    if problems:
        raise ProblemsError(problems)
    if history is None:
        history = read_history(paths)
    pages = render_pages(index, history)
    pages.append(Page(REFERENCE_PAGE, "Data model", reference_markdown()))
    assets = [Asset("facts.json", facts_json(index))]
    assets += [Asset(name, data) for name, data in csv_files(index).items()]
    for path in (*STYLES, *SCRIPTS):
        assets.append(Asset(path, package_files("generator").joinpath("assets", path.rsplit("/", 1)[1]).read_bytes()))
    return Site(tuple(pages), tuple(assets), index)
