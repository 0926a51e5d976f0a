"""Article texts: paragraphs, the normalisation rule, and finding quotes.

The one normalisation rule, applied to article and quote alike before they are
compared: Unicode NFC; every run of white space becomes one space (and none at
the ends); typographic quote marks become straight ones (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″
as "). Nothing else is forgiven: a quote that differs in any other way is not
verbatim. Positions found in the normalised text map back to the displayed
text, so that the highlighted passage is exactly what the article prints.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from .errors import describe_char

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
class Difference:
    """Where a quote and the passage most like it differ: a stretch of each, either of which may be empty."""

    quote: tuple[int, int]  # into Closest.typed
    passage: tuple[int, int]  # into Closest.printed


@dataclass(frozen=True)
class Closest:
    """The passage most like a quote that is not in the article, and where the two differ.

    The passage spans the quote's own extent: the article's words before and
    after it are not part of it, so that replacing the quote by it changes
    nothing but the characters that differ.
    """

    paragraph: int
    alike: int  # how alike quote and passage are as a whole: the share of their characters in common, in percent
    text: str  # the passage, normalised
    printed: str  # the passage as the article prints it, white space as one space
    typed: str  # the quote as typed, white space as one space
    differences: tuple[Difference, ...]

    @property
    def suggestion(self) -> str:
        """The quote with the differing characters, and only those, replaced by the article's."""
        out, i = [], 0
        for d in self.differences:
            out += [self.typed[i : d.quote[0]], self.printed[d.passage[0] : d.passage[1]]]
            i = d.quote[1]
        out.append(self.typed[i:])
        fixed = "".join(out)
        # Two pieces that join into another character (NFC) would no longer read as the passage.
        return fixed if normalise(fixed) == self.text else self.printed


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
        best: tuple[float, int, str, int, int] | None = None
        for number, hay, lo, hi in pieces:
            al = fuzz.partial_ratio_alignment(needle, hay[lo:hi])
            if al is not None and (best is None or al.score > best[0]):
                best = (al.score, number, hay, lo + al.dest_start, lo + al.dest_end)
        if best is None:
            return None
        _, number, hay, start, end = best
        para = self.paragraphs[number - 1]
        return closest_in(quote, number, hay, " ".join(self.display[para.start : para.end].split()), start, end)


def closest_in(quote: str, paragraph: int, hay: str, printed: str, start: int, end: int) -> Closest:
    """The passage of a paragraph (``hay`` normalised, ``printed`` as printed) most like ``quote``,
    near ``hay[start:end]``, where a search of the paragraph put the quote."""
    needle = normalise(quote)
    # The search gives a stretch as long as the quote: words the article adds inside push
    # the quote's end past it, so a little more is compared.
    slack = len(needle) // 4 + 8
    lo, hi = max(0, start - slack), min(len(hay), end + slack)
    ops = difflib.SequenceMatcher(None, needle, hay[lo:hi], autojunk=False).get_opcodes()
    # What the article has before the quote's first character and after its last is not the quote's.
    while ops and ops[0][0] == "insert":
        ops.pop(0)
    while ops and ops[-1][0] == "insert":
        ops.pop()
    if not ops:
        first, last = lo, lo
    else:
        tag, i1, i2, j1, j2 = ops[0]
        # A first (or last) character the quote gets wrong stands for as many of the article's, no more.
        first = lo + (max(j1, j2 - (i2 - i1)) if tag == "replace" else j1)
        tag, i1, i2, j1, j2 = ops[-1]
        last = lo + (min(j2, j1 + (i2 - i1)) if tag == "replace" else j2)
    while first < last and hay[first] == " ":
        first += 1
    while last > first and hay[last - 1] == " ":
        last -= 1
    text = hay[first:last]
    shown = printed[first:last] if len(printed) == len(hay) else text
    typed = " ".join(unicodedata.normalize("NFC", quote).split())
    if len(typed) != len(needle):  # pragma: no cover - the rule maps each character to one
        typed = needle
    differences: list[Difference] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, needle, text, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = differences[-1] if differences else None
        # Two slips in one word are one difference: "siad" for "said", not "s[]i[a]d".
        if before is not None and " " not in needle[before.quote[1] : i1]:
            differences[-1] = Difference((before.quote[0], i2), (before.passage[0], j2))
        else:
            differences.append(Difference((i1, i2), (j1, j2)))
    # Rounded down, once: the figure shown is the figure compared, and only the same words are 100% alike.
    alike = math.floor(fuzz.ratio(needle, text))
    return Closest(paragraph, alike, text, shown, typed, tuple(differences))


# How many differences a message shows; it says how many there are in all.
SHOWN_DIFFERENCES = 3


def told(best: Closest, limit: int = SHOWN_DIFFERENCES) -> str:
    """Where a quote differs from the passage, for a one-line message: each difference in a few
    words of context, the differing characters in [ ], the quote's as typed and the article's as
    printed, and the characters named where one of them is not plain ASCII."""
    n = len(best.differences)
    head = f"{n} difference{'s' if n != 1 else ''}" + (f", the first {limit}" if n > limit else "")
    return head + ": " + "; ".join(_told(best, d) for d in best.differences[:limit])


def _told(best: Closest, d: Difference) -> str:
    mine, theirs = best.typed[d.quote[0] : d.quote[1]], best.printed[d.passage[0] : d.passage[1]]
    out = f'"{_marked(best.typed, *d.quote)}" where the article has "{_marked(best.printed, *d.passage)}"'
    if len(mine) <= 1 and len(theirs) <= 1 and not (mine + theirs).isascii():
        out += " (" + ", ".join(f"{c} is {describe_char(c)}" for c in (mine, theirs) if c) + ")"
    return out


# Characters of a difference shown in full; a longer one keeps its start and end.
_DIFFERENCE_SHOWN = 40


def _marked(s: str, a: int, b: int) -> str:
    """``s[a:b]`` in [ ], in the words around it and one more word on each side."""
    start, end = a, b
    if start > 0 and s[start - 1] != " ":  # inside a word: from its start
        start = s.rfind(" ", 0, start) + 1
    if start > 0:
        start = s.rfind(" ", 0, start - 1) + 1
    if end < len(s) and s[end] != " ":  # to the word's end
        end = _word_end(s, end)
    if end < len(s):
        end = _word_end(s, end + 1)
    middle = s[a:b]
    if len(middle) > _DIFFERENCE_SHOWN:
        middle = middle[: _DIFFERENCE_SHOWN - 15] + "…" + middle[-14:]
    return f"{s[start:a]}[{middle}]{s[b:end]}"


def _word_end(s: str, at: int) -> int:
    found = s.find(" ", at)
    return len(s) if found == -1 else found


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
