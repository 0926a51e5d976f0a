"""A passage described so that it can be found again: its words, the words around it, its offsets.

These are the W3C Web Annotation selectors (TextQuoteSelector: exact, prefix,
suffix; TextPositionSelector: start, end) over an article's displayed text
(:attr:`SourceText.display`: the file with CRLF as LF, in Unicode NFC; offsets
count code points). Offsets go stale with any edit before the passage; the
words around it do not, unless the edit is next to it, so finding a passage
again starts from the words and uses the offset only to break a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Span, every_start

# As much context as annotation tools keep on either side (Hypothesis keeps 32).
CONTEXT = 32


@dataclass(frozen=True)
class Selectors:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def selectors(display: str, span: Span, context: int = CONTEXT) -> Selectors:
    """The passage at ``span`` of ``display`` with ``context`` characters either side (fewer at the ends)."""
    return Selectors(
        display[span.start : span.end],
        display[max(0, span.start - context) : span.start],
        display[span.end : span.end + context],
        span.start,
        span.end,
    )


def _common(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share from their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _fit(display: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the prefix and suffix agree with the text around ``start``-``end``."""
    before = display[max(0, start - len(prefix)) : start]
    after = display[end : end + len(suffix)]
    # The prefix is read back from the passage, the suffix forward from it.
    return _common(before[::-1], prefix[::-1]) + _common(after, suffix)


def reanchor(
    display: str, exact: str, prefix: str = "", suffix: str = "", start: int | None = None
) -> tuple[int, int] | None:
    """Where the passage is in ``display`` now, or ``None`` where nothing fits.

    Each occurrence of ``exact`` is scored by how much of the prefix and suffix
    it still has around it, and the best wins (the nearest to ``start`` of equals).
    Where the words themselves were corrected, the text between the prefix and
    the suffix is the passage, if they are found once each, in that order, and
    no further apart than the passage and its context were.
    """
    if exact:
        found = every_start(display, exact)
        if found:
            near = start if start is not None else 0
            best = max(found, key=lambda at: (_fit(display, at, at + len(exact), prefix, suffix), -abs(at - near)))
            return best, best + len(exact)
    if len(prefix) < CONTEXT // 2 or len(suffix) < CONTEXT // 2:
        return None  # too few words around it to say where it is without its own
    before, after = every_start(display, prefix), every_start(display, suffix)
    if len(before) != 1 or len(after) != 1:
        return None
    lo, hi = before[0] + len(prefix), after[0]
    if not lo < hi <= lo + 2 * len(exact) + CONTEXT:
        return None
    return lo, hi
