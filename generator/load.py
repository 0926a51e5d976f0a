"""Read the fact base from disk: record files under facts/, article texts under seeds/.

This is the only module of the core that touches the file system for input.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import Loc, Problem
from .model import KIND_BY_FOLDER, KINDS, Record, Source
from .schema import Path as FieldPath
from .schema import convert_record, schema_line
from .text import SourceText
from .yamlsafe import YMap, YScalar, load_yaml

MAX_SOURCE_BYTES = 2 * 1024 * 1024


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


def _symlinks(paths: Paths) -> list[Problem]:
    """Symbolic links anywhere in the input folders: MkDocs would publish their targets."""
    out = []
    for top in (paths.facts, paths.seeds, paths.docs):
        if top is None or not top.exists():
            continue
        if top.is_symlink():
            out.append(Problem(Loc(paths.show(top)), "is a symbolic link; the folder must be a real folder"))
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            for name in sorted(dirnames + filenames):
                p = Path(dirpath, name)
                if p.is_symlink():
                    out.append(Problem(Loc(paths.show(p)), "symbolic links are not allowed here; copy the file in"))
    return out


def record_files(paths: Paths) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """``(kind, file)`` for every record file, and problems with misplaced files."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for p in sorted(paths.facts.rglob("*")):
        rel = p.relative_to(paths.facts)
        if any(part.startswith(".") for part in rel.parts) or p.is_dir() or p.is_symlink():
            continue
        if p.suffix not in (".yaml", ".yml"):
            if rel.parts[0] in KIND_BY_FOLDER:
                problems.append(Problem(Loc(paths.show(p)), "not a record file; record files end in .yaml"))
            continue
        if p.suffix == ".yml":
            problems.append(Problem(Loc(paths.show(p)), "record files end in .yaml, not .yml"))
        elif len(rel.parts) != 2 or rel.parts[0] not in KIND_BY_FOLDER:
            folders = ", ".join(f"facts/{k.folder}/" for k in KINDS.values())
            problems.append(Problem(Loc(paths.show(p)), f"record files belong directly in one of: {folders}"))
        else:
            found.append((KIND_BY_FOLDER[rel.parts[0]].name, p))
    return found, problems


def load_record(kind: str, path: Path, shown: str) -> tuple[Record | None, Origin, list[Problem]]:
    """Read and convert one record file; the id must equal the file name."""
    try:
        data = path.read_bytes()
    except OSError as e:
        return None, Origin(shown, {}), [Problem(Loc(shown), f"cannot read file: {e.strerror}")]
    tree, problems = load_yaml(shown, data)
    if tree is None:
        return None, Origin(shown, {}), problems
    if not isinstance(tree, YMap):
        return None, Origin(shown, {}), [Problem(tree.loc, "a record file holds one mapping of fields")]
    id_node = tree.entries.get("id")
    rec_id = id_node.value.value if id_node and isinstance(id_node.value, YScalar) else None
    record, problems, positions = convert_record(tree, KINDS[kind].cls, shown, rec_id)
    origin = Origin(shown, positions)
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


def load_text(source: Source, origin: Origin, paths: Paths) -> tuple[SourceText | None, list[Problem]]:
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
    if target.is_symlink():
        return fail(f"'{source.file}' is a symbolic link; copy the article in")
    if not target.exists():
        return fail(f"'{source.file}' does not exist")
    if not target.is_file():
        return fail(f"'{source.file}' is not a regular file")
    data = target.read_bytes()
    if len(data) > MAX_SOURCE_BYTES:
        return fail(f"'{source.file}' is {len(data)} bytes; the limit is {MAX_SOURCE_BYTES}")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return fail(f"'{source.file}' is not valid UTF-8 (at byte {e.start})")
    return SourceText(raw), []


def load(paths: Paths) -> tuple[FactBase, list[Problem]]:
    """Every record and article text, with every problem found on the way."""
    missing = [
        Problem(Loc(paths.show(folder)), "is not a folder; is this the repository (see --root)?")
        for folder in (paths.facts, paths.seeds)
        if not folder.is_dir()
    ]
    if missing:
        return FactBase({}, {}, {}), missing
    problems = _symlinks(paths)
    files, misplaced = record_files(paths)
    problems += misplaced
    records: dict[str, Record] = {}
    origins: dict[str, Origin] = {}
    for kind, path in files:
        shown = paths.show(path)
        record, origin, found = load_record(kind, path, shown)
        problems += found
        if record is None:
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
        if isinstance(rec, Source):
            text, found = load_text(rec, origins[rec.id], paths)
            problems += found
            if text is not None:
                texts[rec.id] = text
    return FactBase(records, origins, texts), problems
