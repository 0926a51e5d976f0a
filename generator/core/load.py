"""Read the fact base from disk: record files under facts/, article texts under seeds/.

This is the only module of the core that touches the file system for input.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import Loc, Problem
from .model import KIND_BY_FOLDER, KINDS, Record, Source
from .parallel import map_slices
from .schema import Path as FieldPath
from .schema import convert_partial, schema_line
from .text import SourceText
from .yamlsafe import YMap, YScalar, load_yaml

MAX_SOURCE_BYTES = 2 * 1024 * 1024
T = TypeVar("T")


@dataclass(frozen=True)
class Paths:
    """Where things are. ``root`` is the repository; messages name files relative to it."""

    root: Path
    facts: Path
    seeds: Path
    docs: Path | None = None

    @classmethod
    def for_repo(cls, root: Path) -> Paths:
        """The standard layout: facts/, seeds/ and docs/ at the top of the repository."""
        top = root.resolve()
        return cls(root=top, facts=top / "facts", seeds=top / "seeds", docs=top / "docs")

    def show(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass(frozen=True)
class Origin:
    """Where a record came from, for error locations and edit links."""

    file: str  # relative to the repository root
    positions: Mapping[FieldPath, Loc]
    # Fields that were invalid: the record holds stand-ins there, which no check may read.
    holes: frozenset[FieldPath] = frozenset()

    def in_hole(self, path: FieldPath) -> bool:
        return bool(self.holes) and any(path[: len(h)] == h for h in self.holes)
    # The git blob id of the bytes read: a version of the file in the history with this id
    # is this very record, so the history need not parse it again (see history.py).
    blob: str = ""

    def loc(self, path: FieldPath) -> Loc:
        """Position of a field, or of the nearest enclosing node that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Loc(self.file))


@dataclass(frozen=True)
class FactBase:
    records: Mapping[str, Record]  # by id; ids are unique across kinds
    origins: Mapping[str, Origin]
    texts: Mapping[str, SourceText]  # by source id
    # The kind of each record file that gave no record (by file name): its own problems are
    # reported, and a reference to it is not wrongly reported as a reference to nothing.
    unreadable: Mapping[str, str] = field(default_factory=dict)


Entries = list[tuple[tuple[str, ...], os.DirEntry[str]]]


def _entries(top: Path) -> Entries:
    """Every entry under ``top`` with its path parts, sorted by them; symbolic links are not followed.

    One directory read per folder and no call per file: at ten thousand records
    this runs on every rebuild under ``mkdocs serve``.
    """
    out: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    pending: list[tuple[tuple[str, ...], str]] = [((), str(top))]
    while pending:
        parts, folder = pending.pop()
        with os.scandir(folder) as it:
            for entry in it:
                rel = (*parts, entry.name)
                out.append((rel, entry))
                if entry.is_dir(follow_symlinks=False):
                    pending.append((rel, entry.path))
    out.sort(key=lambda e: e[0])
    return out


def _symlinks(paths: Paths, facts: Entries) -> list[Problem]:
    """Symbolic links anywhere in the input folders: MkDocs would publish their targets."""
    out = []
    for top in (paths.facts, paths.seeds, paths.docs):
        if top is None or not top.exists():
            continue
        if top.is_symlink():
            out.append(Problem(Loc(paths.show(top)), "is a symbolic link; the folder must be a real folder"))
            continue
        shown = paths.show(top)
        for rel, entry in facts if top == paths.facts else _entries(top):
            if entry.is_symlink():
                out.append(
                    Problem(Loc("/".join((shown, *rel))), "symbolic links are not allowed here; copy the file in")
                )
    return out


def hand_written(paths: Paths) -> list[tuple[str, ...]]:
    """The regular files under the docs folder, as path parts (its symbolic links are problems of their own)."""
    if paths.docs is None or not paths.docs.is_dir() or paths.docs.is_symlink():
        return []
    return [rel for rel, entry in _entries(paths.docs) if entry.is_file(follow_symlinks=False)]


def record_files(paths: Paths, entries: Entries) -> tuple[list[tuple[str, Path, str]], list[Problem]]:
    """``(kind, file, name in messages)`` for every record file among the entries of facts/,
    and problems with misplaced files."""
    found: list[tuple[str, Path, str]] = []
    problems: list[Problem] = []
    shown_top = paths.show(paths.facts)
    for rel, entry in entries:
        if any(part.startswith(".") for part in rel) or entry.is_dir(follow_symlinks=False) or entry.is_symlink():
            continue
        p = Path(entry.path)
        shown = "/".join((shown_top, *rel))
        if p.suffix not in (".yaml", ".yml"):
            if rel[0] in KIND_BY_FOLDER:
                problems.append(Problem(Loc(shown), "not a record file; record files end in .yaml"))
            continue
        if p.suffix == ".yml":
            problems.append(Problem(Loc(shown), "record files end in .yaml, not .yml"))
        elif len(rel) != 2 or rel[0] not in KIND_BY_FOLDER:
            folders = ", ".join(f"facts/{k.folder}/" for k in KINDS.values())
            problems.append(Problem(Loc(shown), f"record files belong directly in one of: {folders}"))
        else:
            found.append((KIND_BY_FOLDER[rel[0]].name, p, shown))
    return found, problems


class FileCache:
    """What was made from each file, kept while the file stays as it was (for ``mkdocs serve``).

    A file counts as unchanged when its size, times and inode are, except when
    it was written shortly before it was read: file times are coarse (a few
    milliseconds on Linux), so a second write in the same tick would go
    unnoticed. Such recent files are read again and compared byte for byte,
    as git does with its "racily clean" entries.
    """

    RACY_NS = 2_000_000_000  # wider than any file system's time granularity but FAT's

    def __init__(self) -> None:
        self._kept: dict[tuple[str, Path], tuple[tuple[int, ...], int, bytes, Any]] = {}

    def get(self, what: str, path: Path, make: Callable[[bytes], T]) -> T:
        """``make(data)``, or the value made before from the same bytes."""
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        kept = self._kept.get((what, path))
        if kept is not None and kept[0] == stamp and st.st_mtime_ns < kept[1] - self.RACY_NS:
            return kept[3]  # type: ignore[no-any-return]
        read_at = time.time_ns()
        data = path.read_bytes()
        value = kept[3] if kept is not None and kept[2] == data else make(data)
        self._kept[(what, path)] = (stamp, read_at, data, value)
        return value


def load_record(
    kind: str, path: Path, shown: str, cache: FileCache | None = None
) -> tuple[Record | None, Origin, list[Problem]]:
    """Read and convert one record file; the id must equal the file name."""
    try:
        if cache is not None:
            return cache.get("record", path, functools.partial(parse_record, kind, shown))
        data = path.read_bytes()
    except OSError as e:
        return None, Origin(shown, {}), [Problem(Loc(shown), f"cannot read file: {e.strerror}")]
    return parse_record(kind, shown, data)


def git_blob_id(data: bytes) -> str:
    """The id git gives a file of these bytes (SHA-1, as in every repository not made with SHA-256)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def parse_record(kind: str, shown: str, data: bytes) -> tuple[Record | None, Origin, list[Problem]]:
    """One record from the bytes of its file, named ``shown`` (facts/<folder>/<id>.yaml) in messages.

    The history reads old versions of record files through here too, so that a
    version counts as a record exactly when the check would have accepted the file.
    """
    path = Path(shown)
    tree, problems = load_yaml(shown, data)
    if tree is None:
        return None, Origin(shown, {}), problems
    if not isinstance(tree, YMap):
        return None, Origin(shown, {}), [Problem(tree.loc, "a record file holds one mapping of fields")]
    id_node = tree.entries.get("id")
    rec_id = id_node.value.value if id_node and isinstance(id_node.value, YScalar) else None
    # A record with invalid fields is kept, holes and all, so that its references and quotes are
    # checked in the same run (and records referring to it find it); it is never published.
    converted = convert_partial(tree, KINDS[kind].cls, shown, rec_id)
    origin = Origin(shown, converted.positions, converted.holes, git_blob_id(data))
    record, problems = converted.record, converted.problems
    if ("id",) in converted.holes:
        record = None  # without a valid id, nothing can refer to it or be checked as it
    line = schema_line(kind)
    if data.split(b"\n", 1)[0].rstrip(b"\r") != line.encode():
        # Not fatal to the record: its other problems are still worth finding.
        problems.append(Problem(Loc(shown), f"the first line must point editors at the schema: {line}", rec_id))
    if rec_id is not None and rec_id != path.stem:
        problems.append(
            Problem(
                origin.loc(("id",)),
                f"id '{rec_id}' does not match the file name '{path.name}'; name the file {rec_id}.yaml",
                rec_id,
                "id",
            )
        )
        record = None
    return record, origin, problems


def load_text(
    source: Source, origin: Origin, paths: Paths, cache: FileCache | None = None
) -> tuple[SourceText | None, list[Problem]]:
    """The article of a source record; it must be a regular UTF-8 file under seeds/."""
    loc = origin.loc(("file",))

    def fail(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(loc, message, source.id, "file")]

    target = paths.root / source.file
    rel = Path(source.file)
    if rel.is_absolute() or ".." in rel.parts:
        return fail(f"'{source.file}' must be a relative path inside {paths.show(paths.seeds)}/")
    try:
        target.relative_to(paths.seeds)
    except ValueError:
        return fail(f"'{source.file}' is outside {paths.show(paths.seeds)}/; article texts live there")
    if (link := link_on_the_way(paths.seeds, target)) is not None:
        # Checked before anything is read: a hint quoting the "closest passage" of
        # a linked /etc/passwd would publish it in the pull request's annotations.
        if link == target:
            return fail(f"'{source.file}' is a symbolic link; copy the article in")
        return fail(f"'{source.file}' is reached through the symbolic link {paths.show(link)}; copy the article in")
    if not target.exists():
        return fail(f"'{source.file}' does not exist")
    if not target.is_file():
        return fail(f"'{source.file}' is not a regular file")
    text = _article(target.read_bytes()) if cache is None else cache.get("text", target, _article)
    if isinstance(text, str):
        return fail(f"'{source.file}' {text}")
    return text, []


def link_on_the_way(top: Path, target: Path) -> Path | None:
    """The first symbolic link from ``top`` down to ``target`` (``target`` included), if any."""
    here = top
    for part in target.relative_to(top).parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


def _article(data: bytes) -> SourceText | str:
    """The article, or what is wrong with its bytes (kept as is by the file cache: no record in it)."""
    if len(data) > MAX_SOURCE_BYTES:
        return f"is {len(data)} bytes; the limit is {MAX_SOURCE_BYTES}"
    try:
        return SourceText(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        return f"is not valid UTF-8 (at byte {e.start})"


def load(paths: Paths, cache: FileCache | None = None, workers: int = 1) -> tuple[FactBase, list[Problem]]:
    """Every record and article text, with every problem found on the way.

    With a ``cache``, files unchanged since the last call are not parsed again
    and give the very same record and text objects. Without one, the files are
    parsed on ``workers`` cores.
    """
    missing = [
        Problem(Loc(paths.show(folder)), "is not a folder; is this the repository (see --root)?")
        for folder in (paths.facts, paths.seeds)
        if not folder.is_dir()
    ]
    if missing:
        return FactBase({}, {}, {}), missing
    facts = _entries(paths.facts) if not paths.facts.is_symlink() else []
    problems = _symlinks(paths, facts)
    files, misplaced = record_files(paths, facts)
    problems += misplaced
    records: dict[str, Record] = {}
    origins: dict[str, Origin] = {}

    def load_all(part: Sequence[tuple[str, Path, str]]) -> list[tuple[Record | None, Origin, list[Problem]]]:
        return [load_record(kind, path, shown, cache) for kind, path, shown in part]

    # With a cache (mkdocs serve) most files are not parsed at all; one-shot builds use every core.
    loaded = load_all(files) if cache is not None else map_slices(load_all, files, workers)
    unreadable: dict[str, str] = {}
    for (kind, path, _), (record, origin, found) in zip(files, loaded, strict=True):
        problems += found
        if record is None:
            unreadable[path.stem] = kind
            continue
        if record.id in records:
            other = origins[record.id].file
            problems.append(
                Problem(origin.loc(("id",)), f"id '{record.id}' is already used by {other}", record.id, "id")
            )
            continue
        records[record.id] = record
        origins[record.id] = origin
    texts: dict[str, SourceText] = {}
    for rec in records.values():
        if isinstance(rec, Source) and not origins[rec.id].in_hole(("file",)):
            text, found = load_text(rec, origins[rec.id], paths, cache)
            problems += found
            if text is not None:
                texts[rec.id] = text
    return FactBase(records, origins, texts, unreadable), problems
