"""FollowTheMoney: ftm.json (one entity a line) and statements.csv (one row per value and passage).

FollowTheMoney is the model of OCCRP Aleph, OpenSanctions and ICIJ's data
releases. People, institutions, sources and the relations between them are
entities of its schemata; a claim, a figure and a measure are not, and travel
as ``Note`` entities, each tied by ``Documentation`` and ``UnknownLink``
entities to the articles that tell it and the parties who claim or state it.
docs/data.md has the whole mapping and what does not fit.

A statement says which passage backs a value: its ``origin`` is the record's
page and the passage's address on the site ("people/x/ sources/y/#q-…"). A
value is backed by the passages of its record (or relation, or account) that
contain its words, or else by all of them; a value no passage backs (an
editor's link between two claims, a source's metadata) names the record alone.

Nothing here imports followthemoney: the site is built without it, and the
tests check every entity and statement with the library itself.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..core.figures import figure
from ..core.incremental import Context, Direct, Runner
from ..core.index import Cite, Index, label, name
from ..core.model import CATEGORY, Account, Claim, Institution, Measure, NumberRecord, Party, Person, Source, Unnamed
from ..core.text import normalise
from ..core.urls import page_path, site_url
from .export import csv_line, defuse, passage_url

DATASET = "factsheet"
PREFIX = f"{DATASET}-"

# The kinds in the order their entities are written: what is referred to before what refers to it.
ORDER = ("source", "person", "institution", "measure", "number", "claim")

# An institution's schema by its category. A government, its bodies, its courts and its armed
# forces are FtM's PublicBody; anything else an Organization (not a Company: the articles
# rarely say who owns a publisher, and an Organization cannot be owned).
SCHEMA_OF_CATEGORY = {
    "government": "PublicBody",
    "government-body": "PublicBody",
    "court": "PublicBody",
    "armed-forces": "PublicBody",
    "international-organisation": "Organization",
    "news-organisation": "Organization",
    "research-organisation": "Organization",
    "other": "Organization",
}
assert SCHEMA_OF_CATEGORY.keys() == CATEGORY.meanings.keys(), "every category needs its FtM schema"

# The FtM type of each property written (statements.csv's prop_type); the tests compare it with the library's.
PROP_TYPES = {
    "id": "id",
    "name": "name",
    "alias": "name",
    "title": "string",
    "description": "text",
    "summary": "text",
    "keywords": "string",
    "classification": "string",
    "role": "string",
    "recordId": "string",
    "publisher": "string",
    "fileName": "string",
    "publishedAt": "date",
    "date": "date",
    "sourceUrl": "url",
    "proof": "entity",
    "entity": "entity",
    "document": "entity",
    "member": "entity",
    "organization": "entity",
    "subject": "entity",
    "object": "entity",
}
# Values searched for in the passages; the others (ids, dates, an editor's words) rest on all of them.
_WORDS = frozenset({"name", "alias", "title"})

STATEMENT_COLUMNS = [
    "canonical_id",
    "entity_id",
    "prop",
    "prop_type",
    "schema",
    "value",
    "dataset",
    "origin",
    "lang",
    "original_value",
    "external",
    "first_seen",
    "last_seen",
    "id",
]


@dataclass
class Entity:
    """One FtM entity: its values, each with the origins (passages) that back it."""

    id: str
    schema: str
    page: str  # the record it comes from, the origin of its id statement
    values: list[tuple[str, str, str]] = field(default_factory=list)  # (prop, value, origin)

    def add(self, prop: str, value: str | None, backing: Sequence[tuple[str, str]]) -> None:
        """Add ``value`` once per passage of ``backing`` ((origin, normalised quote)) that backs it."""
        if not value:
            return
        chosen: list[str] = []
        if prop in _WORDS:
            words = normalise(value).casefold()
            chosen = [origin for origin, quote in backing if words in quote.casefold()]
        for origin in dict.fromkeys(chosen or [origin for origin, _ in backing]):
            self.values.append((prop, value, origin))

    def json(self) -> str:
        props: dict[str, list[str]] = {}
        for prop, value, _ in self.values:
            seen = props.setdefault(prop, [])
            if value not in seen:
                seen.append(value)
        data = {"id": self.id, "schema": self.schema, "properties": props, "datasets": [DATASET]}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def statements(self) -> str:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(
            self._row(*v) for v in [("id", self.id, self.page), *self.values]
        )
        return buf.getvalue()

    def _row(self, prop: str, value: str, origin: str) -> list[str]:
        # FtM's own key is dataset.entity.prop.value: one row per value. Ours adds the origin, so that a
        # value two passages back is two rows, which a statement store keeps apart rather than merges.
        key = f"{DATASET}.{self.id}.{prop}.{value}.{origin}"
        stmt_id = hashlib.sha1(key.encode()).hexdigest()
        # Only the value can be record text; ids, types and origins are the generator's own words.
        type_ = PROP_TYPES[prop]
        return [
            self.id,
            self.id,
            prop,
            type_,
            self.schema,
            defuse(value),
            DATASET,
            origin,
            "",
            "",
            "f",
            "",
            "",
            stmt_id,
        ]


# FtM reads dates with prefixdate, which knows the years 1000 to 2999 only.
FTM_YEARS = range(1000, 3000)


def ftm_date(date: str | None) -> str | None:
    """A date FtM can hold, or ``None`` (the date stays in the CSV files and facts.json)."""
    return date if date is not None and int(date[:4]) in FTM_YEARS else None


def entity_id(rec_id: str, *parts: str) -> str:
    """An FtM id from ours: the dataset, the record's id, and the parts naming what of it."""
    return ".".join((PREFIX + rec_id, *parts))


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def _backing(index: Index, page: str, cites: Iterable[Cite]) -> list[tuple[str, str]]:
    """(origin, normalised quote) for each passage; the record alone where there is none."""
    out = [(f"{page} {passage_url(index, c)}", normalise(c.quote)) for c in cites]
    return out or [(page, "")]


def _proof(entity: Entity, index: Index, page: str, cites: Sequence[Cite]) -> None:
    """The articles behind an entity, each backed by its own passages."""
    for source in dict.fromkeys(c.source for c in cites):
        entity.add("proof", entity_id(source), _backing(index, page, [c for c in cites if c.source == source]))


def _party_words(index: Index, parties: Sequence[Party]) -> str:
    words = []
    for p in parties:
        if isinstance(p, Unnamed):
            words.append(f"{p.unnamed} (of {name(index, p.of)})" if p.of else p.unnamed)
        else:
            words.append(name(index, p))
    return ", ".join(words)


def _voice(index: Index, account: Account) -> str:
    said = (
        "stated by the article in its own voice"
        if account.own_voice
        else ("claimed by " + _party_words(index, account.claimants))
    )
    return f"{said}; reported by {_party_words(index, account.reported_by)}" if account.reported_by else said


def _source(index: Index, rec: Source, page: str) -> list[Entity]:
    alone = [(page, "")]  # a source's metadata quotes are checked, not cited: no passage to point at
    article = Entity(entity_id(rec.id), "Article", page)
    article.add("name", label(rec), alone)
    if rec.title:
        article.add("title", rec.title.text, alone)
        article.add("description", rec.label, alone)  # the editor's name for it, said apart from the headline
    article.add("publishedAt", ftm_date(rec.published.date) if rec.published else None, alone)
    article.add("sourceUrl", rec.url, alone)
    article.add("fileName", rec.file, alone)
    out = [article]
    if rec.publisher:
        article.add("publisher", name(index, rec.publisher.record), alone)
        doc = Entity(entity_id(rec.id, "publisher"), "Documentation", page)
        doc.add("document", article.id, alone)
        doc.add("entity", entity_id(rec.publisher.record), alone)
        doc.add("role", "publisher", alone)
        out.append(doc)
    return out


def _named(index: Index, rec: Person | Institution, page: str) -> list[Entity]:
    cites = index.cites.get(rec.id, ())
    own = [c for c in cites if c.path[0] == "citations"]
    schema = "Person" if isinstance(rec, Person) else SCHEMA_OF_CATEGORY[rec.category]
    main = Entity(entity_id(rec.id), schema, page)
    backing = _backing(index, page, own)
    main.add("name", rec.name, backing)
    for alias in rec.aliases:
        main.add("alias", alias, backing)
    main.add("description", rec.description, backing)
    if isinstance(rec, Institution):
        main.add("classification", rec.category, backing)
    _proof(main, index, page, own)
    out = [main]
    taken: set[str] = set()
    for i, rel in enumerate(rec.relations):
        rel_cites = [c for c in cites if c.path[:2] == ("relations", i)]
        rel_backing = _backing(index, page, rel_cites)
        # A person in an institution is a Membership; any other tie (wife of, part of) FtM
        # would want typed (Family, Ownership…), and only its words are known: an UnknownLink.
        member = isinstance(rec, Person) and isinstance(index.record(rel.to), Institution)
        ends = ("member", "organization") if member else ("subject", "object")
        link_id = entity_id(rec.id, rel.to, _short_hash(rel.relation))
        while link_id in taken:  # the same words to the same record twice
            link_id += "-2"
        taken.add(link_id)
        link = Entity(link_id, "Membership" if member else "UnknownLink", page)
        link.add(ends[0], main.id, rel_backing)
        link.add(ends[1], entity_id(rel.to), rel_backing)
        link.add("role", rel.relation, rel_backing)
        link.add("recordId", rec.id, rel_backing)
        _proof(link, index, page, rel_cites)
        out.append(link)
    return out


def _links(index: Index, rec_id: str, page: str, role: str, slug: str, by_party: dict[str, list[Cite]]) -> list[Entity]:
    """One UnknownLink from each named party to the claim or figure, backed by the passages that name it."""
    out = []
    for party, cites in by_party.items():
        link = Entity(entity_id(rec_id, slug, party), "UnknownLink", page)
        backing = _backing(index, page, cites)
        link.add("subject", entity_id(party), backing)
        link.add("object", entity_id(rec_id), backing)
        link.add("role", role, backing)
        link.add("recordId", rec_id, backing)
        out.append(link)
    return out


def _note(
    index: Index, rec_id: str, page: str, values: Sequence[tuple[str, str | None]]
) -> tuple[Entity, Sequence[Cite]]:
    """A claim or figure as a Note, every value backed by the record's passages, and those passages."""
    cites = index.cites.get(rec_id, ())
    note = Entity(entity_id(rec_id), "Note", page)
    backing = _backing(index, page, cites)
    for prop, value in values:
        note.add(prop, value, backing)
    _proof(note, index, page, cites)
    return note, cites


def _claim(index: Index, rec: Claim, page: str) -> list[Entity]:
    about = [("entity", entity_id(a)) for a in rec.about]
    note, cites = _note(index, rec.id, page, [("description", rec.statement), ("keywords", rec.status), *about])
    out = [note]
    claimed: dict[str, list[Cite]] = {}
    reported: dict[str, list[Cite]] = {}
    for i, account in enumerate(rec.accounts):
        told = [c for c in cites if c.path[:2] == ("accounts", i)]
        told_backing = _backing(index, page, told)
        doc = Entity(entity_id(rec.id, "account", account.source), "Documentation", page)
        doc.add("document", entity_id(account.source), told_backing)
        doc.add("entity", note.id, told_backing)
        doc.add("role", _voice(index, account), told_backing)
        doc.add("date", ftm_date(account.when.date) if account.when else None, told_backing)
        doc.add("description", account.when.text if account.when else None, told_backing)
        doc.add("summary", account.detail, told_backing)
        out.append(doc)
        for parties, into in ((account.claimants, claimed), (account.reported_by, reported)):
            for p in parties:
                if isinstance(p, str):
                    into.setdefault(p, []).extend(told)
    out += _links(index, rec.id, page, "claims", "claimed-by", claimed)
    out += _links(index, rec.id, page, "reports", "reported-by", reported)
    for counter in rec.counter_claims:
        # An editor's link between two records: no passage says it, so the record alone backs it.
        link = Entity(entity_id(rec.id, "counter", counter), "UnknownLink", page)
        link.add("subject", note.id, [(page, "")])
        link.add("object", entity_id(counter), [(page, "")])
        link.add("role", "counter-claim", [(page, "")])
        out.append(link)
    return out


def _number(index: Index, rec: NumberRecord, page: str) -> list[Entity]:
    # FtM has no number for a Note: the figure travels in words, as the site shows it (its
    # numbers are in numbers.csv and facts.json).
    said = " ".join(w for w in (figure(rec), rec.unit) if w)
    note, cites = _note(
        index,
        rec.id,
        page,
        [
            ("name", rec.label),
            ("summary", f"{said}, {rec.as_of.text}" if rec.as_of else said),
            ("description", rec.counts),
            ("entity", entity_id(rec.measure) if rec.measure else None),
        ],
    )
    by_party = {p: list(cites) for p in rec.stated_by if isinstance(p, str)}
    return [note, *_links(index, rec.id, page, "states", "stated-by", by_party)]


def _measure(index: Index, rec: Measure) -> list[Entity]:
    # A measure has no page: its figures' pages show it, and back it.
    figures = [
        site_url(page_path(index.record(lk.source))) for lk in index.links_to.get(rec.id, ()) if lk.role == "measure"
    ]
    backing = [(page, "") for page in figures] or [(site_url(page_path("number")), "")]
    note = Entity(entity_id(rec.id), "Note", backing[0][0])
    note.add("name", rec.label, backing)
    note.add("description", rec.description, backing)
    return [note]


def entities(index: Index, rec_id: str) -> list[Entity]:
    """The FtM entities a record becomes: itself first, then its relations, accounts and links."""
    rec = index.record(rec_id)
    if isinstance(rec, Measure):
        return _measure(index, rec)
    page = site_url(page_path(rec))
    if isinstance(rec, Source):
        return _source(index, rec, page)
    if isinstance(rec, (Person, Institution)):
        return _named(index, rec, page)
    if isinstance(rec, Claim):
        return _claim(index, rec, page)
    assert isinstance(rec, NumberRecord)
    return _number(index, rec, page)


def _step(rec_id: str, c: Context) -> tuple[str, str]:
    found = entities(c.index, rec_id)
    return "".join(e.json() + "\n" for e in found), "".join(e.statements() for e in found)


def ftm_files(index: Index, steps: Runner | None = None) -> dict[str, bytes]:
    """ftm.json and statements.csv, made record by record so that records can be kept between builds."""
    steps = steps or Direct(index, {})
    parts = [steps.run(("ftm", i), None, functools.partial(_step, i)) for kind in ORDER for i in index.by_kind[kind]]
    return {
        "ftm.json": "".join(p[0] for p in parts).encode(),
        "statements.csv": (csv_line(STATEMENT_COLUMNS) + "".join(p[1] for p in parts)).encode(),
    }
