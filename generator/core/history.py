"""When each record last changed, and every change to the facts, from the repository's history.

Read with ``git log`` over facts/ and seeds/. Outside a git checkout, or in a
shallow clone that lacks the history, the site says the history is not
available rather than inventing dates. Commit subjects are contributors'
words: they are data, escaped like any record text.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field, replace

from .load import Paths

_STATUS = {"A": "added", "M": "changed", "D": "removed", "R": "renamed", "C": "copied", "T": "changed"}


@dataclass(frozen=True)
class FileChange:
    status: str  # added, changed, removed, renamed
    path: str  # relative to the repository


@dataclass(frozen=True)
class Change:
    commit: str  # abbreviated hash
    date: str  # committer date, YYYY-MM-DD
    subject: str
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class History:
    available: bool
    changes: tuple[Change, ...] = ()  # newest first
    why_not: str = ""
    last: dict[str, Change] = field(default_factory=dict)  # by file path: the newest change to it
    head: str = ""  # the commit read, if any

    @classmethod
    def from_changes(cls, changes: list[Change]) -> History:
        last: dict[str, Change] = {}
        for ch in changes:  # newest first, so the first seen is the last change
            for f in ch.files:
                last.setdefault(f.path, ch)
        return cls(True, tuple(changes), "", last)


def read_history(paths: Paths, known: History | None = None) -> History:
    """The history of facts/ and seeds/; ``known`` is returned as is if no commit was made since."""
    git = shutil.which("git")
    if git is None:
        return History(False, why_not="git is not installed")
    shallow = subprocess.run(
        [git, "-C", str(paths.root), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True
    )
    if shallow.returncode != 0:
        return History(False, why_not="the site was not built from a git checkout")
    if shallow.stdout.strip() == "true":
        return History(False, why_not="the site was built from a shallow clone, which lacks the history")
    # Only commits change the history: under `mkdocs serve` a save need not read the whole log again.
    head = subprocess.run(
        [git, "-C", str(paths.root), "rev-parse", "-q", "--verify", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    if known is not None and known.head and known.head == head:
        return known
    folders = [paths.show(paths.facts), paths.show(paths.seeds)]
    proc = subprocess.run(
        [
            git,
            "-C",
            str(paths.root),
            "log",
            "--no-renames",
            "--format=%x1e%h%x1f%cs%x1f%s",
            "--name-status",
            "--",
            *folders,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    if proc.returncode != 0:
        return History(False, why_not="the site was not built from a git checkout")
    return replace(History.from_changes(parse_log(proc.stdout)), head=head)


def parse_log(text: str) -> list[Change]:
    changes = []
    for block in text.split("\x1e"):
        if not block.strip():
            continue
        head, _, rest = block.partition("\n")
        commit, date, subject = head.split("\x1f", 2)
        files = []
        for line in rest.splitlines():
            if not line.strip():
                continue
            status, _, path = line.partition("\t")
            files.append(FileChange(_STATUS.get(status[:1], "changed"), path))
        changes.append(Change(commit, date, subject, tuple(files)))
    return changes
