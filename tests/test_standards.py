"""Each export in a standard is checked by that standard's own library, not by our reading of it.

ftm.json and statements.csv by followthemoney; annotations.jsonld and the pages' schema.org
JSON-LD by a JSON-LD processor (pyld); datapackage.json and every CSV by frictionless.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.dataset import Dataset
from followthemoney.statement import Statement, StatementEntity
from followthemoney.statement.serialize import read_csv_statements
from followthemoney.statement.util import get_prop_type
from frictionless import Package, validate
from pyld import jsonld
from rdflib import namespace as rdf_namespaces

from generator.core.anchoring import CONTEXT, reanchor
from generator.core.history import History
from generator.core.model import CATEGORY, KINDS
from generator.core.text import SourceText
from generator.exports.export import EXPORTED, defuse
from generator.exports.ftm import DATASET, SCHEMA_OF_CATEGORY, entity_id
from generator.exports.jsonld import json_ld
from generator.site.build import build, check

from .conftest import ROOT, mini_with_figures, paths_for
from .hostile_site import FORMULA, UNCITED, make_hostile_repo

NO_HISTORY = History(False, why_not="not read in this test")
CONTEXTS = Path(__file__).parent / "fixtures" / "contexts"
OFFLINE = {
    "http://www.w3.org/ns/anno.jsonld": CONTEXTS / "anno.jsonld",
    "https://schema.org": CONTEXTS / "schema.org.jsonld",
}


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader without the network: only the two contexts the exports name."""
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(OFFLINE[url].read_text(encoding="utf-8"))}


def built(root: Path, dest: Path) -> Path:
    """The generator's downloads of ``root``'s site, written to ``dest`` as MkDocs would."""
    site = build(paths_for(root), NO_HISTORY)
    for asset in site.assets:
        path = dest / asset.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(asset.content)
    return dest


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(ROOT, tmp_path_factory.mktemp("downloads"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(make_hostile_repo(tmp_path_factory.mktemp("repo")), tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def real_index() -> Any:
    index, problems = check(paths_for(ROOT))
    assert problems == []
    return index


def entities_of(site: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (site / "ftm.json").read_text(encoding="utf-8").splitlines()]


def statements_of(site: Path) -> list[Statement]:
    with (site / "statements.csv").open("rb") as fh:
        return list(read_csv_statements(fh))


# -- FollowTheMoney ------------------------------------------------------------


def assert_valid_ftm(site: Path) -> None:
    entities = entities_of(site)
    schema_of = {e["id"]: model.get(e["schema"]) for e in entities}
    assert len(schema_of) == len(entities), "entity ids are unique"
    for e in entities:
        proxy = model.get_proxy(e, cleaned=False)  # raises on an unknown schema or a malformed id
        assert proxy.id == e["id"] and not proxy.schema.abstract, e
        # Every property is the schema's, and every value survives the library's own cleaning unchanged.
        assert set(e["properties"]) <= set(proxy.schema.properties), e
        for prop, values in e["properties"].items():
            assert sorted(proxy.get(prop)) == sorted(values), (e["id"], prop)
            ftm_prop = proxy.schema.properties[prop]
            for value in values:
                assert ftm_prop.type.validate(value), (e["id"], prop, value)
                if ftm_prop.type.name == "entity":
                    target = schema_of[value]  # no reference to an entity the file does not have
                    assert ftm_prop.range is not None and target.is_a(ftm_prop.range), (e["id"], prop, target)
        assert not [p for p in proxy.schema.required if not proxy.get(p)], e
    # statements.csv: read by the library, each type as the library has it, and aggregated back
    # into the very entities of ftm.json.
    with (site / "statements.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert row["prop_type"] == get_prop_type(row["schema"], row["prop"]), row
    by_entity: dict[str, list[Statement]] = defaultdict(list)
    for stmt in statements_of(site):
        assert stmt.dataset == DATASET and stmt.origin
        by_entity[stmt.entity_id].append(stmt)
    assert set(by_entity) == set(schema_of)
    dataset = Dataset.make({"name": DATASET, "title": "Fact sheet"})
    for e in entities:
        again = StatementEntity.from_statements(dataset, by_entity[e["id"]])
        assert again.schema.name == e["schema"]
        # The same values, but that statements.csv writes a formula-like one as text, as every CSV does.
        assert {p: sorted(v) for p, v in again.properties.items()} == {
            p: sorted(defuse(x) for x in v) for p, v in e["properties"].items()
        }, e["id"]


def test_ftm_entities_and_statements_pass_followthemoney(real: Path) -> None:
    assert_valid_ftm(real)


def test_every_category_has_an_ftm_organisation_schema() -> None:
    assert SCHEMA_OF_CATEGORY.keys() == CATEGORY.meanings.keys()
    for schema in set(SCHEMA_OF_CATEGORY.values()):
        assert model.get(schema) is not None and model.get(schema).is_a("Organization")  # type: ignore[union-attr]


def test_each_value_names_its_record_and_passage(real: Path, real_index: Any) -> None:
    stmts = statements_of(real)
    # Peskov's name is backed by the passage that names him, on his page.
    names = [s for s in stmts if s.entity_id == entity_id("dmitry-peskov") and s.prop == "name"]
    assert [s.value for s in names] == ["Dmitry Peskov"]
    page, passage = (names[0].origin or "").split(" ")
    assert page == "people/dmitry-peskov/" and passage.startswith("sources/article-004/#q-")
    # Where the sources disagree (the child counts), each figure has its own origin, in its own source.
    figures = [n for n in real_index.by_kind["number"] if real_index.record(n).measure == "children-taken"]
    summaries = [s for s in stmts if s.prop == "summary" and s.entity_id in {entity_id(f) for f in figures}]
    assert len({s.value for s in summaries}) == len(figures) >= 4
    assert {(s.origin or "").split(" ")[1].split("#")[0] for s in summaries} == {
        "sources/article-000/",
        "sources/article-004/",
    }
    measure = [s for s in stmts if s.prop == "entity" and s.value == entity_id("children-taken")]
    assert {s.entity_id for s in measure} == {entity_id(f) for f in figures}
    # Who claims what: one link per named claimant, backed by that account's passages only.
    link = entity_id("warrant-outrageous-and-unacceptable", "claimed-by", "dmitry-peskov")
    claimed = [s for s in stmts if s.entity_id == link and s.prop != "id"]
    assert claimed and all("sources/article-004/#q-" in (s.origin or "") for s in claimed)


# -- Web Annotation ------------------------------------------------------------


def annotations_of(site: Path) -> list[dict[str, Any]]:
    data = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def count_values(node: Any) -> int:
    """The values (strings, numbers, ids) in a JSON-LD document, its context and types aside."""
    if isinstance(node, dict):
        return sum(count_values(v) for k, v in node.items() if k not in ("@context", "@type", "type"))
    if isinstance(node, list):
        return sum(count_values(v) for v in node)
    return 1


def test_annotations_expand_as_web_annotations(real: Path) -> None:
    annotations = annotations_of(real)
    options = {"documentLoader": offline_loader, "base": "https://factsheet.example/annotations.jsonld"}
    oa = "http://www.w3.org/ns/oa#"
    for a in annotations:
        assert a["@context"] == "http://www.w3.org/ns/anno.jsonld"
        (node,) = jsonld.expand(a, options)
        # Expanded without loss: every value is still there, each under a Web Annotation term.
        assert count_values(node) == count_values(a), a["id"]
        assert node["@type"] == [f"{oa}Annotation"]
        assert node[f"{oa}motivatedBy"] == [{"@id": f"{oa}linking"}]
        (target,) = node[f"{oa}hasTarget"]
        types = sorted(t for s in target[f"{oa}hasSelector"] for t in s["@type"])
        assert types == [f"{oa}TextPositionSelector", f"{oa}TextQuoteSelector"]
        (body,) = node[f"{oa}hasBody"]
        assert body["@id"].startswith("https://factsheet.example/")


def selectors_of(a: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    by_type = {s["type"]: s for s in a["target"]["selector"]}
    return by_type["TextQuoteSelector"], by_type["TextPositionSelector"]


def test_every_annotation_reanchors_from_its_selectors(real: Path, real_index: Any) -> None:
    annotations = annotations_of(real)
    facts = json.loads((real / "facts.json").read_text(encoding="utf-8"))
    assert len(annotations) == sum(len(r["citations"]) for kind in facts.values() for r in kind if "citations" in r)
    for a, cite in zip(
        annotations,
        [c for k in EXPORTED for i in real_index.by_kind[k] for c in real_index.cites.get(i, ())],
        strict=True,
    ):
        quote, position = selectors_of(a)
        display = real_index.base.texts[cite.source].display
        assert (position["start"], position["end"]) == (cite.span.start, cite.span.end)
        assert display[position["start"] : position["end"]] == quote["exact"]
        assert len(quote["prefix"]) == min(CONTEXT, cite.span.start) and len(quote["suffix"]) <= CONTEXT
        # From the words alone, the same span; with the position as a hint, too.
        assert reanchor(display, quote["exact"], quote["prefix"], quote["suffix"]) == (cite.span.start, cite.span.end)
        assert reanchor(display, quote["exact"], quote["prefix"], quote["suffix"], position["start"]) == (
            cite.span.start,
            cite.span.end,
        )


def test_words_find_a_passage_in_a_corrected_article_where_offsets_do_not(real: Path, real_index: Any) -> None:
    annotations = [a for a in annotations_of(real) if a["target"]["source"] == "sources/article-004/"]
    display = real_index.base.texts["article-004"].display
    # A word inserted at the start of the first paragraph, before every passage.
    corrected = SourceText("UPDATED: " + display).display
    moved = 0
    for a in annotations:
        quote, position = selectors_of(a)
        start, end = position["start"], position["end"]
        assert reanchor(corrected, quote["exact"], quote["prefix"], quote["suffix"], start) == (start + 9, end + 9)
        moved += corrected[start:end] != quote["exact"]
    assert moved == len(annotations) > 20
    # A correction that prints the passage's words once more, earlier: the words alone find
    # that copy; the words around them find the passage.
    quote, position = selectors_of(annotations[-1])
    doubled = quote["exact"] + "\n\n" + corrected
    shift = len(quote["exact"]) + 2 + 9
    assert reanchor(doubled, quote["exact"]) == (0, len(quote["exact"]))
    assert reanchor(doubled, quote["exact"], quote["prefix"], quote["suffix"]) == (
        position["start"] + shift,
        position["end"] + shift,
    )


# -- schema.org JSON-LD in the pages ---------------------------------------------

SCHEMA_ORG = "http://schema.org/"
# Terms schema.org has that rdflib's copy of its vocabulary does not have yet.
NEWER_THAN_RDFLIB = {"measurementQualifier"}


def test_record_pages_json_ld_expands_to_schema_org(real_index: Any, tmp_path: Path) -> None:
    # rdflib's copy of the schema.org vocabulary (a module attribute pytest must not see: it warns on any name).
    known = {str(term).rsplit("/", 1)[1] for term in dir(rdf_namespaces.SDO)}
    index, problems = check(paths_for(mini_with_figures(tmp_path / "figures")))
    assert problems == []
    checked: Counter[str] = Counter()
    for idx in (real_index, index):
        for rec_id, rec in idx.base.records.items():
            if not KINDS[rec.KIND].has_pages:
                continue
            doc = json_ld(idx, rec)
            expanded = jsonld.expand(doc, {"documentLoader": offline_loader, "base": "https://factsheet.example/"})
            # Nothing dropped (an empty list has nothing to drop), and every term and type is schema.org's.
            assert count_values(expanded) == count_values(doc), rec_id
            stack: list[Any] = list(expanded)
            while stack:
                node = stack.pop()
                if isinstance(node, list):
                    stack += node
                    continue
                if not isinstance(node, dict):
                    continue
                for t in node.get("@type", []):
                    assert t.startswith(SCHEMA_ORG) and t.removeprefix(SCHEMA_ORG) in known, (rec_id, t)
                    checked[t.removeprefix(SCHEMA_ORG)] += 1
                for key, value in node.items():
                    if not key.startswith("@"):
                        term = key.removeprefix(SCHEMA_ORG)
                        assert key.startswith(SCHEMA_ORG) and (term in known or term in NEWER_THAN_RDFLIB), (
                            rec_id,
                            key,
                        )
                        stack.append(value)
    assert {"Person", "Organization", "Claim", "Quotation", "NewsArticle", "Observation", "QuantitativeValue"} <= set(
        checked
    )


# -- Frictionless ----------------------------------------------------------------


def test_datapackage_validates_every_csv_with_frictionless(real: Path) -> None:
    report = validate(real / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    package = Package(real / "datapackage.json")
    assert sorted(r.path for r in package.resources) == sorted(
        [*(f"{KINDS[k].folder}.csv" for k in EXPORTED), "statements.csv"]
    )
    numbers = {row["id"]: row for row in package.get_resource("numbers").read_rows()}
    row = numbers["children-deported-nearly-19500"]
    assert row["value"] == 19500 and row["qualifier"] == "nearly"
    sources = {row["id"]: row for row in package.get_resource("sources").read_rows()}
    published = sources["article-004"]
    assert str(published["published_earliest"]) == str(published["published_latest"]) == "2025-08-16"
    fields = {f.name: f.type for f in package.get_resource("numbers").schema.fields}
    assert [fields[k] for k in ("value", "low", "high", "as_of_date_earliest", "as_of_date_latest")] == [
        "number",
        "number",
        "number",
        "date",
        "date",
    ]


def test_ranges_and_partial_dates_are_typed(tmp_path: Path) -> None:
    site = built(mini_with_figures(tmp_path / "figures"), tmp_path / "site")
    report = validate(site / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    rows = {r["id"]: r for r in Package(site / "datapackage.json").get_resource("numbers").read_rows()}
    assert (rows["meeting-one-to-three-hours"]["low"], rows["meeting-one-to-three-hours"]["high"]) == (1, 3)
    assert rows["meeting-more-than-hours"]["low"] == 2.5


# -- all of them -------------------------------------------------------------------


def test_every_export_counts_the_same_records_and_citations(real: Path, real_index: Any) -> None:
    facts = json.loads((real / "facts.json").read_text(encoding="utf-8"))
    ftm = {e["id"] for e in entities_of(real)}
    statements = statements_of(real)
    annotations = annotations_of(real)
    for kind in EXPORTED:
        folder = KINDS[kind].folder
        with (real / f"{folder}.csv").open(encoding="utf-8", newline="") as fh:
            csv_ids = [r["id"] for r in csv.DictReader(fh)]
        assert csv_ids == [r["id"] for r in facts[folder]] == list(real_index.by_kind[kind])
        assert {entity_id(i) for i in csv_ids} <= ftm
    # Every citation is one annotation, and a passage some value of the record's entities names.
    cited = [(rec["url"], c["url"]) for kind in facts.values() for rec in kind for c in rec.get("citations", ())]
    annotated = [(a["body"]["id"], f"{a['target']['source']}#{a['id'].rsplit('#', 1)[1]}") for a in annotations]
    assert len(annotated) == len(cited)
    origins = {tuple((s.origin or "").split(" ")) for s in statements}
    assert set(cited) == {o for o in origins if len(o) == 2}


def test_hostile_records_stay_inert_in_every_export(hostile: Path) -> None:
    assert_valid_ftm(hostile)
    report = validate(hostile / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    written = set()
    for path in sorted(hostile.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                assert not [c for c in row if c.startswith(("=", "+", "-", "@", "\t", "\r"))], (path.name, row)
                written |= {path.name for c in row if c == "'" + FORMULA}
    assert written == {"people.csv", "statements.csv"}  # the formula-like description, as text
    # JSON stays JSON: each line of ftm.json one entity, annotations.jsonld one array.
    for line in (hostile / "ftm.json").read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line), dict)
    annotations = annotations_of(hostile)
    for a in annotations:
        jsonld.expand(a, {"documentLoader": offline_loader})
    # An excerpt-only article publishes cited words only: no prefix or suffix around them.
    excerpt = [a for a in annotations if a["target"]["source"] == "https://news.example/excerpt"]
    assert excerpt and all(set(selectors_of(a)[0]) == {"type", "exact"} for a in excerpt)
    for name in ("ftm.json", "statements.csv", "annotations.jsonld", "datapackage.json"):
        assert UNCITED not in (hostile / name).read_text(encoding="utf-8"), name


def test_statement_rows_are_csv_a_spreadsheet_reads_as_text(real: Path) -> None:
    text = (real / "statements.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["canonical_id", "entity_id", "prop"] and len({len(r) for r in rows}) == 1


def test_the_data_page_examples_load_every_download(real: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # docs/data.md's Python blocks, run in order in the folder of downloads, as a researcher would.
    text = (ROOT / "docs/data.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 5
    monkeypatch.chdir(real)
    # The W3C context from this disk, as a researcher's pyld would fetch it.
    monkeypatch.setattr(jsonld, "_default_document_loader", offline_loader)
    names: dict[str, Any] = {}
    for block in blocks:
        exec(compile(block, "docs/data.md", "exec"), names)
    facts = json.loads((real / "facts.json").read_text(encoding="utf-8"))
    assert names["facts"] == facts
    assert len(names["numbers"]) == len(facts["numbers"]) == len(names["rows"])
    assert len(names["entities"]) == len((real / "ftm.json").read_text(encoding="utf-8").splitlines())
    assert names["statements"] and names["annotations"]
