"""check-site: the established link and HTML checkers catch what a build can still get wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.site.sitecheck import check_html, check_links

from .conftest import write

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body>{body}</body></html>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(root / "index.html", PAGE.format(title="Home", body='<p><a href="a/#q-1">passage</a></p>'))
    write(root / "a/index.html", PAGE.format(title="A", body='<p id="q-1">cited</p><a href="../">home</a>'))
    write(root / "facts.json", '{"people": [{"id": "a", "url": "a/"}]}\n')  # what the plugin writes, in short
    return root


def test_a_sound_site_passes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-site", str(site)]) == 0
    assert capsys.readouterr().err == (
        "ok: a page for every record (facts.json)\nok: links and anchors (LinkChecker)\nok: HTML (Nu HTML Checker)\n"
    )


def test_missing_anchor_fails(site: Path) -> None:
    write(site / "index.html", PAGE.format(title="Home", body='<p><a href="a/#q-2">passage</a></p>'))
    result = check_links(site)
    assert not result.ok
    assert "Anchor `q-2' (decoded: `q-2')" in result.report


def test_missing_page_fails(site: Path) -> None:
    write(site / "index.html", PAGE.format(title="Home", body='<p><a href="b/">gone</a></p>'))
    result = check_links(site)
    assert not result.ok
    assert "Error: 404 File not found" in result.report


def test_invalid_html_fails(site: Path) -> None:
    write(site / "a/index.html", PAGE.format(title="A", body='<p id="q-1">x</p><p id="q-1">y</p>'))
    result = check_html(site)
    assert not result.ok
    assert result.report.endswith("error: Duplicate ID “q-1”.")


def test_a_folder_that_is_not_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-site", str(tmp_path)]) == 1
    assert capsys.readouterr().out == f"{tmp_path} holds no index.html; is it a built site?\n"
