"""The marked article text: the sweep in _layer writes what asking every span at every boundary wrote."""

from __future__ import annotations

import itertools
import random

from generator.pages.article import _close, _layer
from generator.pages.markup import html_text

Spans = list[tuple[int, int, str, str]]


def _layer_by_asking_every_span(text: str, start: int, end: int, spans: Spans) -> str:
    """The straightforward (quadratic) way, kept here as the reference."""
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


def _span(i: int, s: int, e: int) -> tuple[int, int, str, str]:
    if i % 3 == 2:  # furniture: a <span>, the same tag each time
        return (s, e, f'<span class="f{i}">', f'<span class="f{i}">')
    return (s, e, f'<mark id="m{i}">', f'<mark data-continues="m{i}">')


def test_nested_and_crossing_passages() -> None:
    text = "abcdefghij"
    spans = [_span(0, 0, 6), _span(1, 2, 4), _span(3, 3, 8)]  # 1 inside 0; 3 crosses both
    assert _layer(text, 0, 10, spans) == (
        '<mark id="m0">ab<mark id="m1">c<mark id="m3">d</mark></mark>'
        '<mark data-continues="m3">ef</mark></mark><mark data-continues="m3">gh</mark>ij'
    )
    assert _layer(text, 0, 10, spans) == _layer_by_asking_every_span(text, 0, 10, spans)


def test_sweep_equals_the_reference_on_random_spans() -> None:
    rng = random.Random(11)
    text = "The quick brown fox & the <lazy> dog."
    for _ in range(3000):
        start = rng.randrange(0, 10)
        end = rng.randrange(start, len(text) + 1)
        spans = []
        for i in range(rng.randrange(0, 9)):
            # Some reach outside start-end, as furniture crossing a paragraph's edge does; some are equal.
            s = rng.randrange(0, len(text))
            e = rng.randrange(s, len(text) + 1)
            spans.append(_span(i, s, e))
            if rng.random() < 0.1:
                spans.append(_span(i + 100, s, e))
        if rng.random() < 0.8:  # as the callers order them; the rest in any order
            spans.sort(key=lambda s: (s[0], -s[1]))
        assert _layer(text, start, end, spans) == _layer_by_asking_every_span(text, start, end, spans), (
            start,
            end,
            spans,
        )
