"""YAML syntax errors in plain words, with the fix.

PyYAML says what its parser expected ("mapping values are not allowed in this
context", "did not find expected key"); an editor needs what to type instead.
Three things tell the usual slips apart: PyYAML's problem and where it points,
the line as it was typed, and the events parsed before the error, which say
which field was being read and how the levels above it are indented. libyaml
and PyYAML's Python parser word their problems differently; a wording is
relied on only where nothing else tells two cases apart, and then both are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import FieldPath

# How much of a typed value a message repeats: enough to recognise it.
_SHOWN = 60


@dataclass
class _Level:
    """A mapping or a list the parser was inside of, or had just closed, when it failed."""

    seq: bool
    flow: bool
    line: int  # 0-based, where it starts
    col: int  # 0-based: where its keys, its "- " or its bracket start
    field: FieldPath  # the field it is the value of
    key: str | None = None  # a mapping's last key, and the line it is on
    key_line: int = 0
    awaiting: bool = False  # a mapping's key was read and its value not yet
    items: int = 0  # a list's items read so far
    child: _Level | None = None  # the last collection read inside it, while nothing followed it


@dataclass
class _State:
    """What the events before the error say."""

    open: list[_Level] = field(default_factory=list)
    root: _Level | None = None
    last: Any = None  # the last event
    closed: _Level | None = None  # the level the last event closed
    value_field: FieldPath = ()  # the field of the last scalar read as a value


def _next_field(st: _State) -> FieldPath:
    """The field of the value the innermost open level would read next."""
    if not st.open:
        return ()
    top = st.open[-1]
    if top.seq:
        return (*top.field, top.items)
    return (*top.field, top.key) if top.awaiting and top.key is not None else top.field


def _state(events: list[yaml.Event]) -> _State:
    st = _State()
    for ev in events:
        st.last, st.closed = ev, None
        mark = ev.start_mark
        assert mark is not None  # the parsers always set it
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            seq = isinstance(ev, yaml.SequenceStartEvent)
            level = _Level(seq, bool(ev.flow_style), mark.line, mark.column, _next_field(st))
            if st.open:
                _read_value(st.open[-1])
                st.open[-1].child = level
            else:
                st.root = level
            st.open.append(level)
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            st.closed = st.open.pop() if st.open else None
        elif isinstance(ev, (yaml.ScalarEvent, yaml.AliasEvent)) and st.open:
            top = st.open[-1]
            top.child = None
            if top.seq or top.awaiting:
                st.value_field = _next_field(st)
                _read_value(top)
            else:
                top.key = ev.value if isinstance(ev, yaml.ScalarEvent) else "*"
                top.key_line = mark.line
                top.awaiting = True
    return st


def _read_value(level: _Level) -> None:
    if level.seq:
        level.items += 1
    else:
        level.awaiting = False


def _levels(st: _State) -> list[_Level]:
    """The block levels a line could belong to, innermost first: those open, and the last ones closed in them."""
    chain: list[_Level] = []
    level = st.open[0] if st.open else st.root
    while level is not None:
        chain.append(level)
        level = st.open[len(chain)] if len(chain) < len(st.open) else level.child
    return [lv for lv in reversed(chain) if not lv.flow]


def _line(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line].rstrip("\r") if 0 <= line < len(lines) else ""


def _shown(words: str) -> str:
    """``words``, cut in the middle if long: a value's end (its closing quote) matters as much as its start."""
    words = words.strip()
    return words if len(words) <= _SHOWN else words[: _SHOWN - 20] + "…" + words[-19:]


def _spaces(n: int) -> str:
    return "not at all" if n == 0 else f"{n} space{'s' if n != 1 else ''}"


def _indent(n: int) -> str:
    return "start it at the beginning of the line" if n == 0 else f"indent it {_spaces(n)}"


def quoted(value: str) -> str:
    """``value`` as a YAML scalar keeping every character: in double quotes, or in single ones if it holds " or \\."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _written(level: _Level | None, value: str) -> str:
    """The corrected line: the field's key (or the list's dash) and the value in quotes."""
    if level is not None and level.seq:
        lead = "- "
    elif level is not None and level.key is not None:
        lead = f"{level.key}: "
    else:
        lead = ""
    return _shown(lead + quoted(value))


def explain(text: str, error: yaml.MarkedYAMLError, events: list[yaml.Event]) -> tuple[int, int, str, FieldPath]:
    """Where ``error`` is (0-based line and column), in plain words with the fix, and the field it is in.

    ``events``: those the parser gave before it failed.
    """
    st = _state(events)
    problem, context = error.problem or "", error.context or ""
    opened = error.context_mark  # where what could not be finished began
    mark = error.problem_mark or opened
    line, col = (mark.line, mark.column) if mark is not None else (0, 0)
    top = st.open[-1] if st.open else None

    if problem.startswith("mapping values are not allowed"):
        return _colon(st, text, line, col)
    if context == "while scanning a quoted scalar" and problem == "found unexpected end of stream" and opened:
        q = text[opened.index]
        inside = '\\"' if q == '"' else "''"
        msg = (
            f"the {q} that opens this value is never closed: end the value with {q} "
            f"(a {q} inside the value is written {inside})"
        )
        return opened.line, opened.column, msg, _next_field(st)
    outer = next((i for i, lv in enumerate(st.open) if lv.flow), None)
    if context.startswith("while parsing a flow") and outer is not None:
        bracket, close, what = ("[", "]", "list") if "sequence" in context else ("{", "}", "mapping")
        flow = st.open[outer]
        msg = (
            f"the {bracket} that opens this value starts a {what}, which is never closed: end the {what} with "
            f"{close}, or, if the value is text, put it in quotes: "
            f"{_written(st.open[outer - 1] if outer else None, _rest(text, flow))}"
        )
        return flow.line, flow.col, msg, flow.field
    if "cannot start any token" in problem or context == "while scanning a block scalar":
        if context == "while scanning a block scalar" and opened:
            line, col = opened.line, opened.column
        value = _line(text, line)[col:].strip()
        msg = f"a value cannot start with {value[:1]} unless it is in quotes: write {_written(top, value)}"
        return line, col, msg, _next_field(st)
    if "unknown escape character" in problem:
        typed = _line(text, line)
        if typed[col : col + 1] != "\\" and typed[col - 1 : col] == "\\":
            col -= 1  # the Python parser points after the backslash, libyaml at it
        msg = (
            f'inside "…" a backslash starts an escape, and {typed[col : col + 2]} is none: '
            "write a backslash as \\\\, or put the value in single quotes instead"
        )
        return line, col, msg, _next_field(st)
    if problem == "could not find expected ':'" and opened:
        return _no_colon(st, text, opened.line)
    if context in ("while parsing a block mapping", "while parsing a block collection") or "document start" in problem:
        after = _after_closing(st, text, line, col)
        if after is not None:
            return after
        return _indentation(st, text, line, "document start" in problem)
    msg = (
        f"YAML cannot read this line ({problem or context}): look at its indentation, colons and quotes; "
        "docs/contributing.md lists the usual slips and their fixes"
    )
    return line, col, msg, ()


def _rest(text: str, level: _Level) -> str:
    return _line(text, level.line)[level.col :].strip()


def _colon(st: _State, text: str, line: int, col: int) -> tuple[int, int, str, FieldPath]:
    """A colon and a space, which start a key, where a value was being read."""
    last, top = st.last, st.open[-1] if st.open else None
    if isinstance(last, yaml.ScalarEvent) and last.start_mark is not None and top is not None:
        start = last.start_mark
        if start.line == line:
            value = _line(text, line)[start.column :].strip()
            msg = "a colon followed by a space starts a key, so this value must be in quotes: write "
            msg += _written(top, value)
            return line, col, msg, st.value_field
        typed = _line(text, line)
        indent = len(typed) - len(typed.lstrip(" "))
        owner = f"'{top.key}' (line {top.key_line + 1})" if not top.seq else f'the "- " item on line {start.line + 1}'
        like = f", like '{top.key}'" if not top.seq else ""
        msg = (
            f"this line is indented more than {owner}, so it continues that value, and a colon followed by a "
            f"space cannot stand in a value: if the line is a field of its own, {_indent(top.col)}{like}; "
            "if it continues the value, put the whole value in quotes"
        )
        return line, indent, msg, st.value_field
    msg = "a colon followed by a space starts a key, and no key can start here: put the value in quotes"
    return line, col, msg, ()


# "name:Eve"; not "https://…", a value on a line of its own.
_FIELD_NO_SPACE = re.compile(r"(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):(?!//)(\S.*)")


def _no_colon(st: _State, text: str, line: int) -> tuple[int, int, str, FieldPath]:
    """A line that is neither a field nor a list item."""
    typed = _line(text, line)
    indent = len(typed) - len(typed.lstrip(" "))
    m = _FIELD_NO_SPACE.fullmatch(typed)
    if m:
        msg = f"a colon after a field's name must be followed by a space: write {_shown(f'{m[2]}: {m[3]}')}"
        return line, indent, msg, ()
    top = st.open[-1] if st.open else None
    msg = f'this line ("{_shown(typed)}") is neither a field (name: value) nor a list item (- …): '
    if top is not None and not top.seq and top.key is not None:
        msg += (
            f"if it belongs to the value of '{top.key}' (line {top.key_line + 1}), {_indent(top.col + 2)}; "
            "if it is a field, put a colon and a space after its name"
        )
    else:
        msg += "if it is a field, put a colon and a space after its name"
    return line, indent, msg, ()


def _after_closing(st: _State, text: str, line: int, col: int) -> tuple[int, int, str, FieldPath] | None:
    """Text after a value's closing quote or bracket, or a quote closed lines later than meant."""
    last = st.last
    if not isinstance(last, (yaml.ScalarEvent, yaml.SequenceEndEvent, yaml.MappingEndEvent)):
        return None
    start, end = last.start_mark, last.end_mark
    assert start is not None and end is not None
    top = st.open[-1] if st.open else None
    if isinstance(last, yaml.ScalarEvent) and last.style in ("'", '"'):
        q = text[start.index]
        if start.line < end.line and end.line == line:
            msg = (
                f"the {q} that opens this value is not closed on its line, so the value runs on to the {q} on "
                f"line {end.line + 1} and the rest of that line cannot be read: end the value with {q} where it "
                "is meant to end"
            )
            return start.line, start.column, msg, st.value_field
        if end.line != line or end.column > col:
            return None
        typed = _line(text, line)
        read = typed[start.column + 1 : end.column - 1]
        whole = typed[start.column + 1 :].rstrip()
        if q == '"':
            kind, inside = "double", 'write a " inside "…" as \\"'
        else:
            kind, inside = "single", "write an apostrophe inside '…' twice ('')"
        msg = (
            f'the value is in {kind} quotes, so it ends at the {q} after "{_shown(read)}" and the rest cannot be read: '
        )
        msg += inside
        if whole.endswith(q) and len(whole) > 1:
            msg += f", or write {_written(top, whole[:-1])}"
        return line, col, msg, st.value_field
    closed = st.closed
    if closed is None or not closed.flow or end.line != line:
        return None
    bracket, close, what = ("[", "]", "list") if closed.seq else ("{", "}", "mapping")
    msg = (
        f"a value that starts with {bracket} is a {what}, which ends at its {close}, so what follows cannot be "
        f"read: if the value is text, put all of it in quotes: {_written(top, _rest(text, closed))}"
    )
    return line, col, msg, closed.field


def _indentation(st: _State, text: str, line: int, document: bool) -> tuple[int, int, str, FieldPath]:
    """A line whose indentation matches none of the levels above it, or a list item among fields."""
    typed = _line(text, line)
    indent = len(typed) - len(typed.lstrip(" "))
    levels = _levels(st)
    root = st.root
    if document and root is not None and root.col > 0:
        msg = "this line is indented, but a record's fields start at the beginning of the line: remove the spaces"
        return root.line, root.col, msg, ()
    content = typed.strip()
    if content == "-" or content.startswith("- "):
        among = next((lv for lv in levels if not lv.seq and lv.col == indent and lv.key is not None), None)
        if among is not None:
            # Most often a new item for a list above, indented as lists are elsewhere, not as that one is.
            outer = next((lv for lv in levels if lv.seq and lv.col != indent), None)
            fixes = []
            if outer is not None:
                where = _indent(outer.col)
                fixes.append(f"if it is a new item of the list on line {outer.line + 1}, {where}, like its other items")
            fixes += [
                'if it is a field, remove the "- "',
                "if it starts a list, put it under the field that holds the list, indented more than that field",
            ]
            msg = (
                f"this line starts a list item (- …) where a field, like '{among.key}' on line "
                f"{among.key_line + 1}, is expected: " + "; ".join(fixes)
            )
            return line, indent, msg, ()
    beside = next((lv for lv in levels if lv.seq and lv.col == indent), None)
    options = [lv for lv in levels if lv is not beside]
    options = sorted(sorted(options, key=lambda lv: abs(lv.col - indent))[:3], key=lambda lv: -lv.col)
    ways = [
        (lv.col, f'with "- " to start a new item of the list on line {lv.line + 1}')
        if lv.seq
        else (lv.col, f"to go with '{lv.key}' (line {lv.key_line + 1})")
        for lv in options
    ]
    this = f'this line ("{_shown(content)}")'
    if beside is not None:
        head = f'{this} lines up with the "- " items of the list on line {beside.line + 1} but does not start with "- "'
        tail = 'start it with "- " to make it a new item'
    else:
        head = f"{this} is indented {indent} space{'s' if indent != 1 else ''}, which lines up with nothing above it"
        tail = ""
    if not ways:
        return line, indent, f"{head}: {tail}" if tail else head, ()
    if len(ways) == 1:
        listed = f"{_indent(ways[0][0])} {ways[0][1]}"
    else:
        each = [f"{_spaces(col)} {why}" for col, why in ways]
        listed = "indent it " + ", ".join(each[:-1]) + ", or " + each[-1]
    return line, indent, f"{head}: {listed}" + (f"; or {tail}" if tail else ""), ()
