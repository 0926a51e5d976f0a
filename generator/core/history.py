"""When each record last changed, and every change to the facts, from the repository's history.

Read with ``git log`` over facts/ and seeds/. Outside a git checkout, or in a
shallow clone that lacks the history, the site says the history is not
available rather than inventing dates.

Readers see a commit's words only when it carries a ``Correction:`` trailer:
a subject is written for developers ("Ship editor JSON Schemas…"), a
correction note for readers. Subjects and bodies are therefore never read;
the trailers' texts are contributors' words, escaped like any record text.
"""

from __future__ import annotations

import re
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
    # The texts of the commit's `Correction:` trailers, in order; none for a plain update.
    # Each is one note: a commit that puts right two things may say so twice.
    corrections: tuple[str, ...]
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class History:
    available: bool
    changes: tuple[Change, ...] = ()  # newest first
    why_not: str = ""
    last: dict[str, Change] = field(default_factory=dict)  # by file path: the newest change to it
    # By file path: every correction to it, newest first, so that a later plain update cannot hide one.
    corrected: dict[str, tuple[Change, ...]] = field(default_factory=dict)
    head: str = ""  # the commit read, if any

    @classmethod
    def from_changes(cls, changes: list[Change]) -> History:
        last: dict[str, Change] = {}
        corrected: dict[str, list[Change]] = {}
        for ch in changes:  # newest first, so the first seen is the last change
            for f in ch.files:
                last.setdefault(f.path, ch)
                if ch.corrections:
                    corrected.setdefault(f.path, []).append(ch)
        return cls(True, tuple(changes), "", last, {k: tuple(v) for k, v in corrected.items()})


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
    # NUL-separated (-z): git refuses a NUL in a commit message, so no trailer can
    # fake a field or a commit of its own, as \x1e and \x1f once could in subjects.
    log = ["log", "--no-renames", "-z", f"--format={_FORMAT}", "--name-status", "--", *folders]
    proc = subprocess.run([git, "-C", str(paths.root), *log], capture_output=True)
    if proc.returncode != 0:
        return History(False, why_not="the site was not built from a git checkout")
    try:
        changes = parse_log(proc.stdout.decode("utf-8", errors="replace"))
    except ValueError as e:
        return History(False, why_not=f"the repository's history could not be read ({e})")
    return replace(History.from_changes(changes), head=head)


# Full hash, abbreviated hash, committer date, the Correction trailers' values: one NUL after each.
# unfold joins a trailer's continuation lines, so a line feed can only part two trailers;
# key= matches the key whatever its case, and only in the message's last paragraph (git's rule).
_FORMAT = "%H%x00%h%x00%cs%x00%(trailers:key=Correction,valueonly,unfold,separator=%x0a)"
_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_SHORT = re.compile(r"[0-9a-f]{4,64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STATUS_FIELD = re.compile(r"\n?([ACDMRTUXB])\d*")


def parse_log(text: str) -> list[Change]:
    """Commits from ``git log -z --format=…`` with ``--name-status``, every field checked.

    The output is one run of NUL-ended fields: a commit's hash, short hash, date
    and Correction trailers (one a line), then a status and a path for each file
    it changed (the first status after a line feed), then the next commit's hash.
    A status is one capital letter and a hash 40 or 64 hex digits, so neither can
    be taken for the other; anything that is neither where one is due is an
    error, never a guess. A trailer cannot hold a NUL (git refuses one in a
    message), so no correction text can stand for a field.
    """
    fields = text.split("\0")
    if fields and fields[-1] in ("", "\n"):
        fields.pop()
    changes: list[Change] = []
    at = 0
    while at < len(fields):
        if at + 4 > len(fields):
            raise ValueError("a commit is cut short")
        full, short, date, trailers = fields[at : at + 4]
        full = full.lstrip("\n")
        if not _HASH.fullmatch(full) or not _SHORT.fullmatch(short) or not full.startswith(short):
            raise ValueError(f"not a commit hash: {full[:80]!r}")
        if not _DATE.fullmatch(date):
            raise ValueError(f"not a date: {date[:80]!r}")
        at += 4
        files = []
        while at < len(fields) and (status := _STATUS_FIELD.fullmatch(fields[at])):
            if at + 1 >= len(fields):
                raise ValueError(f"no path after the status of a change in {short}")
            files.append(FileChange(_STATUS.get(status.group(1), "changed"), fields[at + 1]))
            at += 2
        changes.append(Change(short, date, _corrections(trailers), tuple(files)))
    return changes


def _corrections(trailers: str) -> tuple[str, ...]:
    # An empty "Correction:" says nothing a reader could use: it is no correction.
    return tuple(text for line in trailers.split("\n") if (text := " ".join(line.split())))
