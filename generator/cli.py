"""Command line: ``python -m generator check | render | fix-quotes | new | add-source | schemas | …``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import yaml

from .core.errors import Problem, ProblemsError, path_str, printable
from .core.fields import PartialDate, Slug, Url
from .core.load import Paths, load
from .core.model import KINDS, Institution
from .core.schema import SCHEMA_DIR, editor_schemas
from .core.text import SourceText, normalise
from .site.build import build, check
from .tools.fixquotes import plan
from .tools.scaffold import ArticleError, article_text, draft_source, skeleton, slugify


def msg_escape(text: str) -> str:
    """Escaping for GitHub workflow commands, which end at a line break."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=1))
        return
    for p in problems:
        if fmt == "github":
            # Workflow commands put the message on the line of the pull request's diff. Every
            # part is escaped: a YAML key in the field path holding "\n::notice …" would
            # otherwise start a workflow command of its own.
            field = f"[{p.field}] " if p.field else ""
            msg = msg_escape(printable(field + p.message))
            # Properties escape ',' and ':' too: a file name may hold them.
            file = msg_escape(printable(p.loc.file)).replace(":", "%3A").replace(",", "%2C")
            print(f"::error file={file},line={p.loc.line},col={p.loc.col}::{msg}")
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
    from .site import source

    out = Path(args.out)
    # The command only ever adds files, so it needs a folder of its own.
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(
            f"error: {out} exists and is not an empty folder; render writes only into a new or empty one",
            file=sys.stderr,
        )
        return 2
    paths = Paths.for_repo(Path(args.root))
    config_file = paths.root / args.config
    try:
        config = source.read_config(config_file)
    except (OSError, ValueError, yaml.YAMLError) as e:
        raise CommandError(f"cannot read the site's configuration {config_file}: {e}") from None
    try:
        site = build(paths)
    except ProblemsError as e:
        _print_problems(list(e.problems), "text")
        return 1
    n = source.write(site, paths, config, out)
    print(
        f"wrote {n} files to {out}: every page and file under {source.DOCS}/, and {source.CONFIG} "
        "for an engine without the plugin (e.g. zensical build -f " + str(out / source.CONFIG) + ")",
        file=sys.stderr,
    )
    return 0


def cmd_search_index(args: argparse.Namespace) -> int:
    from .site.pagefind import Pagefind

    error = Pagefind.run(args.folder)
    if error:
        print(error, file=sys.stderr)
        return 1
    return 0


def cmd_fix_quotes(args: argparse.Namespace) -> int:
    paths = Paths.for_repo(Path(args.root))
    fixes = plan(paths)
    for fix in fixes.applied:
        u = fix.quote
        verb = "would replace" if args.dry_run else "replaced"
        print(f'{fix.loc}: {verb} [{path_str(u.path)}] "{u.quote}" with "{u.suggestion}"')
    for fix in fixes.left:
        u = fix.quote
        print(f"{fix.loc}: left [{path_str(u.path)}] not in source '{u.source}': {u.reason}; edit it by hand")
    if not args.dry_run:
        for file, text in fixes.files.items():
            _replace(paths.root / file, text)
    n, m = len(fixes.applied), len(fixes.left)
    print(f"{n} quote{'s' if n != 1 else ''} {'to fix' if args.dry_run else 'fixed'}, {m} left", file=sys.stderr)
    return 1 if fixes.left else 0


def _replace(target: Path, text: str) -> None:
    """Write a whole new file beside the old one, then swap: a crash leaves one or the other."""
    tmp = target.with_name(f".{target.name}.fix-quotes")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def _problems_in(paths: Paths, file: str) -> list[Problem]:
    _, problems = check(paths)
    return [p for p in problems if p.loc.file == file]


def _create(target: Path, text: str) -> None:
    """Write a new file; never replace one (mode "x" fails if it exists)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _existing_ids(paths: Paths) -> dict[str, Path]:
    return {p.stem: p for p in paths.facts.glob("*/*.yaml")}


def _new_id(paths: Paths, wanted: str | None, name: str) -> str:
    rec_id = wanted or slugify(name)
    if not rec_id:
        raise CommandError(f"cannot make an id from {name!r}; give one with --id")
    if msg := Slug().check(rec_id):
        raise CommandError(f"--id: {msg}")
    if rec_id in (ids := _existing_ids(paths)):
        raise CommandError(f"the id '{rec_id}' is taken by {paths.show(ids[rec_id])}; choose another with --id")
    return rec_id


class CommandError(Exception):
    """A command that cannot go ahead; nothing has been written."""


def cmd_new(args: argparse.Namespace) -> int:
    paths = Paths.for_repo(Path(args.root))
    info = KINDS[args.kind]
    rec_id = _new_id(paths, args.id, args.name)
    known = {k: v for k, v in (("source", args.source), ("quote", args.quote)) if v is not None}
    target = paths.facts / info.folder / f"{rec_id}.yaml"
    _create(target, skeleton(info.name, info.cls, info.label_field, rec_id, args.name, known))
    shown = paths.show(target)
    print(f"wrote {shown}", file=sys.stderr)
    left = _problems_in(paths, shown)
    for p in left:
        print(p.format())
    print("the record is valid" if not left else f"fill in the {len(left)} place(s) above", file=sys.stderr)
    return 0


def cmd_add_source(args: argparse.Namespace) -> int:
    paths = Paths.for_repo(Path(args.root))
    given = Path(args.file)
    if not args.title and not args.label:
        raise CommandError("give --title, or --label where the headline is unknown")
    try:
        data = given.read_bytes()
    except OSError as e:
        raise CommandError(f"cannot read {given}: {e.strerror}") from None
    try:
        raw = article_text(data, str(given))
    except ArticleError as e:
        raise CommandError(str(e)) from None
    if args.url is not None and (msg := Url().check(args.url)):
        raise CommandError(f"--url {msg}")
    if args.published is not None and (msg := PartialDate().check(args.published)):
        raise CommandError(f"--published {msg}")
    rec_id = _new_id(paths, args.id, args.title or args.label)
    seed = paths.seeds / f"{rec_id}.txt"
    if seed.exists():
        raise CommandError(f"{paths.show(seed)} already exists; choose another id with --id")
    publisher = None
    if args.publisher:
        pub_id = _institution_id(paths, args.publisher)
        publisher = (args.publisher, pub_id, pub_id in _existing_ids(paths))
    draft = draft_source(
        SourceText(raw),
        rec_id,
        paths.show(seed),
        title=args.title,
        label=args.label,
        publisher=publisher,
        published=args.published,
        url=args.url,
    )
    target = paths.facts / "sources" / f"{rec_id}.yaml"
    _create(seed, raw)
    try:
        _create(target, draft.record)
    except BaseException:
        seed.unlink()  # created a moment ago by this command; leave nothing half-added
        raise
    print(f"wrote {paths.show(seed)} and {paths.show(target)}", file=sys.stderr)
    for prop in draft.proposals:
        print(f"proposed furniture: paragraph {prop.paragraph}, {prop.kind} ({prop.why}): confirm or delete it")
    for note in draft.notes:
        print(f"note: {note}")
    for p in _problems_in(paths, paths.show(target)):
        print(p.format())
    return 0


def _institution_id(paths: Paths, name: str) -> str:
    """The id of the institution called ``name`` (or with that alias), else the id it would get."""
    base, _ = load(paths)
    wanted = normalise(name).casefold()
    for rec in base.records.values():
        if isinstance(rec, Institution) and wanted in {normalise(n).casefold() for n in (rec.name, *rec.aliases)}:
            return rec.id
    return slugify(name)


def cmd_check_site(args: argparse.Namespace) -> int:
    from .site.sitecheck import check_site  # runs external tools; only this command needs it

    results = check_site(Path(args.folder))
    for r in results:
        print(f"{'ok' if r.ok else 'FAILED'}: {r.tool}", file=sys.stderr)
        if not r.ok:
            print(r.report)
    return 0 if all(r.ok for r in results) else 1


def cmd_synth(args: argparse.Namespace) -> int:
    from .tools.synth import synthesize

    out = Path(args.out)
    if out.exists():
        raise CommandError(f"{out} exists; synth writes a new repository into a folder of its own")
    sources = args.sources or max(2, args.records // 30)
    made = synthesize(out, args.records, sources, args.seed)
    print(
        f"wrote {sum(made.values())} records to {out}: " + ", ".join(f"{v} {k}" for k, v in made.items()),
        file=sys.stderr,
    )
    return 0


def stale_schemas(folder: Path, wanted: dict[str, str]) -> list[str]:
    """Schema files in ``folder`` that differ from ``wanted`` (or are missing)."""
    return [name for name, text in wanted.items() if _read(folder / name) != text]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def cmd_schemas(args: argparse.Namespace) -> int:
    folder = Path(args.root) / SCHEMA_DIR
    wanted = editor_schemas({k: info.cls for k, info in KINDS.items()})
    stale = stale_schemas(folder, wanted)
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
    p = sub.add_parser(
        "render", help="write the whole site source (pages, files, a config without the plugin) to a folder"
    )
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.add_argument("--config", default="mkdocs.yml", help="the site's configuration, in the root; default: mkdocs.yml")
    p.set_defaults(func=cmd_render)
    p = sub.add_parser(
        "fix-quotes", help="repair quotes that an article correction broke, where the fix is unambiguous"
    )
    p.add_argument("--dry-run", action="store_true", help="show the repairs without writing them")
    p.set_defaults(func=cmd_fix_quotes)
    p = sub.add_parser("new", help="write a record skeleton with a correct id and the schema line")
    p.add_argument("kind", choices=[k for k in KINDS if k != "source"], help="what the record is (sources: add-source)")
    p.add_argument("name", help="the name, statement or label, as the articles give it")
    p.add_argument("--id", help="the id, where the one made from the name will not do")
    p.add_argument("--source", help="id of the source for the first citation")
    p.add_argument("--quote", help="the first citation's quote, verbatim from that source")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("add-source", help="add an article text under seeds/ and its source record")
    p.add_argument("file", help="the article as a text file (UTF-8, or UTF-16/32 with a byte-order mark)")
    p.add_argument("--title", help="the headline")
    p.add_argument("--label", help="a short editorial name, where the headline is unknown")
    p.add_argument("--publisher", help="who published it, as the text names it")
    p.add_argument("--published", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--url", help="the article's http(s) address")
    p.add_argument("--id", help="the id, where the one made from the title will not do")
    p.set_defaults(func=cmd_add_source)
    p = sub.add_parser("check-site", help="check a built site: links and anchors, and valid HTML")
    p.add_argument("folder", help="the built site, e.g. .site-new")
    p.set_defaults(func=cmd_check_site)
    p = sub.add_parser("search-index", help="index a built site with Pagefind (the plugin does so itself)")
    p.add_argument("folder", help="the built site, e.g. .site-new")
    p.set_defaults(func=cmd_search_index)
    p = sub.add_parser("synth", help="write a synthetic fact base of any size, for benchmarks")
    p.add_argument("--records", type=int, required=True, help="records other than sources")
    p.add_argument("--sources", type=int, default=0, help="source articles (default: one per 30 records)")
    p.add_argument("--seed", type=int, default=2025, help="random seed; the same seed gives the same files")
    p.add_argument("--out", required=True, help="a new folder")
    p.set_defaults(func=cmd_synth)
    p = sub.add_parser("schemas", help=f"write the editors' JSON Schema files to {SCHEMA_DIR}/ from the model")
    p.add_argument("--check", action="store_true", help="only report schema files that are out of date")
    p.set_defaults(func=cmd_schemas)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CommandError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
