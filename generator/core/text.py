"""Article texts: paragraphs, the normalisation rule, and finding quotes.

The one normalisation rule, applied to article and quote alike before they are
compared: Unicode NFC; every run of white space becomes one space (and none at
the ends); typographic quote marks become straight ones (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″
as "). Nothing else is forgiven: a quote that differs in any other way is not
verbatim. Positions found in the normalised text map back to the displayed
text, so that the highlighted passage is exactly what the article prints.
"""

from __future__ import annotations

import re
import unicodedata
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

    def paragraph_at(self, offset: int) -> Paragraph:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        raise ValueError(offset)  # pragma: no cover - offsets come from matches

    def find_all(self, quote: str) -> list[Span | None]:
        """Every occurrence of ``quote`` (normalised); ``None`` for one crossing paragraphs."""
        needle = normalise(quote)
        if not needle:
            return []
        out: list[Span | None] = []
        at = self.normalised.find(needle)
        while at != -1:
            start = self._offsets[at]
            end = self._offsets[at + len(needle) - 1] + 1
            para = self.paragraph_at(start)
            out.append(Span(start, end, para.number) if end <= para.end else None)
            at = self.normalised.find(needle, at + 1)
        return out

    def closest(self, quote: str) -> Closest | None:
        """The passage most like ``quote``, for "did you mean" messages."""
        needle = normalise(quote)
        best: Closest | None = None
        for p in self.paragraphs:
            hay = normalise(self.display[p.start : p.end])
            al = fuzz.partial_ratio_alignment(needle, hay)
            if al is not None and (best is None or al.score > best.score):
                start, end = al.dest_start, al.dest_end
                # Widen to whole words: the suggestion is meant to be pasted as a quote.
                while start > 0 and not hay[start - 1].isspace():
                    start -= 1
                while end < len(hay) and not hay[end].isspace():
                    end += 1
                best = Closest(p.number, al.score, hay[start:end], 0.0)
        if best is None:
            return None
        return Closest(best.paragraph, best.score, best.text, fuzz.ratio(needle, best.text))
