"""The views of the differences page and of the home page's cards: the sources side by side.

Written as raw HTML rather than Markdown tables, so that two or three columns
stack on a phone with each cell labelled by its source. Markdown does not run
inside raw HTML, so every text here goes through :func:`.markup.html_text` and
every link is the browser's relative URL from this page (directory URLs).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ..core.figures import decimal_text, figure, has_number
from ..core.index import Cite, name
from ..core.model import KINDS, Account, Claim, KindInfo, NumberRecord, Unnamed
from ..core.stated import bound_of
from ..core.urls import page_path
from .differences import (
    QUOTED,
    ClaimComparison,
    Differences,
    Dispute,
    FigureDifference,
    Remark,
    marked,
    passages,
    remark_differs,
    word_diff,
)
from .markup import and_join, and_markup, html_text, md_link, rel_link
from .views import (
    OWN_DOWNLOADS,
    PER_PAGE,
    STANDARD_DOWNLOADS,
    View,
    according_to,
    page_paths,
)

# The differences page's sections, in order; the first three are differences between the sources.
SECTIONS = {
    "figures": "Figures that differ",
    "claims": "Claims told differently",
    "between": "Disputed between the sources",
    "reworded": "Told alike, in other words",
    "within": "What is disputed",
    "single": "Told by one source only",
}
COUNTED = ("figures", "claims", "between")
# What each section holds, in a sentence under its heading.
NOTES = {
    "figures": "Figures the sources give for the same thing, on one scale, each with who gives it and its passage.",
    "claims": "Claims several articles tell, where they differ on who claims or reports them, when, or the words "
    "they quote. Marked words are the ones the quotes do not share.",
    "between": "A claim one article tells and another disputes.",
    "reworded": "Not counted: the articles tell these claims alike, with nothing that differs but the words.",
    "within": "Not counted as differences between the sources: each dispute is told by one article, "
    "which reports both the claim and the counter-claim.",
    "single": "Not counted: claims only one article tells; the others say nothing on them.",
}
# Claims only one source tells, listed this many to an entry (a block of the page): no page grows
# with the fact base.
SINGLE_PER_ENTRY = 5
# The summary at the top names this many differences at most; the rest are below it.
GLANCE = 12
# What a page of the differences may hold, in the weights of :meth:`DifferencesView.weight`:
# about twenty claims side by side, or as many figures, or a hundred lines.
PAGE_WEIGHT = PER_PAGE


@dataclass(frozen=True)
class Entry:
    """One block of the differences page: its section and what it shows."""

    section: str
    item: Any  # FigureDifference, ClaimComparison, Dispute, or (source, claims) for "single"


class DifferencesView(View):
    """Where the sources differ: figures, claims and disputes, the sources side by side."""

    @property
    def differences(self) -> Differences:
        return self.shared.differences

    def entries(self) -> list[Entry]:
        """Every block of the page, differences between the sources first."""
        d = self.differences
        out = [Entry("figures", f) for f in d.figures]
        out += [Entry("claims", c) for c in d.claims]
        out += [Entry("between", group) for group in _by_claim(d.between)]
        out += [Entry("reworded", c) for c in d.reworded]
        out += [Entry("within", group) for group in _by_claim(d.within)]
        for source, claims in d.single:
            out += [
                Entry("single", (source, claims[i : i + SINGLE_PER_ENTRY]))
                for i in range(0, len(claims), SINGLE_PER_ENTRY)
            ]
        return out

    def intro(self) -> Markup:
        """How many differences the page lists, and of what kind."""
        d = self.differences
        parts = [
            _count(len(d.figures), "set of figures", "sets of figures"),
            _count(len(d.claims), "claim told differently", "claims told differently"),
            _count(len(d.between), "dispute between them", "disputes between them"),
        ]
        kinds = [p for p, n in zip(parts, (d.figures, d.claims, d.between), strict=True) if n]
        if not kinds:
            return Markup("The sources tell alike all they both tell: no figure, claim or attribution differs.")
        return Markup("The sources differ on <strong>{}</strong>: {}.").format(
            _count(len(d), "point"), and_join(kinds)
        )

    def uncounted(self) -> Markup:
        """What the page shows below the differences without counting it, as far as there is any."""
        d = self.differences
        parts = [
            text
            for text, present in (
                ("claims told alike in other words", d.reworded),
                ("disputes inside one article", d.within),
                ("what only one article tells", d.single),
            )
            if present
        ]
        return Markup(f"Below them, and not counted: {and_join(parts)}.") if parts else Markup("")  # our words only

    def section_title(self, section: str) -> str:
        return SECTIONS[section]

    def section_note(self, section: str) -> str:
        return NOTES[section]

    @staticmethod
    def anchor(entry: Entry) -> str | None:
        """The id of an entry's block on the page."""
        item = entry.item
        if isinstance(item, FigureDifference):
            return f"figures-{item.measure}"
        if isinstance(item, ClaimComparison):
            return f"claim-{item.claim}"
        if entry.section in ("between", "within"):
            return f"dispute-{item[0].claim}"
        return None

    @staticmethod
    def weight(entry: Entry) -> int:
        """How much of a page a block takes: about a line for each claim or figure it shows."""
        item = entry.item
        if isinstance(item, FigureDifference):
            return 2 + 2 * len(item.numbers)
        if isinstance(item, ClaimComparison):
            return 2 * len(item.sources) + 1
        return len(item[1]) if entry.section == "single" else 1 + len(item)

    @cached_property
    def _pages(self) -> list[tuple[Entry, ...]]:
        pages: list[list[Entry]] = [[]]
        used = 0
        for e in self.entries():
            w = self.weight(e)
            if pages[-1] and used + w > PAGE_WEIGHT:
                pages.append([])
                used = 0
            pages[-1].append(e)
            used += w
        return [tuple(p) for p in pages]

    def pages(self) -> list[tuple[Entry, ...]]:
        """The blocks, cut into the pages of the differences."""
        return self._pages

    @cached_property
    def _pages_of(self) -> dict[str, str]:
        """Which page of the differences each block is on."""
        paths = page_paths("differences.md", len(self._pages))
        return {a: path for path, page in zip(paths, self._pages, strict=True) for e in page if (a := self.anchor(e))}

    def block_href(self, anchor: str) -> str:
        return self.href(self._pages_of[anchor], anchor)

    # -- links and names, as raw HTML --------------------------------------------

    def href(self, path: str, anchor: str | None = None) -> str:
        """A link from this page to a page (by its Markdown path), as a Markdown link gives it:
        every engine resolves it (see rel_link)."""
        return rel_link(self.path, path, anchor)

    def link(self, rec_id: str) -> Markup:
        return Markup('<a href="{}">{}</a>').format(
            html_text(self.href(page_path(self.index.record(rec_id)))), html_text(name(self.index, rec_id))
        )

    def html_party(self, p: str | Unnamed) -> Markup:
        if isinstance(p, str):
            return self.link(p)
        out = html_text(p.unnamed)
        return out + Markup(" (") + self.link(p.of) + Markup(")") if p.of else out

    def html_parties(self, ps: Sequence[str | Unnamed], none: str) -> Markup:
        if not ps:
            return Markup("<em>{}</em>").format(none)
        return Markup(", ").join(self.html_party(p) for p in ps)

    def html_voice(self, a: Account) -> Markup:
        return Markup("<em>the article, in its own voice</em>") if a.own_voice else self.html_parties(a.claimants, "")

    def passage_link(self, c: Cite) -> Markup:
        """A link to the highlighted passage; a screen reader hears which article it is in."""
        href = self.href(page_path(self.index.record(c.source)), c.anchor)
        return Markup('<a class="fs-to-passage" href="{}">the passage<span class="fs-sr"> in {}</span></a>').format(
            html_text(href), html_text(name(self.index, c.source))
        )

    # -- figures ------------------------------------------------------------------

    def spread(self, fd: FigureDifference) -> Markup:
        """One line: the range of the figures, and how many figures, parties and sources give them."""
        nums = self._numbers(fd)
        placed = [n for n in nums if has_number(n)]
        parties = {p if isinstance(p, str) else (p.of or p.unnamed) for n in nums for p in n.stated_by}
        sources = {c.source for n in nums for c in self.cites_at(n.id, ("citations",))}
        counts = (
            f"{_count(len(nums), 'figure')} from {_count(len(parties), 'party', 'parties')} "
            f"in {_count(len(sources), 'source')}"
        )
        if len(placed) >= 2:
            # From the lowest number any figure gives to the highest, each in its figure's words
            # ("nearly 19,500 to over 20,000"); a range's end alone, as its own words would misplace it.
            ends = [e for n in placed for e in _ends(n)]
            low = min(ends, key=lambda e: e[:2])[2]
            high = max(ends, key=lambda e: e[:2])[2]
            span = Markup("<strong>{}</strong>").format(html_text(low))
            if high != low:
                span += Markup(" to <strong>{}</strong>").format(html_text(high))
            return Markup("{}; {}").format(span, counts)
        return Markup("{}").format(counts)

    def figure_rows(self, fd: FigureDifference) -> list[NumberRecord]:
        return self._numbers(fd)

    def _numbers(self, fd: FigureDifference) -> list[NumberRecord]:
        out = []
        for i in fd.numbers:
            num = self.index.record(i)
            assert isinstance(num, NumberRecord)
            out.append(num)
        return out

    def figure_card(self, num: NumberRecord) -> Markup:
        """A figure with who states it, where, when, and its whole passage."""
        cites = self.cites_at(num.id, ("citations",))
        source = cites[0].source if cites else num.citations[0].source
        head = Markup('<a class="fs-fig-value" href="{}">{}</a> {}').format(
            html_text(self.href(page_path(num))), html_text(figure(num)), html_text(num.unit)
        )
        who = self.html_parties(num.stated_by, "no one named")
        meta = Markup("stated by {} · in {}").format(who, self.link(source))
        if num.as_of is not None:
            meta += Markup(" · as of {}").format(self.resolved(num.as_of, source, num.id))
        quotes = Markup("").join(
            Markup('<p class="fs-quote">{}</p><p class="fs-quote-from">{}</p>').format(
                html_text(self.index.cited(c)), self.passage_link(c)
            )
            for c in cites
        )
        return Markup('<li class="fs-fig"><p class="fs-fig-head">{}</p><p class="fs-fig-meta">{}</p>{}</li>').format(
            head, meta, quotes
        )

    def dotplot(self, fd: FigureDifference) -> Markup:
        """The figures that give a number on one scale from zero, each labelled with who gives it.

        A value is a dot; a range a bar between two dots; a lower bound a dot with a bar running
        on to the scale's end, an upper bound one with a bar back to zero. A bound whose words
        leave its number out ("over", "fewer than") has a hollow dot, as on a number line.
        HTML and CSS rather than SVG: the labels are text at the page's own size, so they
        stay readable on a phone, where a scaled drawing's would shrink.
        """
        nums = sorted((n for n in self._numbers(fd) if has_number(n)), key=_place)
        if len(nums) < 2:
            return Markup("")
        # Ticks at a round step, with room after the largest number.
        largest = max(x for n in nums for x in (n.value, n.low, n.high) if x is not None) * Decimal("1.05")
        step = _nice(largest / 5)
        top = step * (largest / step).to_integral_value(rounding=ROUND_CEILING)

        def at(x: Decimal) -> float:
            return float(x / top) * 100

        rows = []
        drawn = set()
        for n in nums:
            who = ", ".join(name(self.index, p) if isinstance(p, str) else p.unnamed for p in n.stated_by)
            marks = []
            bound = bound_of(n.qualifier) if n.qualifier else None
            dot = "fs-dot-open" if bound is not None and not bound.inclusive else ""
            if n.value is not None:
                side = _SIDES.get((n.qualifier or "").casefold())
                marks.append(_dot(at(n.value), f"fs-dot-{side}" if side else ""))
            elif n.low is not None and n.high is not None:
                marks += [_bar(at(n.low), at(n.high), "range"), _dot(at(n.low)), _dot(at(n.high))]
                drawn.add("range")
            else:
                x = n.low if n.low is not None else n.high
                assert x is not None  # has_number
                way = "on" if n.low is not None else "back"
                marks += [_bar(at(x), 100.0, way) if way == "on" else _bar(0.0, at(x), way), _dot(at(x), dot)]
                drawn |= {way, "open"} if dot else {way}
            rows.append(
                Markup(
                    '<li><span class="fs-dot-label"><strong>{}</strong> — {}</span>'
                    '<span class="fs-dot-track" aria-hidden="true">{}</span></li>'
                ).format(html_text(figure(n)), html_text(who or "no one named"), Markup("").join(marks))
            )
        steps = int(top / step)
        ticks = Markup("").join(
            Markup('<span style="left:{}%">{}</span>').format(f"{100 * k / steps:.1f}", _fmt(step * k))
            for k in range(steps + 1)
        )
        vague = [figure(n) for n in self._numbers(fd) if not has_number(n)]
        caption = f"{_count(len(nums), 'figure')} with a number, on one scale from 0 to {_fmt(top)}"
        keys = [words for mark, words in _KEY.items() if mark in drawn]
        if keys:
            caption += f"; {and_join(keys)}"
        if vague:
            caption += f"; without a number, and so not drawn: {', '.join(vague)}"
        return Markup(
            '<figure class="fs-dotplot"><ol class="fs-dots">{}</ol>'
            '<div class="fs-dot-axis" aria-hidden="true">{}</div><figcaption>{}.</figcaption></figure>'
        ).format(Markup("").join(rows), ticks, html_text(caption))

    # -- claims -------------------------------------------------------------------

    def comparison(self, cmp: ClaimComparison, counted: bool) -> Markup:
        """A claim's accounts side by side, aspect by aspect, with whole quotes and the differing words marked."""
        claim = self.index.record(cmp.claim)
        assert isinstance(claim, Claim)
        sources = cmp.sources
        head = Markup("").join(Markup('<th scope="col">{}</th>').format(self.link(s)) for s in sources)
        rows = []
        aspects = {a.name: a for a in cmp.aspects}
        for label_text, aspect, cells in (
            (
                "Who claims it",
                aspects["who claims it"],
                [self.html_voice(a) for a in claim.accounts],
            ),
            (
                "Who reports it",
                aspects["who reports it"],
                [self.html_parties(a.reported_by, "the article itself") for a in claim.accounts],
            ),
            ("When", aspects["when"], [self.resolved(a.when, a.source, claim.id) for a in claim.accounts]),
        ):
            rows.append(self._row(label_text, aspect.differs, sources, cells))
        if any(a.detail for a in claim.accounts):
            details = [html_text(a.detail) if a.detail else Markup("<em>nothing more</em>") for a in claim.accounts]
            rows.append(self._row("Only in this source", False, sources, details))
        rows.append(self._row("In its words", aspects[QUOTED].differs, sources, self._quotes(claim, cmp.remarks)))
        differing = [a.name for a in cmp.aspects if a.differs]
        if counted:
            lead = Markup("The sources differ on {}.").format(
                and_markup([Markup("<strong>{}</strong>").format(d) for d in differing])
            )
        else:
            lead = Markup("Told by {} sources, with nothing that differs but the words.").format(len(sources))
        notes = self._silences(cmp)
        anchor = f"claim-{claim.id}"
        return Markup(
            '<section class="fs-compare{counted}" id="{a}" aria-labelledby="{a}-h">'
            '<h3 class="fs-compare-title" id="{a}-h"><a href="{href}">{statement}</a></h3>'
            '<p class="fs-compare-lead">{lead}</p>'
            '<table class="fs-cmp fs-cols-{n}"><thead><tr><th scope="col"><span class="fs-sr">Aspect</span></th>{head}'
            "</tr></thead><tbody>{rows}</tbody></table>{notes}</section>"
        ).format(
            a=anchor,
            counted=Markup(" fs-counted") if counted else Markup(""),
            href=html_text(self.href(page_path(claim))),
            statement=html_text(claim.statement),
            lead=lead,
            n=len(sources),
            head=head,
            rows=Markup("").join(rows),
            notes=notes,
        )

    def _row(self, label_text: str, differs: bool, sources: Sequence[str], cells: Sequence[Markup]) -> Markup:
        flag = Markup(' <span class="fs-flag">differs</span>') if differs else Markup("")
        tds = Markup("").join(
            Markup('<td data-source="{}">{}</td>').format(html_text(name(self.index, s)), cell)
            for s, cell in zip(sources, cells, strict=True)
        )
        return Markup('<tr class="{}"><th scope="row">{}{}</th>{}</tr>').format(
            "fs-differs" if differs else "fs-same", label_text, flag, tds
        )

    def _quotes(self, claim: Claim, remarks: tuple[Remark, ...]) -> list[Markup]:
        """Each account's passages, whole, as the article prints them, the differing quoted words marked."""
        texts = passages(self.index, claim)
        differing = [r for r in remarks if None not in r.quoted and remark_differs(r)]
        diffs = [word_diff(r.quoted) for r in differing]
        cells = []
        for i, account_texts in enumerate(texts):
            cites = [c for c in self.cites_at(claim.id, ("accounts", i, "quotes"))]
            parts = []
            for k, text in enumerate(account_texts):
                body = html_text(text)
                for r, pieces in zip(differing, diffs, strict=True):
                    mine, mine_pieces = r.quoted[i], pieces[i]
                    if mine and mine_pieces and mine in text:
                        at = text.index(mine)
                        body = html_text(text[:at]) + marked(mine_pieces) + html_text(text[at + len(mine) :])
                        break
                cite = next((c for c in cites if c.path[3] == k), None)
                link = self.passage_link(cite) if cite else Markup("")
                parts.append(Markup('<p class="fs-quote">{}</p><p class="fs-quote-from">{}</p>').format(body, link))
            cells.append(Markup("").join(parts) or Markup("<em>no passage</em>"))
        return cells

    def _silences(self, cmp: ClaimComparison) -> Markup:
        """What one source states and another does not, said in words."""
        notes = []
        for a in cmp.aspects:
            if a.silent and a.name != QUOTED:
                one, many = _SILENT[a.name]
                silent = and_markup([self.link(s) for s in a.silent])
                notes.append(Markup("{} {}.").format(silent, one if len(a.silent) == 1 else many))
        for r in cmp.remarks:
            if None in r.quoted:
                quoting = [s for s, q in zip(cmp.sources, r.quoted, strict=True) if q is not None]
                words = next(q for q in r.quoted if q is not None).rstrip(",;: ")
                notes.append(
                    Markup("Only {} quotes “{}”.").format(and_markup([self.link(s) for s in quoting]), html_text(words))
                )
        if not notes:
            return Markup("")
        items = Markup("").join(Markup("<li>{}</li>").format(n) for n in notes)
        return Markup('<ul class="fs-silent">{}</ul>').format(items)

    # -- disputes and single sources ------------------------------------------------

    def disputes(self, group: tuple[Dispute, ...]) -> Markup:
        """A disputed claim, the claims that dispute it, and which sources tell both."""
        claim = group[0].claim
        denied = self._status(claim) == "denied"
        items = Markup("").join(
            Markup('<li><span class="fs-against">{}</span> {} <span class="fs-where">({})</span></li>').format(
                "The denial:" if denied else "Against it:",
                self._claim_link(d.counter),
                Markup("both told by {}").format(and_markup([self.link(s) for s in d.sources]))
                if d.sources
                # Told by different sources: say which tells which side, never just "another source".
                else Markup("told by {}; the claim it {} by {}").format(
                    self._told_by(d.counter), "denies" if denied else "disputes", self._told_by(claim)
                ),
            )
            for d in group
        )
        counted = Markup("") if group[0].sources else Markup(" fs-counted")  # between sources: a difference
        return Markup(
            '<div class="fs-dispute{}" id="dispute-{}"><p><strong>{}</strong> {}</p><ul>{}</ul></div>'
        ).format(counted, html_text(claim), "Denied:" if denied else "Disputed:", self._claim_link(claim), items)

    def _told_by(self, claim_id: str) -> Markup:
        claim = self.index.record(claim_id)
        assert isinstance(claim, Claim)
        return and_markup([self.link(s) for s in dict.fromkeys(a.source for a in claim.accounts)])

    def _statement(self, claim_id: str) -> str:
        claim = self.index.record(claim_id)
        assert isinstance(claim, Claim)
        return claim.statement

    def _status(self, claim_id: str) -> str:
        claim = self.index.record(claim_id)
        assert isinstance(claim, Claim)
        return claim.status

    def _claim_link(self, claim_id: str) -> Markup:
        """A claim, with whose it is where a source names anyone (as every list of claims says)."""
        claim = self.index.record(claim_id)
        assert isinstance(claim, Claim)
        link = Markup('<a href="{}">{}</a>').format(html_text(self.href(page_path(claim))), html_text(claim.statement))
        voice = according_to(self.index, claim)
        return Markup("{}: {}").format(html_text(voice), link) if voice else link

    def single(self, item: tuple[str, tuple[str, ...]], previous: Any = None) -> Markup:
        """Claims only one source tells, under its name (once, where a list runs on over several blocks)."""
        source, claims = item
        items = Markup("").join(Markup("<li>{}</li>").format(self._claim_link(c)) for c in claims)
        head = Markup("")
        if not (isinstance(previous, tuple) and previous and previous[0] == source):
            head = Markup('<h3 class="fs-single-source">Only in {}</h3>').format(self.link(source))
        return Markup('{}<ul class="fs-single">{}</ul>').format(head, items)

    # -- the summary at the top ---------------------------------------------------------

    def glance(self) -> list[Markup]:
        """One line per difference between the sources, linking to its block."""
        d = self.differences
        lines = []
        for fd in d.figures:
            lines.append(
                Markup('<a href="{}">{}</a>: {}').format(
                    html_text(self.block_href(f"figures-{fd.measure}")),
                    html_text(name(self.index, fd.measure)),
                    self.spread(fd),
                )
            )
        for c in d.claims:
            claim = self.index.record(c.claim)
            assert isinstance(claim, Claim)
            lines.append(
                Markup('<a href="{}">{}</a>: they differ on {}').format(
                    html_text(self.block_href(f"claim-{c.claim}")),
                    html_text(claim.statement.rstrip(".")),
                    html_text(and_join(list(c.differing))),
                )
            )
        for group in _by_claim(d.between):
            lines.append(
                Markup('<a href="{}">{}</a>: {} in another source').format(
                    html_text(self.block_href(f"dispute-{group[0].claim}")),
                    html_text(self._statement(group[0].claim)),
                    "denied" if self._status(group[0].claim) == "denied" else "disputed",
                )
            )
        if len(lines) > GLANCE:
            more = len(lines) - GLANCE + 1
            lines = [*lines[: GLANCE - 1], Markup("and {} more, below").format(more)]
        return lines


def _by_claim(disputes: tuple[Dispute, ...]) -> list[tuple[Dispute, ...]]:
    """Disputes grouped by the claim disputed, in order."""
    groups: dict[str, list[Dispute]] = {}
    for d in disputes:
        groups.setdefault(d.claim, []).append(d)
    return [tuple(g) for g in groups.values()]


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"




def _nice(value: Decimal) -> Decimal:
    """The top of a scale: the value rounded up to 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if value <= power * factor:
            return power * factor
    return power * 10  # pragma: no cover - the loop ends at ten


def _fmt(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,}"


# A source that says nothing on an aspect another source states.
_SILENT = {
    "who claims it": ("does not say who claims it", "do not say who claims it"),
    "who reports it": (
        "tells it in its own words, naming no one who reported it",
        "tell it in their own words, naming no one who reported it",
    ),
    "when": ("does not say when", "do not say when"),
}

# A value whose words put it just below its number ("nearly 19,500") points left of its dot.
# Words that put it above or below for certain make a bound, drawn as a bar (see dotplot).
_SIDES = dict.fromkeys(("nearly", "almost"), "under")
# The caption's key to the marks a plot draws, in this order.
_KEY = {
    "range": "a bar between two dots is a range",
    "on": "a bar running on to the scale's end is a lower bound",
    "back": "a bar back to 0 is an upper bound",
    "open": "a hollow dot is a number the figure does not include",
}


def _ends(n: NumberRecord) -> list[tuple[Decimal, int, str]]:
    """The numbers a figure gives, each with its rank among equal numbers (an upper bound lies
    below its number, a lower bound above it) and its words: what the spread line names."""
    if n.value is not None:
        return [(n.value, 0, figure(n))]
    if n.low is not None and n.high is not None:
        return [(n.low, 0, decimal_text(n.low)), (n.high, 0, decimal_text(n.high))]
    if n.low is not None:
        return [(n.low, 1, figure(n))]
    return [(n.high, -1, figure(n))] if n.high is not None else []


def _place(n: NumberRecord) -> tuple[Decimal, Decimal]:
    """Where a figure sits on the scale, for the order of the plot's rows: its lowest number, then its highest."""
    numbers = [e[0] for e in _ends(n)] or [Decimal(0)]
    return (min(numbers), max(numbers))


def _dot(left: float, kind: str = "") -> Markup:
    """A dot at ``left`` (percent of the scale); ``kind`` is one of the code's own classes."""
    extra = Markup(" " + kind) if kind else Markup("")
    return Markup('<span class="fs-dot{}" style="left:{}%"></span>').format(extra, f"{left:.1f}")


def _bar(start: float, end: float, kind: str) -> Markup:
    """A bar from ``start`` to ``end`` (percent of the scale): a range, or a bound running on or back."""
    return Markup('<span class="fs-dot-bar fs-dot-bar-{}" style="left:{}%;width:{}%"></span>').format(
        kind, f"{start:.1f}", f"{end - start:.1f}"
    )


class HomeView(DifferencesView):
    """The home page's counts, starting points, and the key disagreements as cards."""

    def cards(self, most: int = 6) -> list[Markup]:
        """The first differences between the sources, each as a short card linking to its evidence;
        only those shown are made (each compares the words of its versions)."""
        return list(itertools.islice(self._cards(), most))

    def _cards(self) -> Iterator[Markup]:
        d = self.differences
        for fd in d.figures:
            nums = self._numbers(fd)
            items = Markup("").join(
                Markup('<li><a href="{}"><strong>{}</strong></a> — {}</li>').format(
                    html_text(self.href(page_path(n))),
                    html_text(figure(n)),
                    self.html_parties(n.stated_by, "no one named"),
                )
                for n in nums
            )
            yield self._card(name(self.index, fd.measure), Markup("<ul>{}</ul>").format(items), f"figures-{fd.measure}")
        for c in d.claims:
            claim = self.index.record(c.claim)
            assert isinstance(claim, Claim)
            versions = Markup("").join(
                Markup("<li>{}: {}</li>").format(self.link(a.source), self._version(claim, c, i))
                for i, a in enumerate(claim.accounts)
            )
            yield self._card(claim.statement.rstrip("."), Markup("<ul>{}</ul>").format(versions), f"claim-{c.claim}")

    def _version(self, claim: Claim, c: ClaimComparison, i: int) -> Markup:
        """What one source says on the points that differ: who, when, or the words it quotes."""
        a = claim.accounts[i]
        parts = []
        differing = set(c.differing)
        if "who claims it" in differing:
            parts.append(Markup("claimed by {}").format(self.html_voice(a)))
        if "who reports it" in differing:
            parts.append(Markup("reported by {}").format(self.html_parties(a.reported_by, "the article itself")))
        if "when" in differing:
            parts.append(self.resolved(a.when, a.source, claim.id) if a.when else Markup("<em>no time given</em>"))
        if QUOTED in differing:
            remark = next((r for r in c.remarks if None not in r.quoted and remark_differs(r)), None)
            if remark is not None:
                pieces = word_diff(remark.quoted)[i] or ()
                parts.append(Markup("“{}”").format(marked(pieces)))
        cite = next(iter(self.cites_at(claim.id, ("accounts", i))), None)
        out = Markup("; ").join(parts)
        return out + Markup(" · ") + self.passage_link(cite) if cite else out

    def _card(self, title: str, body: Markup, anchor: str) -> Markup:
        href = self.block_href(anchor)
        return Markup('<article class="fs-card"><h3><a href="{}">{}</a></h3>{}</article>').format(
            html_text(href), html_text(title), body
        )

    def kinds(self) -> list[KindInfo]:
        return [k for k in KINDS.values() if k.has_pages]

    def link_kind(self, kind: str) -> Markup:
        return md_link(KINDS[kind].plural, rel_link(self.path, page_path(kind)))

    def downloads(self) -> Markup:
        """The site's own files, then each standard's: "ftm.json and statements.csv (FollowTheMoney)"."""
        own = Markup(" · ").join(md_link(n, rel_link(self.path, n)) for n in OWN_DOWNLOADS)
        standards = [
            Markup("{} ({})").format(Markup(" and ").join(md_link(n, rel_link(self.path, n)) for n in names), standard)
            for standard, names in STANDARD_DOWNLOADS.items()
        ]
        return own + Markup("; in standards: ") + Markup(" · ").join(standards)
