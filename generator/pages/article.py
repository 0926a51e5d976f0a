"""The body of a source page: the whole article, cited passages marked.

Each paragraph is written as raw HTML so that passages can carry anchors;
its text goes through :func:`html_text`. Cited passages may overlap or cross
one another: each becomes a ``<mark>`` holding its anchor where it starts,
continued by further ``<mark>`` elements where nesting forces a split.
After each paragraph, a Markdown list names the records citing each passage,
so that MkDocs checks those links like any other.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from urllib.parse import quote, urlsplit, urlunsplit

from markupsafe import Markup

from ..core.index import CitedPassage, FurnitureSpan, Index, label
from ..core.model import FURNITURE, Source
from ..core.text import Span
from ..core.urls import page_path
from .markup import excerpt, html_text, md_link, rel_link

# Longer passages are addressed by their first and last words (textStart,textEnd).
_FRAGMENT_WHOLE = 80
_FRAGMENT_WORDS = 5


def _directive(text: str) -> str:
    # Text directives reserve '-', ',' and '&'; quote() leaves only '-' of them alone.
    return quote(text, safe="").replace("-", "%2D")


def fragment_url(index: Index, source_id: str, span: Span) -> str | None:
    """The passage on the publisher's page, as a URL text fragment (#:~:text=); None without a URL.

    Built from the article's own characters (typographic quotes and all),
    which is what the publisher's page shows.
    """
    source = index.record(source_id)
    text = index.base.texts.get(source_id)
    if not isinstance(source, Source) or source.url is None or text is None:
        return None
    words = text.display[span.start : span.end].split()
    if len(" ".join(words)) <= _FRAGMENT_WHOLE or len(words) < 2 * _FRAGMENT_WORDS:
        directive = _directive(" ".join(words))
    else:
        start, end = " ".join(words[:_FRAGMENT_WORDS]), " ".join(words[-_FRAGMENT_WORDS:])
        directive = f"{_directive(start)},{_directive(end)}"
    parts = urlsplit(source.url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, "")) + "#:~:text=" + directive


_FURNITURE_LABEL = {kind: kind.replace("-", " ").capitalize() for kind in FURNITURE.meanings}


def _layer(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """HTML for ``text[start:end]`` with ``(start, end, open_first, open_more)`` spans marked.

    Spans are ordered by start, longest first; between two boundaries the
    spans covering the text are open, in that order. At every boundary the
    open elements that still continue are kept, the others closed, and newly
    covering spans opened (with ``open_first`` the first time, else ``open_more``).

    A sweep: each span is opened and closed at the boundaries where it begins
    and stops covering, so each boundary costs what it writes. Asking every
    span at every boundary was quadratic in the passages of a paragraph.
    """
    cuts = sorted({start, end, *(max(s, start) for s, _, _, _ in spans), *(min(e, end) for _, e, _, _ in spans)})
    begins: dict[int, list[int]] = defaultdict(list)  # cut index -> spans covering from there on
    ends: dict[int, list[int]] = defaultdict(list)  # cut index -> spans covering up to there
    for i, (s, e, _, _) in enumerate(spans):
        # A span covers the stretches from the first cut at or after its start to the last one at or before its end.
        first, last = bisect_left(cuts, s), bisect_right(cuts, e) - 1
        if first < last:
            begins[first].append(i)
            ends[last].append(i)
    out: list[str] = []
    stack: list[int] = []  # the covering spans, in order
    opened: set[int] = set()
    for k in range(len(cuts) - 1):
        gone, new = ends.get(k, ()), begins.get(k, ())
        if gone or new:
            # Those before the first span to close or open are kept open.
            keep = bisect_left(stack, min([*gone, *new]))
            out.extend(_close(spans[i]) for i in reversed(stack[keep:]))
            reopen = sorted({*stack[keep:]}.difference(gone).union(new))
            del stack[keep:]
            for i in reopen:
                out.append(spans[i][2] if i not in opened else spans[i][3])
                opened.add(i)
            stack += reopen
        out.append(str(html_text(text[cuts[k] : cuts[k + 1]])))
    out.extend(_close(spans[i]) for i in reversed(stack))
    return "".join(out)


def _close(span: tuple[int, int, str, str]) -> str:
    return "</mark>" if span[2].startswith("<mark") else "</span>"


def _marks(here: list[CitedPassage]) -> list[tuple[int, int, str, str]]:
    """A passage's anchor goes on its first <mark>; where nesting splits it, the rest say which it continues."""
    return [
        (
            p.span.start,
            p.span.end,
            f'<mark class="fs-cited" id="{p.anchor}">',
            f'<mark class="fs-cited" data-continues="{p.anchor}">',
        )
        for p in here
    ]


def _runs(here: list[CitedPassage]) -> list[tuple[int, int]]:
    """The stretches of a paragraph that cited passages cover, overlapping passages joined."""
    runs: list[tuple[int, int]] = []
    for start, end in sorted((p.span.start, p.span.end) for p in here):
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def render_article(index: Index, source: Source, page: str) -> Markup:
    text = index.base.texts.get(source.id)
    if text is None:
        return Markup("*The article text could not be read.*\n")
    # Grouped by paragraph once: asking every passage at every paragraph was quadratic.
    # Passages and furniture each lie within one paragraph.
    passages: dict[int, list[CitedPassage]] = defaultdict(list)
    for p in index.passages.get(source.id, ()):
        passages[p.span.paragraph].append(p)
    furniture: dict[int, list[FurnitureSpan]] = defaultdict(list)
    for f in index.furniture.get(source.id, ()):
        furniture[f.span.paragraph].append(f)
    excerpt_only = source.licence == "excerpt-only"
    blocks: list[str] = []
    for para in text.paragraphs:
        here = passages.get(para.number, [])
        if excerpt_only:
            # The cited words and nothing else: no context and no text between two passages,
            # or citing the first and last words of a paragraph would publish all of it.
            if not here:
                continue
            marks = sorted(_marks(here), key=lambda s: (s[0], -s[1]))
            runs = _runs(here)
            # Each mark lies in one run: the run whose start is the last at or before its own.
            by_run: list[list[tuple[int, int, str, str]]] = [[] for _ in runs]
            starts = [a for a, _ in runs]
            for m in marks:
                by_run[bisect_right(starts, m[0]) - 1].append(m)
            body = " … ".join(_layer(text.display, a, b, ms) for (a, b), ms in zip(runs, by_run, strict=True))
            lead = "… " if runs[0][0] > para.start else ""
            tail = " …" if runs[-1][1] < para.end else ""
            blocks.append(f'<p class="fs-para fs-excerpt" id="p-{para.number}">{lead}{body}{tail}</p>')
            blocks.append(_cited_by(index, source, page, here, text.display))
            continue
        spans: list[tuple[int, int, str, str]] = []
        whole_kind = None
        for f in furniture.get(para.number, ()):
            if f.span.start <= para.start and para.end <= f.span.end:
                whole_kind = f.kind
            else:
                tag = f'<span class="fs-furniture" title="{html_text(_FURNITURE_LABEL[f.kind])} (not evidence)">'
                spans.append((f.span.start, f.span.end, tag, tag))
        spans += _marks(here)
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
            blocks.append(_cited_by(index, source, page, here, text.display))
    return Markup("\n\n".join(blocks) + "\n")


def _cited_by(index: Index, source: Source, page: str, here: list[CitedPassage], display: str) -> str:
    """After a paragraph: each passage, the records that cite it, and the passage at the publisher."""
    items = []
    for p in here:
        citers = index.citers[(source.id, p.anchor)]
        links = Markup(", ").join(
            md_link(label(index.record(r)), rel_link(page, page_path(index.record(r)))) for r in citers
        )
        words = display[p.span.start : p.span.end]
        item = f"- {md_link('“' + excerpt(words, 60) + '”', '#' + p.anchor)} cited by {links}"
        url = fragment_url(index, source.id, p.span)
        if url is not None:
            item += f' · <a class="fs-external" href="{html_text(url)}" rel="nofollow noopener">at the publisher ↗</a>'
        items.append(item)
    return "\n".join(items)
