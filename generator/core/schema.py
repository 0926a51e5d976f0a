"""Derivations of the model: YAML tree -> records, and model -> JSON Schema.

Both walk the same type hints of :mod:`generator.core.model`, so a field declared
there is validated, documented and offered to editors without being restated.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Union

from .errors import FieldPath, Loc, Problem, path_str
from .fields import Choice, ExactlyOne, Marker, MinItems, Ref
from .yamlsafe import YMap, YNode, YScalar, YSeq

Path = FieldPath
_INVALID = object()  # a value that failed; the problem is already recorded


@dataclass(frozen=True)
class FieldType:
    """A type hint taken apart: the bare type, its markers, and whether null is allowed."""

    base: Any
    markers: tuple[Marker, ...]
    optional: bool
    # How a YAML node becomes a value of this type, worked out once per hint
    # rather than once per node: "union", "list", "record" or "scalar".
    shape: str = "scalar"


def is_union(tp: Any) -> bool:
    """``Union[...]`` and ``X | Y`` alike."""
    return typing.get_origin(tp) in (Union, types.UnionType)


@cache
def field_type(tp: Any) -> FieldType:
    markers: list[Marker] = []
    optional = False
    while True:
        if typing.get_origin(tp) is typing.Annotated:
            markers.extend(m for m in tp.__metadata__ if isinstance(m, Marker))
            tp = tp.__origin__
            continue
        if is_union(tp):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) < len(typing.get_args(tp)):
                optional = True
                tp = args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007 - built at run time
                continue
        if is_union(tp):
            shape = "union"
        elif typing.get_origin(tp) is tuple:
            shape = "list"
        elif dataclasses.is_dataclass(tp):
            shape = "record"
        else:
            shape = "scalar"
        return FieldType(tp, tuple(markers), optional, shape)


@cache
def hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


@cache
def fields_of(cls: Any) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init)


def plain(value: Any) -> Any:
    """A value of the model as JSON has it (facts.json, ``changes --format json``): numbers as
    numbers, whole ones as integers; parts of records as objects; lists as lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields_of(type(value))}
    return value


def is_required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


_KIND_WORDS = {YScalar: "a single value", YSeq: "a list", YMap: "a mapping of fields"}
_NODE_FOR_SHAPE = {"list": YSeq, "record": YMap}


def _option_words(option: Any) -> str:
    """One option of a union, as an editor would name it: "an id", "a list", "'the article'"."""
    ft = field_type(option)
    if ft.shape != "scalar":
        return {"list": "a list", "record": "a mapping"}.get(ft.shape, "a value")
    choices = [m for m in ft.markers if isinstance(m, Choice)]
    if choices:
        return " or ".join(f"'{c}'" for c in choices[0].meanings)
    return "an id" if any(isinstance(m, Ref) for m in ft.markers) else "a single value"


@dataclass
class Converter:
    """Builds one record from its YAML tree, recording every problem and position.

    With ``partial``, a record with invalid fields is still built, each invalid
    field replaced by a stand-in (its default, an empty list or text, or None)
    and its path kept in ``holes``: the checks of the rest of the record (its
    references, its quotes) can then run in the same pass, skipping the holes.
    """

    file: str
    record: str | None = None
    problems: list[Problem] = field(default_factory=list)
    positions: dict[Path, Loc] = field(default_factory=dict)
    partial: bool = False
    holes: set[Path] = field(default_factory=set)

    def error(self, loc: Loc, path: Path, message: str) -> None:
        self.problems.append(Problem(loc, message, self.record, path_str(path) or None))

    def convert(self, node: YNode, tp: Any, path: Path) -> Any:
        self.positions[path] = node.loc
        ft = field_type(tp)
        if isinstance(node, YScalar) and node.is_null:
            if ft.optional:
                return None
            self.error(node.loc, path, "a value is required here")
            return _INVALID
        base = ft.base
        value: Any
        if ft.shape == "union":
            value = self._union(node, base, path)
        elif ft.shape == "list":
            value = self._list(node, typing.get_args(base)[0], path)
        elif ft.shape == "record":
            value = self.record_of(node, base, path)
        else:
            return self._scalar(node, base, ft.markers, path)
        if isinstance(value, _Partial):
            return value.items  # some items were refused: not "too few", and not a whole value either
        if value is not _INVALID:
            for marker in ft.markers:
                if isinstance(marker, MinItems) and (msg := marker.check(value)):
                    self.error(node.loc, path, msg)
        return value

    def _expect(self, node: YNode, want: type, path: Path) -> bool:
        if isinstance(node, want):
            return True
        self.error(node.loc, path, f"expected {_KIND_WORDS[want]}, found {_KIND_WORDS[type(node)]}")
        return False

    def _scalar(self, node: YNode, base: Any, markers: tuple[Marker, ...], path: Path) -> Any:
        if not self._expect(node, YScalar, path):
            return _INVALID
        assert isinstance(node, YScalar)
        # Folded and literal block scalars end in a newline the editor did not mean.
        text = node.value.strip()
        for marker in markers:
            if msg := marker.check(text):
                self.error(node.loc, path, msg)
                return _INVALID
        if base is int:
            return int(text)
        if base is Decimal:
            return Decimal(text)
        return text

    def _list(self, node: YNode, item_tp: Any, path: Path) -> Any:
        if not self._expect(node, YSeq, path):
            return _INVALID
        assert isinstance(node, YSeq)
        items = [self.convert(item, item_tp, (*path, i)) for i, item in enumerate(node.items)]
        if not any(v is _INVALID for v in items):
            return tuple(items)
        if not self.partial:
            return _INVALID
        # The valid items stand in for the list: a citation is checked though its neighbour is broken.
        self.holes.update((*path, i) for i, v in enumerate(items) if v is _INVALID)
        return _Partial(tuple(v for v in items if v is not _INVALID))

    def _union(self, node: YNode, base: Any, path: Path) -> Any:
        # Unions in the model pair options of different shapes (a plain value, a list, a mapping):
        # the node's shape picks.
        options = typing.get_args(base)
        for option in options:
            if _NODE_FOR_SHAPE.get(field_type(option).shape, YScalar) is type(node):
                return self.convert(node, option, path)
        wanted = " or ".join(_option_words(o) for o in options)
        self.error(node.loc, path, f"expected {wanted}, found {_KIND_WORDS[type(node)]}")
        return _INVALID

    def record_of(self, node: YNode, cls: Any, path: Path = ()) -> Any:
        if not self._expect(node, YMap, path):
            return _INVALID
        assert isinstance(node, YMap)
        self.positions[path] = node.loc
        known = {f.name: f for f in fields_of(cls)}
        values: dict[str, Any] = {}
        ok = True
        for key, entry in node.entries.items():
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f"; known fields: {', '.join(known)}"
                self.error(entry.key_loc, (*path, key), f"unknown field '{key}'{hint}")
                ok = False
                continue
            holes = len(self.holes)
            value = self.convert(entry.value, hints(cls)[key], (*path, key))
            if value is _INVALID:
                ok = False
                self.holes.add((*path, key))
            else:
                values[key] = value
                ok = ok and len(self.holes) == holes
        for name, f in known.items():
            if name not in node.entries and is_required(f):
                wanted = f.metadata.get("hint")
                suffix = f"; {wanted}" if wanted else ""
                self.error(node.loc, (*path, name), f"missing required field '{name}'{suffix}")
                ok = False
                self.holes.add((*path, name))
        rule: ExactlyOne | None = getattr(cls, "EXACTLY_ONE", None)
        if rule is not None:
            # An invalid value was given all the same: it is reported as such, not as missing.
            given = [n for n in rule.names if n in node.entries and not _null(node.entries[n].value)]
            if len(given) != 1:
                name = given[-1] if given else rule.names[0]
                loc = node.entries[name].key_loc if given else node.loc
                self.error(loc, (*path, name) if given else path, rule.both if given else rule.neither)
                ok = False
                self.holes.add((*path, name))
        if ok:
            return cls(**values)
        if not self.partial:
            return _INVALID
        for name, f in known.items():
            if name not in values:
                values[name] = _stand_in(f, hints(cls)[name])
        return cls(**values)


def _null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.is_null


def convert_record(node: YNode, cls: type, file: str, record: str | None) -> tuple[Any, list[Problem], dict[Path, Loc]]:
    """One record from its tree: ``(record or None, problems, positions by field path)``."""
    conv = Converter(file, record)
    value = conv.record_of(node, cls)
    return (None if value is _INVALID else value), conv.problems, conv.positions


@dataclass(frozen=True)
class Converted:
    record: Any  # the record, whole or with stand-ins in its holes; None when not even that could be built
    problems: list[Problem]
    positions: dict[Path, Loc]
    holes: frozenset[Path]  # the invalid fields, whose stand-ins no check may read


def convert_partial(node: YNode, cls: type, file: str, record: str | None) -> Converted:
    """One record from its tree, built even where some fields are invalid (see :class:`Converter`)."""
    conv = Converter(file, record, partial=True)
    value = conv.record_of(node, cls)
    return Converted(None if value is _INVALID else value, conv.problems, conv.positions, frozenset(conv.holes))


@dataclass(frozen=True)
class _Partial:
    """A list some of whose items were refused: the others, for the checks that can still use them."""

    items: tuple[Any, ...]


def _stand_in(f: dataclasses.Field[Any], tp: Any) -> Any:
    """What an invalid or missing field holds in a partial record: never read by a check."""
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    shape = field_type(tp).shape
    return () if shape == "list" else None


# -- JSON Schema ---------------------------------------------------------------


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    ft = field_type(tp)
    base = ft.base
    out: dict[str, Any]
    if is_union(base):
        out = {"oneOf": [_type_schema(a, defs) for a in typing.get_args(base)]}
    elif typing.get_origin(base) is tuple:
        out = {"type": "array", "items": _type_schema(typing.get_args(base)[0], defs)}
    elif isinstance(base, type) and dataclasses.is_dataclass(base):
        name = base.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: a type may refer to itself
            defs[name] = _object_schema(base, defs)
        out = {"$ref": f"#/$defs/{name}"}
    else:
        # Every scalar is written as text; typed fields are parsed from it.
        out = {"type": "string"}
    for marker in ft.markers:
        out.update(marker.schema())
    if ft.optional:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def _object_schema(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    props = {}
    for f in fields_of(cls):
        prop = _type_schema(hints(cls)[f.name], defs)
        prop["description"] = f.metadata.get("doc", "")
        props[f.name] = prop
    out = {
        "type": "object",
        "description": (cls.__doc__ or "").strip(),
        "properties": props,
        "required": [f.name for f in fields_of(cls) if is_required(f)],
        "additionalProperties": False,
    }
    rule: ExactlyOne | None = getattr(cls, "EXACTLY_ONE", None)
    if rule is not None:
        out.update(rule.schema())
    return out


def json_schema(cls: type, title: str) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object_schema(cls, defs)
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **root}
    if defs:
        out["$defs"] = dict(sorted(defs.items()))
    return out


# Shipped in the repository so that editors validate while typing; every record
# names its kind's file on its first line (see ``schema_line``).
SCHEMA_DIR = "generator/schemas"


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_line(kind: str) -> str:
    """The first line of every record file: it points editors at the kind's schema.

    Record files sit two folders below the repository (facts/<folder>/<id>.yaml),
    so the relative path is the same for all of them.
    """
    return f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/{schema_file(kind)}"


def editor_schemas(kinds: dict[str, type]) -> dict[str, str]:
    """File name -> JSON text, for every kind: what ``SCHEMA_DIR`` must hold."""
    return {
        schema_file(kind): json.dumps(json_schema(cls, f"Fact sheet {kind} record"), indent=2, ensure_ascii=False)
        + "\n"
        for kind, cls in kinds.items()
    }


# -- Walking records -------------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """A value found while walking a record, with its path and declared markers."""

    path: Path
    value: Any
    markers: tuple[Marker, ...]


def walk(obj: Any, path: Path = ()) -> typing.Iterator[Leaf]:
    """Every value inside a record, depth first, in declaration order.

    Dataclass instances are yielded too (with no markers), before their fields,
    so that callers can pick out nested structures such as citations.
    """
    yield Leaf(path, obj, ())
    cls: Any = type(obj)
    for f in fields_of(cls):
        yield from _walk_value(getattr(obj, f.name), hints(cls)[f.name], (*path, f.name))


def _walk_value(value: Any, tp: Any, path: Path) -> typing.Iterator[Leaf]:
    if value is None:
        return
    ft = field_type(tp)
    if ft.shape == "list":
        item_tp = typing.get_args(ft.base)[0]
        for i, item in enumerate(value):
            yield from _walk_value(item, item_tp, (*path, i))
    elif dataclasses.is_dataclass(value):
        yield from walk(value, path)
    elif ft.shape == "union":
        for option in typing.get_args(ft.base):
            shape = field_type(option).shape
            if (isinstance(value, str) and shape == "scalar") or (isinstance(value, tuple) and shape == "list"):
                yield from _walk_value(value, option, path)
                return
    else:
        yield Leaf(path, value, ft.markers)
