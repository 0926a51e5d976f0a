"""The field reference page, derived from the model like the schema is."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from ..core.fields import Choice, ExactlyOne, Ref
from ..core.model import KINDS
from ..core.schema import field_type, fields_of, hints, is_required, is_union, schema_line
from .markup import md_text
from .render import front_matter


def _type_words(tp: Any, seen: list[type]) -> str:
    ft = field_type(tp)
    base = ft.base
    if typing.get_origin(base) is tuple:
        words = "list of " + _type_words(typing.get_args(base)[0], seen)
    elif is_union(base):
        words = " or ".join(_type_words(a, seen) for a in typing.get_args(base))
    elif isinstance(base, type) and dataclasses.is_dataclass(base):
        if base not in seen:
            seen.append(base)
        words = f"{base.__name__} (below)"
    else:
        refs = [m for m in ft.markers if isinstance(m, Ref)]
        choices = [m for m in ft.markers if isinstance(m, Choice)]
        if refs:
            words = "id of a " + " or ".join(refs[0].kinds)
        elif choices and len(choices[0].meanings) == 1:
            words = f"'{next(iter(choices[0].meanings))}'"
        elif choices:
            words = "one of " + ", ".join(choices[0].meanings)
        else:
            words = {int: "whole number", str: "text"}.get(base, "number")
    return words


def _table(cls: type, seen: list[type]) -> list[str]:
    lines = [
        f"{md_text((cls.__doc__ or '').strip())}",
        "",
        "| Field | Type | Required | Meaning |",
        "|---|---|---|---|",
    ]
    rule: ExactlyOne | None = getattr(cls, "EXACTLY_ONE", None)
    one_of = rule.names if rule is not None else ()
    for f in fields_of(cls):
        words = _type_words(hints(cls)[f.name], seen)
        if f.name in one_of:
            others = " or ".join(f"`{n}`" for n in one_of if n != f.name)
            req = f"this or {others}, not both"
        else:
            req = "yes" if is_required(f) else "no"
        lines.append(f"| `{f.name}` | {md_text(words)} | {req} | {md_text(f.metadata.get('doc', ''))} |")
    for marker in (m for f in fields_of(cls) for m in field_type(hints(cls)[f.name]).markers):
        if isinstance(marker, Choice):
            lines += [""] + [f"- `{w}`: {md_text(m)}" for w, m in marker.meanings.items()]
    return lines


def reference_markdown() -> str:
    lines = [
        front_matter("Data model").rstrip("\n"),
        "",
        "# Data model",
        "",
        "Generated from the model in `generator/core/model.py`: every field below is validated "
        "exactly as described. One YAML file per record, named after its id, in the folder shown. "
        "Its first line names the kind's JSON Schema (shown under each kind), so that editors "
        "complete and check fields while you type.",
        "",
    ]
    seen: list[type] = []
    for kind in KINDS.values():
        lines += [f"## {kind.singular} (`facts/{kind.folder}/`)", "", f"First line: `{schema_line(kind.name)}`", ""]
        lines += [*_table(kind.cls, seen), ""]
    done: set[type] = set()
    while len(done) < len(seen):
        cls = next(c for c in seen if c not in done)
        done.add(cls)
        lines += [f"## {cls.__name__}", "", *_table(cls, seen), ""]
    return "\n".join(lines)
