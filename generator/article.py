"""The body of a source page: the whole article, cited passages marked.

Each paragraph is written as raw HTML so that passages can carry anchors;
its text goes through :func:`html_text`. Cited passages may overlap or cross
one another: each becomes a ``<mark>`` holding its anchor where it starts,
continued by further ``<mark>`` elements where nesting forces a split.
After each paragraph, a Markdown list names the records citing each passage,
so that MkDocs checks those links like any other.
"""

from __future__ import annotations

import itertools

from markupsafe import Markup

from .index import Index, label
from .markup import excerpt, html_text, md_link, rel_link
from .model import FURNITURE, Source
from .urls import page_path

_FURNITURE_LABEL = {kind: kind.replace("-", " ").capitalize() for kind in FURNITURE.meanings}


def _layer(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """HTML for ``text[start:end]`` with ``(start, end, open_first, open_more)`` spans marked.

    Spans are ordered by start, longest first; at every boundary the open
    elements that still continue are kept, the others closed, and newly
    covering spans opened (with ``open_first`` the first time, else ``open_more``).
    """
    cuts = sorted({start, end, *(max(s, start) for s, _, _, _ in spans), *(min(e, end) for _, e, _, _ in spans)})
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    for a, b in itertools.pairwise(cuts):
        want = [i for i, (s, e, _, _) in enumerate(spans) if s <= a and b <= e]
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] == want[keep]:
            keep += 1
        out.extend(_close(spans[i]) for i in reversed(stack[keep:]))
        for i in want[keep:]:
            out.append(spans[i][2] if i not in opened else spans[i][3])
            opened.add(i)
        stack = want
        out.append(str(html_text(text[a:b])))
    out.extend(_close(spans[i]) for i in reversed(stack))
    return "".join(out)


def _close(span: tuple[int, int, str, str]) -> str:
    return "</mark>" if span[2].startswith("<mark") else "</span>"


def render_article(index: Index, source: Source, page: str) -> Markup:
    text = index.base.texts.get(source.id)
    if text is None:
        return Markup("*The article text could not be read.*\n")
    passages = index.passages.get(source.id, ())
    furniture = index.furniture.get(source.id, ())
    blocks: list[str] = []
    for para in text.paragraphs:
        spans: list[tuple[int, int, str, str]] = []
        whole_kind = None
        for f in furniture:
            if f.span.start < para.end and para.start < f.span.end:
                if f.span.start <= para.start and para.end <= f.span.end:
                    whole_kind = f.kind
                else:
                    tag = f'<span class="fs-furniture" title="{html_text(_FURNITURE_LABEL[f.kind])} (not evidence)">'
                    spans.append((f.span.start, f.span.end, tag, tag))
        here = [p for p in passages if p.span.paragraph == para.number]
        for p in here:
            spans.append(
                (
                    p.span.start,
                    p.span.end,
                    f'<mark class="fs-cited" id="{p.anchor}">',
                    f'<mark class="fs-cited" data-continues="{p.anchor}">',
                )
            )
        spans.sort(key=lambda s: (s[0], -s[1]))
        body = _layer(text.display, para.start, para.end, spans)
        classes = "fs-para"
        badge = ""
        if whole_kind:
            classes += " fs-furniture"
            badge = f'<span class="fs-furniture-label">{html_text(_FURNITURE_LABEL[whole_kind])} · not evidence</span> '
        pnum = f'<a class="fs-pnum" href="#p-{para.number}" title="Paragraph {para.number}">{para.number}</a>'
        blocks.append(f'<p class="{classes}" id="p-{para.number}">{pnum}{badge}{body}</p>')
        if here:
            items = []
            for p in here:
                citers = index.citers[(source.id, p.anchor)]
                links = Markup(", ").join(
                    md_link(label(index.record(r)), rel_link(page, page_path(index.record(r)))) for r in citers
                )
                quote = text.display[p.span.start : p.span.end]
                items.append(f"- {md_link('“' + excerpt(quote, 60) + '”', '#' + p.anchor)} cited by {links}")
            blocks.append("\n".join(items))
    return Markup("\n\n".join(blocks) + "\n")
