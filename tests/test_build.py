"""Full MkDocs builds in a temporary folder, checked in the built HTML."""

from __future__ import annotations

import datetime
import gzip
import json
import logging
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.meta import get_data

from generator.cli import main
from generator.core.errors import Loc, ProblemsError
from generator.core.history import History
from generator.core.index import label
from generator.core.text import normalise
from generator.core.urls import page_path, site_url
from generator.exports.jsonld import script_json
from generator.pages.markup import html_text
from generator.pages.render import front_matter
from generator.site.build import SiteBuilder, build, check
from generator.site.problems_page import ProblemsApp

from .conftest import ROOT, mini_with_figures, paths_for, write, write_record
from .hostile_site import BACKTICK_FILE, BREAKOUT_LABEL, BREAKOUT_URL, FORGED, SUBJECTS, UNCITED, make_hostile_repo
from .scripted_history import LEAKS as SCRIPTED_LEAKS
from .scripted_history import NOTE as SCRIPTED_NOTE
from .scripted_history import SUBJECTS as SCRIPTED
from .scripted_history import git, make_scripted_repo

NO_HISTORY = History(False, why_not="not read in this test")
CHANGES = "changes-and-corrections"  # the id of a record page's list of its changes
TODAY = datetime.date.today().isoformat()


def build_site(root: Path, site: Path, **overrides: Any) -> Path:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=True, **overrides)
    mkdocs_build(config)
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_html(site: Path, url: str) -> Path:
    return site / url / "index.html"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once with MkDocs in strict mode."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def real_index() -> Any:
    index, problems = check(paths_for(ROOT))
    assert problems == []
    return index


def passage_text(page: BeautifulSoup, anchor: str) -> str:
    """The whole cited passage: the anchored mark plus marks continuing it after a split."""
    first = page.find(id=anchor)
    assert isinstance(first, Tag), anchor
    parts = [first.get_text()] + [m.get_text() for m in page.find_all("mark", attrs={"data-continues": anchor})]
    return "".join(parts)


def test_every_record_has_its_page(real_site: Path, real_index: Any) -> None:
    for kind, ids in real_index.by_kind.items():
        for rec_id in ids:
            rec = real_index.record(rec_id)
            if kind == "measure":
                continue
            html = page_html(real_site, site_url(page_path(rec)))
            assert html.is_file(), html
            title = soup(html).title
            assert title is not None and title.get_text().startswith(label(rec))


def test_every_citation_lands_on_its_passage(real_site: Path) -> None:
    facts = json.loads((real_site / "facts.json").read_text())
    checked = 0
    for kind in ("people", "institutions", "claims", "numbers"):
        for row in facts[kind]:
            record_page = soup(page_html(real_site, row["url"]))
            for cite in row["citations"]:
                url, anchor = cite["url"].split("#")
                target = soup(page_html(real_site, url))
                assert normalise(passage_text(target, anchor)) == normalise(cite["quote"]), cite
                # The record page links to that exact passage.
                hrefs = {urljoin("/" + row["url"], a["href"]) for a in record_page.find_all("a", href=True)}
                assert "/" + cite["url"] in hrefs, cite
                checked += 1
    assert checked > 80


def test_every_cited_passage_links_back(real_site: Path, real_index: Any) -> None:
    for source_id in real_index.by_kind["source"]:
        url = site_url(page_path(real_index.record(source_id)))
        page = soup(page_html(real_site, url))
        marks = page.find_all("mark", id=True)
        assert len(marks) == len(real_index.passages[source_id])
        for mark in marks:
            back = page.find("a", href=f"#{mark['id']}")
            assert back is not None, mark["id"]
            item = back.find_parent("li")
            citers = [a["href"] for a in item.find_all("a", href=True) if not a["href"].startswith("#")]
            expected = real_index.citers[(source_id, mark["id"])]
            assert len(citers) == len(expected)
            for href, rec_id in zip(citers, expected, strict=False):
                assert posixpath.normpath(posixpath.join(url, href)) == site_url(
                    page_path(real_index.record(rec_id))
                ).rstrip("/")


def test_facts_json_agrees_with_records(real_site: Path, real_index: Any) -> None:
    facts = json.loads((real_site / "facts.json").read_text())
    assert list(facts) == ["sources", "people", "institutions", "claims", "numbers"]
    for key, kind in zip(facts, ("source", "person", "institution", "claim", "number"), strict=False):
        assert [r["id"] for r in facts[key]] == list(real_index.by_kind[kind])
        for row in facts[key]:
            rec = real_index.record(row["id"])
            label_key = {
                "source": "title",
                "person": "name",
                "institution": "name",
                "claim": "statement",
                "number": "label",
            }[kind]
            if kind != "source":
                assert row[label_key] == label(rec)
                assert len(row["citations"]) == len(real_index.cites[rec.id])
            assert row["url"] == site_url(page_path(rec))
    sources = {s["id"]: s for s in facts["sources"]}
    assert sources["article-004"]["file"] == "seeds/004_8c4d6f2394bcb0dc.txt"
    assert sources["article-004"]["publisher"] == "the-independent"
    assert sources["article-000"]["publisher"] is None and sources["article-000"]["title"] is None


def test_unknown_metadata_is_shown_as_unknown(real_site: Path) -> None:
    rows = {
        tr.find("td").get_text(): tr.find_all("td")[1].get_text()
        for tr in soup(page_html(real_site, "sources/article-000/")).find("table").find_all("tr")[1:]
    }
    assert rows["Title"] == "unknown" and rows["Publisher"] == "unknown" and rows["Published"] == "unknown"


def test_disagreeing_accounts_are_side_by_side(real_site: Path) -> None:
    page = soup(page_html(real_site, "claims/warrant-outrageous-and-unacceptable/"))
    table = next(t for t in page.find_all("table") if "Claimed by" in t.get_text())
    header = [th.get_text() for th in table.find_all("th")]
    assert len(header) == 3 and all(header[1:])
    claimed = [td.get_text() for td in table.find_all("tr")[1].find_all("td")]
    assert claimed == ["Claimed by", "Russian officials (Russia)", "Dmitry Peskov"]


def test_grouped_figures_side_by_side(real_site: Path) -> None:
    page = soup(page_html(real_site, "numbers/children-kidnapped-over-20000/"))
    # The page's own figure heads it; the others for the same measure are set beside it, itself not again.
    assert "over 20,000 children" in page.select_one(".md-content table").get_text()
    figures = [a.get_text() for a in page.select("table a[href]")]
    for shown in ("nearly 19,500 children", "tens of thousands (children)"):
        assert shown in figures
    assert "over 20,000 children" not in figures


def test_nav_lists_index_pages_not_records(real_site: Path) -> None:
    nav = soup(real_site / "index.html").select("nav.md-nav--primary a.md-nav__link[href]")
    hrefs = {a["href"] for a in nav}
    assert "people/" in hrefs
    assert not any(h.startswith("people/") and h != "people/" for h in hrefs)


def test_home_page_shows_counts(real_site: Path, real_index: Any) -> None:
    table = soup(real_site / "index.html").find("table")
    counts = {tr.find("a").get_text(): int(tr.find_all("td")[1].get_text()) for tr in table.find_all("tr")[1:]}
    assert counts == {
        "Sources": 2,
        "People": len(real_index.by_kind["person"]),
        "Institutions": len(real_index.by_kind["institution"]),
        "Claims": len(real_index.by_kind["claim"]),
        "Numbers": len(real_index.by_kind["number"]),
    }


# -- the plugin on the small fixture -------------------------------------------------


def test_edit_link_points_at_the_yaml_file(mini: Path, tmp_path: Path) -> None:
    site = build_site(mini, tmp_path / "site", repo_url="https://github.com/o/r", edit_uri="edit/main/docs/")
    links = [a["href"] for a in soup(page_html(site, "people/bob-sample/")).find_all("a", href=True)]
    assert "https://github.com/o/r/edit/main/facts/people/bob-sample.yaml" in links


SHADOWS_BOB = (
    "docs/people/bob-sample.md:1:1: error: this hand-written page would be published at people/bob-sample/, "
    "in place of the page generated from facts/people/bob-sample.yaml; rename or delete it"
)


def test_a_hand_written_page_may_not_take_a_generated_pages_place(
    mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    write(mini / "docs/people/bob-sample.md", "# Bob, by hand\n\nA false description.\n\n<script>alert(1)</script>\n")
    assert main(["--root", str(mini), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [SHADOWS_BOB]
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(mini, tmp_path / "site")
    assert SHADOWS_BOB in caplog.text
    assert not (tmp_path / "site/people/bob-sample/index.html").exists()
    with pytest.raises(ProblemsError) as refused:  # mkdocs serve builds through SiteBuilder
        SiteBuilder(paths_for(mini), history=lambda *_: NO_HISTORY).build()
    assert [p.format() for p in refused.value.problems] == [SHADOWS_BOB]


def test_every_generated_page_and_file_is_kept_from_hand_written_ones(mini: Path) -> None:
    site = build(paths_for(mini), NO_HISTORY)
    made = [p.path for p in site.pages] + [a.path for a in site.assets]
    assert "index.md" not in made  # the home page is hand-written: docs/index.md
    for path in made:
        write(mini / "docs" / path, "by hand\n")
    write(mini / "docs/pages/people-2.md", "by hand\n")  # where a list of over 100 people continues
    _, problems = check(paths_for(mini))
    assert [p.loc for p in problems] == sorted(Loc(f"docs/{path}") for path in [*made, "pages/people-2.md"])
    assert "docs/pages/people-2.md:1:1: error: pages/ is where the generator publishes the further pages of its long lists; move this hand-written page out of docs/pages/" in [p.format() for p in problems]


@pytest.mark.parametrize("path", ["people/bob-sample/index.md", "people/bob-sample/README.md", "people/bob-sample.markdown", "people/bob-sample/index.html"])
def test_a_file_published_at_a_generated_pages_address_is_refused_too(path: str, mini: Path) -> None:
    # MkDocs publishes all of these at people/bob-sample/index.html; one of the two would be lost.
    write(mini / "docs" / path, "by hand\n")
    _, problems = check(paths_for(mini))
    assert [p.format() for p in problems] == [
        f"docs/{path}:1:1: error: this hand-written {'file' if path.endswith('.html') else 'page'} would be published at people/bob-sample/, "
        "in place of the page generated from facts/people/bob-sample.yaml; rename or delete it"
    ]


def test_broken_facts_fail_the_build_with_located_errors(
    mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = mini / "facts/people/bob-sample.yaml"
    path.write_text(path.read_text().replace("one hour", "ten hours"))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(mini, tmp_path / "site")
    assert "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote not found verbatim" in caplog.text


def test_summary_marker_is_replaced(mini: Path, tmp_path: Path) -> None:
    site = build_site(mini, tmp_path / "site")
    home = (site / "index.html").read_text()
    assert "factsheet:summary" not in home
    page = soup(site / "index.html")
    assert page.find("table") is not None
    link = page.find("a", string="The one point where the sources differ, side by side")
    assert link is not None and link.parent.get_text(" ", strip=True).endswith("side by side .")


def test_the_summary_reads_what_the_build_derived(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = build(paths_for(mini), History(False))

    def derive_again(index: object) -> None:
        raise AssertionError("the summary derived the comparison again")

    # Every build and every `serve` rebuild renders the summary: it must not redo the comparison.
    monkeypatch.setattr("generator.pages.views.derive", derive_again)
    summary = site.summary("index.md")
    assert "| [Numbers](numbers/index.md) | 2 |" in summary
    # One source, one difference: said in the singular, and no "both articles".
    assert "[The one point where the sources differ, side by side](differences.md)." in summary


def test_broken_anchor_fails_strict_build(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(mini / "docs/extra.md", "# Extra\n\n[bad](sources/mini-report.md#q-nonexistent)\n")
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "  - Extra: extra.md\n")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(mini, tmp_path / "site")
    assert "does not contain an anchor '#q-nonexistent'" in caplog.text


PAYLOADS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "[click](javascript:alert('x3'))",
    "<iframe src=javascript:alert('x4')></iframe>",
    "</title><meta http-equiv=refresh content='0;url=javascript:alert(5)'>",
    "<form action=https://evil.example><input name=x></form>",
    "{: onclick=alert('x6') }",
    "<!-- comment --> **bold** # heading | table |",
]


THEME_SCRIPTS = ("__md_scope=", "var palette=", "var target=document.getElementById(location.hash")


def test_markup_in_records_stays_text(mini: Path, tmp_path: Path) -> None:
    # An article made of payloads, so that aliases and quotes can carry them too
    # (they must appear in a source) and its page shows them as article text.
    write(mini / "seeds/payloads.txt", "\n\n".join(f"Paragraph {i}: {p}" for i, p in enumerate(PAYLOADS)) + "\n")
    write_record(
        mini, "sources/payloads.yaml", f"id: payloads\nfile: seeds/payloads.txt\nlabel: {json.dumps(PAYLOADS[5])}\n"
    )
    for i, payload in enumerate(PAYLOADS):
        write_record(
            mini,
            f"institutions/payload-{i}.yaml",
            f"id: payload-{i}\nname: {json.dumps(payload)}\naliases: [{json.dumps(payload)}]\ncategory: other\n"
            f"description: {json.dumps(payload)}\ncitations: [{{source: payloads, quote: {json.dumps(payload)}}}]\n",
        )
    write_record(
        mini,
        "claims/payload-claim.yaml",
        f"id: payload-claim\nstatement: {json.dumps(PAYLOADS[0])}\nstatus: reported\n"
        "accounts:\n  - source: mini-report\n    claimed_by:\n"
        f"      - unnamed: {json.dumps(PAYLOADS[1])}\n    when: {{text: on Monday}}\n"
        "    quotes: [{quote: Alice Example}]\n",
    )
    p = [json.dumps(x) for x in PAYLOADS]
    write_record(
        mini,
        "numbers/payload-number.yaml",
        f"id: payload-number\nlabel: {p[2]}\nqualifier: {p[3]}\nunit: {p[4]}\ncounts: {p[5]}\n"
        f"measure: payload-measure\nstated_by: [{{unnamed: {p[6]}}}]\n"
        "citations: [{source: mini-report, quote: one hour}]\n",
    )
    write_record(mini, "measures/payload-measure.yaml", f"id: payload-measure\nlabel: {p[7]}\ndescription: {p[0]}\n")
    write_record(
        mini,
        "people/payload-person.yaml",
        f"id: payload-person\nname: {p[4]}\ndescription: {p[1]}\n"
        f"relations: [{{relation: {p[0]}, to: payload-0, citations: [{{source: mini-report, quote: Bob Sample}}]}}]\n"
        "citations: [{source: mini-report, quote: Bob Sample}]\n",
    )
    write_record(
        mini,
        "sources/payload-source.yaml",
        f'id: payload-source\nfile: seeds/mini.txt\nlabel: {p[4]}\nurl: "https://example.org/?q=\');alert(7)//"\n',
    )
    site = build_site(mini, tmp_path / "site")
    assert_inert(site)
    title = soup(page_html(site, "institutions/payload-0/")).title
    assert title is not None and title.get_text().startswith("<script>alert('x1')</script>")
    # The payloads were rendered, as text, where a reader sees them.
    number = soup(page_html(site, "numbers/payload-number/")).get_text()
    assert "[click](javascript:alert('x3'))" in number and "<form action=https://evil.example>" in number
    assert "{: onclick=alert('x6') }" in soup(page_html(site, "numbers/")).get_text()
    article = soup(page_html(site, "sources/payloads/"))
    assert "Paragraph 0: <script>alert('x1')</script>" in article.get_text()
    assert article.find("mark", string="<script>alert('x1')</script>") is not None


def assert_inert(site: Path) -> None:
    """No page of ``site`` has script, event handlers, script links, frames, forms or meta tags but the theme's."""
    pages = list(site.rglob("*.html"))
    assert len(pages) > 15
    for html in pages:
        page = soup(html)
        for tag in page.find_all(True):
            # The theme has a search form (without action) but never an iframe.
            assert tag.name != "iframe", (html, tag)
            assert not (tag.name == "form" and tag.get("action")), (html, tag)
            for attr, value in tag.attrs.items():
                assert not attr.startswith("on"), (html, tag)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not text.strip().lower().startswith("javascript:"), (html, tag)
                # An external address may carry any text; as a quoted href it is inert, as are a tooltip
                # and data for the site's scripts (a tag filter's data-tag holds a source's name).
                external = attr == "href" and text.startswith("https://")
                inert = attr == "title" or attr.startswith("data-")
                assert external or inert or "alert(" not in text, (html, tag)
            if tag.name == "script":
                # Only the theme's own scripts: its bundle, its config, and its three inline snippets.
                code = tag.get_text()
                if tag.get("src"):
                    assert re.search(r"assets/(javascripts|factsheet)/[\w.]+\.js$", tag["src"]), (html, tag)
                elif tag.get("type") == "application/ld+json":
                    # Data, not code: it parses as JSON and cannot close its element.
                    assert "<" not in code and json.loads(code)["@context"] == "https://schema.org", html
                else:
                    assert "alert" not in code, html
                    assert tag.get("id") == "__config" or code.startswith(THEME_SCRIPTS), (html, code[:60])
            if tag.name == "meta":
                assert "alert" not in str(tag.get("content", "")), html
                assert set(tag.attrs) <= {"charset", "name", "content"}, (html, tag)
                assert tag.get("name") in (None, "viewport", "description", "generator", "author"), (html, tag)
            # Nothing is loaded from another host: no image, frame, style or script source off the site.
            for attr in ("src", "srcset", "data", "poster"):
                assert not str(tag.get(attr, "")).startswith(("http:", "https:", "//")), (html, tag)
            if tag.name == "link" and tag.get("href"):
                assert not str(tag["href"]).startswith(("http:", "https:", "//")), (html, tag)


def test_a_hostile_fact_base_builds_inert_pages(tmp_path: Path) -> None:
    repo = make_hostile_repo(tmp_path)
    site = build_site(repo, tmp_path / "site")
    assert_inert(site)
    # A file name that is markup stays one code element with the name as its text.
    row = soup(page_html(site, "sources/odd-name/")).find("td", string="Text file")
    assert isinstance(row, Tag) and isinstance(row.find_next_sibling("td"), Tag)
    cell = row.find_next_sibling("td")
    assert isinstance(cell, Tag) and [c.name for c in cell.children] == ["code"] and cell.get_text() == BACKTICK_FILE
    # Link syntax in a label stays inside the title attribute it was written into.
    link = soup(page_html(site, "people/carol-odd/")).find("a", class_="fs-external")
    assert isinstance(link, Tag) and set(link.attrs) == {"class", "href", "rel", "title"}
    assert link["title"] == f"This passage on the publisher's page ({BREAKOUT_LABEL})"
    assert str(link["href"]).startswith(BREAKOUT_URL + "#:~:text=")
    # Each commit is one row, dated by git; a correction cannot add a row or a date of its own.
    rows = soup(page_html(site, "corrections/")).select(".md-content table tbody tr")
    assert len(rows) == len(SUBJECTS)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.td.get_text()) and "2031" not in r.td.get_text() for r in rows)
    assert sum(FORGED in r.get_text() for r in rows) == 1
    assert "Retracted" not in soup(page_html(site, "corrections/")).get_text()  # the subject's words
    # An excerpt-only article: the cited words, and not one word between them.
    excerpt = soup(page_html(site, "sources/excerpt/"))
    body = excerpt.select_one(".md-content").get_text()
    assert "Opening words of the article" in body and "closing words that are cited." in body
    assert UNCITED not in body and "Donate now" not in body
    facts = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    exported = next(s for s in facts["sources"] if s["id"] == "excerpt")
    assert exported["licence"] == "excerpt-only" and exported["furniture"] == [{"kind": "donation-appeal", "occurrence": None}]
    assert "Donate now" not in (site / "facts.json").read_text(encoding="utf-8")
    # "On Friday" before 1 January of year 1 stays undated, and the build did not crash on it.
    timeline = soup(page_html(site, "timeline/")).get_text()
    assert "counted back from 0001-01-01 it falls before year 1" in timeline


def test_serve_watches_the_data_folders(mini: Path) -> None:
    config = load_config(config_file=str(mini / "mkdocs.yml"))
    plugin = config.plugins["factsheet"]
    watched: list[str] = []

    class Server:
        app: Any = "MkDocs' own application"

        def watch(self, path: str) -> None:
            watched.append(path)

        def get_app(self) -> Any:
            return self.app

        def set_app(self, app: Any) -> None:
            self.app = app

    server = Server()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert [Path(p) for p in watched] == [mini / "facts", mini / "seeds"]
    # Pages answer with the problems while the fact base has any, and pass through to MkDocs' server else.
    assert isinstance(server.app, ProblemsApp) and server.app.app == "MkDocs' own application"


def test_a_build_writes_nothing_into_the_repository(mini: Path, tmp_path: Path) -> None:
    # Generated pages live only in MkDocs' file list and in the site folder; docs/, facts/
    # and seeds/ are hand-written and stay byte for byte as they were, build after build.
    before = {p: p.read_bytes() for p in sorted(mini.rglob("*")) if p.is_file()}
    build_site(mini, tmp_path / "site")
    build_site(mini, tmp_path / "site")
    after = {p: p.read_bytes() for p in sorted(mini.rglob("*")) if p.is_file()}
    assert after == before


def search_fragments(site: Path) -> list[dict[str, Any]]:
    """Pagefind's fragments: gzipped JSON behind a signature, one per page, with each heading's text."""
    paths = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    return [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd")) for p in paths]


def test_search_index_holds_no_permalink_signs(real_site: Path) -> None:
    fragments = search_fragments(real_site)
    assert len(fragments) > 50
    headings = []
    for data in fragments:
        headings += [a["text"] for a in data["anchors"]]
        assert "¶" not in data["content"] and "¶" not in data["meta"]["title"], data["url"]
    assert "Evidence" in headings and not [h for h in headings if "¶" in h]


def test_readers_see_corrections_and_never_a_commit_subject(mini: Path, tmp_path: Path) -> None:
    def commit(*message: str) -> None:
        git(mini, "commit", "-qa", *(a for m in message for a in ("-m", m)), date=TODAY)

    number = mini / "facts/numbers/meeting-one-hour.yaml"
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    commit("Import the fixture as Quillfeather left it")
    number.write_text(number.read_text().replace("label: ", "label: Corrected "))
    commit("Refactor the Zanzibarian loader", "Why: Ottermoss asked.", "Correction: The meeting lasted one hour, not two.")
    number.write_text(number.read_text().replace("label: ", "label: Again "))
    commit("Tidy the Brambleworth wording")  # a plain update after the correction
    leaks = ("Quillfeather", "Zanzibarian", "Ottermoss", "Brambleworth")
    note = "The meeting lasted one hour, not two."

    site = build_site(mini, tmp_path / "site")
    texts = {p: p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in {".html", ".json", ".csv", ".xml"}}
    texts.update({site / d["url"]: json.dumps(d, ensure_ascii=False) for d in search_fragments(site)})
    assert [(p, w) for p, t in texts.items() for w in leaks if w in t] == []
    assert sum(note in t for t in texts.values()) >= 2

    page = soup(page_html(site, "numbers/meeting-one-hour/")).select_one(".md-content")
    assert page is not None
    # Newest first: the plain update, then the correction with its note; each says what changed in the facts.
    assert changes_list(page) == [
        f"{TODAY} — Updated: Label changed from “Corrected Meeting length according to Bob” to "
        "“Again Corrected Meeting length according to Bob”.",
        f"{TODAY} — Correction: {note} Label changed from “Meeting length according to Bob” to "
        "“Corrected Meeting length according to Bob”.",
    ]
    assert re.search(r"Updated \d{4}-\d{2}-\d{2} · all changes and corrections", page.get_text())
    untouched = soup(page_html(site, "people/bob-sample/")).select_one(".md-content")
    assert untouched is not None and untouched.find(id=CHANGES) is None and "Updated 20" in untouched.get_text()

    rows = soup(page_html(site, "corrections/")).select(".md-content table tbody tr")
    changes = [r.select("td")[1].get_text() for r in rows]
    assert changes == ["Updated", f"Correction: {note}", "Updated"]
    assert "Meeting length according to Bob" in rows[1].select("td")[2].get_text()


def test_corrections_page_folds_a_change_to_many_records(real_site: Path) -> None:
    # The commit that brought in the seed fact set touched every record, and the one that gave
    # every record its schema line edited them all: named, but folded away.
    folds = soup(page_html(real_site, "corrections/")).select(".md-content td details.fs-fold")
    summaries = []
    for fold in folds:
        summary = fold.find("summary")
        summaries.append(summary.get_text() if summary else "")
        count = re.fullmatch(r"(Added|Changed|Edited, no change to the facts|Removed): (\d+) records", summaries[-1])
        assert count and int(count[2]) > 10
        # Each record a link; a record whose facts changed is linked once, before what changed.
        assert count[1] == "Removed" or len(fold.select("a[href]")) == int(count[2])
    # The schema lines left every fact as it was; ten claims of then cannot be read by today's model.
    assert "Added: 59 records" in summaries and "Edited, no change to the facts: 49 records" in summaries


def changes_list(page: Tag) -> list[str]:
    """The items of a record page's "Changes and corrections", as text."""
    heading = page.find("h2", id=CHANGES)
    assert isinstance(heading, Tag)
    items = heading.find_next_sibling("ul")
    assert isinstance(items, Tag)
    for br in items.find_all("br"):
        br.replace_with(" ")
    return [" ".join(li.get_text().split()) for li in items.find_all("li")]


def test_a_corrected_figure_shows_on_its_page_as_a_dated_correction(tmp_path: Path) -> None:
    repo, _ = make_scripted_repo(tmp_path)
    site = build_site(repo, tmp_path / "site")
    figure = soup(page_html(site, "numbers/meeting-one-hour/")).select_one(".md-content")
    assert figure is not None
    date = SCRIPTED["figure"][1]
    assert changes_list(figure) == [
        f"{date} — Correction: {SCRIPTED_NOTE} Value changed from 2 to 1."
    ]
    claim = soup(page_html(site, "claims/meeting-lasted-two-hours/")).select_one(".md-content")
    assert claim is not None
    assert changes_list(claim) == [
        f"{SCRIPTED['status'][1]} — Updated: Status changed from reported to disputed."
    ]
    # A record never changed since it was added has no such list: its addition is no news on its page.
    bob = soup(page_html(site, "people/bob-sample/")).select_one(".md-content")
    assert bob is not None and bob.find(id=CHANGES) is None
    # The changes page: the same, newest first, each record linked; the removed one by its name then.
    rows = soup(page_html(site, "corrections/")).select(".md-content table tbody tr")
    cells = [[" ".join(td.get_text(" ").split()) for td in row.select("td")] for row in rows]
    assert cells[:3] == [
        [SCRIPTED["removal"][1], "Updated", "Removed: “Carol Example”"],
        [
            SCRIPTED["status"][1],
            "Updated",
            "According to Alice Example: The meeting lasted nearly two hours. Status changed from reported to disputed.",
        ],
        [date, f"Correction: {SCRIPTED_NOTE}", "Meeting length according to Bob Value changed from 2 to 1."],
    ]
    assert cells[3][:2] == [SCRIPTED["import"][1], "Updated"] and cells[3][2].startswith("Added: ")
    link = rows[2].select("td")[2].find("a")
    assert isinstance(link, Tag) and link["href"] == "../numbers/meeting-one-hour/"
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in {".html", ".json", ".xml"}]
    texts += [json.dumps(d, ensure_ascii=False) for d in search_fragments(site)]
    assert [w for t in texts for w in SCRIPTED_LEAKS if w in t] == []


# The sections of a record page that list records by what they are to it; the part before
# the first heading is a claim's "at a glance" table.
RECORD_LISTS = {"", "Relations", "What they said", "What is said about them", "Linked from"}


def record_links_by_section(site: Path, url: str) -> dict[str, set[str]]:
    """The records each section of a page links to, by URL: not the page itself, nor the
    passages that quotes link to, nor a quote's source named after it, nor the diagram."""
    content = soup(page_html(site, url)).select_one(".md-content article")
    assert content is not None, url
    for figure in content.select("figure.fs-graph"):
        figure.decompose()
    first = content.find("h2")
    sections: dict[str, set[str]] = {"": set()}
    heading = ""
    for element in (first.parent if isinstance(first, Tag) and first.parent else content).children:
        if not isinstance(element, Tag):
            continue
        if element.name == "h2":
            heading = element.get_text(strip=True).rstrip("¶")
            sections[heading] = set()
            continue
        for a in element.find_all("a", href=True):
            href = str(a["href"])
            before = a.find_previous_sibling("a")
            if "#q-" in href or (before is not None and "#q-" in str(before.get("href", ""))):
                continue
            target = posixpath.normpath(posixpath.join(url, href.split("#")[0])) + "/"
            if target.count("/") == 2 and target.split("/")[0] in RECORD_FOLDERS and target != url:
                sections[heading].add(target)
    return sections


RECORD_FOLDERS = {"people", "institutions", "claims", "numbers", "sources"}


def test_each_record_is_listed_once_on_a_record_page(real_site: Path, real_index: Any) -> None:
    pages = 0
    for kind in ("person", "institution", "claim", "number", "source"):
        for rec_id in real_index.by_kind[kind]:
            url = site_url(page_path(real_index.record(rec_id)))
            sections = record_links_by_section(real_site, url)
            # Whatever refers to the record (other than by citing it) is listed, in one place only.
            for link in real_index.links_to.get(rec_id, ()):
                if link.role != "source":
                    other = site_url(page_path(real_index.record(link.source)))
                    where = [h for h, found in sections.items() if other in found]
                    assert len(where) == 1, (url, link, where)
            listed = [t for h, found in sections.items() if h in RECORD_LISTS for t in found]
            assert sorted({t for t in listed if listed.count(t) > 1}) == [], url
            pages += 1
    assert pages > 50


def test_no_markdown_is_left_unrendered(real_site: Path) -> None:
    # Markdown inside a raw-HTML block is not processed: a link written there would show as text.
    for html in real_site.rglob("*.html"):
        text = soup(html).get_text()
        assert "](" not in text and "**" not in text, html


@pytest.mark.parametrize("title", ["Sean Hannity\u2028--- x [more](javascript:alert(1))", 'a "quoted"\n---\ntitle: x', "é ü \u0085 \u2029"])
def test_no_character_can_end_the_front_matter(title: str) -> None:
    # MkDocs' own reader: it once stopped at a line separator and rendered the rest as Markdown.
    markdown, meta = get_data(front_matter(title, ("person",), script_json({"name": title})) + "body\n")
    assert markdown == "body\n"
    assert meta["title"] == str(html_text(title)) and meta["tags"] == ["person"]
    assert json.loads(meta["factsheet_jsonld"])["name"] == title


def test_a_page_that_loses_its_front_matter_fails_the_build(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Should a generated head ever be unreadable, MkDocs would log nothing and publish it as text.
    monkeypatch.setattr("generator.pages.render.front_matter", lambda *a, **k: "---\ntitle: [\n---\n\n")
    with pytest.raises(Abort):
        build_site(mini, tmp_path / "site")
    assert "came back without its front matter (MkDocs could not parse it); nothing was published" in caplog.text
    assert not (tmp_path / "site/people/bob-sample/index.html").exists()


def test_the_differences_page_sets_the_sources_side_by_side(real_site: Path) -> None:
    content = soup(page_html(real_site, "differences/")).select_one(".md-content")
    assert isinstance(content, Tag)
    compared = content.select("section.fs-compare")
    assert len(compared) >= 5
    # Every compared claim has a heading of its own; no table row swallowed one.
    for block in compared:
        heading = block.find(["h2", "h3"])
        assert isinstance(heading, Tag) and heading.get_text(strip=True), block.get("id")
    assert not content.select("tr h1, tr h2, tr h3, tr h4, tr h5, tr h6")
    # Quotes are whole: as the article prints them, never cut.
    quotes = [q.get_text() for q in content.select(".fs-quote")]
    assert quotes and not any(q.rstrip().endswith("…") for q in quotes)
    assert "“I go home, I tell the first lady, ‘I spoke to Vladimir today, we had a wonderful conversation.’" in " ".join(quotes)
    # The words the two versions of Trump's remark do not share are marked, in both.
    remark = content.select_one("#claim-another-city-was-just-hit")
    assert isinstance(remark, Tag)
    marked = [m.get_text() for m in remark.select("mark.fs-diff")]
    assert {"said", "says"} <= set(marked) and "You know," in marked
    # The count says how many differences are listed, and each is a block marked as counted.
    intro = re.search(r"differ on (\d+) points?", content.get_text())
    assert intro is not None
    counted = content.select(".fs-counted")
    assert int(intro.group(1)) == len(counted) == len(content.select(".fs-glance li"))
    # Disputes inside one article are shown apart and not counted.
    within = content.select(".fs-dispute")
    assert within and not any("fs-counted" in d.get("class", []) for d in within)
    heading = within[0].find_previous("h2")
    assert isinstance(heading, Tag) and heading.get_text() == "What is disputed"
    # Sources are named by their short names, with the full title on their own pages.
    heads = [th.get_text(strip=True) for th in content.select("table.fs-cmp thead th")]
    assert "Report citing Reuters" in heads and "The Independent" in heads
    assert not any("(" in h for h in heads)


def test_a_denied_claim_is_shown_as_denied_with_its_denial(mini: Path, tmp_path: Path) -> None:
    def dispute(site: Path) -> list[str]:
        (block,) = soup(page_html(site, "differences/")).select(".fs-dispute")
        return [el.get_text(" ", strip=True) for el in block.select("p, li")]

    assert dispute(build_site(mini, tmp_path / "disputed")) == [
        "Disputed: According to Alice Example: The meeting lasted nearly two hours.",
        "Against it: According to a person at the meeting: The meeting lasted one hour. (both told by Daily Planet )",
    ]
    path = mini / "facts/claims/meeting-lasted-two-hours.yaml"
    path.write_text(path.read_text().replace("status: disputed", "status: denied"))
    assert dispute(build_site(mini, tmp_path / "denied")) == [
        "Denied: According to Alice Example: The meeting lasted nearly two hours.",
        "The denial: According to a person at the meeting: The meeting lasted one hour. (both told by Daily Planet )",
    ]


def test_each_compared_claim_says_in_bold_what_differs(real_site: Path) -> None:
    page = soup(page_html(real_site, "differences/"))
    leads = {str(sec["id"]): sec.select_one("p.fs-compare-lead") for sec in page.select("section.fs-compare")}
    warrant = leads["claim-warrant-outrageous-and-unacceptable"]
    assert warrant is not None and warrant.get_text() == "The sources differ on who claims it, who reports it and when."
    # Markup, not its text: "a, b and c" joined without escaping the <strong> of each.
    assert [s.get_text() for s in warrant.find_all("strong")] == ["who claims it", "who reports it", "when"]
    assert "&lt;" not in str(warrant)


def test_one_date_per_statement_on_every_page(real_site: Path) -> None:
    dates: dict[str, set[str]] = {}
    pages: dict[str, set[str]] = {}
    for html in real_site.rglob("*.html"):
        for el in soup(html).select(".fs-date[data-statement]"):
            statement = str(el["data-statement"])
            dates.setdefault(statement, set()).add(str(el.get("datetime", "unknown")))
            pages.setdefault(statement, set()).add(html.parent.name)
    assert len(dates) > 10
    assert {s: d for s, d in dates.items() if len(d) > 1} == {}
    # ISW's "in March", counted back from The Independent's date: the same month on every page that shows it.
    isw = "children-deported-nearly-19500@article-004"
    assert dates[isw] == {"2025-03"}
    assert {"timeline", "numbers", "differences", "children-deported-nearly-19500"} <= pages[isw]


def claim_row(site: Path, claim: str, row: str) -> list[str]:
    """The cells of one row of a claim page's table of sources, one per source."""
    page = soup(page_html(site, f"claims/{claim}/"))
    head = page.find("td", string=row)
    assert isinstance(head, Tag), (claim, row)
    return [td.get_text(" ", strip=True) for td in head.find_next_siblings("td")]


def test_the_editors_corrections_to_the_fact_base_show_on_the_pages(real_site: Path) -> None:
    # Russian official media's criticism is the article's own report; only the remark is the host's.
    assert claim_row(real_site, "russian-media-criticised-melania", "Claimed by") == ["the article, in its own voice"]
    # A hedge left out of a statement says why, in a paragraph of its own (not a row the table swallowed).
    remark = soup(page_html(real_site, "claims/another-city-was-just-hit/"))
    why = remark.find("strong", string="Why the statement leaves out a hedge:")
    assert isinstance(why, Tag) and why.parent is not None and why.parent.name == "p"
    assert why.find_parent("table") is None
    # Hedges kept: the infants claim rests on "credible reports", the calls "did not seem" to move the needle.
    infants = soup(page_html(real_site, "claims/infants-offered-for-adoption/"))
    assert "credible reports" in infants.h1.get_text() and "“credible reports”" in infants.get_text()  # type: ignore[union-attr]
    assert "seem" in soup(page_html(real_site, "claims/calls-did-not-move-the-needle/")).h1.get_text()  # type: ignore[union-attr]
    # The meeting: what only The Independent says is its detail, not the statement both articles support.
    meeting = soup(page_html(real_site, "claims/meeting-in-anchorage/")).h1.get_text()  # type: ignore[union-attr]
    assert "three hours" not in meeting and "six years" not in meeting
    alone = claim_row(real_site, "meeting-in-anchorage", "Only in this source")
    assert "three hours" not in alone[0] and "nearly three hours" in alone[1]
    # Who said it: Report citing Reuters credits the handover to Reuters; both state the warrant in their own voice.
    assert claim_row(real_site, "letter-handed-to-putin", "Claimed by")[0] == "Reuters"
    assert claim_row(real_site, "icc-arrest-warrant", "Claimed by") == ["the article, in its own voice"] * 2
    # The anthem claim is not "disputed" by a line that says nothing about the anthem.
    anthem = soup(page_html(real_site, "claims/children-made-to-sing-anthem/"))
    assert claim_row(real_site, "children-made-to-sing-anthem", "Status")[0].startswith("reported")
    assert claim_row(real_site, "children-made-to-sing-anthem", "Claimed by") == ["The Sun"]
    assert "Counter-claims" not in anthem.get_text()
    # "at the time" and "Friday" dated from their context.
    assert "2023-03" in claim_row(real_site, "warrant-outrageous-and-unacceptable", "When")[1]
    assert "2025-08-15" in claim_row(real_site, "talks-very-productive", "When")[1]
    # Descriptions say only what the coverage says.
    assert "first" not in soup(page_html(real_site, "institutions/reuters/")).select_one(".md-content p:not(.fs-kind)").get_text()  # type: ignore[union-attr]
    # (The words put right are still on the page, in its list of changes, as they should be.)
    media = soup(page_html(real_site, "institutions/russian-official-media/")).select_one(".md-content p:not(.fs-kind)")
    assert media is not None and "state media" not in media.get_text()
    # Lists say whose claim it is: a contested claim never reads as a fact.
    claims = " ".join(soup(page_html(real_site, "claims/")).get_text(" ").split())
    assert "According to Ukraine: The kidnapping of over 20,000 Ukrainian children" in claims
    assert "According to The Sun: Some Ukrainian children who were kidnapped" in claims
    assert "According to Russia: The evacuation of children" in claims
    home = " ".join(soup(page_html(real_site, "")).get_text(" ").split())
    assert "allegedly taken" in home and "taken by Russia" not in home


def test_ranges_and_bounds_sit_on_the_measures_axis(tmp_path: Path) -> None:
    root = mini_with_figures(tmp_path / "figures")
    site = build_site(root, tmp_path / "site")
    block = soup(page_html(site, "differences/")).select_one("#figures-meeting-length")
    assert isinstance(block, Tag)
    # The spread runs from the lowest number any figure gives to the highest, in the figures' words.
    spread = block.select_one(".fs-spread")
    assert spread is not None and spread.get_text() == "1 to up to 4; 5 figures from 5 parties in 2 sources"
    # One scale from 0 to 5: each figure's marks at their numbers, in percent of it.
    rows = {
        li.select_one(".fs-dot-label strong").get_text(): [  # type: ignore[union-attr]
            (" ".join(m["class"]), m["style"]) for m in li.select(".fs-dot-track > span")
        ]
        for li in block.select(".fs-dots > li")
    }
    assert rows == {
        "1": [("fs-dot", "left:20.0%")],
        "between 1 and 3": [
            ("fs-dot-bar fs-dot-bar-range", "left:20.0%;width:40.0%"),
            ("fs-dot", "left:20.0%"),
            ("fs-dot", "left:60.0%"),
        ],
        "nearly 2": [("fs-dot fs-dot-under", "left:40.0%")],
        # "more than": 2.5 itself is not counted, so its dot is hollow; the bar runs on to the scale's end.
        "more than 2.5": [("fs-dot-bar fs-dot-bar-on", "left:50.0%;width:50.0%"), ("fs-dot fs-dot-open", "left:50.0%")],
        # "up to" includes 4: a filled dot, the bar back to 0.
        "up to 4": [("fs-dot-bar fs-dot-bar-back", "left:0.0%;width:80.0%"), ("fs-dot", "left:80.0%")],
    }
    ticks = [t.get_text() for t in block.select(".fs-dot-axis span")]
    assert ticks == ["0", "1", "2", "3", "4", "5"]
    caption = block.select_one("figcaption")
    assert caption is not None and "a bar between two dots is a range" in caption.get_text()
    # The number pages give the ends as the record does, and say whether a bound counts its number.
    cells = [td.get_text() for td in soup(page_html(site, "numbers/meeting-one-to-three-hours/")).select("td")]
    assert cells[:6] == ["Figure", "between 1 and 3 hours", "From", "1", "To", "3"]
    cells = [td.get_text() for td in soup(page_html(site, "numbers/meeting-more-than-hours/")).select("td")]
    assert cells[:4] == ["Figure", "more than 2.5 hours", "Lower bound", "2.5, itself not included (“more than”)"]
    cells = [td.get_text() for td in soup(page_html(site, "numbers/meeting-up-to-four-hours/")).select("td")]
    assert cells[:4] == ["Figure", "up to 4 hours", "Upper bound", "4, itself included (“up to”)"]


def test_a_dispute_between_two_sources_is_counted_and_names_both(tmp_path: Path) -> None:
    repo = mini_with_figures(tmp_path / "repo")
    # The one-hour claim moves to the second report: no one source now tells both sides.
    path = repo / "facts/claims/meeting-lasted-one-hour.yaml"
    path.write_text(
        path.read_text()
        .replace("source: mini-report", "source: second-report")
        .replace("unnamed: a person at the meeting", "unnamed: an aide")
        .replace("Bob said it lasted one hour.", "An aide said the meeting ran between one and three hours.")
    )
    page = soup(page_html(build_site(repo, tmp_path / "site"), "differences/"))
    (block,) = page.select(".fs-dispute")
    assert "fs-counted" in block["class"]
    assert [el.get_text(" ", strip=True) for el in block.select("p, li")] == [
        "Disputed: According to Alice Example: The meeting lasted nearly two hours.",
        "Against it: According to an aide: The meeting lasted one hour. "
        "(told by Second report ; the claim it disputes by Daily Planet )",
    ]
    intro = page.find("strong", string=re.compile("points?$"))
    assert intro is not None and intro.parent is not None
    assert intro.parent.get_text(" ", strip=True).startswith(
        "The sources differ on 2 points : 1 set of figures and 1 dispute between them. "
        "Below them, and not counted: what only one article tells. Every quote"
    )
