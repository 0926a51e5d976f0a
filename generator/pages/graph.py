"""Relations at a glance: diagrams of records and how they connect, as inline SVG.

Drawn here rather than by Mermaid: Material loads Mermaid from a CDN, and the
site must make no request to another host. The SVG is plain markup built from
escaped text, with no script; every node is a link to its record's page, and
every node and edge carries a <title> with the full wording for hover and
screen readers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..core.index import Index, Link, label
from ..core.model import KINDS
from ..core.urls import page_path
from .markup import html_text, rel_link

# Kinds drawn, left to right in the overview.
DRAWN = ("person", "institution", "claim", "number")


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    label: str


def _node(index: Index, rec_id: str) -> Node:
    return Node(rec_id, index.kind(rec_id), label(index.record(rec_id)))


def _drawn(index: Index, links: Iterable[Link]) -> list[Link]:
    # A link met from both of its ends is one edge: links are frozen, so the set keeps one.
    edges = {lk for lk in links if index.kind(lk.source) in DRAWN and index.kind(lk.target) in DRAWN}
    return sorted(edges, key=lambda e: (e.source, e.target, e.role))


def neighbourhood(index: Index, rec_id: str) -> tuple[list[Node], list[Link]]:
    """The record and every drawn record it links to or is linked from (cost: its own links only)."""
    edges = _drawn(index, [*index.links_to.get(rec_id, ()), *index.links_from.get(rec_id, ())])
    others = sorted({e.target if e.source == rec_id else e.source for e in edges} - {rec_id})
    others.sort(key=lambda i: (DRAWN.index(index.kind(i)), label(index.record(i)).casefold()))
    return [_node(index, rec_id), *(_node(index, i) for i in others)], edges


# The overview draws at most this many records, the most connected: a diagram of
# ten thousand dots says nothing, and the page must not grow with the fact base.
OVERVIEW_LIMIT = 150


def overview(index: Index, limit: int = OVERVIEW_LIMIT) -> tuple[list[Node], list[Link]]:
    ids = [i for kind in DRAWN for i in index.by_kind[kind]]
    if len(ids) > limit:

        def degree(i: str) -> int:
            return len(index.links_to.get(i, ())) + len(index.links_from.get(i, ()))

        keep = set(sorted(ids, key=lambda i: (-degree(i), i))[:limit])
        ids = [i for i in ids if i in keep]
    shown = set(ids)
    links = (lk for i in ids for lk in index.links_from.get(i, ()) if lk.target in shown)
    return [_node(index, i) for i in ids], _drawn(index, links)


# Sizes are in the diagram's own units, which are CSS pixels where it is drawn at its natural
# width. A record's diagram is drawn as narrow as a phone's column, so that its labels keep their
# size there: 400 units wide at 14 leaves them 12.6 px tall in the 361 px of a 390 px screen,
# where the old 620 wide at 11 shrank them to 6.4 px. The overview is wide by nature: phones
# scroll it sideways (factsheet.css) rather than shrink it.
RECORD_WIDTH = 400
RECORD_FONT = 14
OVERVIEW_FONT = 12
LINE = 1.2  # line height, in ems
# A generous average advance of a character, in ems, for the sans-serif fonts a reader may have
# (DejaVu Sans is the widest common one): a label wrapped to it stays inside the diagram.
ADVANCE = 0.56


def wrap(text: str, width: float, font: float, lines: int = 2) -> list[str]:
    """A label in lines that fit ``width``, at most ``lines`` of them, the last cut with "…" if
    the label is longer: cut labels are whole in the node's title."""
    room = max(4, int(width / (font * ADVANCE)))
    words: list[str] = []
    for word in text.split():
        while len(word) > room:  # a word longer than a line is split, not left to run out of the diagram
            words.append(word[: room - 1] + "-")
            word = word[room - 1 :]
        words.append(word)
    out: list[str] = []
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= room:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        rest = " ".join(out[lines - 1 :])
        cut = rest[: room - 1].rsplit(" ", 1)[0] if " " in rest[: room - 1] else rest[: room - 1]
        out = [*out[: lines - 1], cut.rstrip(" ,;:.") + "…"]
    return out


def _href(from_page: str, rec_id: str, index: Index) -> str:
    """A link to the record's page as a Markdown link gives it: every engine resolves it (see rel_link)."""
    return rel_link(from_page, page_path(index.record(rec_id)))


@dataclass(frozen=True)
class Drawn:
    """A node as drawn: its dot at (x, y), its label's lines from ``text_x``, first baseline ``text_y``."""

    node: Node
    x: float
    y: float
    lines: list[str]
    text_x: float
    text_y: float
    here: bool = False  # the record whose page this is


def _svg(
    index: Index,
    page: str,
    drawn: list[Drawn],
    edges: list[tuple[Link, str]],
    size: tuple[int, int],
    font: int,
    title: str,
    variant: str,
    gid: str,
) -> Markup:
    w, h = size
    step = round(font * LINE)
    parts = [
        # No role on the svg: as role="img" its links would be hidden from assistive technology
        # (axe: nested-interactive), and role="group" is not valid on svg (Nu checker).
        # data-pagefind-ignore: the labels repeat the page's lists, and would crowd search excerpts.
        f'<figure class="fs-graph fs-graph-{variant}" aria-labelledby="fs-graph-caption-{gid}" data-pagefind-ignore>'
        f'<svg viewBox="0 0 {w} {h}" width="{w}" font-size="{font}" preserveAspectRatio="xMidYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{html_text(title)}</title>",
    ]
    for e, d in edges:
        words = f"{label(index.record(e.source))} — {e.role} — {label(index.record(e.target))}"
        parts.append(f'<path class="fs-edge" d="{d}"><title>{html_text(words)}</title></path>')
    for n in drawn:
        lines = "".join(
            f'<tspan x="{n.text_x:.0f}" y="{n.text_y + k * step:.0f}">{html_text(line)}</tspan>'
            for k, line in enumerate(n.lines)
        )
        here = " fs-node-here" if n.here else ""
        parts.append(
            f'<a href="{html_text(_href(page, n.node.id, index))}" class="fs-node fs-node-{n.node.kind}{here}">'
            f"<title>{html_text(n.node.kind.capitalize() + ': ' + n.node.label)}</title>"
            f'<circle cx="{n.x:.0f}" cy="{n.y:.0f}" r="6"/><text>{lines}</text></a>'
        )
    # What the dots' colours mean, for the kinds drawn: colour alone would tell a reader nothing.
    # Hidden from screen readers, which hear each node's kind in its title.
    kinds = [k for k in DRAWN if any(n.node.kind == k for n in drawn)]
    key = "".join(f'<span class="fs-key fs-node-{k}">{html_text(KINDS[k].singular.lower())}</span>' for k in kinds)
    parts.append(
        f'</svg><figcaption id="fs-graph-caption-{gid}">{html_text(title)}'
        f'<span class="fs-legend" aria-hidden="true">{key}</span></figcaption></figure>'
    )
    return Markup("".join(parts))


def neighbourhood_svg(index: Index, page: str, rec_id: str) -> Markup | None:
    """The record at the top, the records it is connected to below it, one a row, each joined to
    it by a line: a column reads at a phone's width, where a ring left each label a third of it.
    ``None`` when the record has no connections."""
    nodes, edges = neighbourhood(index, rec_id)
    if len(nodes) < 2:
        return None
    font, step = RECORD_FONT, round(RECORD_FONT * LINE)
    # The record's dot on the trunk at the left, its neighbours' dots a step to the right of it.
    trunk, branch, gap = 12.0, 46.0, 12.0
    drawn: list[Drawn] = []
    top = 8.0
    for k, node in enumerate(nodes):
        x = trunk if k == 0 else branch
        lines = wrap(node.label, RECORD_WIDTH - x - 20, font)
        baseline = top + font
        drawn.append(Drawn(node, x, baseline - font * 0.35, lines, x + 12, baseline, here=k == 0))
        top += len(lines) * step + gap
    pos = {d.node.id: (d.x, d.y) for d in drawn}
    hx, hy = pos[rec_id]
    curves = []
    for e in edges:
        other = e.target if e.source == rec_id else e.source
        x, y = pos[other]
        # Down the trunk, then a rounded turn into the neighbour's dot.
        curves.append((e, f"M{hx:.0f},{hy:.0f} Q{hx:.0f},{y:.0f} {x - 6:.0f},{y:.0f}"))
    n = len(nodes) - 1
    kind = KINDS[index.kind(rec_id)].singular.lower()
    title = f"The {n} record{'s' if n != 1 else ''} connected to this {kind}"
    return _svg(index, page, drawn, curves, (RECORD_WIDTH, int(top)), font, title, "record", rec_id)


def overview_svg(index: Index, page: str) -> Markup:
    """Every person, institution, claim and number in columns, with every connection between them."""
    nodes, edges = overview(index)
    columns = [[n for n in nodes if n.kind == kind] for kind in DRAWN]
    row, col = 26, 250
    h = int(row * (max(len(c) for c in columns) + 1))
    w = int(col * len(DRAWN) + 60)
    drawn: list[Drawn] = []
    for ci, column in enumerate(columns):
        top = (h - row * len(column)) / 2 + row / 2
        for ri, n in enumerate(column):
            x, y = 20 + ci * col, top + ri * row
            lines = wrap(n.label, col - 40, OVERVIEW_FONT, lines=1)
            drawn.append(Drawn(n, x, y, lines, x + 9, y + OVERVIEW_FONT * 0.35))
    pos = {d.node.id: (d.x, d.y) for d in drawn}
    straight = [(e, "M{:.0f},{:.0f} L{:.0f},{:.0f}".format(*pos[e.source], *pos[e.target])) for e in edges]
    total = sum(len(index.by_kind[k]) for k in DRAWN)
    which = "All" if len(nodes) == total else f"The {len(nodes)} most connected of {total}"
    title = f"{which} people, institutions, claims and numbers, and the {len(edges)} links between them"
    return _svg(index, page, drawn, straight, (w, h), OVERVIEW_FONT, title, "overview", "overview")
