"""Located problems: every error the generator reports is a value, not an exception.

Each stage collects problems and keeps going, so that an editor sees every
problem in one run; only the caller decides to stop.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# The generator as the messages name it for a contributor to run: what works from a fresh clone
# after `make` (a bare `python -m generator` fails outside the virtual environment).
RUN = ".venv/bin/python -m generator"

# A field inside a record: keys and list positions, e.g. ("accounts", 0, "quote").
FieldPath = tuple[str | int, ...]


# Characters that would let a name taken from a file (a YAML key, a file name) start a
# new line of output, or reorder it on screen: control characters, line and paragraph
# separators, zero-width and bidirectional characters.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` with every such character written as its escape, e.g. a line feed as ``\\n``."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


# Unicode gives control characters no names; these are the ones YAML escapes can write.
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\t": "TAB",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x85": "NEXT LINE",
}


def describe_char(ch: str) -> str:
    """How a message names a character: ``U+2013 EN DASH``."""
    name = unicodedata.name(ch, None) or _CONTROL_NAMES.get(ch, "control character")
    return f"U+{ord(ch):04X} {name}"


def path_str(path: FieldPath) -> str:
    """``accounts[0].quote``: how a field is named in messages and in JSON output."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a file: 1-based line and column, as editors count them."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    """One error, located in a file, optionally naming the record and field."""

    loc: Loc
    message: str
    record: str | None = None
    field: str | None = None

    def format(self) -> str:
        """One line of output, whatever the names and values quoted in it hold."""
        field = f" [{printable(self.field)}]" if self.field else ""
        return printable(f"{self.loc}: error:{field} {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.loc.file,
            "line": self.loc.line,
            "col": self.loc.col,
            "record": self.record,
            "field": self.field,
            "message": self.message,
        }


class ProblemsError(Exception):
    """Raised by the pipeline's entry points when any problem was collected."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [p.format() for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found")
        return "\n".join(lines)
