"""facts.json: every record, its page, its fields and its located citations."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import Decimal
from typing import Any

from .index import Index, label
from .model import KINDS, Claim, NumberRecord, Source
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
    values = dataclasses.asdict(record)  # once: asdict copies the whole record
    return {f.name: _plain(values[f.name]) for f in dataclasses.fields(record)}


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
    # Compact: with an indent, json falls back from its C encoder to Python (1 s at 10,000 records).
    return (json.dumps(export(index), ensure_ascii=False, separators=(",", ":")) + "\n").encode()


# -- CSV -------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula; record
# text is untrusted, so such cells get a leading apostrophe (OWASP's advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(_cell(v) for v in value)
    text = str(_plain(value)) if isinstance(value, Decimal) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _party_labels(index: Index, parties: Any) -> list[str]:
    return [label(index.record(p)) if isinstance(p, str) else p.unnamed for p in parties]


def _csv_rows(index: Index, kind: str) -> tuple[list[str], list[list[Any]]]:
    rows: list[list[Any]] = []
    recs = [index.record(i) for i in index.by_kind[kind]]
    if kind == "source":
        head = ["id", "label", "title", "publisher", "published", "article_url", "licence", "page"]
        for r in recs:
            assert isinstance(r, Source)
            publisher = label(index.record(r.publisher.record)) if r.publisher else None
            rows.append(
                [
                    r.id,
                    r.label,
                    r.title.text if r.title else None,
                    publisher,
                    r.published.date if r.published else None,
                    r.url,
                    r.licence,
                    site_url(page_path(r)),
                ]
            )
    elif kind in ("person", "institution"):
        head = ["id", "name", "aliases", "category", "description", "sources", "page"]
        for r in recs:
            rows.append(
                [
                    r.id,
                    label(r),
                    getattr(r, "aliases", ()),
                    getattr(r, "category", None),
                    getattr(r, "description", None),
                    _sources(index, r.id),
                    site_url(page_path(r)),
                ]
            )
    elif kind == "claim":
        head = ["id", "statement", "status", "claimed_by", "sources", "counter_claims", "page"]
        for r in recs:
            assert isinstance(r, Claim)
            claimed = dict.fromkeys(x for a in r.accounts for x in _party_labels(index, a.claimed_by))
            rows.append(
                [
                    r.id,
                    r.statement,
                    r.status,
                    list(claimed),
                    [a.source for a in r.accounts],
                    list(r.counter_claims),
                    site_url(page_path(r)),
                ]
            )
    else:
        head = [
            "id",
            "label",
            "qualifier",
            "value",
            "unit",
            "counts",
            "measure",
            "as_of",
            "as_of_date",
            "stated_by",
            "sources",
            "page",
        ]
        for r in recs:
            assert isinstance(r, NumberRecord)
            rows.append(
                [
                    r.id,
                    r.label,
                    r.qualifier,
                    r.value,
                    r.unit,
                    r.counts,
                    r.measure,
                    r.as_of.text if r.as_of else None,
                    r.as_of.date if r.as_of else None,
                    _party_labels(index, r.stated_by),
                    _sources(index, r.id),
                    site_url(page_path(r)),
                ]
            )
    return head, rows


def _sources(index: Index, rec_id: str) -> list[str]:
    return sorted({c.source for c in index.cites.get(rec_id, ())})


def csv_files(index: Index) -> dict[str, bytes]:
    """One CSV per kind with pages, named after its folder: people.csv, claims.csv, …"""
    out = {}
    for kind in EXPORTED:
        head, rows = _csv_rows(index, kind)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180
        writer.writerow(head)
        writer.writerows([_cell(v) for v in row] for row in rows)
        out[f"{KINDS[kind].folder}.csv"] = buf.getvalue().encode("utf-8")
    return out
