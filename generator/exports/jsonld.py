"""schema.org JSON-LD for every record page, and the tags every record carries.

The JSON goes into a <script type="application/ld+json"> element in the page
head; :func:`script_json` escapes the characters that could end that element,
so record text stays data whatever it contains.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.index import Index, label, name
from ..core.model import Claim, Institution, Measure, NumberRecord, Person, Record, Source, Unnamed
from ..core.schema import plain
from ..core.urls import page_path, site_url


def _party(index: Index, p: str | Unnamed, base: str) -> dict[str, Any]:
    if isinstance(p, Unnamed):
        return {"@type": "Thing", "name": p.unnamed}
    rec = index.record(p)
    kind = "Person" if isinstance(rec, Person) else "Organization"
    return {"@type": kind, "name": label(rec), "@id": base + site_url(page_path(rec))}


def _quotations(index: Index, rec_id: str, base: str) -> list[dict[str, Any]]:
    out = []
    for c in index.cites.get(rec_id, ()):
        src = index.record(c.source)
        out.append(
            {
                "@type": "Quotation",
                "text": index.cited(c),  # the article's words, as it prints them
                "isPartOf": {"@type": "NewsArticle", "name": label(src), "@id": base + site_url(page_path(src))},
                "url": f"{base}{site_url(page_path(src))}#{c.anchor}",
            }
        )
    return out


def json_ld(index: Index, rec: Record, base: str = "/") -> dict[str, Any]:
    """The record as schema.org sees it; ``base`` is the site's root URL (or "/")."""
    me = base + site_url(page_path(rec))
    out: dict[str, Any] = {"@context": "https://schema.org", "@id": me, "url": me}
    if isinstance(rec, (Person, Institution)):
        out |= {
            "@type": "Person" if isinstance(rec, Person) else "Organization",
            "name": rec.name,
            "alternateName": list(rec.aliases),
            "description": rec.description,
            "subjectOf": _quotations(index, rec.id, base),
        }
    elif isinstance(rec, Claim):
        authors = [_party(index, p, base) for a in rec.accounts for p in a.claimants]
        out |= {
            "@type": "Claim",
            "text": rec.statement,
            "author": list({json.dumps(a, sort_keys=True): a for a in authors}.values()),
            "appearance": [
                {
                    "@type": "NewsArticle",
                    "name": label(index.record(a.source)),
                    "@id": base + site_url(page_path(index.record(a.source))),
                }
                for a in rec.accounts
            ],
            "citation": _quotations(index, rec.id, base),
        }
    elif isinstance(rec, NumberRecord):
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": rec.unit, "description": rec.counts}
        # A range or a bound as schema.org's minValue and maxValue; measurementQualifier keeps the
        # article's words, which say whether a bound's number is itself included.
        for key, number in (("value", rec.value), ("minValue", rec.low), ("maxValue", rec.high)):
            if number is not None:
                value[key] = plain(number)
        out |= {"@type": "Observation", "name": rec.label, "value": value}
        if rec.qualifier:
            out["measurementQualifier"] = rec.qualifier
        out["citation"] = _quotations(index, rec.id, base)
    elif isinstance(rec, Source):
        out |= {"@type": "NewsArticle", "name": label(rec)}
        if rec.title:
            out["headline"] = rec.title.text
        if rec.published:
            out["datePublished"] = rec.published.date
        if rec.publisher:
            out["publisher"] = _party(index, rec.publisher.record, base)
        if rec.url:
            out["sameAs"] = rec.url
    elif isinstance(rec, Measure):  # pragma: no cover - measures have no page of their own
        out |= {"@type": "Thing", "name": rec.label}
    return out


def script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def tags(index: Index, rec: Record) -> tuple[str, ...]:
    """Every record's tags, derived from its fields: kind, category or status, and its sources.

    Derived rather than typed by editors, so every record has them and they
    come from controlled words (kinds, categories, statuses) and names (of measures and sources).
    """
    out = [rec.KIND]
    if isinstance(rec, Institution):
        out.append(rec.category)
    if isinstance(rec, Claim):
        out.append(rec.status)
        if len(rec.accounts) > 1:
            out.append("in several sources")
    if isinstance(rec, NumberRecord) and rec.measure:
        out.append(name(index, rec.measure))
    if isinstance(rec, Source):
        out.append("excerpt only" if rec.licence == "excerpt-only" else "full text")
    else:
        out += sorted({name(index, c.source) for c in index.cites.get(rec.id, ())})
    return tuple(dict.fromkeys(out))
