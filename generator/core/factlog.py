"""What changed in the facts from one version of a record file to the next, field by field.

The history (:mod:`.history`) names, for every commit, the record files it
changed and the git blob of each before and after. This module turns two such
versions into :class:`FactChange` values: a record added or removed, or one of
its fields changed, with the old and the new value. It runs no git command: the
history hands it the bytes.

Decisions, so that the log is exact and says where it cannot be:

- A version is read as the check reads a file (:func:`.load.parse_record`). A
  version the check would refuse (broken YAML, a field the model has since
  gained or lost, an id unlike its file name) is *unreadable*. Its fields are
  not compared with anything: the change says "not compared" and which side
  could not be read, rather than guess from a partial reading (a field renamed
  since would read as one removed and another added). Whether a record was
  added or removed is known from the file's presence alone, and is said even
  then. The fact base's own history has such versions: its claims before
  ``claimed_by`` became required.
- Record files are ``facts/<folder>/<id>.yaml`` as the loader accepts them; any
  other file is not a record. The history is read without rename detection, so
  a record file moved is one record removed and another added: the id is the
  file name, and a moved file is a new id.
- Every field of the model is compared, generically over its dataclasses, so a
  field added to the model is covered without a word here. A nested record
  (``as_of``, ``title``…) is compared field by field when both sides have one;
  a list whose items have a key (a claim's accounts, by source; a relation, by
  its wording and target) item by item, its order ignored (it is only the order
  of the columns); any other list as one value, order included (``reported_by``
  is nearest first). Values are compared as the model holds them, so 19500 and
  19500.0, or a quote re-wrapped over two lines, are no change.
- A merge's own changes are the fields whose value in the merge differs from
  their value in every parent: the field-level counterpart of git's combined
  diff (``-c``). What a branch brought in is listed once, at the branch's own
  commits; what the merge decided itself (a conflict resolved) at the merge,
  with the old value as in the first parent. Where a parent other than the
  first could not be read, the change against the first parent is kept.
- A root commit adds every record in it.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .errors import printable
from .fields import Ref, Text
from .index import label
from .model import KIND_BY_FOLDER, KINDS, Account, Record, Relation
from .schema import field_type, fields_of, hints, plain

# A step into a list whose items have a key: the key's values (e.g. an account's source).
Key = tuple[str, ...]
PathPart = str | Key

# The fields that identify an item of a list, for the lists compared item by item.
_KEYS: dict[type, tuple[str, ...]] = {Account: ("source",), Relation: ("relation", "to")}

ADDED, REMOVED, CHANGED, NOT_COMPARED = "added", "removed", "changed", "not compared"
# The old or new value of a change not compared, on the side that could not be read.
NOT_READ = "could not be read"


class _Unreadable:
    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = _Unreadable()
# A version of a record file: the record, None where there is no file, or UNREADABLE.
Version = Record | None | _Unreadable


@dataclass(frozen=True)
class FactChange:
    """One change to the facts: a record added or removed, or one field of it changed."""

    record: str  # the id
    kind: str  # the record's kind, e.g. "number"
    path: tuple[PathPart, ...]  # the field, e.g. ("accounts", ("article-004",), "claimed_by"); () the record
    change: str  # ADDED, REMOVED, CHANGED or NOT_COMPARED
    old: Any = None  # the model's value (None where there was none); the label, for a record removed
    new: Any = None
    # How the values read: "ref" ids of records, "text" words (shown quoted), "item" parts of a
    # record (a citation, an account), "plain" anything else (a status, a date, a number).
    style: str = "plain"

    @property
    def field(self) -> str:
        """The field as messages and JSON name it: ``accounts[article-004].claimed_by``."""
        return field_name(self.path)


def field_name(path: Sequence[PathPart]) -> str:
    out = ""
    for part in path:
        if isinstance(part, tuple):
            out += "[" + " ".join(p if _ID.fullmatch(p) else json.dumps(p, ensure_ascii=False) for p in part) + "]"
        else:
            out += f".{part}" if out else part
    return out


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def record_file(path: str, facts: str) -> tuple[str, str] | None:
    """``(kind, id)`` for the path of a record file (``facts/<folder>/<id>.yaml``, as the loader
    takes them); None for any other file. ``facts`` is the folder's path in the repository."""
    # A pattern, not a split and a loop: a commit of ten thousand records asks this of each.
    found = _record_path(facts).fullmatch(path)
    return (KIND_BY_FOLDER[found[1]].name, found[2]) if found else None


@cache
def _record_path(facts: str) -> re.Pattern[str]:
    folders = "|".join(re.escape(folder) for folder in KIND_BY_FOLDER)
    return re.compile(re.escape(facts) + f"/({folders})/([^/.][^/]*)\\.yaml")


def diff_records(old: Record | None, new: Record | None) -> list[FactChange]:
    """What changed from one version of a record to the next: its addition or removal,
    or each field that differs, in the model's order of fields."""
    if old is None or new is None:
        if new is not None:
            return [FactChange(new.id, new.KIND, (), ADDED, None, label(new), "text")]
        if old is not None:
            return [FactChange(old.id, old.KIND, (), REMOVED, label(old), None, "text")]
        return []
    found: list[tuple[tuple[PathPart, ...], str, Any, Any, str]] = []
    _fields(type(new), old, new, (), found)
    return [FactChange(new.id, new.KIND, path, change, a, b, style) for path, change, a, b, style in found]


_Found = list[tuple[tuple[PathPart, ...], str, Any, Any, str]]


def _fields(cls: Any, a: Any, b: Any, path: tuple[PathPart, ...], out: _Found) -> None:
    for f in fields_of(cls):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x != y:
            _value(hints(cls)[f.name], x, y, (*path, f.name), out)


def _value(tp: Any, a: Any, b: Any, path: tuple[PathPart, ...], out: _Found) -> None:
    ft = field_type(tp)
    gone, new = _empty(a), _empty(b)
    if not gone and not new:
        if ft.shape == "record":
            _fields(ft.base, a, b, path, out)
            return
        if ft.shape == "list":
            item = field_type(typing.get_args(ft.base)[0]).base
            keys = _KEYS.get(item)
            old_items, new_items = (_keyed(a, keys), _keyed(b, keys)) if keys else (None, None)
            if old_items is not None and new_items is not None:
                for k, y in new_items.items():
                    x = old_items.get(k)
                    if x is None:
                        out.append(((*path, k), ADDED, None, y, "item"))
                    elif x != y:
                        _fields(item, x, y, (*path, k), out)
                out.extend(((*path, k), REMOVED, x, None, "item") for k, x in old_items.items() if k not in new_items)
                return
    change = ADDED if gone else REMOVED if new else CHANGED
    out.append((path, change, None if gone else a, None if new else b, _style(tp)))


def _empty(value: Any) -> bool:
    return value is None or value == ()


def _keyed(items: tuple[Any, ...], keys: tuple[str, ...]) -> dict[Key, Any] | None:
    """The items by key, in their order; None where two share a key (then the list is one value)."""
    out = {tuple(str(getattr(item, k)) for k in keys): item for item in items}
    return out if len(out) == len(items) else None


@cache
def _style(tp: Any) -> str:
    ft = field_type(tp)
    if ft.shape == "record":
        return "item"
    if ft.shape == "list":
        return _style(typing.get_args(ft.base)[0])
    if ft.shape == "union":
        styles = {_style(option) for option in typing.get_args(ft.base)}
        return next((s for s in ("ref", "text") if s in styles), "plain")
    if any(isinstance(m, Ref) for m in ft.markers):
        return "ref"
    return "text" if any(isinstance(m, Text) for m in ft.markers) else "plain"


_MISSING = object()


def _value_at(rec: Any, path: Sequence[PathPart]) -> Any:
    """The value at a change's path in a version of the record; _MISSING where there is none."""
    value = rec
    for part in path:
        if value is None or value is _MISSING:
            return _MISSING
        if isinstance(part, tuple):
            keys = _KEYS.get(type(value[0])) if value else None
            found = [item for item in value if keys and tuple(str(getattr(item, k)) for k in keys) == part]
            value = found[0] if len(found) == 1 else _MISSING
        else:
            value = getattr(value, part)
    return value


def file_changes(kind: str, rec_id: str, before: Sequence[Version], after: Version) -> list[FactChange]:
    """The changes a commit made to one record file: ``before`` holds its version in each
    parent (one, but for a merge), ``after`` its version in the commit."""
    first = before[0] if before else None
    others = before[1:]
    if first is UNREADABLE or after is UNREADABLE:
        if first is None or after is None:
            if not _own_presence(others, after):
                return []
            old = label(first) if isinstance(first, Record) else None
            new = label(after) if isinstance(after, Record) else None
            return [FactChange(rec_id, kind, (), ADDED if first is None else REMOVED, old, new, "text")]
        return [
            FactChange(
                rec_id,
                kind,
                (),
                NOT_COMPARED,
                NOT_READ if first is UNREADABLE else None,
                NOT_READ if after is UNREADABLE else None,
            )
        ]
    assert not isinstance(first, _Unreadable) and not isinstance(after, _Unreadable)
    changes = diff_records(first, after)
    if not others:
        return changes
    kept = []
    for fc in changes:
        if fc.path == ():
            if _own_presence(others, after):
                kept.append(fc)
        elif all(v is None or v is UNREADABLE or _value_at(v, fc.path) != _value_at(after, fc.path) for v in others):
            kept.append(fc)
    return kept


def _own_presence(others: Sequence[Version], after: Version) -> bool:
    """Whether a merge added (or removed) a record itself: no other parent had it (or every one did)."""
    return all((v is None) != (after is None) for v in others)


def commit_changes(
    files: Iterable[tuple[str, Sequence[str], str]], facts: str, version: Callable[[str, str, str], Version]
) -> tuple[FactChange, ...]:
    """The fact changes of one commit, from its files as ``(path, blobs before, blob after)``.

    ``version(kind, path, blob)`` reads one version of a record file; files that are
    not record files are passed over. The order is the files' order, then the fields'.
    """
    out: list[FactChange] = []
    for path, before, after in files:
        where = record_file(path, facts)
        if where is None:
            continue
        kind, rec_id = where
        out += file_changes(kind, rec_id, [version(kind, path, b) for b in before], version(kind, path, after))
    return tuple(out)


# -- Output for tools and editors -----------------------------------------------------



def as_json(commit: str, date: str, corrections: Sequence[str], fc: FactChange) -> dict[str, Any]:
    """One change as an object of ``changes --format json``; several correction notes are
    parted by a line feed (a note never holds one: git unfolds trailers)."""
    return {
        "commit": commit,
        "date": date,
        "record": fc.record,
        "kind": fc.kind,
        "field": fc.field,
        "change": fc.change,
        "old": plain(fc.old),
        "new": plain(fc.new),
        "correction": "\n".join(corrections) if corrections else None,
    }


def as_text(commit: str, date: str, corrections: Sequence[str], fc: FactChange) -> str:
    """One change as a line of ``changes``: values as JSON writes them, so that every one reads exactly."""
    where = f"{KINDS[fc.kind].folder}/{fc.record}"
    if fc.change == NOT_COMPARED:
        sides = [side for side, value in (("the version before", fc.old), ("this version", fc.new)) if value]
        what = f"not compared: {' and '.join(sides)} could not be read"
    elif not fc.path:
        value = fc.new if fc.change == ADDED else fc.old
        what = fc.change + (f" {_json(value)}" if value is not None else "")
    elif fc.change == ADDED:
        what = f"{fc.field} added: {_json(fc.new)}"
    elif fc.change == REMOVED:
        what = f"{fc.field} removed (was {_json(fc.old)})"
    else:
        what = f"{fc.field} changed from {_json(fc.old)} to {_json(fc.new)}"
    notes = "".join(f" (correction: {_json(note)})" for note in corrections)
    return printable(f"{date} {commit} {where}: {what}{notes}")


def _json(value: Any) -> str:
    return json.dumps(plain(value), ensure_ascii=False)
