"""Golden files: the rendered Markdown of the fixture fact base, page by page.

Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.build import build

from .conftest import MINI, paths_for

GOLDEN = Path(__file__).parent / "golden" / "mini"


def test_rendered_pages_match_golden_files() -> None:
    site = build(paths_for(MINI))
    rendered = {page.path: page.markdown for page in site.pages}
    rendered.update({a.path: a.content.decode() for a in site.assets})
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()
    }
    assert sorted(rendered) == sorted(expected)
    for path, text in rendered.items():
        assert text == expected[path], f"{path} differs from its golden file"


def test_rendering_is_deterministic() -> None:
    first = build(paths_for(MINI))
    second = build(paths_for(MINI))
    assert [(p.path, p.markdown) for p in first.pages] == [(p.path, p.markdown) for p in second.pages]
