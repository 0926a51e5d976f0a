"""The contributors' documentation is run: every `sh` block of README.md and docs/contributing.md.

Each document's blocks run in order, as a contributor would type them, in one fresh copy
of the repository (facts/, seeds/, docs/, mkdocs.yml, and what `make` needs), with the
sample article `tests/fixtures/docs/article.txt` as `~/article.txt`. Each must succeed.
A `text` block just after an `<!-- output of the block above -->` comment must be what the
block before it printed. A block that cannot run here (`make serve` would not end) says
why in an `<!-- not run by tests/test_docs.py: … -->` comment on the line before it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.core.hedges import HEDGES
from generator.core.model import KINDS

from .conftest import ROOT

DOCS = ("README.md", "docs/contributing.md")
ARTICLE = Path(__file__).resolve().parent / "fixtures" / "docs" / "article.txt"
SKIP = "<!-- not run by tests/test_docs.py:"
OUTPUT = "<!-- output of the block above -->"
# A fence opens at the start of a line or indented inside a list item, and closes at the same indent.
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)\n(?P<body>.*?)^(?P=indent)```[ ]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    doc: str
    line: int
    lang: str
    body: str
    before: str  # the last non-blank line above the fence

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


def blocks(doc: str) -> list[Block]:
    text = (ROOT / doc).read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        above = [line for line in text[: m.start()].splitlines() if line.strip()]
        body = textwrap.dedent("\n".join(line for line in m.group("body").splitlines()))
        out.append(Block(doc, text.count("\n", 0, m.start()) + 1, m.group("lang"), body, above[-1].strip()))
    return out


def runnable(doc: str) -> list[Block]:
    return [b for b in blocks(doc) if b.lang == "sh" and not b.before.startswith(SKIP)]


def test_skipped_blocks_say_why_and_nothing_else_is_skipped() -> None:
    for doc in DOCS:
        for b in blocks(doc):
            if b.before.startswith(SKIP):
                assert b.lang == "sh" and b.before.endswith("-->") and len(b.before) > len(SKIP) + 10, b
    # The examples are there to be found: a change of fence style would otherwise pass silently.
    # The README's commands install and serve; the walk-through with commands to run is the guide.
    assert len(runnable("docs/contributing.md")) >= 4


def repository_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    for folder in ("facts", "seeds", "docs"):
        shutil.copytree(ROOT / folder, repo / folder)
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, repo / name)  # the dates too: make must find its install up to date
    # The environment running these tests is the one the docs call .venv.
    (repo / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(ARTICLE, home / "article.txt")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",  # what is printed, in the order it is printed
        "NO_MKDOCS_2_WARNING": "1",
    }
    return repo, env


@pytest.mark.parametrize("doc", [doc for doc in DOCS if runnable(doc)])
def test_every_example_runs_as_written(doc: str, tmp_path: Path) -> None:
    repo, env = repository_copy(tmp_path)
    found = blocks(doc)
    printed: dict[int, str] = {}
    for i, b in enumerate(found):
        if b not in runnable(doc):
            continue
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", b.body],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{b} failed:\n{b.body}\n---\n{result.stdout}"
        printed[i] = result.stdout
    for i, b in enumerate(found):
        if b.before == OUTPUT:
            assert i - 1 in printed, f"{b}: the block above it is not run"
            assert b.body.rstrip("\n") == printed[i - 1].rstrip("\n"), f"{b} is not what the block above printed"


def test_the_docs_name_commands_that_work_from_a_fresh_clone() -> None:
    # Outside .venv a bare `python -m generator` fails: No module named 'rapidfuzz'.
    bare = re.compile(r"(?<!\.venv/bin/)python3? -m generator")
    found = [
        f"{doc}:{n}"
        for doc in ("README.md", *(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "docs").glob("*.md"))))
        for n, line in enumerate((ROOT / doc).read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert found == []


def test_the_contributors_guide_lists_what_the_check_knows() -> None:
    """The guide's list of hedges and its table of record kinds are the model's, so they cannot drift."""
    text = (ROOT / "docs/contributing.md").read_text(encoding="utf-8")
    (line,) = re.findall(r"^Words of doubt: (.*)\.$", text, re.MULTILINE)
    assert line.split(", ") == [h.name for h in HEDGES if not h.attribution]
    rows = re.findall(r"^\| (\w+) \| [^|]+: its `(\w+)` \| [^|]+ \|$", text, re.MULTILINE)
    assert rows == [(k.name, k.label_field) for k in KINDS.values() if k.name != "source"]
