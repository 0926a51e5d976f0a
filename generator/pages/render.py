"""Rendering: the index in, Markdown pages out. Pure and deterministic.

Record text reaches markup only through :mod:`generator.pages.markup`. Record text
never goes into a Markdown heading (the toc extension re-derives titles from
headings and Material prints them unescaped); page titles are set in front
matter, HTML-escaped, because MkDocs and Material print ``meta.title`` as is.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from ..core.history import History
from ..core.incremental import Context, Direct, Runner
from ..core.index import Index, label
from ..core.model import KINDS, Claim, Institution, NumberRecord, Person, Record, Source
from ..core.urls import page_path
from ..exports.jsonld import json_ld, script_json, tags
from .article import render_article
from .comparison import DifferencesView, HomeView
from .markup import finalize, html_text, md_code
from .timeline import Entry, entries, record_entries
from .views import (
    GROUPS_PER_PAGE,
    PER_PAGE,
    HistoryView,
    ListView,
    Pager,
    RecordView,
    Shared,
    View,
    chunks,
    derive,
    page_paths,
)


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: str  # relative to the docs folder, e.g. "people/donald-trump.md"
    title: str  # plain text; escaped when written
    markdown: str
    edit_path: str | None = None  # the YAML file behind it, relative to the repository


@dataclass(frozen=True)
class Asset:
    """A generated non-page file copied into the site as is."""

    path: str
    content: bytes


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=False,  # escaping is finalize's job: Markdown, not HTML, is the target
    finalize=finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    # Templates ship with the package: no need to stat them on every get_template.
    auto_reload=False,
)
_ENV.filters["h"] = html_text
_ENV.filters["code"] = md_code


# Pages of the whole fact base, at fixed paths: their titles. Each one's template is named <path>.j2.
OVERVIEWS = {
    "differences.md": "Where the sources differ",
    "timeline.md": "Timeline",
    "browse.md": "Browse all records",
    "corrections.md": "Changes and corrections",
    "relations.md": "Relations at a glance",
    "tags.md": "Tags",
    "search.md": "Search",
}

def front_matter(
    title: str, tag_words: Sequence[str] = (), jsonld: str | None = None, hide: Sequence[str] = ()
) -> str:
    # MkDocs and Material print meta values unescaped: the title is stored
    # HTML-escaped, tags are controlled words, and the JSON-LD is script-escaped.
    # Each value is a JSON string in plain ASCII, which YAML reads as a double-quoted
    # scalar: no character of a record can end it. Written raw, a line separator
    # (U+2028) was a line break to YAML, a following "---" closed the front matter,
    # and MkDocs, swallowing the YAML error, rendered it all as Markdown.
    lines = ["---", "title: " + json.dumps(str(html_text(title)))]
    if tag_words:
        lines.append("tags: " + json.dumps([str(html_text(t)) for t in tag_words]))
    if jsonld is not None:
        lines.append("factsheet_jsonld: " + json.dumps(jsonld))
    if hide:
        lines.append("hide: " + json.dumps(list(hide)))  # Material's sidebars, for a page that needs the width
    return "\n".join([*lines, "---", "", ""])


# Each template's view; the kind indexes, browse, tags, relations and search list records.
_VIEWS: dict[str, type[View]] = {
    **{f"{kind}.md.j2": RecordView for kind in ("person", "claim", "number", "source")},
    "timeline.md.j2": HistoryView,
    "corrections.md.j2": HistoryView,
    "differences.md.j2": DifferencesView,
    "summary.md.j2": HomeView,
}


# Pages that set the sources side by side use the whole width: no navigation or contents beside them.
_WIDE = {"differences.md.j2": ("navigation", "toc")}


def _page(
    index: Index,
    path: str,
    template: str,
    title: str,
    edit_path: str | None = None,
    history: History | None = None,
    record: Record | None = None,
    shared: Shared | None = None,
    **context: Any,
) -> Page:
    view = _VIEWS.get(template, ListView)(index, path, history, shared)
    body = _ENV.get_template(template).render(v=view, title=title, rec=record, **context)
    head = front_matter(title, hide=_WIDE.get(template, ()))
    if record is not None:
        head = front_matter(title, tags(index, record), script_json(json_ld(index, record)))
    return Page(path, title, head + body, edit_path)


def _list_pages(
    steps: Runner,
    first: str,
    title: str,
    template: str,
    items: Sequence[Any],
    per_page: int | None = PER_PAGE,
    history: History | None = None,
    **context: Any,
) -> list[Page]:
    """A long list as pages of ``per_page`` items: the first at ``first``, the rest under pages/.

    With ``per_page`` None, ``items`` are the pages' items already cut into pages.
    """
    cut = chunks(items, per_page) if per_page is not None else [tuple(chunk) for chunk in items] or [()]
    paths = page_paths(first, len(cut))
    pages = []
    for k, (path, chunk) in enumerate(zip(paths, cut, strict=True), start=1):
        page_title = title if k == 1 else f"{title} (page {k})"
        pager = Pager(paths, k)
        # The rows are an input: a page is kept while its rows, its place and what it read stay the same.
        inputs = (template, page_title, chunk, pager, tuple(sorted(context.items())))
        step = functools.partial(_list_step, path, template, page_title, chunk, pager, history, context)
        pages.append(steps.run(("page", path), inputs, step))
    return pages


def _list_step(
    path: str,
    template: str,
    title: str,
    chunk: tuple[Any, ...],
    pager: Pager,
    history: History | None,
    context: dict[str, Any],
    c: Context,
) -> Page:
    return _page(
        c.index, path, template, title, history=history, shared=Shared(c.derived), items=chunk, pager=pager, **context
    )


def render_pages(index: Index, history: History | None = None, steps: Runner | None = None) -> list[Page]:
    """Every generated page, in a stable order.

    ``steps`` runs each page's rendering: directly, or through a
    :class:`~generator.core.incremental.Memo` that keeps pages whose inputs did not change.
    """
    if steps is None:
        steps = Direct(index, derive(index))
    derived = steps.context.derived
    pages: list[Page] = []
    view = ListView(index, "", history, Shared(derived))
    lists = functools.partial(_list_pages, steps, history=history)
    record_steps = {
        rec_id: functools.partial(_record_step, rec_id, history)
        for kind in KINDS.values()
        if kind.has_pages
        for rec_id in index.by_kind[kind.name]
    }
    steps.prefetch([(("record", rec_id), step) for rec_id, step in record_steps.items()])
    for kind in (k for k in KINDS.values() if k.has_pages):
        if kind.name == "number":
            items: Sequence[Any] = view.measure_groups()
            per = GROUPS_PER_PAGE  # anchor_pages() cuts them the same way
        else:
            items, per = view.records(kind.name), PER_PAGE
        pages += lists(page_path(kind.name), kind.plural, f"index_{kind.name}.md.j2", items, per, kind=kind)
        for rec_id in index.by_kind[kind.name]:
            pages.append(steps.run(("record", rec_id), None, record_steps[rec_id]))

    def overview(path: str, items: Sequence[Any], per_page: int | None = PER_PAGE) -> list[Page]:
        return lists(path, OVERVIEWS[path], f"{path}.j2", items, per_page)

    # Its blocks weigh differently (a figure group, a table of whole quotes, a line): cut by weight.
    pages += overview("differences.md", DifferencesView(index, "", history, Shared(derived)).pages(), None)
    timeline = entries(index, lambda i: steps.run(("timeline", i), None, functools.partial(_entries_step, i)))
    pages += overview("timeline.md", timeline)
    pages += overview("browse.md", view.all_records())
    pages += overview("corrections.md", list(history.changes) if history is not None else [])
    for path in ("relations.md", "tags.md", "search.md"):
        step = functools.partial(_single_step, path, f"{path}.j2", OVERVIEWS[path], history)
        pages.append(steps.run(("page", path), None, step))
    return pages


def _entries_step(rec_id: str, c: Context) -> list[Entry]:
    return record_entries(c.index, rec_id)


def _record_step(rec_id: str, history: History | None, c: Context) -> Page:
    return render_record(c.index, c.index.record(rec_id), history, Shared(c.derived))


def _single_step(path: str, template: str, title: str, history: History | None, c: Context) -> Page:
    return _page(c.index, path, template, title, history=history, shared=Shared(c.derived))


def render_record(index: Index, rec: Record, history: History | None = None, shared: Shared | None = None) -> Page:
    path = page_path(rec)
    edit = index.base.origins[rec.id].file
    title = label(rec)
    if isinstance(rec, Source):
        article = render_article(index, rec, path)
        return _page(index, path, "source.md.j2", title, edit, history, rec, shared, article=article)
    template = {
        Person: "person.md.j2",
        Institution: "person.md.j2",
        Claim: "claim.md.j2",
        NumberRecord: "number.md.j2",
    }[type(rec)]
    return _page(index, path, template, title, edit, history, rec, shared)


def render_summary(index: Index, path: str, shared: Shared | None = None) -> str:
    """The block of counts and starting points shown on the hand-written home page."""
    return _ENV.get_template("summary.md.j2").render(v=HomeView(index, path, shared=shared))
