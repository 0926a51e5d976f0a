"""Helpers for the templates, one class per kind of page, bound to the page being rendered.

A template gets ``v``, a view of the index whose links are relative to its page.
The base class links records and evidence; each subclass adds what its kind of
page needs, the way the templates are split.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ..core import model
from ..core.fields import Choice
from ..core.history import Change, History
from ..core.index import Cite, Index, label, name
from ..core.model import KINDS, Measure, NumberRecord, Record, Unnamed, When
from ..core.stated import bound_of
from ..core.urls import page_path
from ..exports.jsonld import tags
from .article import fragment_url
from .differences import Differences, differences
from .graph import neighbourhood_svg, overview_svg
from .markup import excerpt, external_link, html_text, md_link, md_text, rel_link
from .timeline import Entry, when_of


def figure(num: NumberRecord) -> str:
    """The figure as the article gives it, qualifier kept and numbers with thousands separators:
    "nearly 19,500", "over 20,000", "up to 150,000", "200,000–300,000", "between 2 and 3"."""
    parts = [num.qualifier] if num.qualifier else []
    if num.value is not None:
        parts.append(format_number(num.value))
    elif num.low is not None and num.high is not None:
        low, high = format_number(num.low), format_number(num.high)
        # "between 2–3" is no one's English: after "between" the ends are joined by "and".
        between = bool(parts) and parts[-1].casefold().split()[-1:] == ["between"]
        parts.append(f"{low} and {high}" if between else f"{low}–{high}")
    elif (bound := num.low if num.low is not None else num.high) is not None:
        parts.append(format_number(bound))
    return " ".join(parts)


def has_number(num: NumberRecord) -> bool:
    """Whether a figure gives a number (a value, a range or a bound), rather than only words ("thousands")."""
    return num.value is not None or num.low is not None or num.high is not None


def format_number(value: Decimal) -> str:
    """A number with thousands separators, as a figure shows it: 19,500, 2.5."""
    return f"{value:,}" if value == value.to_integral_value() else f"{value:,f}"


# Lists longer than this are split into pages: no page grows with the fact base.
# Also what one save costs under `mkdocs serve`: each list page an edit touches is converted again.
PER_PAGE = 100
# Further pages of a list live here, outside the record folders (whose names are ids).
MORE_PAGES = "pages"


@dataclass(frozen=True)
class Pager:
    """Where a page of a long list is, among its siblings."""

    paths: tuple[str, ...]
    number: int  # 1-based


def page_paths(first: str, count: int) -> tuple[str, ...]:
    stem = first.removesuffix("/index.md").removesuffix(".md").replace("/", "-")
    return (first, *(f"{MORE_PAGES}/{stem}-{k}.md" for k in range(2, count + 1)))


DOWNLOADS = ("facts.json", *(f"{KINDS[k].folder}.csv" for k in ("source", "person", "institution", "claim", "number")))


def derive(index: Index) -> dict[str, Mapping[Any, Any]]:
    """What many pages need, computed once per build rather than once per page."""
    numbers_by_measure: dict[str | None, list[NumberRecord]] = {}
    for i in index.by_kind["number"]:
        num = index.record(i)
        assert isinstance(num, NumberRecord)
        numbers_by_measure.setdefault(num.measure, []).append(num)
    return {
        "numbers_by_measure": numbers_by_measure,
        "differences": {"all": differences(index)},
        "record_by_file": {o.file: rec_id for rec_id, o in index.base.origins.items()},
    }


class Shared:
    """The derived values, as the pages read them (through the step's context, so reads are noted)."""

    def __init__(self, derived: Mapping[str, Mapping[Any, Any]]) -> None:
        self.derived = derived

    @property
    def numbers_by_measure(self) -> Mapping[str | None, list[NumberRecord]]:
        return self.derived["numbers_by_measure"]

    @property
    def differences(self) -> Differences:
        return self.derived["differences"]["all"]  # type: ignore[no-any-return]

    @property
    def record_by_file(self) -> Mapping[str, str]:
        return self.derived["record_by_file"]


class View:
    """Helpers for templates, bound to the page being rendered (links are relative to it)."""

    def __init__(self, index: Index, path: str, history: History | None = None, shared: Shared | None = None) -> None:
        self.index = index
        self.path = path
        self.history = history or History(False, why_not="no history was read")
        self._shared = shared

    @cached_property
    def shared(self) -> Shared:
        # Derived only when a page asks (the home page's summary does not).
        return self._shared or Shared(derive(self.index))

    def ref(self, rec_id: str) -> Markup:
        """A link to a record, named as links name it (a source by its short name)."""
        rec = self.index.record(rec_id)
        if isinstance(rec, Measure):
            return md_link(rec.label, rel_link(self.path, page_path("number"), f"measure-{rec.id}"))
        return md_link(name(self.index, rec_id), rel_link(self.path, page_path(rec)))

    def listing(self, words: Iterable[str]) -> Markup:
        """Plain words joined by commas (the separator is markup: finalize would trim its space)."""
        return Markup(", ").join(md_text(w) for w in words)

    def refs(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.ref(i) for i in ids)

    def party(self, p: str | Unnamed) -> Markup:
        if isinstance(p, str):
            return self.ref(p)
        out = md_text(p.unnamed)
        if p.of:
            out += Markup(" (") + self.ref(p.of) + Markup(")")
        return out

    def parties(self, ps: Sequence[str | Unnamed], none: str = "not stated") -> Markup:
        if not ps:
            return Markup(f"*{none}*")
        return Markup(", ").join(self.party(p) for p in ps)

    def cite(self, c: Cite) -> Markup:
        """A quote linking to its highlighted passage, with the source named."""
        src = self.index.record(c.source)
        href = rel_link(self.path, page_path(src), c.anchor)
        return md_link(f"“{excerpt(c.quote)}”", href) + Markup(" — ") + self.ref(c.source)

    def cites_at(self, rec_id: str, prefix: tuple[str | int, ...]) -> list[Cite]:
        """The record's citations found under a field path, e.g. ``("relations", 0)``."""
        return [c for c in self.index.cites.get(rec_id, ()) if c.path[: len(prefix)] == prefix]

    def cite_list(self, cites: Sequence[Cite]) -> Markup:
        """Quotes for a table cell: links to the passages, one per line."""
        if not cites:
            return Markup("*none located*")
        return Markup("<br>").join(
            md_link(f"“{excerpt(c.quote)}”", rel_link(self.path, page_path(self.index.record(c.source)), c.anchor))
            + self.on_publisher(c)
            for c in cites
        )

    def on_publisher(self, c: Cite) -> Markup:
        """A link to the passage on the publisher's own page, where the source has an address."""
        url = fragment_url(self.index, c.source, c.span)
        if url is None:
            return Markup("")
        title = f"This passage on the publisher's page ({label(self.index.record(c.source))})"
        return Markup(' <a class="fs-external" href="{}" rel="nofollow noopener" title="{}">↗</a>').format(
            html_text(url), html_text(title)
        )

    def resolved(self, w: When | None, source: str, rec_id: str) -> Markup:
        """A time as the article words it, with the date given or worked out, and how.

        Every page that shows when something was said or happened comes here, with the
        same resolution (:func:`.timeline.when_of`), so one statement has one date.
        """
        if w is None:
            return Markup("*not stated*")
        r = when_of(self.index, w, source)
        how = Markup(" <small>") + html_text(r.how) + Markup("</small>") if r.how != "given by the editor" else ""
        return md_text(f"“{w.text}”") + Markup(" — ") + self.date(r.date, rec_id, source) + how

    def date(self, date: str | None, rec_id: str, source: str | None, unknown: str = "date unknown") -> Markup:
        """A statement's date, marked with the statement (record and source) it belongs to."""
        statement = html_text(f"{rec_id}@{source or ''}")
        if date is None:
            return Markup('<span class="fs-date" data-statement="{}"><em>{}</em></span>').format(statement, unknown)
        return Markup('<time class="fs-date" datetime="{0}" data-statement="{1}">{0}</time>').format(
            html_text(date), statement
        )

    def as_of(self, num: NumberRecord) -> Markup:
        """A figure's date, worked out against the article that gives it."""
        cites = self.cites_at(num.id, ("citations",))
        source = cites[0].source if cites else num.citations[0].source
        return self.resolved(num.as_of, source, num.id)

    def page_link(self, path: str, text: str) -> Markup:
        return md_link(text, rel_link(self.path, path))

    def pager(self, pager: Pager | None) -> Markup:
        """Links to every page of a long list; nothing when it fits on one."""
        if pager is None or len(pager.paths) == 1:
            return Markup("")
        links = [
            Markup(f"**{k}**") if k == pager.number else md_link(str(k), rel_link(self.path, p))
            for k, p in enumerate(pager.paths, start=1)
        ]
        return Markup(f"Page {pager.number} of {len(pager.paths)}: ") + Markup(" · ").join(links)

    def unknown(self, what: str = "unknown") -> Markup:
        return Markup(f"*{md_text(what)}*")

    def passage_count(self, source_id: str) -> int:
        return len(self.index.passages.get(source_id, ()))

    def figures(self, measure_id: str) -> list[NumberRecord]:
        return self.shared.numbers_by_measure.get(measure_id, [])

    def unmeasured(self) -> list[NumberRecord]:
        return self.shared.numbers_by_measure.get(None, [])

    def number_link(self, num: NumberRecord) -> Markup:
        text = f"{figure(num)} {num.unit}" if has_number(num) else f"{figure(num)} ({num.unit})"
        return md_link(text, rel_link(self.path, page_path(num)))

    def figure(self, num: NumberRecord) -> str:
        return figure(num)

    def number_rows(self, num: NumberRecord) -> list[tuple[str, Markup]]:
        """The figure's numbers as the record gives them, each in a row of the number page."""
        if num.low is not None and num.high is not None:
            return [("From", md_text(str(num.low))), ("To", md_text(str(num.high)))]
        end, n = ("Lower bound", num.low) if num.low is not None else ("Upper bound", num.high)
        if n is None:
            return [("Exact value", md_text(str(num.value)) if num.value is not None else self.unknown("not given"))]
        bound = bound_of(num.qualifier) if num.qualifier else None
        if bound is None:
            return [(end, md_text(str(n)))]
        # Whether the number itself is counted is in the qualifier's words; the row says which.
        counted = "included" if bound.inclusive else "not included"
        return [(end, md_text(f"{n}, itself {counted} (“{bound.words}”)"))]

    def record(self, rec_id: str) -> Record:
        return self.index.record(rec_id)

    def records_of(self, ids: Iterable[str]) -> list[Record]:
        return [self.index.record(i) for i in ids]

    def records(self, kind: str) -> list[Record]:
        return [self.index.record(i) for i in self.index.by_kind[kind]]

    def kind_of(self, rec_id: str) -> str:
        return KINDS[self.index.kind(rec_id)].singular

    def count(self, kind: str) -> int:
        return len(self.index.by_kind[kind])

    def meaning(self, choice: Choice, value: str) -> str:
        return choice.meanings[value]

    @cached_property
    def status(self) -> Choice:
        return model.STATUS

    @cached_property
    def category(self) -> Choice:
        return model.CATEGORY



class RecordView(View):
    """A record's page: person, institution, claim, number or source."""

    def graph(self, rec_id: str) -> Markup:
        svg = neighbourhood_svg(self.index, self.path, rec_id)
        return svg if svg is not None else Markup("")

    def said_by(self, rec_id: str) -> list[str]:
        claimed = self.linked_by(rec_id, "claimed by")
        return claimed + [i for i in self.linked_by(rec_id, "stated by") if i not in claimed]

    def said_about(self, rec_id: str) -> list[str]:
        return self.linked_by(rec_id, "is about")

    def last_changed(self, rec_id: str) -> Markup:
        file = self.index.base.origins[rec_id].file
        change = self.history.last.get(file)
        corrections = rel_link(self.path, "corrections.md")
        if not self.history.available or change is None:
            return Markup("*Change history not available.*")
        return (
            md_text(f"Last changed {change.date}: {change.subject}")
            + Markup(" · ")
            + md_link("all changes", corrections)
        )

    def meta_quote(self, meta: object | None) -> Markup:
        quote = getattr(meta, "quote", None)
        return md_text(f"“{excerpt(quote)}”") if quote else Markup("")

    def external(self, url: str) -> Markup:
        return external_link(url)

    def linked_by(self, rec_id: str, role: str) -> list[str]:
        return [lk.source for lk in self.index.links_to.get(rec_id, ()) if lk.role == role]

    def backlink_groups(self, rec_id: str) -> list[tuple[str, Markup]]:
        """What refers to this record, grouped under a heading that reads from its side."""
        groups: dict[str, list[Markup]] = {}
        for link in self.index.links_to.get(rec_id, ()):
            if link.role in _BACKLINK_HEADINGS:
                heading = _BACKLINK_HEADINGS[link.role]
                item = self.ref(link.source)
            else:  # a relation, e.g. Melania Trump is "wife of" this record
                heading = "Related"
                item = (
                    self.ref(link.source)
                    + Markup(" (")
                    + md_text(f"{link.role} {label(self.index.record(rec_id))}")
                    + Markup(")")
                )
            members = groups.setdefault(heading, [])
            if item not in members:
                members.append(item)
        return [(h, Markup(", ").join(items)) for h, items in groups.items()]


class ListView(View):
    """Lists of records: the kind indexes, browse, tags and relations."""

    def tag_cell(self, rec: Record) -> Markup:
        return Markup('<span class="fs-tags">{}</span>').format(html_text(", ".join(tags(self.index, rec))))

    def filter_bar(self, recs: Sequence[Record]) -> Markup:
        """Buttons that show only the rows with a tag (the script in assets/factsheet/filter.js)."""
        found = sorted({t for r in recs for t in tags(self.index, r)})
        buttons = "".join(
            str(
                Markup('<button type="button" class="md-tag" aria-pressed="false" data-tag="{0}">{0}</button>').format(
                    html_text(t)
                )
            )
            for t in found
        )
        return Markup(
            '<div class="fs-filter" role="group" aria-label="Show only records tagged" hidden>'
            '<span class="fs-filter-label">Show only:</span> {}</div>'
        ).format(Markup(buttons))

    def measure_groups(self) -> list[str | None]:
        """The numbers page's groups: each measure, then the figures measuring nothing (None)."""
        groups: list[str | None] = list(self.index.by_kind["measure"])
        return [*groups, None] if self.unmeasured() else groups

    def all_records(self) -> list[Record]:
        return [r for kind in ("person", "institution", "claim", "number", "source") for r in self.records(kind)]

    def tag_counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for kind in ("person", "institution", "claim", "number", "source"):
            for r in self.records(kind):
                for t in tags(self.index, r):
                    counts[t] = counts.get(t, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def overview_graph(self) -> Markup:
        return overview_svg(self.index, self.path)

    def tags(self, rec: Record) -> tuple[str, ...]:
        return tags(self.index, rec)


class HistoryView(View):
    """Pages in time order: the timeline and the changes and corrections."""

    def changed_files(self, ch: Change) -> Markup:
        """The records a change touched: links where the record still exists, else its file name."""
        items = []
        for f in ch.files:
            rec_id = self.shared.record_by_file.get(f.path)
            what = self.ref(rec_id) if rec_id and f.status != "removed" else md_text(f.path)
            items.append(md_text(f.status) + Markup(" ") + what)
        return Markup("<br>").join(items)

    def entry_when(self, e: Entry) -> Markup:
        date = self.date(e.date, e.record, e.source, unknown="undated")
        if e.wording is None:
            return date
        return (
            date
            + Markup(" — ")
            + md_text(f"“{e.wording}”")
            + Markup(" <small>")
            + html_text(e.how)
            + Markup("</small>")
        )


_BACKLINK_HEADINGS = {
    "claimed by": "Claims made",
    "reported by": "Claims reported",
    "stated by": "Figures given",
    "is about": "Claims about this",
    "counter-claim": "Countered by",
    "publisher": "Published",
    "measure": "Figures",
    "unnamed party belongs to": "Unnamed members",
}
