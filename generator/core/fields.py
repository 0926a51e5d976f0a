"""Constraint markers for the model's fields, used inside ``Annotated[...]``.

Each marker knows how to check a value and how to describe itself in JSON
Schema, so that validation, the editor schema and the field reference are all
derived from the one declaration in :mod:`generator.core.model`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

SLUG_MAX = 64
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Names that a site or an operating system already uses for something else.
RESERVED_IDS = frozenset(
    {"index", "search", "assets", "404", "sitemap", "facts", "con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
# Ids are typed and read in reviews: one made from a long statement stops after about five words.
DEFAULT_ID_MAX = 40
_DANGLING = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"})
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URL_UNSAFE = '"<>`{}|\\^'
_DECIMAL_RE = re.compile(r"-?\d+(?:\.\d+)?")


def slugify(name: str, limit: int = DEFAULT_ID_MAX) -> str:
    """An id from a name: "Dmitry Peskov" -> dmitry-peskov, "Zürich Court" -> zurich-court.

    Cut at a word boundary to ``limit`` characters, never ending on a word like "of".
    Returns "" where nothing usable is left (a name in a non-Latin script):
    the caller then asks for ``--id``.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower().replace("'", "").replace("’", ""))
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > min(limit, SLUG_MAX):
            while len(kept) > 1 and kept[-1] in _DANGLING:
                kept.pop()
            break  # cut at a word boundary, never inside a word
        kept.append(word)
    slug = "-".join(kept)
    if slug in RESERVED_IDS:
        slug += "-1"
    return slug


class Marker:
    """Base class: ``check`` returns an error message or ``None``."""

    def check(self, value: Any) -> str | None:
        return None

    def schema(self) -> dict[str, Any]:
        return {}


# Every character Python's str.splitlines breaks a line at: a one-line field holds none.
# Written with escapes, the same class reads alike in Python and in JSON Schema (ECMA-262).
_LINE_BREAKS = r"\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029"
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")


@dataclass(frozen=True)
class Text(Marker):
    """Human text; ``one_line`` forbids line breaks (titles, names, quotes)."""

    max_len: int = 300
    one_line: bool = True

    def check(self, value: Any) -> str | None:
        if not value:
            return "must not be empty"
        if self.one_line and _LINE_BREAK.search(value):
            return "must be a single line"
        if len(value) > self.max_len:
            return f"is {len(value)} characters long; the limit is {self.max_len}"
        return None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"minLength": 1, "maxLength": self.max_len}
        if self.one_line:
            out["pattern"] = f"^[^{_LINE_BREAKS}]*$"
        return out


@dataclass(frozen=True)
class Slug(Marker):
    """A record id: lowercase ASCII words joined by single hyphens."""

    def check(self, value: Any) -> str | None:
        if not SLUG_RE.fullmatch(value):
            return f"'{value}' is not a valid id: use lowercase letters a-z, digits and single hyphens"
        if len(value) > SLUG_MAX:
            return f"id is {len(value)} characters long; the limit is {SLUG_MAX}"
        if value in RESERVED_IDS:
            return f"'{value}' is a reserved name; choose another id"
        return None

    def schema(self) -> dict[str, Any]:
        return {"pattern": f"^{SLUG_RE.pattern}$", "maxLength": SLUG_MAX}


@dataclass(frozen=True)
class Ref(Marker):
    """The id of another record, of one of ``kinds``; resolved after loading."""

    kinds: tuple[str, ...]

    def __init__(self, *kinds: str) -> None:
        object.__setattr__(self, "kinds", kinds)

    def check(self, value: Any) -> str | None:
        wrong = Slug().check(value)
        if wrong is None or SLUG_RE.fullmatch(value):
            return wrong
        # Most often a name where the id belongs ("Bob Sample" for bob-sample): say which the field takes.
        guess = slugify(value)  # the id `new` would make from that name
        example = f", such as {guess}" if guess else ""
        return (
            f"'{value}' is not an id: this field takes the id of a {' or '.join(self.kinds)} record, "
            f"which is its file name without .yaml{example}, not its name"
        )

    def schema(self) -> dict[str, Any]:
        return Slug().schema()


@dataclass(frozen=True)
class Choice(Marker):
    """One of a fixed set of words, each with its documented meaning."""

    meanings: dict[str, str] = field(hash=False)

    def check(self, value: Any) -> str | None:
        if value not in self.meanings:
            return f"'{value}' is not one of: {', '.join(self.meanings)}"
        return None

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.meanings)}


@dataclass(frozen=True)
class PartialDate(Marker):
    """A calendar date to the precision known: ``2025``, ``2025-08`` or ``2025-08-15``."""

    def check(self, value: Any) -> str | None:
        m = _DATE_RE.fullmatch(value)
        if not m:
            return f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        if year == 0:
            return f"'{value}' is not a date: there is no year 0 (1 BC is followed by AD 1)"
        if month is not None and not 1 <= month <= 12:
            return f"'{value}' is not a date: month {month} does not exist"
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                return f"'{value}' is not a date: {calendar.month_name[month]} {year} has {last} days"
        return None

    def schema(self) -> dict[str, Any]:
        return {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}


@dataclass(frozen=True)
class Url(Marker):
    """An absolute ``http`` or ``https`` URL; every other scheme is refused."""

    def check(self, value: Any) -> str | None:
        if any(c.isspace() for c in value) or len(value) > 2000:
            return "is not a URL: no spaces, at most 2000 characters"
        if bad := sorted(set(value) & set(_URL_UNSAFE)):
            # RFC 3986 does not allow them unencoded; in markup they would start a new tag or attribute.
            return f"is not a URL: percent-encode {' '.join(bad)}"
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return "only absolute http:// and https:// URLs are allowed"
        return None

    def schema(self) -> dict[str, Any]:
        return {"pattern": '^https?://[^\\s"<>`{}|\\\\^]+$', "maxLength": 2000}


@dataclass(frozen=True)
class Placeholder(Marker):
    """Words a tool writes for the editor to replace: refused, with what to write instead.

    A record holding them is not finished, so it is refused like an empty value would be.
    """

    words: str
    instead: str

    def check(self, value: Any) -> str | None:
        if value.strip() == self.words:
            return f"'{self.words}' is what add-source writes; replace it with {self.instead}"
        return None

    def schema(self) -> dict[str, Any]:
        return {"not": {"const": self.words}}


@dataclass(frozen=True)
class ExactlyOne:
    """Fields of a mapping of which exactly one is given, set on the model class as ``EXACTLY_ONE``.

    Not a field marker: it constrains the mapping, so the converter, the JSON Schema
    and the field reference read it from the class.
    """

    names: tuple[str, ...]
    neither: str  # the message where none is given: what to write
    both: str  # the message where more than one is given: which to keep

    def schema(self) -> dict[str, Any]:
        # A key written with no value is null, which the converter takes as not given.
        return {"oneOf": [{"required": [n], "properties": {n: {"not": {"type": "null"}}}} for n in self.names]}


# Every reader of facts.json and the JSON-LD gets a figure of up to 15 digits back
# exactly: a double holds 15 significant decimal digits. Longer ones were written
# as Infinity (invalid JSON) from about 400 digits, and crashed the encoder past 4,300.
NUMBER_DIGITS = 15


@dataclass(frozen=True)
class Number(Marker):
    """A decimal number written plainly: ``19500``, ``2.5``; no commas or exponents."""

    def check(self, value: Any) -> str | None:
        if not _DECIMAL_RE.fullmatch(value):
            return f"'{value}' is not a plain number: write digits, e.g. 19500 or 2.5 (no commas, no exponent)"
        if (digits := sum(c.isdigit() for c in value)) > NUMBER_DIGITS:
            return f"has {digits} digits; the limit is {NUMBER_DIGITS}"
        return None

    def schema(self) -> dict[str, Any]:
        # Editors read YAML 1.2, where 19500 is a number: accept both spellings there.
        pattern = f"^(?!(?:\\D*\\d){{{NUMBER_DIGITS + 1}}}){_DECIMAL_RE.pattern}$"
        return {"type": ["string", "number"], "pattern": pattern}


@dataclass(frozen=True)
class Count(Marker):
    """A whole number from 1 up, written as digits."""

    def check(self, value: Any) -> str | None:
        # "010" is 8 to YAML 1.1 and 10 to YAML 1.2: refuse it rather than pick one.
        if not re.fullmatch(r"[1-9][0-9]{0,5}", value):
            return f"'{value}' is not a whole number from 1 up, written without leading zeros"
        return None

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "integer"], "minimum": 1, "maximum": 999999, "pattern": "^[1-9][0-9]{0,5}$"}


@dataclass(frozen=True)
class MinItems(Marker):
    """A list that must hold at least ``count`` items."""

    count: int

    def check(self, value: Any) -> str | None:
        if len(value) < self.count:
            return f"needs at least {self.count} item{'s' if self.count != 1 else ''}"
        return None

    def schema(self) -> dict[str, Any]:
        return {"minItems": self.count}


def doc(text: str, hint: str | None = None, **kwargs: Any) -> Any:
    """A dataclass field carrying its documentation (shown in schema and docs), and what an
    editor who left it out should write (added to the "missing required field" message)."""
    return field(metadata={"doc": text, "hint": hint}, **kwargs)
