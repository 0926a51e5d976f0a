"""Relations at a glance: diagrams of records and how they connect, as inline SVG.

Drawn here rather than by Mermaid: Material loads Mermaid from a CDN, and the
site must make no request to another host. The SVG is plain markup built from
escaped text, with no script; every node is a link to its record's page, and
every node and edge carries a <title> with the full wording for hover and
screen readers.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..core.index import Index, Link, label
from ..core.urls import page_path, site_url
from .markup import html_text

# Kinds drawn, left to right in the overview.
DRAWN = ("person", "institution", "claim", "number")
_SHORT = 30


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    label: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    role: str


def _node(index: Index, rec_id: str) -> Node:
    return Node(rec_id, index.kind(rec_id), label(index.record(rec_id)))


def _drawn(index: Index, links: Iterable[Link]) -> list[Edge]:
    edges = {
        Edge(lk.source, lk.target, lk.role)
        for lk in links
        if index.kind(lk.source) in DRAWN and index.kind(lk.target) in DRAWN
    }
    return sorted(edges, key=lambda e: (e.source, e.target, e.role))


def neighbourhood(index: Index, rec_id: str) -> tuple[list[Node], list[Edge]]:
    """The record and every drawn record it links to or is linked from (cost: its own links only)."""
    edges = _drawn(index, [*index.links_to.get(rec_id, ()), *index.links_from.get(rec_id, ())])
    others = sorted({e.target if e.source == rec_id else e.source for e in edges} - {rec_id})
    others.sort(key=lambda i: (DRAWN.index(index.kind(i)), label(index.record(i)).casefold()))
    return [_node(index, rec_id), *(_node(index, i) for i in others)], edges


# The overview draws at most this many records, the most connected: a diagram of
# ten thousand dots says nothing, and the page must not grow with the fact base.
OVERVIEW_LIMIT = 150


def overview(index: Index, limit: int = OVERVIEW_LIMIT) -> tuple[list[Node], list[Edge]]:
    ids = [i for kind in DRAWN for i in index.by_kind[kind]]
    if len(ids) > limit:

        def degree(i: str) -> int:
            return len(index.links_to.get(i, ())) + len(index.links_from.get(i, ()))

        keep = set(sorted(ids, key=lambda i: (-degree(i), i))[:limit])
        ids = [i for i in ids if i in keep]
    shown = set(ids)
    links = (lk for i in ids for lk in index.links_from.get(i, ()) if lk.target in shown)
    return [_node(index, i) for i in ids], _drawn(index, links)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHORT else flat[: _SHORT - 1].rstrip() + "…"


def _href(from_page: str, rec_id: str, index: Index) -> str:
    """A link as the browser sees it: raw HTML is not rewritten by MkDocs (directory URLs)."""
    here = site_url(from_page) or "."
    there = site_url(page_path(index.record(rec_id)))
    return posixpath.relpath(there, here) + "/"


def _svg(
    index: Index,
    page: str,
    nodes: list[Node],
    edges: list[Edge],
    pos: dict[str, tuple[float, float]],
    size: tuple[int, int],
    title: str,
    anchor: dict[str, str],
    gid: str,
) -> Markup:
    w, h = size
    parts = [
        # No role on the svg: as role="img" its links would be hidden from assistive technology
        # (axe: nested-interactive), and role="group" is not valid on svg (Nu checker).
        f'<figure class="fs-graph" aria-labelledby="fs-graph-caption-{gid}"><svg viewBox="0 0 {w} {h}" '
        f'width="{w}" preserveAspectRatio="xMidYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{html_text(title)}</title>",
    ]
    for e in edges:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        words = f"{label(index.record(e.source))} — {e.role} — {label(index.record(e.target))}"
        parts.append(
            f'<path class="fs-edge" d="M{x1:.0f},{y1:.0f} L{x2:.0f},{y2:.0f}"><title>{html_text(words)}</title></path>'
        )
    for n in nodes:
        x, y = pos[n.id]
        side = anchor.get(n.id, "middle")
        dx = {"start": 9, "end": -9}.get(side, 0)
        dy = 4 if side != "middle" else 20
        parts.append(
            f'<a href="{html_text(_href(page, n.id, index))}" class="fs-node fs-node-{n.kind}">'
            f"<title>{html_text(n.kind.capitalize() + ': ' + n.label)}</title>"
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6"/>'
            f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{side}">{html_text(_short(n.label))}</text></a>'
        )
    parts.append(f'</svg><figcaption id="fs-graph-caption-{gid}">{html_text(title)}</figcaption></figure>')
    return Markup("".join(parts))


def neighbourhood_svg(index: Index, page: str, rec_id: str) -> Markup | None:
    """The record in the middle, its neighbours around it; ``None`` when it has none."""
    nodes, edges = neighbourhood(index, rec_id)
    if len(nodes) < 2:
        return None
    ring = nodes[1:]
    radius = max(120, 22 * len(ring) / math.pi)
    w, h = int(2 * radius + 380), int(2 * radius + 80)
    cx, cy = w / 2, h / 2
    pos = {rec_id: (cx, cy)}
    anchor = {rec_id: "middle"}
    for i, node in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        pos[node.id] = (x, y)
        anchor[node.id] = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
    n = len(ring)
    title = f"{label(index.record(rec_id))} and the {n} record{'s' if n != 1 else ''} it is connected to"
    return _svg(index, page, nodes, edges, pos, (w, h), title, anchor, rec_id)


def overview_svg(index: Index, page: str) -> Markup:
    """Every person, institution, claim and number in columns, with every connection between them."""
    nodes, edges = overview(index)
    columns = [[n for n in nodes if n.kind == kind] for kind in DRAWN]
    row, col = 26, 250
    h = int(row * (max(len(c) for c in columns) + 1))
    w = int(col * len(DRAWN) + 60)
    pos: dict[str, tuple[float, float]] = {}
    anchor = {}
    for ci, column in enumerate(columns):
        top = (h - row * len(column)) / 2 + row / 2
        for ri, n in enumerate(column):
            pos[n.id] = (20 + ci * col, top + ri * row)
            anchor[n.id] = "start"
    total = sum(len(index.by_kind[k]) for k in DRAWN)
    which = "All" if len(nodes) == total else f"The {len(nodes)} most connected of {total}"
    title = f"{which} people, institutions, claims and numbers, and the {len(edges)} links between them"
    return _svg(index, page, nodes, edges, pos, (w, h), title, anchor, "overview")
