"""datapackage.json: the site's CSV files as a Frictionless Tabular Data Package.

Each column that holds a field of the model is typed from that field's
declaration (a number, a choice of words, a URL, a date), so a new field or
category is described without being restated here; the other columns (links,
lists of names) are described below. A date known only to the month or year
stays text in its own column ("2025-08"), and two more columns give the first
and last day it may be, as dates.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.fields import Choice, Number, PartialDate, Ref, Slug, Url
from ..core.model import KINDS
from ..core.schema import field_type, fields_of, hints
from .export import CSV_FIELDS, CSV_HEADS, EXPORTED
from .ftm import STATEMENT_COLUMNS

LIST = "several values are separated by '; '"
# Columns that are not one field of the model.
DERIVED = {
    "page": "The record's page on this site, relative to the site's root.",
    "sources": f"Ids of the sources whose passages the record cites; {LIST}.",
    "publisher": "Name of the institution that published the article.",
    "claimed_by": f"Who claims it, in any of its accounts (none where the articles say it in their own voice); {LIST}.",
    "stated_by": f"Who gives the figure, according to the article; {LIST}.",
    "category": "Empty: people have no category (the column is shared with institutions.csv).",
    "from_editor": "Which of title, publisher and published the editor gave where the article's text does not "
    "show them, each with where it was taken from; empty where the text shows them all.",
}
STATEMENTS = {
    "canonical_id": "The entity's id (no entity here is merged into another, so equal to entity_id).",
    "entity_id": "Id of the FollowTheMoney entity (in ftm.json) the value belongs to.",
    "prop": "The property of the entity's schema, or 'id' for the row that gives the entity's schema.",
    "prop_type": "The property's FollowTheMoney type.",
    "schema": "The entity's FollowTheMoney schema.",
    "value": "The value.",
    "dataset": "The FollowTheMoney dataset: the fact sheet.",
    "origin": "The record's page and the passage that backs the value (sources/<id>/#<anchor>), space-separated; "
    "the page alone where no passage backs it.",
    "lang": "Empty: the language of values is not recorded.",
    "original_value": "Empty: values are not cleaned from another form.",
    "external": "Always f: every value is the fact sheet's own.",
    "first_seen": "Empty: when a value was first seen is not recorded (the site's corrections page has the history).",
    "last_seen": "Empty, as first_seen.",
    "id": "The statement's id: a SHA-1 of dataset, entity, property, value and origin.",
}


def _model_field(kind: str, path: tuple[str, ...]) -> dict[str, Any]:
    cls: Any = KINDS[kind].cls
    for name in path:
        f = next(f for f in fields_of(cls) if f.name == name)
        ft = field_type(hints(cls)[name])
        cls = ft.base
    out: dict[str, Any] = {"type": "string", "description": f.metadata.get("doc", "")}
    markers = ft.markers
    if ft.shape == "list":
        out["description"] += f" ({LIST})"
        return out
    for m in markers:
        if isinstance(m, Number):
            out["type"] = "number"
        elif isinstance(m, Choice):
            out["constraints"] = {"enum": list(m.meanings)}
        elif isinstance(m, Url):
            out["format"] = "uri"
        elif isinstance(m, PartialDate):
            out["constraints"] = {"pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}
            out["description"] += " (YYYY, YYYY-MM or YYYY-MM-DD; see the two columns after it for whole dates)"
        elif isinstance(m, (Slug, Ref)) and path == ("id",):
            out["constraints"] = {"required": True, "unique": True}
    return out


def _field(kind: str, column: str) -> dict[str, Any]:
    path = CSV_FIELDS[kind].get(column)
    if path is not None:
        described = _model_field(kind, path)
    elif column.endswith(("_earliest", "_latest")):
        date, end = column.rsplit("_", 1)
        which = "first" if end == "earliest" else "last"
        described = {"type": "date", "description": f"The {which} day that {date} may be."}
    else:
        described = {"type": "string", "description": DERIVED[column]}
    return {"name": column, **described}


def _resource(name: str, fields: list[dict[str, Any]], title: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": f"{name}.csv",
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]},
    }


def datapackage() -> dict[str, Any]:
    resources = [
        _resource(KINDS[k].folder, [_field(k, c) for c in CSV_HEADS[k]], f"{KINDS[k].plural}, one row per record")
        for k in EXPORTED
    ]
    statement_fields: list[dict[str, Any]] = [
        {"name": c, "type": "string", "description": STATEMENTS[c]} for c in STATEMENT_COLUMNS
    ]
    external = next(f for f in statement_fields if f["name"] == "external")
    external |= {"type": "boolean", "trueValues": ["t"], "falseValues": ["f"]}
    resources.append(
        _resource("statements", statement_fields, "FollowTheMoney statements: one row per value and passage")
    )
    return {
        "profile": "tabular-data-package",
        "name": "factsheet",
        "title": "The fact sheet's records, one CSV file per kind, and its FollowTheMoney statements",
        "description": "Text cells that start with = + - @ or a tab have a ' put before them, so that no "
        "spreadsheet runs them as a formula.",
        "resources": resources,
    }


def datapackage_json() -> bytes:
    return (json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n").encode()
