"""Helpers for the templates, one class per kind of page, bound to the page being rendered.

A template gets ``v``, a view of the index whose links are relative to its page.
The base class links records and evidence; each subclass adds what its kind of
page needs, the way the templates are split.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from markupsafe import Markup

from ..core import model
from ..core.factlog import ADDED, NOT_COMPARED, REMOVED, FactChange
from ..core.fields import Choice
from ..core.figures import figure, has_number
from ..core.hedges import hedges_in
from ..core.history import Change, History
from ..core.index import Cite, Index, Link, label, name
from ..core.model import (
    KINDS,
    Account,
    Claim,
    Institution,
    Measure,
    NumberRecord,
    Person,
    Record,
    Source,
    Unnamed,
    When,
)
from ..core.stated import bound_of
from ..core.text import normalise
from ..core.urls import page_path
from ..exports.jsonld import tags
from .article import fragment_url
from .changes import sentence
from .differences import Differences, differences, numbers_by_measure
from .graph import neighbourhood_svg, overview_svg
from .markup import and_join, excerpt, external_link, html_text, md_link, md_text, rel_link
from .timeline import Entry, when_of

T = TypeVar("T")


def according_to(index: Index, claim: Claim) -> str | None:
    """ "According to Ukraine", naming every claimant of the claim's accounts; None where no account names one."""
    names = dict.fromkeys(
        name(index, p) if isinstance(p, str) else p.unnamed for a in claim.accounts for p in a.claimants
    )
    if not names:
        return None
    return "According to " + and_join(list(names))




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


# The numbers page lists figures by measure: a group holds several figures, so fewer groups a page.
GROUPS_PER_PAGE = PER_PAGE // 10


def page_paths(first: str, count: int) -> tuple[str, ...]:
    stem = first.removesuffix("/index.md").removesuffix(".md").replace("/", "-")
    return (first, *(f"{MORE_PAGES}/{stem}-{k}.md" for k in range(2, count + 1)))


def chunks(items: Sequence[T], per_page: int) -> list[tuple[T, ...]]:
    """A long list cut into its pages' items (one empty page for no items)."""
    return [tuple(items[i : i + per_page]) for i in range(0, len(items), per_page)] or [()]


def measure_groups(index: Index, numbers_by_measure: Mapping[str | None, list[NumberRecord]]) -> list[str | None]:
    """The numbers page's groups: each measure, then the figures measuring nothing (None)."""
    groups: list[str | None] = list(index.by_kind["measure"])
    return [*groups, None] if numbers_by_measure.get(None) else groups


def anchor_pages(index: Index, numbers_by_measure: Mapping[str | None, list[NumberRecord]]) -> dict[str, str]:
    """Which page of a long list holds each anchor its items carry, by anchor.

    A link to an item of a list cut into pages must go to the page the item is on, not the
    first: the numbers page's measures are the anchored items today (see index_number.md.j2).
    """
    groups = chunks(measure_groups(index, numbers_by_measure), GROUPS_PER_PAGE)
    paths = page_paths(page_path("number"), len(groups))
    return {f"measure-{m}": path for path, group in zip(paths, groups, strict=True) for m in group if m is not None}


# The site's own formats, then each standard with its files: the home page names the standard.
OWN_DOWNLOADS = (
    "facts.json",
    *(f"{KINDS[k].folder}.csv" for k in ("source", "person", "institution", "claim", "number")),
)
STANDARD_DOWNLOADS = {
    "Frictionless": ("datapackage.json",),
    "FollowTheMoney": ("ftm.json", "statements.csv"),
    "W3C Web Annotation": ("annotations.jsonld",),
}
DOWNLOADS = (*OWN_DOWNLOADS, *(name for names in STANDARD_DOWNLOADS.values() for name in names))


def derive(index: Index) -> dict[str, Mapping[Any, Any]]:
    """What many pages need, computed once per build rather than once per page."""
    by_measure = numbers_by_measure(index)
    return {
        "numbers_by_measure": by_measure,
        "anchor_pages": anchor_pages(index, by_measure),
        "differences": {"all": differences(index, by_measure)},
        # A source's article text names the source too: a change to it is a change to the source.
        "record_by_file": {
            **{src.file: src.id for src in map(index.record, index.by_kind["source"]) if isinstance(src, Source)},
            **{o.file: rec_id for rec_id, o in index.base.origins.items()},
        },
    }


class Shared:
    """The derived values, as the pages read them (through the step's context, so reads are noted)."""

    def __init__(self, derived: Mapping[str, Mapping[Any, Any]]) -> None:
        self.derived = derived

    @property
    def numbers_by_measure(self) -> Mapping[str | None, list[NumberRecord]]:
        return self.derived["numbers_by_measure"]

    @property
    def anchor_pages(self) -> Mapping[str, str]:
        return self.derived["anchor_pages"]

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
        # Derived here only for a page rendered on its own (a test, a golden page); a build passes its own.
        return self._shared or Shared(derive(self.index))

    def ref(self, rec_id: str) -> Markup:
        """A link to a record, named as links name it (a source by its short name).

        A claim says whose it is ("According to Ukraine: …") unless every source states it
        in its own voice: a list of claims must not read as a list of facts.
        """
        rec = self.index.record(rec_id)
        if isinstance(rec, Measure):
            anchor = f"measure-{rec.id}"
            return md_link(rec.label, rel_link(self.path, self.shared.anchor_pages[anchor], anchor))
        link = md_link(name(self.index, rec_id), rel_link(self.path, page_path(rec)))
        voice = according_to(self.index, rec) if isinstance(rec, Claim) else None
        return md_text(f"{voice}:") + Markup(" ") + link if voice else link

    def says(self, claim: Claim) -> Markup:
        """Whose statement it is, across the accounts: the claimants, or the articles in their own voice."""
        voice = according_to(self.index, claim)
        own = [a.source for a in claim.accounts if a.own_voice]
        parts = []
        if voice:
            named = dict.fromkeys(p for a in claim.accounts for p in a.claimants)
            parts.append(self.parties(tuple(named)))
        if own:
            parts.append(Markup("{} in {} own voice").format(self.refs(own), "its" if len(own) == 1 else "their"))
        return Markup("; ").join(parts)

    def hedges(self, a: Account) -> Markup:
        """The article's words of doubt in this account's quotes, kept visible ("reportedly", "credible reports")."""
        found = [words for p in a.quotes for hedge, words in hedges_in(p.quote) if not hedge.attribution]
        if not found:
            return Markup("*no hedge*")
        return Markup(", ").join(md_text(f"“{w}”") for w in dict.fromkeys(found))

    def any_hedges(self, claim: Claim) -> bool:
        return any(not h.attribution for a in claim.accounts for p in a.quotes for h, _ in hedges_in(p.quote))

    def voice(self, a: Account) -> Markup:
        """Who asserts it in one account: its claimants, or the article in its own voice."""
        return Markup("*the article, in its own voice*") if a.own_voice else self.parties(a.claimants)

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

    def quote_link(self, c: Cite) -> Markup:
        """A cited passage's opening words, as the article prints them, linking to it highlighted."""
        href = rel_link(self.path, page_path(self.index.record(c.source)), c.anchor)
        return md_link(f"“{excerpt(self.index.cited(c))}”", href)

    def cite(self, c: Cite) -> Markup:
        """A quote linking to its highlighted passage, with the source named."""
        return self.quote_link(c) + Markup(" — ") + self.ref(c.source)

    def cites_at(self, rec_id: str, prefix: tuple[str | int, ...]) -> list[Cite]:
        """The record's citations found under a field path, e.g. ``("relations", 0)``."""
        return [c for c in self.index.cites.get(rec_id, ()) if c.path[: len(prefix)] == prefix]

    def cite_list(self, cites: Sequence[Cite]) -> Markup:
        """Quotes for a table cell: links to the passages, one per line."""
        if not cites:
            return Markup("*none located*")
        return Markup("<br>").join(self.quote_link(c) + self.on_publisher(c) for c in cites)

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
        same resolution (:func:`.timeline.when_of`), so one statement has one date. HTML,
        which reads the same in a Markdown table and inside the comparison's raw HTML.
        """
        if w is None:
            return Markup("<em>not stated</em>")
        r = when_of(self.index, w, source)
        how = Markup(" <small>{}</small>").format(html_text(r.how)) if r.how != "given by the editor" else Markup("")
        return html_text(f"“{w.text}”") + Markup(" — ") + self.date(r.date, rec_id, source) + how

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
        """The claims and figures the record made or gave, each listed here and nowhere else."""
        return self._listed(rec_id, "said")

    def said_about(self, rec_id: str) -> list[str]:
        return self._listed(rec_id, "about")

    def related_from(self, rec_id: str) -> list[Markup]:
        """Others' relations to this record, worded from their side, each with its evidence."""
        items = []
        for link in self.index.links_to.get(rec_id, ()):
            other = self.index.record(link.source)
            if self._list_of(link) != "relations" or not isinstance(other, (Person, Institution)):
                continue
            for i, r in enumerate(other.relations):
                if r.to == rec_id and r.relation == link.role:
                    what = md_text(f"{r.relation} {label(self.record(rec_id))}")
                    cites = (Markup(" · ") + self.cite(c) for c in self.cites_at(other.id, ("relations", i)))
                    items.append(self.ref(other.id) + Markup(" — ") + what + Markup("").join(cites))
        return items

    def counter_claims(self, rec_id: str) -> list[str]:
        """The claim's counter-claims and the claims naming it as theirs: contradiction goes both ways."""
        rec = self.index.record(rec_id)
        own = list(rec.counter_claims) if isinstance(rec, Claim) else []
        return own + [i for i in self._listed(rec_id, "counter") if i not in own]

    def also(self, rec_id: str, other: str) -> Markup:
        """What else ``other`` is to this record, where it is listed for one reason of several."""
        placed = self._placement(rec_id)[other]
        them = "them" if self.index.kind(rec_id) in ("person", "institution") else "it"
        named = label(self.record(rec_id))
        notes: dict[str, None] = {}  # ordered, each once
        for link in self._links_from(rec_id).get(other, ()):
            if self._list_of(link) not in (None, placed):
                notes[_ALSO.get(link.role, "also {role} {name}").format(them=them, role=link.role, name=named)] = None
        return Markup(" <small>({})</small>").format(html_text("; ".join(notes))) if notes else Markup("")

    def _links_from(self, rec_id: str) -> dict[str, list[Link]]:
        """The links to this record, by the record they come from: each listed item reads its own,
        where scanning them all per item would cost a much-cited person's page the square."""
        if rec_id not in self._by_source:
            by_source: dict[str, list[Link]] = {}
            for link in self.index.links_to.get(rec_id, ()):
                by_source.setdefault(link.source, []).append(link)
            self._by_source[rec_id] = by_source
        return self._by_source[rec_id]

    @cached_property
    def _by_source(self) -> dict[str, dict[str, list[Link]]]:
        return {}

    def backlink_groups(self, rec_id: str) -> list[tuple[str, Markup]]:
        """What refers to this record and is listed nowhere else on its page, under headings that read
        from its side; a record referring for several reasons is listed once, with the others noted."""
        placement = self._placement(rec_id)
        groups: dict[str, dict[Markup, None]] = {h: {} for h in _LINKED_ORDER}  # ordered, each once
        for link in self.index.links_to.get(rec_id, ()):
            heading = self._list_of(link)
            if heading is None or placement[link.source] != heading or heading not in groups:
                continue
            groups[heading].setdefault(self.ref(link.source) + self.also(rec_id, link.source))
        return [(h, Markup(" · ").join(items)) for h, items in groups.items() if items]

    def _list_of(self, link: Link) -> str | None:
        """Which list of the target's page names the record behind ``link``: a section of its own
        kind of page, or a heading under "Linked from"; None for a citation, which the source's
        page lists under the passage cited."""
        if link.role == "source":
            return None
        target, source = self.index.kind(link.target), self.index.kind(link.source)
        if target in ("person", "institution"):
            if source in ("person", "institution"):
                return "relations"  # only relations link people and institutions
            if link.role in ("claimed by", "stated by"):
                return "said"
            if link.role == "is about":
                return "about"
        if target == "claim" and link.role == "counter-claim":
            return "counter"
        return _BACKLINK_HEADINGS.get(link.role, "Related")

    def _placement(self, rec_id: str) -> dict[str, str]:
        """For each record referring to this one, the one list of its page that names it: the first,
        in page order, of the lists its reasons belong to."""
        if rec_id not in self._placements:
            placement: dict[str, str] = {}
            for link in self.index.links_to.get(rec_id, ()):
                where = self._list_of(link)
                if where is not None:
                    now = placement.get(link.source)
                    if now is None or _LIST_ORDER.index(where) < _LIST_ORDER.index(now):
                        placement[link.source] = where
            self._placements[rec_id] = placement
        return self._placements[rec_id]

    @cached_property
    def _placements(self) -> dict[str, dict[str, str]]:
        return {}

    def _listed(self, rec_id: str, where: str) -> list[str]:
        placement = self._placement(rec_id)
        found = [lk.source for lk in self.index.links_to.get(rec_id, ()) if self._list_of(lk) == where]
        # Claims before figures, as links_to sorts by kind; each once.
        return [i for i in dict.fromkeys(found) if placement[i] == where]

    def _files(self, rec_id: str) -> list[str]:
        """The files a record is made of: its YAML and, for a source, the article's text."""
        rec = self.index.record(rec_id)
        files = [self.index.base.origins[rec_id].file]
        return [*files, rec.file] if isinstance(rec, Source) else files

    def updated(self, rec_id: str) -> Markup:
        """When the record last changed. Never the commit's words: those are written for developers."""
        last = self.history.last
        dates = [last[f].date for f in self._files(rec_id) if f in last]
        if not self.history.available or not dates:
            return Markup("*Change history not available.*")
        return (
            md_text(f"Updated {max(dates)}")
            + Markup(" · ")
            + md_link("all changes and corrections", rel_link(self.path, "corrections.md"))
        )

    def changes(self, rec_id: str) -> list[Markup]:
        """The record's changes, newest first, each dated: what changed in its facts, and the note
        of every correction to it (a later update hides none). Never the words of a commit but
        its Correction trailers; a change that altered none of its facts shows only for a note."""
        files = self._files(rec_id)
        text = files[1] if len(files) > 1 else None
        found = {ch.key: (ch, facts) for ch, facts in self.history.by_record.get(rec_id, ())}
        for f in files:
            for ch in self.history.by_file.get(f, ()):
                if ch.corrections or f == text:
                    found.setdefault(ch.key, (ch, ()))
        ordered = sorted(found.values(), key=lambda entry: self.history.position.get(entry[0].key, 0))
        added = [ch for ch, facts in ordered if _added(facts)]
        first = added[-1] if added else None
        text_changed = {ch.key for ch in self.history.by_file.get(text, ())} if text else set()
        items = []
        for ch, facts in ordered:
            said = [
                sentence(self.index, fc)
                for fc in facts
                # Its first addition is no news on its own page; being added again after a removal is.
                if fc.change != NOT_COMPARED and not (fc.path == () and ch is first)
            ]
            if ch.key in text_changed and not _added(facts):
                said.append(Markup("Article text changed."))
            if said or ch.corrections:
                items.append(_dated(ch, said))
        return items

    def meta_quote(self, source: Source, name: str) -> Markup:
        """The passage showing a source's title, publisher or date, as the article prints it; for a value
        the editor gave, that the text does not show it."""
        meta = getattr(source, name)
        if meta is None:
            return Markup("")
        if meta.quote is None:
            return self.unknown("not in the text")
        span = self.index.meta.get((source.id, name))
        words = self.index.printed(source.id, span, meta.quote) if span is not None else meta.quote
        return md_text(f"“{excerpt(words)}”")
    def from_editor(self, meta: model.SourceMeta | None) -> Markup:
        """The mark on a value the editor gave: whose it is and where it was taken from, never shown as evidence."""
        if meta is None or meta.from_editor is None:
            return Markup("")
        return _EDITOR_MARK.format(html_text(f"from the editor: {meta.from_editor}"))

    def url_printed(self, rec: Source) -> bool:
        """Whether the article's text prints its own address; otherwise the address is the editor's."""
        text = self.index.base.texts.get(rec.id)
        return rec.url is not None and text is not None and normalise(rec.url) in text.normalised

    def url_mark(self, rec: Source) -> Markup:
        return Markup("") if rec.url is None or self.url_printed(rec) else _EDITOR_MARK.format("from the editor")

    def meta_quote_url(self, rec: Source) -> Markup:
        if rec.url is None:
            return Markup("")
        return md_text(f"“{excerpt(rec.url)}”") if self.url_printed(rec) else self.unknown("not in the text")

    def external(self, url: str) -> Markup:
        return external_link(url)

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
        return measure_groups(self.index, self.shared.numbers_by_measure)

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

    def change_note(self, ch: Change) -> Markup:
        """A correction's notes, or "Updated": a commit's subject is for developers, not readers."""
        if not ch.corrections:
            return Markup("Updated")
        return Markup("<br>").join(Markup("**Correction:** ") + md_text(note) for note in ch.corrections)

    def changed_records(self, ch: Change) -> Markup:
        """What a change did, record by record: for each record whose facts it changed, what
        changed; then the records it added, and those whose article text it changed, that it
        left unread, edited without changing a fact, or removed. A record is named once, by a
        link where it still exists."""
        told: dict[str, list[FactChange]] = {}
        for fc in ch.facts:
            told.setdefault(fc.record, []).append(fc)
        groups: dict[str, list[Markup]] = {group: [] for group in _GROUPS}
        for rec_id, fcs in told.items():
            first = fcs[0]
            if first.change == NOT_COMPARED:
                groups["Not compared (a version could not be read)"].append(self._named(rec_id))
            elif not first.path:
                gone = first.change == REMOVED
                groups["Removed" if gone else "Added"].append(self._named(rec_id, first.old if gone else first.new))
            else:
                said = (Markup('<span class="fs-said">{}</span>').format(sentence(self.index, fc)) for fc in fcs)
                groups["Changed"].append(self._named(rec_id) + Markup("").join(said))
        named = set(told)
        for f in ch.files:
            owner = self.shared.record_by_file.get(f.path)
            if owner is None:
                # A record file whose record is gone was told above, by its id.
                if posixpath.basename(f.path).removesuffix(".yaml") not in told:
                    groups["Other files changed"].append(md_text(f.path))
            elif owner not in named:
                named.add(owner)
                own = self.index.base.origins[owner].file == f.path
                groups["Edited, no change to the facts" if own else "Article text changed"].append(self.ref(owner))
        lines = []
        for group, items in ((g, items) for g, items in groups.items() if items):
            # A record whose facts changed is a line of its own; the others are named in a row,
            # parted by " · ", not ", ": claims end with a full stop, and "hit.," read as a typo.
            joined = Markup("").join(map(_line, items)) if group == "Changed" else Markup(" · ").join(items)
            if len(items) > _FOLDED:
                # A change to the whole fact base (an import, a new field) would bury the
                # corrections around it: its records fold away behind their count.
                noun = "files" if group == "Other files changed" else "records"
                fold = Markup('<details class="fs-fold"><summary>{}</summary>{}</details>')
                lines.append(fold.format(md_text(f"{group}: {len(items)} {noun}"), joined))
            elif group == "Changed":
                lines.append(joined)
            else:
                lines.append(_line(md_text(f"{group}:") + Markup(" ") + joined))
        return Markup("").join(lines)

    def change_date(self, ch: Change) -> Markup:
        # Marked, so that a phone can set the rows of this table one under another (factsheet.css).
        return Markup('<time class="fs-changed-on" datetime="{0}">{0}</time>').format(html_text(ch.date))

    def _named(self, rec_id: str, label: str | None = None) -> Markup:
        """A record by a link while it exists; else by its label then, or its id."""
        if rec_id in self.index.base.records:
            return self.ref(rec_id)
        return md_text(f"“{label}”" if label else rec_id)

    def entry_when(self, e: Entry) -> Markup:
        date = self.date(e.date, e.record, e.source, unknown="undated")
        if e.wording is None:
            # A publication: a date the editor gave is marked as the source page marks it.
            if e.from_editor is None:
                return date
            return date + _EDITOR_MARK.format(html_text(f"from the editor: {e.from_editor}"))
        return (
            date
            + Markup(" — ")
            + md_text(f"“{e.wording}”")
            + Markup(" <small>")
            + html_text(e.how)
            + Markup("</small>")
        )


# A block of its own under the value, so that on a phone the value stays on one line.
_EDITOR_MARK = Markup('<br><small class="fs-from-editor">{}</small>')

# Records a change touched, above which the corrections page folds them behind their count.
_FOLDED = 10
# What a change did to records, in the order the corrections page tells it.
_GROUPS = (
    "Changed",
    "Added",
    "Article text changed",
    "Not compared (a version could not be read)",
    "Edited, no change to the facts",
    "Removed",
    "Other files changed",
)


def _added(facts: Sequence[FactChange]) -> bool:
    return any(fc.path == () and fc.change == ADDED for fc in facts)


def _line(text: Markup) -> Markup:
    """One line of what a change did, a block of its own in the table cell."""
    return Markup('<span class="fs-change">{}</span>').format(text)


def _dated(ch: Change, said: Sequence[Markup]) -> Markup:
    """A change on a record's page: its date and whether it corrects, each correction's note
    (contributors' words for readers), then what changed."""
    out = Markup("**{}:**").format(md_text(f"{ch.date} — {'Correction' if ch.corrections else 'Updated'}"))
    for i, note in enumerate(ch.corrections):
        out += (Markup(" ") if i == 0 else Markup("<br>**Correction:** ")) + md_text(note)
    if said:
        # A sentence a line: an import or a rewrite can change many fields at once.
        out += (Markup("<br>") if ch.corrections or len(said) > 1 else Markup(" ")) + Markup("<br>").join(said)
    return out

# Why a record refers to this one, as a note beside it where it is listed for another reason.
_ALSO = {
    "claimed by": "also claimed by {them}",
    "stated by": "also stated by {them}",
    "reported by": "also reported by {them}",
    "is about": "also about {them}",
    "counter-claim": "also a counter-claim",
    "unnamed party belongs to": "also through an unnamed member",
    "publisher": "also published by {them}",
}

# The headings under "Linked from", for what a page's own sections do not list.
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

_LINKED_ORDER = (*dict.fromkeys(_BACKLINK_HEADINGS.values()), "Related")
# The lists of a record page in page order: a record that refers to this one for several
# reasons is listed in the first of them, with the other reasons noted.
_LIST_ORDER = ("relations", "said", "about", "counter", *_LINKED_ORDER)
