"""`make site` replaces site/ only when the strict build and the site checks passed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, write

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_site(repo: Path) -> subprocess.CompletedProcess[str]:
    # The project's own venv does the building; -o keeps make from reinstalling it here.
    return subprocess.run(
        [
            "make",
            "-C",
            str(repo),
            "-f",
            str(ROOT / "Makefile"),
            "-o",
            f".venv/.installed-{os.environ.get('DEPS', 'lock')}",  # the Makefile exports DEPS
            f"BIN={ROOT / '.venv' / 'bin'}",
            "site",
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_failed_build_keeps_the_last_good_site(mini: Path) -> None:
    old = write(mini / "site/index.html", "last good site\n")
    path = mini / "facts/people/bob-sample.yaml"
    path.write_text(path.read_text().replace("one hour", "ten hours"))
    result = make_site(mini)
    assert result.returncode != 0
    assert "quote not found verbatim" in result.stderr
    assert old.read_text() == "last good site\n"
    assert sorted(p.name for p in (mini / "site").iterdir()) == ["index.html"]


def test_passing_build_replaces_the_site(mini: Path) -> None:
    write(mini / "site/stale.html", "from an old build\n")
    result = make_site(mini)
    assert result.returncode == 0, result.stderr
    assert not (mini / "site/stale.html").exists()
    assert (mini / "site/people/bob-sample/index.html").is_file()
    assert not (mini / ".site-new").exists() and not (mini / ".site-old").exists()


def test_failed_site_check_keeps_the_last_good_site(mini: Path) -> None:
    # The strict build passes (raw HTML in a hand-written page is MkDocs' to pass through),
    # but the HTML checker refuses the duplicate id, so nothing is published.
    old = write(mini / "site/index.html", "last good site\n")
    write(mini / "docs/index.md", (mini / "docs/index.md").read_text() + '\n<div id="dup"></div><div id="dup"></div>\n')
    result = make_site(mini)
    assert result.returncode != 0
    assert "FAILED: HTML (Nu HTML Checker)" in result.stderr
    assert "Duplicate ID “dup”." in result.stdout
    assert old.read_text() == "last good site\n"
    assert not (mini / ".site-old").exists()


def test_interrupted_swap_is_recovered(mini: Path) -> None:
    # As if the previous run had stopped after moving site/ away and before moving the new one in;
    # this run fails, and the last good site must still be back in place.
    write(mini / ".site-old/index.html", "last good site\n")
    path = mini / "facts/people/bob-sample.yaml"
    path.write_text(path.read_text().replace("one hour", "ten hours"))
    result = make_site(mini)
    assert result.returncode != 0
    assert (mini / "site/index.html").read_text() == "last good site\n"
    assert not (mini / ".site-old").exists()
