"""facts.json: every record, its page, its fields and its located citations."""

from __future__ import annotations

import calendar
import csv
import dataclasses
import functools
import io
import json
from decimal import Decimal
from typing import Any

from ..core.incremental import Context, Direct, Runner
from ..core.index import Cite, Index, label
from ..core.model import KINDS, Claim, Furniture, NumberRecord, Source, SourceMeta
from ..core.schema import plain
from ..core.urls import page_path, site_url

# facts.json's top-level keys, in order; measures travel inside their numbers.
EXPORTED = ("source", "person", "institution", "claim", "number")



def _fields(record: Any) -> dict[str, Any]:
    values = dataclasses.asdict(record)  # once: asdict copies the whole record
    return {f.name: plain(values[f.name]) for f in dataclasses.fields(record)}


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
        "licence": rec.licence,
        # What the text shows and what the editor gave are kept apart, as the source page keeps them.
        "evidence": {name: meta.quote for name, meta in _meta(rec) if meta.quote is not None},
        "from_editor": {name: meta.from_editor for name, meta in _meta(rec) if meta.from_editor is not None},
        "furniture": [_furniture(f, rec.licence) for f in rec.furniture],
    }


def _meta(rec: Source) -> list[tuple[str, SourceMeta]]:
    """A source's headline, publisher and date, those it has."""
    return [(name, meta) for name in ("title", "publisher", "published") if (meta := getattr(rec, name)) is not None]


def _editors(rec: Source) -> list[str]:
    """The fields the editor gave, each with where from, for a CSV cell."""
    return [f"{name}: {meta.from_editor}" for name, meta in _meta(rec) if meta.from_editor is not None]


def _furniture(f: Furniture, licence: str) -> dict[str, Any]:
    out = dataclasses.asdict(f)
    del out["proposed"]  # always None here: a record with a proposal left is never published
    if licence == "excerpt-only":
        # Furniture is never cited, and of an excerpt-only article only cited words are published.
        del out["quote"]
    return out


def passage_url(index: Index, cite: Cite) -> str:
    """Where a cited passage is on the site, relative to its root: sources/<id>/#<anchor>."""
    return f"{site_url(page_path(index.record(cite.source)))}#{cite.anchor}"


def _row(index: Index, rec_id: str) -> dict[str, Any]:
    rec = index.record(rec_id)
    if isinstance(rec, Source):
        return _source(index, rec)
    kind = rec.KIND
    row: dict[str, Any] = {"id": rec.id, KINDS[kind].label_field: label(rec), "url": site_url(page_path(rec))}
    row.update({k: v for k, v in _fields(rec).items() if k not in row and k != "citations"})
    if kind == "number" and row.get("measure"):
        measure = index.record(row["measure"])
        row["measure"] = {"id": measure.id, "label": label(measure)}
    row["citations"] = [
        {
            "source": c.source,
            "quote": c.quote,  # as the record types it: the data
            "printed": index.cited(c),  # as the article prints it
            "url": passage_url(index, c),
        }
        for c in index.cites.get(rec_id, ())
    ]
    return row


def export(index: Index) -> dict[str, list[dict[str, Any]]]:
    """facts.json as data: each kind's records in display order."""
    return {KINDS[kind].folder: [_row(index, i) for i in index.by_kind[kind]] for kind in EXPORTED}


def _row_json(rec_id: str, c: Context) -> str:
    # Compact: with an indent, json falls back from its C encoder to Python (1 s at 10,000 records).
    return json.dumps(_row(c.index, rec_id), ensure_ascii=False, separators=(",", ":"))


def facts_json(index: Index, steps: Runner | None = None) -> bytes:
    """The bytes of ``json.dumps(export(index))``, built row by row so that rows can be kept between builds."""
    steps = steps or Direct(index, {})
    parts = []
    for kind in EXPORTED:
        rows = [steps.run(("facts.json", i), None, functools.partial(_row_json, i)) for i in index.by_kind[kind]]
        parts.append(f"{json.dumps(KINDS[kind].folder)}:[{','.join(rows)}]")
    return ("{" + ",".join(parts) + "}\n").encode()


# -- CSV -------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula; record
# text is untrusted, so such cells get a leading apostrophe (OWASP's advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # A number the model parsed is no formula, and "-5" stays a number for the tools that type it.
        return str(plain(value))
    if isinstance(value, (list, tuple)):
        value = "; ".join(_cell(v) for v in value)
    return defuse(str(value))


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _party_labels(index: Index, parties: Any) -> list[str]:
    return [label(index.record(p)) if isinstance(p, str) else p.unnamed for p in parties]


def range_of(column: str) -> tuple[str, str]:
    """The two columns that give a date column's period as whole dates: its first and its last day."""
    return (f"{column}_earliest", f"{column}_latest")


def date_range(date: str | None) -> tuple[str | None, str | None]:
    """A date to the precision known as the first and last day it may be: 2025-08 -> 2025-08-01, 2025-08-31."""
    if date is None:
        return None, None
    parts = [int(p) for p in date.split("-")]
    year, month, day = parts + [0] * (3 - len(parts))
    first = (month or 1, day or 1)
    last_month = month or 12
    last = (last_month, day or calendar.monthrange(year, last_month)[1])
    return f"{year:04d}-{first[0]:02d}-{first[1]:02d}", f"{year:04d}-{last[0]:02d}-{last[1]:02d}"


CSV_HEADS = {
    "source": [
        *("id", "label", "title", "publisher", "published"),
        *range_of("published"),
        *("from_editor", "article_url", "licence", "page"),
    ],
    "person": ["id", "name", "aliases", "category", "description", "sources", "page"],
    "institution": ["id", "name", "aliases", "category", "description", "sources", "page"],
    "claim": ["id", "statement", "status", "claimed_by", "sources", "counter_claims", "page"],
    "number": [
        "id",
        "label",
        "qualifier",
        "value",
        "low",
        "high",
        "unit",
        "counts",
        "measure",
        "as_of",
        "as_of_date",
        *range_of("as_of_date"),
        "stated_by",
        "sources",
        "page",
    ],
}

# The columns that hold one field of the model, by its path: datapackage.json types them from
# the field's declaration (a number, a date, a choice), so that nothing restates the model.
CSV_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "source": {
        "id": ("id",),
        "label": ("label",),
        "title": ("title", "text"),
        "published": ("published", "date"),
        "article_url": ("url",),
        "licence": ("licence",),
    },
    "person": {"id": ("id",), "name": ("name",), "aliases": ("aliases",), "description": ("description",)},
    "institution": {
        "id": ("id",),
        "name": ("name",),
        "aliases": ("aliases",),
        "category": ("category",),
        "description": ("description",),
    },
    "claim": {"id": ("id",), "statement": ("statement",), "status": ("status",), "counter_claims": ("counter_claims",)},
    "number": {
        **{name: (name,) for name in ("id", "label", "qualifier", "value", "low", "high", "unit", "counts", "measure")},
        "as_of": ("as_of", "text"),
        "as_of_date": ("as_of", "date"),
    },
}


def _csv_row(index: Index, rec_id: str) -> list[Any]:
    r = index.record(rec_id)
    if isinstance(r, Source):
        publisher = label(index.record(r.publisher.record)) if r.publisher else None
        return [
            r.id,
            r.label,
            r.title.text if r.title else None,
            publisher,
            r.published.date if r.published else None,
            *date_range(r.published.date if r.published else None),
            _editors(r),
            r.url,
            r.licence,
            site_url(page_path(r)),
        ]
    if isinstance(r, Claim):
        claimed = dict.fromkeys(x for a in r.accounts for x in _party_labels(index, a.claimants))
        return [
            r.id,
            r.statement,
            r.status,
            list(claimed),
            [a.source for a in r.accounts],
            list(r.counter_claims),
            site_url(page_path(r)),
        ]
    if isinstance(r, NumberRecord):
        return [
            r.id,
            r.label,
            r.qualifier,
            r.value,
            r.low,
            r.high,
            r.unit,
            r.counts,
            r.measure,
            r.as_of.text if r.as_of else None,
            r.as_of.date if r.as_of else None,
            *date_range(r.as_of.date if r.as_of else None),
            _party_labels(index, r.stated_by),
            _sources(index, r.id),
            site_url(page_path(r)),
        ]
    return [
        r.id,
        label(r),
        getattr(r, "aliases", ()),
        getattr(r, "category", None),
        getattr(r, "description", None),
        _sources(index, r.id),
        site_url(page_path(r)),
    ]


def csv_line(row: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([_cell(v) for v in row])  # RFC 4180
    return buf.getvalue()


def _csv_step(rec_id: str, c: Context) -> str:
    return csv_line(_csv_row(c.index, rec_id))


def _sources(index: Index, rec_id: str) -> list[str]:
    return sorted({c.source for c in index.cites.get(rec_id, ())})


def csv_files(index: Index, steps: Runner | None = None) -> dict[str, bytes]:
    """One CSV per kind with pages, named after its folder: people.csv, claims.csv, …"""
    steps = steps or Direct(index, {})
    out = {}
    for kind in EXPORTED:
        lines = [csv_line(CSV_HEADS[kind])]
        lines += [steps.run(("csv", i), None, functools.partial(_csv_step, i)) for i in index.by_kind[kind]]
        out[f"{KINDS[kind].folder}.csv"] = "".join(lines).encode("utf-8")
    return out
