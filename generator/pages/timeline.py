"""The timeline: every dated statement and event, in date order.

Articles date things relative to themselves ("on Friday", "last month", "in
March"). Where an editor has not given a calendar date, the wording is
resolved against the article's publication date, by the rules in
:func:`resolve`; a publication date the text does not show but the editor
gave is used too, and the note says so. The original wording always travels
with the date, and anything that cannot be resolved stays undated rather than
guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core.fields import PartialDate
from ..core.index import Cite, Index
from ..core.model import Claim, NumberRecord, Source, When

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_RE = "|".join(_MONTHS)


@dataclass(frozen=True)
class Resolved:
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when unknown
    how: str  # "given by the editor", "resolved against …", "as written", or why it stays unknown


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def resolve(text: str, published: str | None, *, by_editor: bool = False) -> Resolved:
    """The calendar date an article's wording stands for, to the precision it allows.

    Absolute wording ("in March 2023", "June 2024", "in 2022") needs nothing
    else. Relative wording needs the publication date to the day: a weekday
    ("on Friday") is the last such day before publication, "last month" the
    month before, a month without a year ("in March") the latest such month not
    after publication, "yesterday" the day before. Anything else ("in recent
    weeks", "later") has no date. ``by_editor``: the publication date is the
    editor's, not the text's, and the note says so.
    """
    words = " ".join(text.lower().replace(",", " ").split())
    words = re.sub(r"^(in|on|since|from|by|during|early|late|mid|earlier)\s+", "", words)
    if m := re.fullmatch(rf"(?:(\d{{1,2}})\s+)?({_MONTH_RE})(?:\s+(\d{{1,2}}))?\s+(\d{{4}})", words):
        day = m.group(1) or m.group(3)
        month, year = _MONTHS[m.group(2)], int(m.group(4))
        date = f"{_month(year, month)}-{int(day):02d}" if day else _month(year, month)
        if PartialDate().check(date) is None:
            return Resolved(date, "as written")
    if (m := re.fullmatch(r"(\d{4})", words)) and PartialDate().check(m.group(1)) is None:
        return Resolved(m.group(1), "as written")
    pub = _day(published)
    if pub is None:
        why = "no publication date" if published is None else "publication date known only to the month"
        return Resolved(None, f"relative wording; {why} to resolve it against")
    whose = "the editor's publication date" if by_editor else "the publication date"
    against = f"resolved against {whose} {published}"
    try:
        counted = _relative(words, pub)
    except OverflowError:  # "on Friday" before 1 January of year 1: there is no such day
        return Resolved(None, f"relative wording; counted back from {published} it falls before year 1")
    if counted is None:
        return Resolved(None, "no calendar date in the wording")
    if PartialDate().check(counted) is not None:  # "last year" in year 1
        return Resolved(None, f"relative wording; counted back from {published} it falls before year 1")
    return Resolved(counted, against)


def _relative(words: str, pub: dt.date) -> str | None:
    """Relative wording as a date counted back from the day of publication; None for other wording."""
    if words in _WEEKDAYS:
        back = (pub.weekday() - _WEEKDAYS[words]) % 7 or 7
        return (pub - dt.timedelta(days=back)).isoformat()
    if words == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat()
    if words in ("today", "this morning", "tonight"):
        return pub.isoformat()
    if words == "last month":
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return _month(first.year, first.month)
    if words in ("this month", "earlier this month"):
        return _month(pub.year, pub.month)
    if words == "last year":
        return f"{pub.year - 1:04d}"
    if words in ("this year", "earlier this year"):
        return f"{pub.year:04d}"
    if words in _MONTHS:
        month = _MONTHS[words]
        return _month(pub.year if month <= pub.month else pub.year - 1, month)
    return None


def _day(date: str | None) -> dt.date | None:
    if date is None or len(date) != 10:
        return None
    return dt.date.fromisoformat(date)


@dataclass(frozen=True)
class Entry:
    """One line of the timeline."""

    date: str | None
    how: str
    wording: str | None  # the article's own words for the time, when there are any
    record: str  # the claim, number or source
    source: str  # the article that dates it
    cite: Cite | None  # the passage to follow
    from_editor: str | None = None  # of a publication date the text does not show: where the editor took it from


def when_of(index: Index, when: When | None, source: str) -> Resolved:
    if when is None:
        return Resolved(None, "no time given")
    if when.date is not None:
        return Resolved(when.date, "given by the editor")
    src = index.record(source)
    meta = src.published if isinstance(src, Source) else None
    if meta is None:
        return resolve(when.text, None)
    return resolve(when.text, meta.date, by_editor=meta.quote is None)


def record_entries(index: Index, rec_id: str) -> list[Entry]:
    """The timeline's items from one record: a claim's accounts, a figure, a source's date."""
    rec = index.record(rec_id)
    out: list[Entry] = []
    if isinstance(rec, Claim):
        for i, acc in enumerate(rec.accounts):
            if acc.when is None:
                continue
            cites = [c for c in index.cites.get(rec_id, ()) if c.path[:2] == ("accounts", i)]
            r = when_of(index, acc.when, acc.source)
            out.append(Entry(r.date, r.how, acc.when.text, rec_id, acc.source, cites[0] if cites else None))
    elif isinstance(rec, NumberRecord):
        if rec.as_of is not None:
            cites = list(index.cites.get(rec_id, ()))
            source = cites[0].source if cites else ""
            r = when_of(index, rec.as_of, source) if source else Resolved(rec.as_of.date, "given by the editor")
            out.append(Entry(r.date, r.how, rec.as_of.text, rec_id, source, cites[0] if cites else None))
    elif isinstance(rec, Source) and rec.published is not None:
        meta = rec.published
        how = "shown in the text" if meta.from_editor is None else "from the editor"
        out.append(Entry(meta.date, how, None, rec_id, rec_id, None, meta.from_editor))
    return out


def entries(index: Index, of: Callable[[str], list[Entry]] | None = None) -> list[Entry]:
    """Every dated or datable item, dated ones first in date order, then the undated ones.

    ``of`` gives one record's items (by default :func:`record_entries`), so that
    a builder may keep them between builds.
    """
    items = of or (lambda rec_id: record_entries(index, rec_id))
    out = [e for kind in ("claim", "number", "source") for rec_id in index.by_kind[kind] for e in items(rec_id)]
    # Partial dates sort at the start of their period ("2025-07" before "2025-07-02").
    dated = sorted((e for e in out if e.date), key=lambda e: (e.date or "", e.record, e.source))
    undated = sorted((e for e in out if not e.date), key=lambda e: (e.source, e.record))
    return dated + undated
