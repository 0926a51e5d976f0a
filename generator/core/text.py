"""Article texts: paragraphs, the normalisation rule, and finding quotes.

The one normalisation rule, applied to article and quote alike before they are
compared: Unicode NFC; every run of white space becomes one space (and none at
the ends); typographic quote marks become straight ones (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″
as "). Nothing else is forgiven: a quote that differs in any other way is not
verbatim. Positions found in the normalised text map back to the displayed
text, so that the highlighted passage is exactly what the article prints.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'}
)
# \S is the complement of str.isspace (tests/test_text.py checks every code point).
_WORD = re.compile(r"\S+")
_PARA_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def normalise(text: str) -> str:
    """The normalisation rule, for quotes and anything compared with an article."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, as shown to editors
    start: int  # offsets into SourceText.display
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Span:
    """A located passage: offsets into the displayed text, inside one paragraph."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Occurrences:
    """Every occurrence of one quote, in text order."""

    spans: tuple[Span | None, ...]  # None for one that crosses paragraphs
    starts: tuple[int, ...]  # where each begins in the displayed text, crossing ones included

    def nth(self, start: int) -> int:
        """Which occurrence (1 = first) begins at ``start``."""
        k = bisect_left(self.starts, start)
        if k == len(self.starts) or self.starts[k] != start:
            raise ValueError(start)
        return k + 1


def every_start(hay: str, needle: str) -> list[int]:
    """Where ``needle`` (not empty) begins in ``hay``, overlapping occurrences included, in linear time.

    Searching again from each occurrence plus one compares the whole needle
    at every occurrence: a 2,000-character "ha ha ha …" quote in a text of
    "ha ha ha …" took seconds. So, past a few occurrences: only a needle that
    overlaps itself can occur again before it ends, and then first one period
    on, which costs one period to check; where that fails, the next occurrence
    cannot begin within the period or the needle's overlap with itself (the
    periodicity lemma), and the search resumes past both.
    """
    out: list[int] = []
    at = hay.find(needle)
    while at != -1 and len(out) < _FEW:
        out.append(at)
        at = hay.find(needle, at + 1)
    if at == -1:
        return out
    m = len(needle)
    period = _period(needle)  # worked out only here: it costs a Python loop over the needle
    tail = needle[m - period :]
    skip = m if period == m else max(period, m - period) + 1
    while at != -1:
        out.append(at)
        if period < m:
            while hay.startswith(tail, at + m):
                at += period
                out.append(at)
        at = hay.find(needle, at + skip)
    return out


_FEW = 8


def _period(s: str) -> int:
    """The smallest p > 0 with s[i] == s[i + p] for every i (len(s) if none is shorter): KMP's border table."""
    border = [0] * len(s)
    k = 0
    for i in range(1, len(s)):
        while k and s[i] != s[k]:
            k = border[k - 1]
        if s[i] == s[k]:
            k += 1
        border[i] = k
    return len(s) - border[-1]


@dataclass(frozen=True)
class Closest:
    """The passage most like a quote that is not in the article."""

    paragraph: int
    score: float  # how well the quote fits somewhere in the paragraph (partial match), 0-100
    text: str  # the passage, widened to whole words, normalised
    similarity: float  # the quote against that passage as a whole, 0-100


class SourceText:
    """One article as displayed (NFC of the file) and as compared (normalised)."""

    def __init__(self, raw: str) -> None:
        self.display = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
        # Runs of non-space characters, joined by one space: the rule, with an
        # offset kept for each normalised character (a regex walk, not a
        # character loop: this runs over every article on every build).
        parts: list[str] = []
        offsets: list[int] = []  # normalised index -> display index
        for m in _WORD.finditer(self.display):
            start, end = m.span()
            if parts:
                parts.append(" ")
                offsets.append(start - 1)
            parts.append(m.group())
            offsets.extend(range(start, end))
        # Every quote mark maps to one character, so offsets stay aligned.
        self.normalised = "".join(parts).translate(_QUOTES)
        self._offsets = offsets

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        out: list[Paragraph] = []
        pos = 0
        for m in [*_PARA_SPLIT.finditer(self.display), None]:
            end = m.start() if m else len(self.display)
            chunk = self.display[pos:end]
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            if body:
                s = pos + lead
                out.append(Paragraph(len(out) + 1, s, s + len(body)))
            if m:
                pos = m.end()
        return tuple(out)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph holding ``offset``: a bisection, as a quote may occur in thousands of them."""
        k = bisect_right(self._paragraph_starts, offset) - 1
        if k >= 0 and offset < self.paragraphs[k].end:
            return self.paragraphs[k]
        raise ValueError(offset)

    def find_all(self, quote: str) -> list[Span | None]:
        """Every occurrence of ``quote`` (normalised); ``None`` for one crossing paragraphs."""
        return list(self.occurrences(quote).spans)

    def occurrences(self, quote: str) -> Occurrences:
        """Every occurrence of ``quote`` (normalised), and where each begins."""
        needle = normalise(quote)
        if not needle:
            return Occurrences((), ())
        spans: list[Span | None] = []
        starts: list[int] = []
        for at in every_start(self.normalised, needle):
            start = self._offsets[at]
            end = self._offsets[at + len(needle) - 1] + 1
            para = self.paragraph_at(start)
            spans.append(Span(start, end, para.number) if end <= para.end else None)
            starts.append(start)
        return Occurrences(tuple(spans), tuple(starts))

    def closest(self, quote: str) -> Closest | None:
        """The passage most like ``quote``, for "did you mean" messages.

        Every paragraph is searched where that is cheap (any article of usual
        length). Beyond CLOSEST_BUDGET, only the stretches that share the most
        words and pairs of words with the quote are: searching all of a 2 MiB
        article took up to a minute for one long quote.
        """
        needle = normalise(quote)
        paragraphs = [(p.number, normalise(self.display[p.start : p.end])) for p in self.paragraphs]
        pieces = [(number, hay, 0, len(hay)) for number, hay in paragraphs]
        if sum(_alignment_cost(needle, len(hay)) for _, hay in paragraphs) > CLOSEST_BUDGET:
            pieces = _likeliest_pieces(needle, paragraphs)
        best: Closest | None = None
        for number, hay, lo, hi in pieces:
            al = fuzz.partial_ratio_alignment(needle, hay[lo:hi])
            if al is not None and (best is None or al.score > best.score):
                start, end = lo + al.dest_start, lo + al.dest_end
                # Widen to whole words: the suggestion is meant to be pasted as a quote.
                while start > 0 and not hay[start - 1].isspace():
                    start -= 1
                while end < len(hay) and not hay[end].isspace():
                    end += 1
                best = Closest(number, al.score, hay[start:end], 0.0)
        if best is None:
            return None
        return Closest(best.paragraph, best.score, best.text, fuzz.ratio(needle, best.text))


# What closest() may spend on aligning one quote, in _alignment_cost's units: about 0.2 s here.
CLOSEST_BUDGET = 2_000_000_000


def _alignment_cost(needle: str, hay_length: int) -> int:
    """About the work, in tenths of a nanosecond here, of aligning ``needle`` in a text of ``hay_length``.

    rapidfuzz compares 64 characters at a time, and each call costs about
    ten windows more (measured with rapidfuzz 3.14).
    """
    m = len(needle)
    return m * (1 + m // 64) * (hay_length + 10 * min(m, hay_length))


_TOKEN = re.compile(r"\w+")


def _likeliest_pieces(needle: str, paragraphs: list[tuple[int, str]]) -> list[tuple[int, str, int, int]]:
    """The stretches of the paragraphs most like the needle, as many as CLOSEST_BUDGET pays for (two at least).

    Paragraphs are cut into pieces twice the needle's length, overlapping by
    half, so that any passage as long as the needle lies whole in one piece.
    A piece scores one for each word and two for each pair of words it shares
    with the needle (case aside): a slip changes a word and the two pairs
    around it, and leaves the rest.
    """
    width = max(2 * len(needle), 64)
    words = [w.casefold() for w in _TOKEN.findall(needle)]
    wanted = {*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))}
    pieces: list[tuple[int, str, int, int]] = []
    scores: list[int] = []
    for number, hay in paragraphs:
        starts: list[int] = []
        weights: list[int] = []
        before = ""
        for m in _TOKEN.finditer(hay):
            word = m.group().casefold()
            starts.append(m.start())
            weights.append((word in wanted) + 2 * (f"{before} {word}" in wanted))
            before = word
        total = [0, *itertools.accumulate(weights)]
        for lo in range(0, max(1, len(hay) - width // 2), width // 2):
            hi = min(lo + width, len(hay))
            pieces.append((number, hay, lo, hi))
            scores.append(total[bisect_left(starts, hi)] - total[bisect_left(starts, lo)])
    chosen: list[int] = []
    spent = 0
    for k in sorted(range(len(pieces)), key=lambda k: -scores[k]):  # ties in text order
        _, _, lo, hi = pieces[k]
        spent += _alignment_cost(needle, hi - lo)
        if len(chosen) >= 2 and spent > CLOSEST_BUDGET:
            break
        chosen.append(k)
    return [pieces[k] for k in sorted(chosen)]
