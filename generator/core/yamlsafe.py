"""Untrusted YAML in, a located tree of strings out.

The tree is built from PyYAML's event stream rather than from ``safe_load``:
events carry positions (``safe_load``'s result has none), they show anchors,
aliases, tags and duplicate keys before anything is expanded or silently
dropped, and no scalar is ever typed by YAML 1.1 rules. Every scalar keeps the
text that was written; typed fields are parsed later, explicitly, by the schema.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import FieldPath, Loc, Problem, describe_char, path_str
from .yamlerrors import explain

try:  # libyaml's parser is ~10x faster; both yield the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12

# Characters that are invisible or reorder text on screen: a reviewer reading
# the diff would not see what the published page shows.
_INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",  # zero-width
    "\u200e",
    "\u200f",
    "\u061c",  # directional marks
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # embeddings, overrides
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",  # isolates
    # Line and paragraph separators: most editors show nothing, but YAML, Python's
    # splitlines and MkDocs' front matter all break lines at them.
    "\u2028",
    "\u2029",
}


@dataclass(frozen=True)
class YScalar:
    value: str
    loc: Loc
    quoted: bool
    # Character offsets of the scalar as written (quotes and block indicators
    # included) and its style: '' plain, "'", '"', '|' or '>'. Tools that
    # rewrite one value in place, such as fix-quotes, need both.
    span: tuple[int, int] = (0, 0)
    style: str = ""

    @property
    def is_null(self) -> bool:
        """An empty, ``~`` or ``null`` plain scalar: the editor left the value unknown."""
        return not self.quoted and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class YSeq:
    items: tuple[YNode, ...]
    loc: Loc


@dataclass(frozen=True)
class YEntry:
    key: str
    key_loc: Loc
    value: YNode


@dataclass(frozen=True)
class YMap:
    entries: dict[str, YEntry]
    loc: Loc


YNode = YScalar | YSeq | YMap


@dataclass
class _Builder:
    path: str
    text: str = ""  # the file as written: escapes are told apart from characters typed as they are
    problems: list[Problem] = field(default_factory=list)

    def loc(self, mark: Any) -> Loc:
        if mark is None:
            return Loc(self.path)
        return Loc(self.path, mark.line + 1, mark.column + 1)

    def error(self, mark: Any, message: str, path: FieldPath = ()) -> None:
        # Marks come from the C or the Python parser: both have .line and .column.
        self.problems.append(Problem(self.loc(mark), message, field=path_str(path) or None))


# Tabs, C0 and C1 control characters (but line breaks) and the invisible set.
_SUSPECT = re.compile("[\t\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_INVISIBLE)) + "]")
# What a double-quoted scalar's escapes (\u202e, \x00, \e, \r, \L...) may not produce.
# A line feed may (a quote can span lines; one-line fields refuse it), a carriage
# return may not: written as it is, it only ever ends a line of the file.
_ESCAPED_SUSPECT = re.compile("[\t\r\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_INVISIBLE)) + "]")


@dataclass(frozen=True)
class _CharProblem:
    offset: int  # into the decoded text
    message: str
    loc: Loc | None = None  # where the byte-level position differs from the character one


def _scan_chars(path: str, data: bytes) -> tuple[str, list[_CharProblem], bool]:
    """Decode, and find the characters a record may not contain.

    Returns the text, the problems, and whether the parser can read the text at
    all (tabs, control characters and undecodable bytes stop it; invisible
    characters do not).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line_no = data.count(b"\n", 0, e.start) + 1
        col_no = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        # Decoded with replacement only to find the field the bad byte is in.
        text = data.decode("utf-8", errors="replace")
        offset = len(data[: e.start].decode("utf-8", errors="replace"))
        msg = f"invalid UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8"
        return text, [_CharProblem(offset, msg, Loc(path, line_no, col_no))], False
    found: list[_CharProblem] = []
    parseable = True
    # One regex pass finds every candidate; a loop over each character cost a
    # quarter of the load time at 10,000 records.
    for m in _SUSPECT.finditer(text):
        offset, ch = m.start(), m.group()
        if ch == "\t":
            found.append(_CharProblem(offset, "tab character; YAML files here use spaces only"))
            parseable = False
        elif ch in _INVISIBLE or (unicodedata.category(ch) == "Cc" and ch not in "\r\n"):
            found.append(_CharProblem(offset, f"forbidden invisible character {describe_char(ch)}"))
            # The parser breaks lines at U+2028 and U+2029: its positions and messages
            # would be off by a line, so such a file is parsed only to name fields.
            parseable = parseable and ch in _INVISIBLE and ch not in "\u2028\u2029"
    return text, found, parseable


def _char_problems(path: str, text: str, found: list[_CharProblem], tree: YNode | None) -> list[Problem]:
    """Each character problem, located, with the field it is in.

    Every one is reported, however many (a file may hold thousands): lines and
    fields are looked up by bisection in tables made once per file, as a walk
    per problem made thousands of them take minutes.
    """
    if not found:
        return []
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    scalars: list[tuple[int, int, FieldPath]] = []
    if tree is not None:
        _scalar_spans(tree, (), scalars)
    scalars.sort(key=lambda s: s[0])
    scalar_starts = [s[0] for s in scalars]
    out = []
    for cp in found:
        line = bisect_right(line_starts, cp.offset)
        loc = cp.loc or Loc(path, line, cp.offset - line_starts[line - 1] + 1)
        # Scalars do not overlap: only the last one starting at or before the offset can hold it.
        k = bisect_right(scalar_starts, cp.offset) - 1
        where = scalars[k][2] if k >= 0 and cp.offset < scalars[k][1] else None
        out.append(Problem(loc, cp.message, field=path_str(where) if where else None))
    return out


def _scalar_spans(node: YNode, path: FieldPath, out: list[tuple[int, int, FieldPath]]) -> None:
    """Add where each value of the tree is written, and its field; keys are not values, empty ones hold nothing."""
    if isinstance(node, YScalar):
        if node.span[0] < node.span[1]:
            out.append((node.span[0], node.span[1], path))
    elif isinstance(node, YSeq):
        for i, item in enumerate(node.items):
            _scalar_spans(item, (*path, i), out)
    else:
        for e in node.entries.values():
            _scalar_spans(e.value, (*path, e.key), out)


def _parse(path: str, text: str) -> tuple[YNode | None, list[Problem]]:
    b = _Builder(path, text)
    events: list[yaml.Event] = []
    try:
        # Event by event: those read before an error say where in the record it is.
        events.extend(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        line, col, message, where = explain(text, e, events)
        b.problems.append(Problem(Loc(path, line + 1, col + 1), message, field=path_str(where) or None))
        return None, b.problems
    except yaml.YAMLError as e:  # pragma: no cover - unmarked errors are rare
        b.error(None, f"YAML syntax: {e}")
        return None, b.problems
    docs = [i for i, ev in enumerate(events) if isinstance(ev, yaml.DocumentStartEvent)]
    if not docs:
        return None, [Problem(Loc(path), "file is empty; a record file holds one mapping")]
    if len(docs) > 1:
        b.error(events[docs[1]].start_mark, "several YAML documents in one file; keep one record per file")
        return None, b.problems
    node, _ = _node(b, events, docs[0] + 1, depth=1, path=())
    return node, _collapse(b.problems)


# Reported once per file: an alias bomb would otherwise bury the editor in lines.
_ONCE = ("YAML anchors", "YAML aliases")


def _collapse(problems: list[Problem]) -> list[Problem]:
    out: list[Problem] = []
    for prefix in _ONCE:
        same = [p for p in problems if p.message.startswith(prefix)]
        if len(same) > 1:
            first = same[0]
            more = f" ({len(same) - 1} more in this file)"
            out.append(Problem(first.loc, first.message + more, first.record, first.field))
        else:
            out += same
    return out + [p for p in problems if not p.message.startswith(_ONCE)]


def load_yaml(path: str, data: bytes) -> tuple[YNode | None, list[Problem]]:
    """Parse one record file; ``path`` is how the file is named in messages."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(Loc(path), f"file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}")]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(Loc(path), "file starts with a byte-order mark; save it as UTF-8 without BOM")]
    text, chars, parseable = _scan_chars(path, data)
    if not parseable:
        # Parse a copy with the offending characters blanked, only to name their fields.
        blanked = list(text)
        for cp in chars:
            blanked[cp.offset] = " "
        tree, _ = _parse(path, "".join(blanked))
        return None, sorted(_char_problems(path, text, chars, tree))
    if not text.strip():
        return None, [Problem(Loc(path), "file is empty; a record file holds one mapping")]
    tree, problems = _parse(path, text)
    problems += _char_problems(path, text, chars, tree)
    return (None if problems else tree), sorted(problems)


def _node(b: _Builder, events: list[yaml.Event], pos: int, depth: int, path: FieldPath) -> tuple[YNode | None, int]:
    ev = events[pos]
    # Exact types, not isinstance: this runs for every node of every record file.
    cls = type(ev)
    if cls is yaml.AliasEvent:
        b.error(ev.start_mark, "YAML aliases (*name) are not allowed; write the value out", path)
        return None, pos + 1
    if ev.anchor is not None:  # type: ignore[attr-defined]  # scalar and collection starts all have one
        b.error(ev.start_mark, "YAML anchors (&name) are not allowed; write the value out", path)
    tag = ev.tag  # type: ignore[attr-defined]
    if tag is not None:
        b.error(ev.start_mark, f"explicit YAML tags ({tag}) are not allowed", path)
    if depth > MAX_DEPTH:
        b.error(ev.start_mark, f"nesting deeper than {MAX_DEPTH} levels", path)
        return None, _skip(events, pos)

    if cls is yaml.ScalarEvent:
        # libyaml reports a plain scalar's style as "", the Python parser as None.
        start, end = ev.start_mark, ev.end_mark
        assert start is not None and end is not None  # the parser always sets them
        span = (start.index, end.index)
        if ev.style == '"':  # type: ignore[attr-defined]
            _check_escapes(b, ev.value, span, start, path)  # type: ignore[attr-defined]
        return YScalar(ev.value, b.loc(start), bool(ev.style), span, ev.style or ""), pos + 1  # type: ignore[attr-defined]
    if cls is yaml.SequenceStartEvent:
        items: list[YNode] = []
        pos += 1
        n = 0
        while type(events[pos]) is not yaml.SequenceEndEvent:
            item, pos = _node(b, events, pos, depth + 1, (*path, n))
            n += 1
            if item is not None:
                items.append(item)
        return YSeq(tuple(items), b.loc(ev.start_mark)), pos + 1
    if cls is yaml.MappingStartEvent:
        entries: dict[str, YEntry] = {}
        pos += 1
        while type(events[pos]) is not yaml.MappingEndEvent:
            key_ev = events[pos]
            key, pos = _node(b, events, pos, depth + 1, path)
            name = key.value if isinstance(key, YScalar) else "?"
            value, pos = _node(b, events, pos, depth + 1, (*path, name))
            if not isinstance(key, YScalar):
                if key is not None:
                    b.error(key_ev.start_mark, "mapping keys must be plain words", path)
                continue
            if key.value == "<<" and not key.quoted:
                b.error(key_ev.start_mark, "YAML merge keys (<<) are not allowed; write the fields out", path)
                continue
            if key.value in entries:
                first = entries[key.value].key_loc
                msg = f"duplicate key '{key.value}' (first defined at line {first.line})"
                b.error(key_ev.start_mark, msg, (*path, name))
                continue
            if value is not None:
                entries[key.value] = YEntry(key.value, key.loc, value)
        return YMap(entries, b.loc(ev.start_mark)), pos + 1
    raise AssertionError(f"unexpected YAML event {ev!r}")  # pragma: no cover


def _check_escapes(b: _Builder, value: str, span: tuple[int, int], mark: Any, path: FieldPath) -> None:
    """The character rules, applied to what a double-quoted scalar's escapes decode to.

    The scan of the file sees "\\u202e" as six harmless characters; the value
    holds the override itself. Characters typed as they are were reported by
    that scan already, so only those the written scalar does not contain are.
    """
    written = b.text[span[0] : span[1]]
    for ch in dict.fromkeys(_ESCAPED_SUSPECT.findall(value)):
        if ch not in written:
            b.error(mark, f"forbidden invisible character {describe_char(ch)}, written as an escape; remove it", path)


def _skip(events: list[yaml.Event], pos: int) -> int:
    """Position after the node starting at ``pos``, without building it."""
    level = 0
    while True:
        ev = events[pos]
        pos += 1
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            level += 1
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            level -= 1
        if level == 0:
            return pos
