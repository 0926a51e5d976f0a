"""One fact base, three engines: MkDocs and ProperDocs build the same site with the plugin; Zensical
builds the rendered pages (`python -m generator render`) to a site that passes the same checks.

Each engine builds the seed site once per session, in a subprocess as `make site` runs it. A site
built without the plugin is never taken for the fact sheet: check-site says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from generator.core.history import History
from generator.core.load import hand_written
from generator.core.urls import raw_links_as_urls
from generator.site.build import build
from generator.site.sitecheck import NO_PLUGIN, check_records, check_site

from .conftest import MINI, ROOT, paths_for
from .engines import command

ENV = {"NO_MKDOCS_2_WARNING": "1"}


def run(cmd: list[str], cwd: Path) -> None:
    import os

    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **ENV})
    assert done.returncode == 0, f"{' '.join(cmd)}:\n{done.stdout}{done.stderr}"


def build_with(engine: str, repo: Path, out: Path) -> Path:
    """The site built as `make site ENGINE=engine` builds it, into ``out``."""
    if engine in ("mkdocs", "properdocs"):
        run([*command(engine, "build", "--strict"), "--site-dir", str(out)], repo)
        return out
    source = out.with_name(out.name + "-source")
    run([sys.executable, "-P", "-m", "generator", "--root", str(repo), "render", "--out", str(source)], repo)
    run([sys.executable, "-P", "-m", "zensical", "build", "--strict", "-f", str(source / "mkdocs.yml")], source)
    shutil.move(source / "site", out)
    run([sys.executable, "-P", "-m", "generator", "search-index", str(out)], repo)
    return out


class Sites:
    """The seed site by each engine, each built the first time a test asks for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[str, Path] = {}

    def __getitem__(self, engine: str) -> Path:
        if engine not in self.built:
            self.built[engine] = build_with(engine, ROOT, self.folder / engine)
        return self.built[engine]


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(tmp_path_factory.mktemp("engines"))


GENERATOR_META = re.compile(rb'^ *<meta name="generator" content="[^"]*">\n', re.MULTILINE)


def test_mkdocs_and_properdocs_build_the_same_site(sites: Sites) -> None:
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    files = sorted(p.relative_to(mkdocs).as_posix() for p in mkdocs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs).as_posix() for p in properdocs.rglob("*") if p.is_file())
    differ = [f for f in files if (mkdocs / f).read_bytes() != (properdocs / f).read_bytes()]
    # Only the pages differ, and only in the line that names the engine.
    assert differ and all(f.endswith(".html") for f in differ)
    assert [f for f in differ if GENERATOR_META.sub(b"", (mkdocs / f).read_bytes()) != GENERATOR_META.sub(
        b"", (properdocs / f).read_bytes()
    )] == []
    assert b'content="mkdocs-1.6' in (mkdocs / "index.html").read_bytes()
    assert b'content="mkdocs-ProperDocs 1.6' in (properdocs / "index.html").read_bytes()


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_each_engine_builds_every_record_page_and_hand_written_page(engine: str, sites: Sites) -> None:
    site = sites[engine]
    paths = paths_for(ROOT)
    generated = build(paths, History(False, why_not="not read in this test")).pages
    written = [rel for rel in hand_written(paths) if rel[-1].endswith(".md")]
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html") if "pagefind" not in p.parts)
    assert len(pages) == len(generated) + len(written), engine
    assert (site / "pagefind/pagefind-entry.json").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "In the fact sheet" in home and 'class="fs-card"' in home  # the summary the plugin fills in


def _content_links(site: Path) -> dict[str, list[str]]:
    """Each page's links in its content, as addresses on the site (the theme's own markup left out)."""
    out = {}
    for page in sorted(site.rglob("index.html")):
        url = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
        if url.startswith("/pagefind/"):
            continue
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is None:
            continue
        hrefs = [str(a.get("href")) for a in article.find_all("a") if a.get("href")]
        links = [urljoin("http://site" + url, h).removeprefix("http://site") for h in hrefs if "://" not in h]
        out[url] = [link for link in links if not link.startswith("mailto:")]
    return out


def test_zensical_resolves_every_link_of_the_pages_as_mkdocs_does(sites: Sites) -> None:
    # Raw HTML included (diagrams, the differences, the home page's cards): its links are written
    # to .md files, which Zensical resolves itself and the plugin resolves for MkDocs.
    want, got = _content_links(sites["mkdocs"]), _content_links(sites["zensical"])
    assert got.keys() == want.keys()
    # Permalinks beside headings are the toc extension's in both; the rest must be the same addresses.
    differ = {url: sorted(set(got[url]) ^ set(want[url])) for url in want if set(got[url]) != set(want[url])}
    assert differ == {}
    assert sum(len(v) for v in want.values()) > 1000


def test_zensical_site_passes_the_link_and_html_checks(sites: Sites) -> None:
    # MkDocs' is checked by make site and the browser tests, and ProperDocs' is the same site.
    results = check_site(sites["zensical"])
    assert [(r.tool, r.ok) for r in results if not r.ok] == [], "\n".join(r.report for r in results)
    assert len(results) == 3


def test_a_build_without_the_plugin_is_reported_as_such(tmp_path: Path) -> None:
    repo = tmp_path / "mini"
    shutil.copytree(MINI, repo)
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - factsheet\n", ""), encoding="utf-8")
    # Not --strict: the navigation names pages that only the plugin makes, and that is all MkDocs says.
    site = tmp_path / "site"
    run([*command("mkdocs", "build"), "--site-dir", str(site)], repo)
    result = check_records(site)
    assert not result.ok
    assert result.report == f"{site} has no facts.json and no record pages. {NO_PLUGIN}"
    assert "built without the factsheet plugin" in NO_PLUGIN and "make site ENGINE=zensical" in NO_PLUGIN
    assert [r.report for r in check_site(site)] == [result.report]  # no link or HTML noise after it


def test_zensical_on_the_repository_itself_is_reported_as_such(tmp_path: Path) -> None:
    # Zensical ignores MkDocs plugins without a word: it builds the hand-written pages only, and exits 0.
    repo = tmp_path / "mini"
    shutil.copytree(MINI, repo)
    run([sys.executable, "-P", "-m", "zensical", "build", "-f", "mkdocs.yml"], repo)
    assert check_records(repo / "site").report == f"{repo / 'site'} has no facts.json and no record pages. {NO_PLUGIN}"


def test_a_site_that_lost_record_pages_is_reported(sites: Sites, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(sites["mkdocs"], copy)
    shutil.rmtree(copy / "people/donald-trump")
    result = check_records(copy)
    assert not result.ok
    assert result.report.startswith(f"{copy} has ")
    assert " record pages for " in result.report and "missing: people/donald-trump/. " in result.report


# -- links inside raw HTML -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "href", "url"),
    [
        # As measured: MkDocs and ProperDocs pass raw HTML through; Zensical resolves a relative
        # link in it against the source file. Written to the .md file, both give these addresses.
        ("claims/y.md", "../people/x.md#sec", "../../people/x/#sec"),
        ("claims/y.md", "y.md", "./"),
        ("claims/y.md", "y.md#a", "./#a"),
        ("claims/y.md", "index.md", "../"),
        ("claims/y.md", "../index.md", "../../"),
        ("differences.md", "people/x.md", "../people/x/"),
        ("differences.md", "differences.md#c", "./#c"),
        ("pages/differences-2.md", "../differences.md#c", "../../differences/#c"),
        ("index.md", "people/x.md", "people/x/"),
        ("index.md", "index.md", "./"),
        ("claims/index.md", "../numbers/index.md#measure-m", "../numbers/#measure-m"),
        ("claims/index.md", "../pages/numbers-2.md#measure-m", "../pages/numbers-2/#measure-m"),
    ],
)
def test_a_raw_html_link_to_a_markdown_file_becomes_its_address(page: str, href: str, url: str) -> None:
    assert raw_links_as_urls(f'<p><a class="c" href="{href}">x</a></p>', page) == f'<p><a class="c" href="{url}">x</a></p>'


def test_only_relative_links_to_markdown_files_in_links_change() -> None:
    kept = [
        '<a href="https://example.org/a.md">x</a>',
        '<a href="/people/x.md">x</a>',
        '<a href="#p-3">x</a>',
        '<a href="../../people/x/">x</a>',
        '<a href="../facts.json">x</a>',
        '<img src="a.md">',
        "<p>href=\"a.md\" as text</p>",
    ]
    for html in kept:
        assert raw_links_as_urls(html, "claims/y.md") == html
    # In an SVG diagram too, and whatever the attributes around it.
    svg = '<svg><a href="../people/x.md" class="fs-node"><title>x</title></a></svg>'
    assert raw_links_as_urls(svg, "claims/y.md") == '<svg><a href="../../people/x/" class="fs-node"><title>x</title></a></svg>'
