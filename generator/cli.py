"""Command line: ``python -m generator check | render``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .build import build, check
from .errors import Loc, Problem, ProblemsError, path_str
from .fixquotes import plan
from .load import Paths
from .model import KINDS
from .schema import SCHEMA_DIR, editor_schemas


def _print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=1))
        return
    for p in problems:
        if fmt == "github":
            # Workflow commands put the message on the line of the pull request's diff.
            msg = p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::error file={p.loc.file},line={p.loc.line},col={p.loc.col}::{msg}")
        else:
            print(p.format())
    if fmt == "text":
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found" if n else "no problems found", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    index, problems = check(Paths.for_repo(Path(args.root)))
    _print_problems(problems, args.format)
    if not problems and args.format == "text":
        counts = ", ".join(f"{len(ids)} {kind}" for kind, ids in index.by_kind.items())
        print(f"checked {counts}", file=sys.stderr)
    return 1 if problems else 0


def cmd_render(args: argparse.Namespace) -> int:
    out = Path(args.out)
    # The command only ever adds files, so it needs a folder of its own.
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(
            f"error: {out} exists and is not an empty folder; render writes only into a new or empty one",
            file=sys.stderr,
        )
        return 2
    try:
        site = build(Paths.for_repo(Path(args.root)))
    except ProblemsError as e:
        _print_problems(list(e.problems), "text")
        return 1
    for page in site.pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for asset in site.assets:
        target = out / asset.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(asset.content)
    print(f"wrote {len(site.pages)} pages and {len(site.assets)} files to {out}", file=sys.stderr)
    return 0


def cmd_fix_quotes(args: argparse.Namespace) -> int:
    paths = Paths.for_repo(Path(args.root))
    fixes = plan(paths)
    for fix in fixes.applied:
        u = fix.quote
        verb = "would replace" if args.dry_run else "replaced"
        print(f'{_where(fix.loc)}: {verb} [{path_str(u.path)}] "{u.quote}" with "{u.suggestion}"')
    for fix in fixes.left:
        u = fix.quote
        print(f"{_where(fix.loc)}: left [{path_str(u.path)}] not in source '{u.source}': {u.reason}; edit it by hand")
    if not args.dry_run:
        for file, text in fixes.files.items():
            _replace(paths.root / file, text)
    n, m = len(fixes.applied), len(fixes.left)
    print(f"{n} quote{'s' if n != 1 else ''} {'to fix' if args.dry_run else 'fixed'}, {m} left", file=sys.stderr)
    return 1 if fixes.left else 0


def _where(loc: Loc) -> str:
    return f"{loc.file}:{loc.line}:{loc.col}"


def _replace(target: Path, text: str) -> None:
    """Write a whole new file beside the old one, then swap: a crash leaves one or the other."""
    tmp = target.with_name(f".{target.name}.fix-quotes")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in ``folder`` that differ from what the model says (or are missing)."""
    wanted = editor_schemas({k: info.cls for k, info in KINDS.items()})
    return [name for name, text in wanted.items() if _read(folder / name) != text]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def cmd_schemas(args: argparse.Namespace) -> int:
    folder = Path(args.root) / SCHEMA_DIR
    wanted = editor_schemas({k: info.cls for k, info in KINDS.items()})
    stale = stale_schemas(folder)
    if args.check:
        for name in stale:
            print(f"{SCHEMA_DIR}/{name}: out of date; run: python -m generator schemas", file=sys.stderr)
        return 1 if stale else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (folder / name).write_text(wanted[name], encoding="utf-8")
    print(f"{len(stale)} of {len(wanted)} schema files written to {SCHEMA_DIR}/", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Fact-sheet site generator.")
    parser.add_argument("--root", default=".", help="the repository (holding facts/ and seeds/); default: .")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate every record and quote; exit 1 on any problem")
    p.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text for people, github for workflow annotations, json for tools",
    )
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("render", help="write the generated pages to a folder for inspection")
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.set_defaults(func=cmd_render)
    p = sub.add_parser(
        "fix-quotes", help="repair quotes that an article correction broke, where the fix is unambiguous"
    )
    p.add_argument("--dry-run", action="store_true", help="show the repairs without writing them")
    p.set_defaults(func=cmd_fix_quotes)
    p = sub.add_parser("schemas", help=f"write the editors' JSON Schema files to {SCHEMA_DIR}/ from the model")
    p.add_argument("--check", action="store_true", help="only report schema files that are out of date")
    p.set_defaults(func=cmd_schemas)
    args = parser.parse_args(argv)
    return int(args.func(args))
