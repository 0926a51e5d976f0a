"""What a quoted passage states: its numbers and dates, read from its words.

A record's typed values (a figure's ``value``, a source's publication date)
must be what the passage cited for them says: ``value: 30`` for "nearly three
hours" is a slip no reviewer should have to catch by eye. This module reads the
numbers and dates a passage gives, in the forms news articles write them:
digits with thousands separators ("19,500", "19 500"), a scale word after them
("1.5 million"), English number words ("three", "twenty-one", "two hundred
thousand"), ISO dates and dates with month names ("16 August 2025", "Aug. 16,
2025"). It never guesses beyond them: a value it cannot find is reported, with
what it did find, for an editor to decide.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

_UNITS = {
    w: i
    for i, w in enumerate(
        [
            *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
            *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

# Digits, with thousands grouped by commas, points or (narrow, no-break) spaces, and an optional fraction.
_DIGITS = re.compile(
    r"(?<![\w.,])\d{1,3}(?:([,.\u00a0\u202f ])\d{3})(?:\1\d{3})*(?:[.,]\d+)?(?!\d)"  # 19,500 or 1.000.000
    r"|(?<![\w])\d+(?:[.,]\d+)?"  # 3, 2.5
)
_WORD = re.compile(r"[a-z]+")
_SCALE_AFTER = re.compile(r"\s*(thousand|million|billion|trillion|bn|m)\b")


@dataclass(frozen=True)
class Stated:
    """A number a passage gives, and the words that give it."""

    value: Decimal
    words: str


def _digit_values(written: str, group: str | None) -> set[Decimal]:
    """What a number in digits means. Grouped by commas or spaces, it is thousands
    ("19,500"); grouped by points it is thousands in much of Europe ("20.000") or,
    with one point, a decimal in English: both are kept. Ungrouped, a comma or a
    point is a decimal point ("2.5", "2,5")."""
    if group is None:
        return {Decimal(written.replace(",", "."))}
    point = "," if group == "." else "."
    whole, _, fraction = written.partition(point)
    out = {Decimal(whole.replace(group, "") + ("." + fraction if fraction else ""))}
    if group == "." and written.count(".") == 1 and not fraction:
        out.add(Decimal(written))
    return out


@dataclass(frozen=True)
class _Read:
    """Words of a passage that give a number: where they are, what they may mean, and their scale."""

    start: int
    end: int
    values: tuple[Decimal, ...]  # every reading, scaled or not: "2.5 million" is 2.5 and 2,500,000
    bare: tuple[Decimal, ...]  # the readings without a scale word
    scale: int  # the scale word's factor, 1 without one


# What joins the two ends of a range: "2-3", "2–3", "2 to 3", and "between 2 and 3".
_RANGE_JOIN = re.compile(r"\s*(?:[-\u2010-\u2015]|to)\s*")
_AND = re.compile(r"\s+and\s+")
_BETWEEN = re.compile(r"\bbetween\s+$")


def numbers_in(text: str) -> list[Stated]:
    """The numbers ``text`` states, in order, each with the words that state it.

    In a range whose scale word is written once ("2 to 3 million", "between two and
    three thousand"), the scale counts for the lower end too: 2,000,000 is stated.
    """
    lower = text.lower()
    read: list[_Read] = []
    for m in _DIGITS.finditer(text):
        scale = _SCALE_AFTER.match(lower, m.end())
        factor = {"bn": 10**9, "m": 10**6}.get(scale.group(1), _SCALES.get(scale.group(1), 1)) if scale else 1
        bare = tuple(sorted(_digit_values(m.group(), m.group(1))))
        values = tuple(v for b in bare for v in ((b, b * factor) if factor != 1 else (b,)))
        read.append(_Read(m.start(), scale.end() if scale else m.end(), values, bare, factor))
    read += _word_numbers(lower)
    read.sort(key=lambda r: r.start)
    found = [(r.start, Stated(v, text[r.start : r.end])) for r in read for v in r.values]
    for a, b in itertools.pairwise(read):
        if a.scale != 1 or b.scale == 1:
            continue
        between = lower[a.end : b.start]
        if _RANGE_JOIN.fullmatch(between) or (_AND.fullmatch(between) and _BETWEEN.search(lower, 0, a.start)):
            found += [(a.start, Stated(v * b.scale, text[a.start : b.end])) for v in a.bare]
    found.sort(key=lambda f: f[0])
    return [s for _, s in found]


def _word_numbers(lower: str) -> list[_Read]:
    """Numbers written in words: "three", "twenty-one", "one hundred and five", "two million"."""
    out: list[_Read] = []
    total = current = 0
    start = end = -1  # of the number being read
    seen = -1  # where the last word that belongs to it ends ("and" included)
    last = ""  # the previous number word: "and" is part of a number only after "hundred" or a scale

    def close() -> None:
        nonlocal total, current, start, last
        if start >= 0:
            value = Decimal(total + current)
            out.append(_Read(start, end, (value,), (value,), _SCALES.get(last, 1)))
        total = current = 0
        start = -1
        last = ""

    for m in _WORD.finditer(lower):
        word = m.group()
        if start >= 0 and lower[seen : m.start()].strip(" -"):
            close()  # anything but spaces and hyphens between two words ends a number
        if word == "and" and start >= 0 and (last == "hundred" or last in _SCALES):
            seen = m.end()
            continue
        if word in _UNITS or word in _TENS:
            if start >= 0 and (last in _UNITS or (last in _TENS and word in _TENS)):
                close()  # "two three" is two numbers, "twenty one" is one
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        elif word == "hundred" and start >= 0:
            current = (current or 1) * 100
        elif word in _SCALES and start >= 0:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            close()
            continue
        if start < 0:
            start = m.start()
        end = seen = m.end()
        last = word
    close()
    return out


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_FORMS = [
    # 2025-08-16, 2025-08
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)"), ("y", "m", "d")),
    # 16 August 2025, 16th Aug. 2025
    (
        re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})(?!\d)", re.I),
        ("d", "m", "y"),
    ),
    # August 16, 2025
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I), ("m", "d", "y")),
    # August 2025
    (re.compile(rf"\b{_MONTH},?\s+(\d{{4}})(?!\d)", re.I), ("m", "y")),
    # 16/08/2025 or 08/16/2025: both readings are kept
    (re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)"), ("d", "m", "y")),
    (re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)"), ("m", "d", "y")),
    # a year alone
    (re.compile(r"(?<![\d,.])(\d{4})(?![\d,])"), ("y",)),
]


def dates_in(text: str) -> set[str]:
    """The calendar dates ``text`` states, each to the precision it gives (YYYY, YYYY-MM or YYYY-MM-DD)."""
    out = set()
    for pattern, order in _DATE_FORMS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            year = int(parts["y"])
            month = parts.get("m")
            month_no = (_MONTHS[month.lower()] if not month.isdigit() else int(month)) if month else None
            day = int(parts["d"]) if parts.get("d") else None
            if month_no is not None and not 1 <= month_no <= 12:
                continue
            if day is not None and (month_no is None or not 1 <= day <= calendar.monthrange(year or 1, month_no)[1]):
                continue
            parts_out = [f"{year:04d}", *([f"{month_no:02d}"] if month_no else []), *([f"{day:02d}"] if day else [])]
            out.add("-".join(parts_out))
    return out


def supports_date(text: str, date: str) -> bool:
    """Whether ``text`` states ``date``, to its precision or finer ("16 August 2025" supports 2025-08)."""
    return any(d == date or d.startswith(date + "-") for d in dates_in(text))


# A qualifier that ends in one of these makes its number a bound ("well over" ends in "over"),
# and says whether the number itself is included: True for "at least", False for "over".
# The longer phrases are tried first: "no more than" is an upper bound, "more than" a lower one.
LOWER_BOUNDS = {
    **dict.fromkeys(("over", "more than", "above", "in excess of", "upwards of"), False),
    **dict.fromkeys(("at least", "no fewer than", "no less than", "not fewer than", "not less than"), True),
    "a minimum of": True,
}
UPPER_BOUNDS = {
    **dict.fromkeys(("under", "below", "fewer than", "less than"), False),
    **dict.fromkeys(("up to", "at most", "no more than", "not more than", "as many as"), True),
    "a maximum of": True,
}
_BOUND_WORDS = sorted(
    [(w, "low", inc) for w, inc in LOWER_BOUNDS.items()] + [(w, "high", inc) for w, inc in UPPER_BOUNDS.items()],
    key=lambda b: -len(b[0]),
)


@dataclass(frozen=True)
class Bound:
    """What a qualifier's words make of its number: which end it is, and whether it is included."""

    end: str  # "low" or "high": the field the number belongs in
    words: str  # the bound words the qualifier ends in
    inclusive: bool


def bound_of(qualifier: str) -> Bound | None:
    """The bound a qualifier words ("over", "at least", "up to"), or None ("nearly", "thousands")."""
    q = " ".join(qualifier.casefold().split())
    for words, end, inclusive in _BOUND_WORDS:
        if q == words or q.endswith(" " + words):
            return Bound(end, words, inclusive)
    return None
