"""Golden files: the rendered Markdown of the fixture fact base, page by page.

Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from generator.core.factlog import FactChange
from generator.core.history import Change, FileChange, History
from generator.core.model import Unnamed, When
from generator.site.build import build

from .conftest import MINI, paths_for

GOLDEN = Path(__file__).parent / "golden" / "mini"
# A fixed history, so that the golden files do not depend on this repository's commits.
NUMBER, CLAIM = "facts/numbers/meeting-one-hour.yaml", "facts/claims/meeting-lasted-one-hour.yaml"
HISTORY = History.from_changes(
    [
        # A plain update after the correction: the number's page keeps showing the correction.
        Change(
            "c3",
            "2025-08-19",
            (),
            (FileChange("changed", CLAIM), FileChange("changed", NUMBER)),
            (
                FactChange("meeting-lasted-one-hour", "claim", ("status",), "changed", "reported", "disputed"),
                FactChange(
                    "meeting-lasted-one-hour",
                    "claim",
                    ("accounts", ("mini-report",), "claimed_by"),
                    "changed",
                    "the article",
                    (Unnamed(unnamed="a person at the meeting", of="daily-planet"),),
                    "ref",
                ),
                FactChange("meeting-one-hour", "number", ("as_of",), "removed", When(text="on Monday"), None, "item"),
            ),
        ),
        Change(
            "b2",
            "2025-08-18",
            ("The figure is <one> hour, not *two*.",),
            (FileChange("changed", NUMBER), FileChange("changed", "seeds/mini.txt")),
            (FactChange("meeting-one-hour", "number", ("value",), "changed", Decimal("2"), Decimal("1")),),
        ),
        Change(
            "a1",
            "2025-08-17",
            (),
            (FileChange("added", "facts/people/bob-sample.yaml"), FileChange("removed", "facts/people/carol.yaml")),
            (
                FactChange("bob-sample", "person", (), "added", None, "Bob Sample", "text"),
                FactChange("carol", "person", (), "removed", "Carol [Example](x)", None, "text"),
            ),
        ),
    ]
)


def test_rendered_pages_match_golden_files() -> None:
    site = build(paths_for(MINI), HISTORY)
    rendered = {page.path: page.markdown.encode() for page in site.pages}
    # Static files copied from the package are not rendered; only generated data is compared.
    rendered.update({a.path: a.content for a in site.assets if not a.path.startswith("assets/")})
    if os.environ.get("UPDATE_GOLDEN"):
        for path, data in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(rendered) == sorted(expected)
    for path, data in rendered.items():
        assert data == expected[path], f"{path} differs from its golden file"


def test_rendering_is_deterministic() -> None:
    first = build(paths_for(MINI), HISTORY)
    second = build(paths_for(MINI), HISTORY)
    assert [(p.path, p.markdown) for p in first.pages] == [(p.path, p.markdown) for p in second.pages]
