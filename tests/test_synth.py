"""synth: a synthetic fact base that passes every check, in the seed set's proportions."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.model import Claim, NumberRecord, Source
from generator.site.build import check
from generator.tools.synth import counts

from .conftest import paths_for


def test_synthetic_fact_base_is_valid_and_shaped_like_the_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "syn"
    assert main(["synth", "--records", "300", "--sources", "10", "--out", str(out)]) == 0
    assert capsys.readouterr().err.startswith("wrote 310 records to ")
    index, problems = check(paths_for(out))
    assert problems == []
    made = {k: len(v) for k, v in index.by_kind.items()}
    assert made == {**counts(300), "source": 10}
    assert made["claim"] > made["institution"] > made["number"] > made["person"] > made["measure"]
    records = index.base.records.values()
    # Some quotes occur twice and are disambiguated; some claims are told by two sources.
    assert any(a.quotes[0].occurrence == 2 for r in records if isinstance(r, Claim) for a in r.accounts)
    assert any(len(r.accounts) == 2 for r in records if isinstance(r, Claim))
    assert all(r.furniture for r in records if isinstance(r, Source))
    assert any(r.measure for r in records if isinstance(r, NumberRecord))
    # Figures of every shape: values, ranges, lower and upper bounds, each checked against its quote.
    shapes = {(r.value is not None, r.low is not None, r.high is not None) for r in records if isinstance(r, NumberRecord)}
    assert shapes == {(True, False, False), (False, True, True), (False, True, False), (False, False, True)}
    assert index.unmatched == ()


def test_synth_is_deterministic_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    main(["synth", "--records", "120", "--out", str(a)])
    main(["synth", "--records", "120", "--out", str(b)])
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert main(["synth", "--records", "10", "--out", str(a)]) == 2
    assert "exists" in capsys.readouterr().err


def test_no_page_grows_with_the_fact_base(tmp_path: Path) -> None:
    from generator.core.history import History
    from generator.pages.graph import OVERVIEW_LIMIT
    from generator.pages.views import PER_PAGE
    from generator.site.build import build

    sizes = {}
    for n in (300, 1200):
        out = tmp_path / f"syn{n}"
        main(["synth", "--records", str(n), "--out", str(out)])
        site = build(paths_for(out), History(False, why_not="test"))
        pages = {p.path: p.markdown for p in site.pages}
        lists = [p for p in pages if p.startswith("pages/")]
        sizes[n] = max(
            len(t) for p, t in pages.items() if "/" not in p or p.startswith("pages/") or p.endswith("index.md")
        )
        if n == 1200:
            # 550-odd claims make three pages; each page links to the others.
            assert "pages/claims-2.md" in lists and "pages/claims-3.md" in lists
            assert "[2](../pages/claims-2.md)" in pages["claims/index.md"]
            # A claim's row starts with its link, or with whose claim it is ("According to …: [").
            rows = [line for line in pages["claims/index.md"].splitlines() if re.match(r"\| (According to [^|]*: )?\[", line)]
            assert len(rows) == PER_PAGE
            assert f"The {OVERVIEW_LIMIT} most connected of" in pages["relations.md"]
    # Four times the records, and the largest list page stays within a fifth of its size.
    assert sizes[1200] < sizes[300] * 1.2


# A link's target and anchor in a generated page: Markdown links and links inside raw HTML alike.
_LINK = re.compile(r'\]\(([^()\s#]*\.md)?#([^()\s]+)\)|href="([^"#:]*\.md)?#([^"]+)"')


def test_every_anchor_a_page_links_to_is_on_the_page_it_links_to(tmp_path: Path) -> None:
    # Measures on the numbers page, blocks of the differences: lists cut into pages, whose items
    # are linked from elsewhere. At 1,200 records the numbers page has three pages of measures.
    from generator.core.history import History
    from generator.site.build import build

    out = tmp_path / "syn"
    main(["synth", "--records", "1200", "--out", str(out)])
    pages = {p.path: p.markdown for p in build(paths_for(out), History(False, why_not="test")).pages}
    assert "pages/numbers-2.md" in pages
    checked, missing = 0, []
    for path, text in pages.items():
        for m in _LINK.finditer(text):
            target, anchor = m[1] or m[3], m[2] or m[4]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            if target not in pages:
                continue  # a hand-written page
            checked += 1
            if f'id="{anchor}"' not in pages[target]:
                missing.append(f"{path} -> {target}#{anchor}")
    assert checked > 1000
    assert missing == []
