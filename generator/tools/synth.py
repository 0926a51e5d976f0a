"""A synthetic fact base for benchmarks: valid, deterministic, shaped like the seed story.

``.venv/bin/python -m generator synth --records N --sources S --out DIR`` writes a whole
repository (facts/, seeds/, docs/, mkdocs.yml). Records come in the seed fact
set's proportions (per 59 records: 6 people, 15 institutions, 27 claims,
8 numbers, 1 measure, 2 sources); numbers are values, ranges and bounds. Every
quote is a sentence written into an article first, so it is verbatim by
construction; some sentences are printed twice in their article, so their
citations need ``occurrence``; every article carries a donation appeal and photo
captions marked as furniture, and some claims are told by two articles so that
accounts differ.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from ..core.schema import schema_line

# Shares of the non-source records, from the seed fact set (6 + 15 + 27 + 8 + 1 = 57).
SHARES = {"person": 6, "institution": 15, "claim": 27, "number": 8, "measure": 1}

_FIRST = [
    "Alma",
    "Bram",
    "Cato",
    "Dara",
    "Elin",
    "Faro",
    "Gita",
    "Hale",
    "Ines",
    "Jovan",
    "Kira",
    "Lio",
    "Mara",
    "Nilo",
    "Orla",
    "Pema",
    "Quin",
    "Rosa",
    "Sven",
    "Tala",
    "Umar",
    "Vera",
    "Wren",
    "Xeni",
    "Yara",
    "Zeno",
    "Anouk",
    "Boris",
    "Celia",
    "Dov",
    "Edda",
    "Fenna",
    "Goran",
    "Hedda",
    "Ivo",
    "Jana",
    "Kemal",
    "Lotta",
    "Milo",
    "Nadia",
]
_LAST = [
    "Korvin",
    "Adler",
    "Basso",
    "Cerny",
    "Dalton",
    "Eskola",
    "Fennimore",
    "Gallo",
    "Hartig",
    "Ilves",
    "Janko",
    "Kessler",
    "Lund",
    "Moreau",
    "Novak",
    "Ortega",
    "Petrov",
    "Quist",
    "Rinaldi",
    "Sorensen",
    "Tamm",
    "Ulrich",
    "Varga",
    "Weiss",
    "Yilmaz",
    "Zorin",
    "Achebe",
    "Brandt",
    "Castell",
    "Dumas",
]
_PLACES = [
    "Tessel",
    "Marrow",
    "Ostrava",
    "Quillon",
    "Braemar",
    "Vesna",
    "Harlow",
    "Kestrel",
    "Dunmore",
    "Lisk",
    "Avalon",
    "Corrin",
]
_BODIES = [
    "Agency",
    "Council",
    "Institute",
    "Ministry",
    "Court",
    "Times",
    "Herald",
    "Foundation",
    "Office",
    "Bureau",
    "Commission",
    "Tribune",
]
_ADJ = [
    "Northern",
    "Central",
    "Coastal",
    "Federal",
    "Civic",
    "Eastern",
    "Western",
    "Open",
    "Free",
    "National",
    "Regional",
    "United",
]
_CATEGORIES = ("government-body", "news-organisation", "research-organisation", "court", "other")
_THINGS = ["bridge", "road", "school", "clinic", "port", "railway", "archive", "dam", "market", "depot"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@dataclass
class _Article:
    id: str
    published: str
    sentences: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)  # printed twice: citations need occurrence


def counts(records: int) -> dict[str, int]:
    """How many records of each kind make up ``records`` (sources not included)."""
    total = sum(SHARES.values())
    out = {k: max(1, records * v // total) for k, v in SHARES.items()}
    out["claim"] += records - sum(out.values())  # rounding goes to the largest kind
    return out


def _name(rng: random.Random, used: set[str], parts: list[tuple[str, ...]]) -> str:
    for _ in range(1000):
        name = " ".join(rng.choice(p) for p in parts)
        if name not in used:
            used.add(name)
            return name
    n = len(used)
    name = " ".join(rng.choice(p) for p in parts) + f" {n}"
    used.add(name)
    return name


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60].strip("-")


def _yaml(kind: str, data: dict[str, object]) -> str:
    # JSON is YAML: every value quoted, so nothing is typed by accident.
    lines = [schema_line(kind)]
    for key, value in data.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def synthesize(out: Path, records: int, sources: int, seed: int = 2025) -> dict[str, int]:
    """Write the repository into ``out`` (which must not exist); returns the counts by kind."""
    rng = random.Random(seed)
    out.mkdir(parents=True)
    n = counts(records)
    articles = [_Article(f"report-{i:05d}", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(sources)]
    files: dict[str, str] = {}
    used: set[str] = set()

    def cite(article: _Article, sentence: str, repeat: bool = False) -> dict[str, object]:
        article.sentences.append(sentence)
        if repeat:
            article.repeated.append(sentence)
            return {"source": article.id, "quote": sentence, "occurrence": 2}
        return {"source": article.id, "quote": sentence}

    institutions = []
    for i in range(n["institution"]):
        name = _name(rng, used, [tuple(_ADJ), tuple(_PLACES), tuple(_BODIES)])
        rid = f"{_slug(name)}-{i}"
        art = articles[i % sources]
        sentence = f"The {name} issued a statement numbered {i}."
        files[f"institutions/{rid}.yaml"] = _yaml(
            "institution",
            {
                "id": rid,
                "name": name,
                "category": _CATEGORIES[i % len(_CATEGORIES)],
                "description": f"A body named in report {art.id}.",
                "citations": [cite(art, sentence)],
            },
        )
        institutions.append((rid, name))
    people = []
    for i in range(n["person"]):
        name = _name(rng, used, [tuple(_FIRST), tuple(_LAST)])
        rid = f"{_slug(name)}-{i}"
        org_id, org = institutions[i % len(institutions)]
        art = articles[i % sources]
        sentence = f"{name}, a spokesperson of the {org}, was quoted in item {i}."
        surname = name.split()[1]
        art.sentences.append(f"{surname} declined to comment further on item {i}.")
        files[f"people/{rid}.yaml"] = _yaml(
            "person",
            {
                "id": rid,
                "name": name,
                "aliases": [surname],
                "description": f"Spokesperson of the {org}.",
                "relations": [{"relation": "spokesperson of", "to": org_id, "citations": [cite(art, sentence)]}],
                "citations": [cite(art, f"{name} was named in item {i}.")],
            },
        )
        people.append((rid, name))
    measures = []
    for i in range(n["measure"]):
        rid = f"measure-{i}"
        files[f"measures/{rid}.yaml"] = _yaml(
            "measure",
            {
                "id": rid,
                "label": f"Days the {_THINGS[i % len(_THINGS)]} network {i} was closed",
                "description": "How many days the sources say it was closed.",
            },
        )
        measures.append(rid)
    claims: list[str] = []
    for i in range(n["claim"]):
        rid = f"claim-{i:06d}"
        person_id, person = people[i % len(people)]
        thing, place = _THINGS[i % len(_THINGS)], _PLACES[i % len(_PLACES)]
        statement = f"The {thing} at {place} was closed, as claim {i} says."
        tellers = [articles[i % sources]] + ([articles[(i + 1) % sources]] if i % 5 == 0 and sources > 1 else [])
        accounts = []
        for j, art in enumerate(tellers):
            verb = ("said", "told reporters")[j]
            sentence = f"{person} {verb} that the {thing} at {place} was closed, in claim {i}."
            when = _WEEKDAYS[(i + j) % len(_WEEKDAYS)]
            art.sentences.append(f"It happened on {when}, after claim {i} was made.")
            quote = cite(art, sentence, repeat=(i % 37 == 0 and j == 0))
            quote.pop("source")
            accounts.append(
                {"source": art.id, "claimed_by": [person_id], "when": {"text": f"on {when}"}, "quotes": [quote]}
            )
        data: dict[str, object] = {
            "id": rid,
            "statement": statement,
            "status": "reported",
            "about": [person_id],
            "accounts": accounts,
        }
        if i % 11 == 0 and claims:
            data["status"] = "disputed"
            data["counter_claims"] = [claims[-1]]
        files[f"claims/{rid}.yaml"] = _yaml("claim", data)
        claims.append(rid)
    for i in range(n["number"]):
        rid = f"number-{i:06d}"
        art = articles[i % sources]
        days = 3 + (i * 7) % 90
        person_id, person = people[i % len(people)]
        # A quarter each: a value, a range, a lower bound and an upper bound, worded as articles word them.
        lasted, figure = [
            (f"{days} days", {"value": str(days)}),
            (f"between {days} and {days + 5} days", {"low": str(days), "high": str(days + 5), "qualifier": "between"}),
            (f"more than {days} days", {"low": str(days), "qualifier": "more than"}),
            (f"up to {days} days", {"high": str(days), "qualifier": "up to"}),
        ][i % 4]
        sentence = f"The closure in case {i} lasted {lasted}, according to {person}."
        data = {
            "id": rid,
            "label": f"Closure in case {i}",
            **figure,
            "unit": "days",
            "counts": f"Days of closure in case {i}",
            "stated_by": [person_id],
            "citations": [cite(art, sentence)],
        }
        if measures:
            data["measure"] = measures[i % len(measures)]
        files[f"numbers/{rid}.yaml"] = _yaml("number", data)
    appeal = "Your support helps us to tell the story. Please donate to keep our journalism free of paywalls."
    for a, art in enumerate(articles):
        body = list(art.sentences)
        paragraphs = [" ".join(body[k : k + 3]) for k in range(0, len(body), 3)]
        paragraphs += [f"{s} This is repeated for emphasis." for s in art.repeated]
        caption = f"open image in gallery A street in {_PLACES[a % len(_PLACES)]} ( Staff photo )"
        text = "\n\n".join([appeal, *paragraphs[:1], caption, *paragraphs[1:]]) + "\n"
        (out / "seeds").mkdir(exist_ok=True)
        (out / "seeds" / f"{art.id}.txt").write_text(f"date {art.published} {text}", encoding="utf-8")
        files[f"sources/{art.id}.yaml"] = _yaml(
            "source",
            {
                "id": art.id,
                "file": f"seeds/{art.id}.txt",
                "label": f"Synthetic report {art.id}",
                "published": {"date": art.published, "quote": f"date {art.published}"},
                "furniture": [
                    {"kind": "donation-appeal", "quote": appeal},
                    {"kind": "photo-caption", "quote": caption},
                ],
            },
        )
    for rel, text in files.items():
        path = out / "facts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (out / "docs").mkdir()
    (out / "docs" / "index.md").write_text(
        f"# Synthetic fact sheet\n\n{records} records from {sources} sources, for benchmarks.\n\n"
        "<!-- factsheet:summary -->\n",
        encoding="utf-8",
    )
    (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return {**n, "source": sources}


# The same site configuration as the real one, with records kept out of the navigation.
MKDOCS_YML = """\
site_name: Synthetic fact sheet
theme:
  name: material
  font: false
plugins:
  - tags:
      export: false
  - factsheet
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
# As the real site's: with --strict, the bench's build fails on a link to a missing anchor.
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
not_in_nav: |
  /*/*.md
nav:
  - Home: index.md
  - Search: search.md
  - People: people/index.md
  - Institutions: institutions/index.md
  - Claims: claims/index.md
  - Numbers: numbers/index.md
  - Sources: sources/index.md
  - Where the sources differ: differences.md
  - Timeline: timeline.md
  - Relations: relations.md
  - Browse: browse.md
  - Tags: tags.md
  - Changes: corrections.md
  - Data model: data-model.md
"""
