"""The hostile-input corpus: every case is refused with its exact errors, and nothing is written.

Each folder under ``tests/hostile/cases/`` is laid over a copy of the small
fixture repository; ``tests/hostile/expected.json`` holds, for each case, the
exact lines ``python -m generator check`` must print. Regenerate it with
``UPDATE_GOLDEN=1`` and read the diff before committing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import MINI, write_record

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = sorted(p.name for p in (HOSTILE / "cases").iterdir())
EXPECTED_FILE = HOSTILE / "expected.json"
EXPECTED: dict[str, list[str]] = json.loads(EXPECTED_FILE.read_text(encoding="utf-8")) if EXPECTED_FILE.exists() else {}
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", autouse=True)
def _update_expected() -> object:
    yield
    if UPDATE:
        EXPECTED_FILE.write_text(json.dumps(dict(sorted(EXPECTED.items())), indent=1, ensure_ascii=False) + "\n")


def test_the_corpus_is_large_and_fully_expected() -> None:
    assert len(CASES) >= 40
    if not UPDATE:
        assert sorted(EXPECTED) == CASES


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    shutil.copytree(HOSTILE / "cases" / case, repo, dirs_exist_ok=True)
    before = snapshot(repo)
    code = main(["--root", str(repo), "check"])
    out, err = capsys.readouterr()
    lines = out.splitlines()
    if UPDATE:
        EXPECTED[case] = lines
    assert code == 1
    assert lines == EXPECTED[case]
    n = len(lines)
    assert err == f"{n} problem{'s' if n != 1 else ''} found\n"
    # Every problem is located: a file, a line and a column, never a traceback.
    assert all(line.split(":", 3)[1].isdigit() and ": error: " in line for line in lines)
    assert snapshot(repo) == before

    main(["--root", str(repo), "check", "--format", "github"])
    annotations = capsys.readouterr().out.splitlines()
    assert len(annotations) == n and all(a.startswith("::error file=") for a in annotations)


@pytest.mark.parametrize(
    ("link", "target", "expected"),
    [
        (
            "seeds/passwd.txt",
            "/etc/passwd",
            "seeds/passwd.txt:1:1: error: symbolic links are not allowed here; copy the file in",
        ),
        ("docs/secrets", "/etc", "docs/secrets:1:1: error: symbolic links are not allowed here; copy the file in"),
        (
            "facts/people/eve.yaml",
            "../../../etc/hostname",
            "facts/people/eve.yaml:1:1: error: symbolic links are not allowed here; copy the file in",
        ),
    ],
)
def test_symbolic_links_are_refused(
    link: str, target: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Links are made here rather than stored in the corpus: a checkout may not keep them.
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    (repo / link).symlink_to(target)
    assert main(["--root", str(repo), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [expected]


@pytest.mark.parametrize(
    ("folder", "target", "file", "secret"),
    [
        ("seeds/etc", "/etc", "seeds/etc/passwd", "root:x:0:0:root:/root:/bin/bash"),
        ("seeds/repo", "../.git", "seeds/repo/config", "url = https://token@example.org/private.git"),
    ],
)
def test_a_file_behind_a_linked_folder_is_never_read(
    folder: str, target: str, file: str, secret: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The closest-passage hint once quoted the linked file into public pull-request annotations.
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    (repo / ".git").mkdir()
    (repo / ".git/config").write_text(f"[remote]\n\t{secret}\n")
    (repo / folder).symlink_to(target)
    write_record(repo, "sources/leak.yaml", f"id: leak\nfile: {file}\nlabel: A leak\n")
    write_record(
        repo,
        "people/eve.yaml",
        f"id: eve\nname: Eve\ndescription: A person.\ncitations:\n  - source: leak\n    quote: {json.dumps(secret + 'x')}\n",
    )
    for fmt in ("text", "github"):
        assert main(["--root", str(repo), "check", "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert secret not in out and "closest passage" not in out
    main(["--root", str(repo), "check"])
    assert capsys.readouterr().out.splitlines() == [
        f"facts/sources/leak.yaml:3:7: error: [file] '{file}' is reached through the symbolic link {folder}; copy the article in",
        f"{folder}:1:1: error: symbolic links are not allowed here; copy the file in",
    ]
