"""The pipeline, in one direction: files -> records -> index -> pages.

Builders (the MkDocs plugin, the CLI, or any other) call :func:`build` and
take its pages and assets; nothing here knows who builds the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Problem, ProblemsError
from .export import facts_json
from .index import Index, build_index
from .load import Paths, load
from .reference import reference_markdown
from .render import Asset, Page, render_pages, render_summary

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


def build(paths: Paths) -> Site:
    index, problems = check(paths)
    if problems:
        raise ProblemsError(problems)
    pages = render_pages(index)
    pages.append(Page(REFERENCE_PAGE, "Data model", reference_markdown()))
    return Site(tuple(pages), (Asset("facts.json", facts_json(index)),), index)
