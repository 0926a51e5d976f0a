"""When each record last changed, and every change to the facts, from the repository's history.

Read with ``git log`` over facts/ and seeds/. Outside a git checkout, or in a
shallow clone that lacks the history, the site says the history is not
available rather than inventing dates.

Readers see a commit's words only when it carries a ``Correction:`` trailer:
a subject is written for developers ("Ship editor JSON Schemas…"), a
correction note for readers. Subjects and bodies are therefore never read;
the trailers' texts are contributors' words, escaped like any record text.

Each commit also carries what it changed in the facts (:mod:`.factlog`): the
log names the git blob of every record file before and after, and only those
versions are read, with one ``git cat-file`` for all of them, so the work
grows with the changes, not with the history times the records. A version
that is the very file the site was built from (the same blob id) is not
parsed again. A merge is read with ``-c``: the files it left unlike every
parent, which are the only ones where it can have decided a fact itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from . import factlog
from .factlog import UNREADABLE, FactChange, Version
from .load import FactBase, Paths, parse_record
from .model import Record
from .yamlsafe import MAX_FILE_BYTES

# A version of a file that is not a regular file (a symbolic link, a submodule): never a record.
NOT_A_FILE = "-"


@dataclass(frozen=True)
class FileChange:
    status: str  # added, changed, removed (against the first parent)
    path: str  # relative to the repository
    # The file's git blob in each parent (one, but for a merge) and in the commit:
    # "" where there is no such file, NOT_A_FILE where it is not a regular file.
    before: tuple[str, ...] = ()
    after: str = ""


@dataclass(frozen=True)
class Change:
    commit: str  # abbreviated hash
    date: str  # committer date, YYYY-MM-DD
    # The texts of the commit's `Correction:` trailers, in order; none for a plain update.
    # Each is one note: a commit that puts right two things may say so twice.
    corrections: tuple[str, ...]
    files: tuple[FileChange, ...]
    facts: tuple[FactChange, ...] = ()  # what it changed in the facts, in the order of its files
    full: str = ""  # the whole hash

    @property
    def key(self) -> str:
        """What tells it from every other commit: the whole hash, where it was read."""
        return self.full or self.commit


@dataclass(frozen=True)
class History:
    available: bool
    changes: tuple[Change, ...] = ()  # newest first
    why_not: str = ""
    last: dict[str, Change] = field(default_factory=dict)  # by file path: the newest change to it
    # By file path: every correction to it, newest first, so that a later plain update cannot hide one.
    corrected: dict[str, tuple[Change, ...]] = field(default_factory=dict)
    head: str = ""  # the commit read, if any
    by_file: dict[str, tuple[Change, ...]] = field(default_factory=dict)  # every change to each file, newest first
    # By record id: each change to its facts, newest first, with its own fact changes in it (a record's
    # page must not look through the ten thousand of an import for its one).
    by_record: dict[str, tuple[tuple[Change, tuple[FactChange, ...]], ...]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # by Change.key: the place in ``changes``

    @classmethod
    def from_changes(cls, changes: Sequence[Change]) -> History:
        by_file: dict[str, list[Change]] = {}
        by_record: dict[str, list[tuple[Change, tuple[FactChange, ...]]]] = {}
        for ch in changes:  # newest first, so the first seen is the last change
            for f in ch.files:
                by_file.setdefault(f.path, []).append(ch)
            own: dict[str, list[FactChange]] = {}
            for fc in ch.facts:
                own.setdefault(fc.record, []).append(fc)
            for rec_id, facts in own.items():
                by_record.setdefault(rec_id, []).append((ch, tuple(facts)))
        corrected = {path: tuple(c for c in chs if c.corrections) for path, chs in by_file.items()}
        return cls(
            True,
            tuple(changes),
            "",
            {path: chs[0] for path, chs in by_file.items()},
            {path: chs for path, chs in corrected.items() if chs},
            by_file={path: tuple(chs) for path, chs in by_file.items()},
            by_record={rec_id: tuple(chs) for rec_id, chs in by_record.items()},
            position={ch.key: i for i, ch in enumerate(changes)},
        )


def read_history(paths: Paths, known: History | None = None, base: FactBase | None = None) -> History:
    """The history of facts/ and seeds/; ``known`` is returned as is if no commit was made since.

    ``base``, the fact base the site is built from, spares parsing the versions it holds;
    the fact changes of commits in ``known`` are kept rather than worked out again.
    """
    git, why_not = _git(paths)
    if git is None:
        return History(False, why_not=why_not)
    # Only commits change the history: under `mkdocs serve` a save need not read the whole log again.
    head = _commit(git, paths, "HEAD")
    if known is not None and known.head and known.head == head:
        return known
    if not head:
        return History(False, why_not="the repository has no commits yet")
    return _read(git, paths, [head], head, known, base)


def read_changes(paths: Paths, revisions: str) -> History:
    """The changes of ``A..B`` (B defaults to HEAD), or of a single commit, for the command line."""
    git, why_not = _git(paths)
    if git is None:
        return History(False, why_not=why_not)
    first, dots, last = revisions.partition("..")
    if dots and (not first or last.startswith(".")):
        return History(False, why_not=f"'{revisions}' is not a range: write A..B, A.. or one commit")
    ends = [_commit(git, paths, name) for name in ((first, last or "HEAD") if dots else (first,))]
    if not all(ends):
        return History(False, why_not=f"'{revisions}' does not name commits of this repository")
    return _read(git, paths, [ends[1], f"^{ends[0]}"] if dots else [f"{ends[0]}^!"], ends[-1])


def _git(paths: Paths) -> tuple[str | None, str]:
    """git, or why the history cannot be read."""
    git = shutil.which("git")
    if git is None:
        return None, "git is not installed"
    shallow = subprocess.run(
        [git, "-C", str(paths.root), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True
    )
    if shallow.returncode != 0:
        return None, "the site was not built from a git checkout"
    if shallow.stdout.strip() == "true":
        return None, "the site was built from a shallow clone, which lacks the history"
    return git, ""


def _commit(git: str, paths: Paths, name: str) -> str:
    """The whole hash of the commit ``name`` stands for, or "" if it stands for none."""
    if not name or name.startswith("-"):
        return ""
    proc = subprocess.run(
        [git, "-C", str(paths.root), "rev-parse", "-q", "--verify", "--end-of-options", f"{name}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    found = proc.stdout.strip()
    return found if proc.returncode == 0 and _HASH.fullmatch(found) else ""


def _read(
    git: str, paths: Paths, revisions: list[str], tip: str, known: History | None = None, base: FactBase | None = None
) -> History:
    folders = [paths.show(paths.facts), paths.show(paths.seeds)]
    # NUL-separated (-z): git refuses a NUL in a commit message, so no trailer can
    # fake a field or a commit of its own, as \x1e and \x1f once could in subjects.
    # --raw names each file's blobs; -c a merge's files unlike every parent; --relative
    # gives paths from the folder of mkdocs.yml, as the site names files, wherever the repository begins.
    log = ["log", "--no-renames", "--raw", "--no-abbrev", "-c", "--relative", "-z", f"--format={_FORMAT}"]
    proc = subprocess.run([git, "-C", str(paths.root), *log, *revisions, "--", *folders], capture_output=True)
    if proc.returncode != 0:
        return History(False, why_not="the site was not built from a git checkout")
    short = subprocess.run([git, "-C", str(paths.root), "rev-parse", "--short", tip], capture_output=True, text=True)
    try:
        changes = parse_log(proc.stdout.decode("utf-8", errors="replace"), len(short.stdout.strip()) or 7)
        changes = _with_facts(git, paths, changes, known, base)
    except ValueError as e:
        return History(False, why_not=f"the repository's history could not be read ({e})")
    return replace(History.from_changes(changes), head=tip)


# Full hash, committer date, the Correction trailers' values: one NUL after each.
# unfold joins a trailer's continuation lines, so a line feed can only part two trailers;
# key= matches the key whatever its case, and only in the message's last paragraph (git's rule).
_FORMAT = "%H%x00%cs%x00%(trailers:key=Correction,valueonly,unfold,separator=%x0a)"
_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A file of --raw: one colon per parent, the modes and blobs of each parent and of the
# commit, then one status letter per parent (no rename scores: renames are not detected).
_RAW = re.compile(r"\n?(:+)((?:[0-7]{6} )+)((?:[0-9a-f]{40} |[0-9a-f]{64} )+)([ADMT]+)")
_REGULAR = ("100644", "100755")


def parse_log(text: str, abbrev: int = 7) -> list[Change]:
    """Commits from ``git log -z --raw -c --format=…``, every field checked.

    The output is one run of NUL-ended fields: a commit's hash, date and
    Correction trailers (one a line); for a merge, an empty field; then the raw
    line and the path of each file it changed (the first raw line after a line
    feed); then the next commit's hash. A raw line begins with a colon and a hash
    is 40 or 64 hex digits, so neither can be taken for the other; anything that
    is neither where one is due is an error, never a guess. A trailer cannot hold
    a NUL (git refuses one in a message), so no correction text can stand for a field.
    """
    fields = text.split("\0")
    if fields and fields[-1] in ("", "\n"):
        fields.pop()
    changes: list[Change] = []
    at = 0
    while at < len(fields):
        if at + 3 > len(fields):
            raise ValueError("a commit is cut short")
        full, date, trailers = fields[at : at + 3]
        full = full.lstrip("\n")
        if not _HASH.fullmatch(full):
            raise ValueError(f"not a commit hash: {full[:80]!r}")
        if not _DATE.fullmatch(date):
            raise ValueError(f"not a date: {date[:80]!r}")
        at += 3
        if at < len(fields) and fields[at] == "":
            at += 1  # a merge's: its files follow without a line feed
        files = []
        while at < len(fields) and (raw := _RAW.fullmatch(fields[at])):
            if at + 1 >= len(fields):
                raise ValueError(f"no path after a file of {full[:abbrev]}")
            files.append(_file(raw, fields[at + 1], full[:abbrev]))
            at += 2
        changes.append(Change(full[:abbrev], date, _corrections(trailers), tuple(files), full=full))
    return changes


def _file(raw: re.Match[str], path: str, commit: str) -> FileChange:
    parents, modes, blobs = len(raw[1]), raw[2].split(), raw[3].split()
    if len(modes) != parents + 1 or len(blobs) != parents + 1 or len(raw[4]) != parents:
        raise ValueError(f"a file of {commit} has {len(blobs)} versions for {parents} parent(s)")
    versions = [_version(m, b) for m, b in zip(modes, blobs, strict=True)]
    after = versions.pop()
    state = "removed" if not after else "added" if not versions[0] else "changed"
    return FileChange(state, path, tuple(versions), after)


def _version(mode: str, blob: str) -> str:
    if mode in _REGULAR:
        return blob
    return "" if mode == "000000" else NOT_A_FILE


def _corrections(trailers: str) -> tuple[str, ...]:
    # An empty "Correction:" says nothing a reader could use: it is no correction.
    return tuple(text for line in trailers.split("\n") if (text := " ".join(line.split())))


def _with_facts(
    git: str, paths: Paths, changes: list[Change], known: History | None, base: FactBase | None
) -> list[Change]:
    """The changes, each with what it changed in the facts; those of ``known`` commits are kept."""
    facts = paths.show(paths.facts)
    done = {ch.full: ch.facts for ch in known.changes if ch.full} if known is not None else {}
    wanted: dict[tuple[str, str, str], None] = {}
    for ch in changes:
        if ch.full in done:
            continue
        for f in ch.files:
            where = factlog.record_file(f.path, facts)
            if where is not None:
                wanted.update(((where[0], f.path, b), None) for b in (*f.before, f.after) if b not in ("", NOT_A_FILE))
    versions: dict[tuple[str, str, str], Version] = {}
    if wanted:
        own: dict[str, Record] = {}
        if base is not None:
            whole = ((i, o) for i, o in base.origins.items() if o.blob and i in base.records and not o.holes)
            own = {o.blob: base.records[i] for i, o in whole}
        for kind, path, blob in wanted:
            rec = own.get(blob)
            # The same bytes at another path would be another id: a version is reused only at its own.
            if rec is not None and (rec.KIND, f"{rec.id}.yaml") == (kind, path.rsplit("/", 1)[-1]):
                versions[(kind, path, blob)] = rec
        data = _blobs(git, paths, {b for key in wanted if key not in versions for b in key[2:]})
        for key in wanted:
            if key not in versions:
                kind, path, blob = key
                found = data.get(blob)
                rec, origin, _ = parse_record(kind, path, found) if found is not None else (None, None, [])
                # A version with invalid fields holds stand-ins there, which are not facts.
                versions[key] = UNREADABLE if rec is None or (origin is not None and origin.holes) else rec

    def version(kind: str, path: str, blob: str) -> Version:
        if not blob:
            return None
        return versions.get((kind, path, blob), UNREADABLE)

    return [
        replace(ch, facts=done[ch.full])
        if ch.full in done
        else replace(ch, facts=factlog.commit_changes(((f.path, f.before, f.after) for f in ch.files), facts, version))
        for ch in changes
    ]


def _blobs(git: str, paths: Paths, ids: Collection[str]) -> dict[str, bytes]:
    """The bytes of each blob named, read by one ``git cat-file``; blobs larger than a record
    file may be are left out (they are no records), and are never read into memory."""
    if not ids:
        return {}
    order = sorted(ids)
    asked = "".join(f"{b}\n" for b in order).encode()
    cat = [git, "-C", str(paths.root), "cat-file"]
    check = subprocess.run([*cat, "--batch-check"], input=asked, capture_output=True)
    if check.returncode != 0:
        raise ValueError("git cat-file failed")
    small = []
    for blob, line in zip(order, check.stdout.decode("ascii", errors="replace").split("\n"), strict=False):
        parts = line.split(" ")
        if parts[:2] == [blob, "blob"] and parts[2:3] and parts[2].isdigit() and int(parts[2]) <= MAX_FILE_BYTES:
            small.append(blob)
    if not small:
        return {}
    proc = subprocess.run([*cat, "--batch"], input="".join(f"{b}\n" for b in small).encode(), capture_output=True)
    out, at, found = proc.stdout, 0, {}
    for blob in small:
        # Each blob comes as "<id> blob <size>", a line feed, its bytes and a line feed.
        end = out.find(b"\n", at)
        header = out[at:end].decode("ascii", errors="replace").split(" ")
        size = int(header[2]) if len(header) == 3 and header[2].isdigit() else -1
        whole = size >= 0 and out[end + 1 + size : end + 2 + size] == b"\n"
        if proc.returncode != 0 or end < 0 or header[:2] != [blob, "blob"] or not whole:
            raise ValueError(f"git cat-file gave no blob {blob[:12]}")
        found[blob] = out[end + 1 : end + 1 + size]
        at = end + 2 + size
    return found
