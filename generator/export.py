"""facts.json: every record, its page, its fields and its located citations."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

from .index import Index, label
from .model import KINDS, Source
from .urls import page_path, site_url

# facts.json's top-level keys, in order; measures travel inside their numbers.
EXPORTED = ("source", "person", "institution", "claim", "number")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: _plain(dataclasses.asdict(record)[f.name]) for f in dataclasses.fields(record)}


def _source(index: Index, rec: Source) -> dict[str, Any]:
    return {
        "id": rec.id,
        "title": rec.title.text if rec.title else None,
        "label": rec.label,
        "url": site_url(page_path(rec)),
        "file": rec.file,
        "publisher": rec.publisher.record if rec.publisher else None,
        "published": rec.published.date if rec.published else None,
        "article_url": rec.url,
        "evidence": {
            name: getattr(rec, name).quote for name in ("title", "publisher", "published") if getattr(rec, name)
        },
        "furniture": [dataclasses.asdict(f) for f in rec.furniture],
    }


def export(index: Index) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for kind in EXPORTED:
        rows = []
        for rec_id in index.by_kind[kind]:
            rec = index.record(rec_id)
            if isinstance(rec, Source):
                rows.append(_source(index, rec))
                continue
            row: dict[str, Any] = {"id": rec.id, KINDS[kind].label_field: label(rec), "url": site_url(page_path(rec))}
            row.update({k: v for k, v in _fields(rec).items() if k not in row and k != "citations"})
            if kind == "number" and row.get("measure"):
                measure = index.record(row["measure"])
                row["measure"] = {"id": measure.id, "label": label(measure)}
            row["citations"] = [
                {
                    "source": c.source,
                    "quote": c.quote,
                    "url": f"{site_url(page_path(index.record(c.source)))}#{c.anchor}",
                }
                for c in index.cites.get(rec_id, ())
            ]
            rows.append(row)
        out[KINDS[kind].folder] = rows
    return out


def facts_json(index: Index) -> bytes:
    return (json.dumps(export(index), ensure_ascii=False, indent=1) + "\n").encode()
