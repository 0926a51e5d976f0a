"""Command line: ``.venv/bin/python -m generator check | render | changes | fix-quotes | new | add-source | …``.

Every command says what it did and how to go on; a command it prints for the contributor
is one that works from a fresh clone after ``make`` (``make check``, or :data:`RUN`).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

import yaml

from .core.errors import RUN, Problem, ProblemsError, path_str, printable
from .core.factlog import as_json, as_text
from .core.fields import Count, PartialDate, Slug, Url, slugify
from .core.history import read_changes
from .core.index import alike, check_quote, label, short_name
from .core.load import FactBase, Paths, load
from .core.model import KINDS, FromEditor, Institution, Measure, Quote, Source
from .core.schema import SCHEMA_DIR, editor_schemas, field_type
from .core.text import SourceText, normalise, told
from .site.build import build, check
from .tools.fixquotes import plan
from .tools.scaffold import ArticleError, article_text, draft_source, skeleton, source_id


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


def cmd_changes(args: argparse.Namespace) -> int:
    history = read_changes(Paths.for_repo(Path(args.root)), args.revisions)
    if not history.available:
        raise CommandError(printable(history.why_not))
    found = [(ch, fc) for ch in history.changes for fc in ch.facts]
    if args.format == "json":
        rows = [as_json(ch.full, ch.date, ch.corrections, fc) for ch, fc in found]
        print(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        for ch, fc in found:
            print(as_text(ch.commit, ch.date, ch.corrections, fc))
    n, m = len(found), len(history.changes)
    print(f"{n} change{'s' if n != 1 else ''} to the facts in {m} commit{'s' if m != 1 else ''}", file=sys.stderr)
    return 0


def cmd_fix_quotes(args: argparse.Namespace) -> int:
    paths = Paths.for_repo(Path(args.root))
    fixes = plan(paths)
    for fix in fixes.applied:
        u = fix.quote
        verb = "would replace" if args.dry_run else "replaced"
        # The whole quote before and after, and each change marked: nothing is changed unsaid.
        said = f" ({alike(u.closest)}; {told(u.closest)})" if u.closest is not None else ""
        print(f'{fix.loc}: {verb} [{path_str(u.path)}] "{u.quote}" with "{u.suggestion}"{said}')
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
    if info.cls is Measure and (args.source or args.quote):
        raise CommandError("a measure cites no passage; leave out --source and --quote")
    if (args.source is None) != (args.quote is None):
        raise CommandError("give --source and --quote together: the quote is taken from that source")
    if args.occurrence is not None and args.quote is None:
        raise CommandError("--occurrence says which occurrence of --quote is meant; give --source and --quote too")
    if args.occurrence is not None and (msg := Count().check(args.occurrence)):
        raise CommandError(f"--occurrence {msg}")
    if args.quote is not None:
        for marker in field_type(Quote).markers:  # the model's rule for a quote, not a copy of it
            if msg := marker.check(args.quote):
                raise CommandError(f"--quote {msg}")
        base, _ = load(paths)
        occurrence = int(args.occurrence) if args.occurrence is not None else None
        # The check's own rules, before anything is written: a skeleton never starts from a bad citation.
        if problems := check_quote(base, args.source, args.quote, occurrence):
            field, message = problems[0]
            raise CommandError(f"--{field}: {message}")
    known = {
        k: v for k, v in (("source", args.source), ("quote", args.quote), ("occurrence", args.occurrence)) if v
    }
    target = paths.facts / info.folder / f"{rec_id}.yaml"
    _create(target, skeleton(info.name, info.cls, info.label_field, rec_id, args.name, known))
    shown = paths.show(target)
    print(f"wrote {shown}", file=sys.stderr)
    left = _problems_in(paths, shown)
    for p in left:
        print(p.format())
    if left:
        print(f"fill in the {len(left)} place(s) above in {shown}, then run: make check", file=sys.stderr)
    else:
        print("the record is valid", file=sys.stderr)
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
    for marker in field_type(FromEditor).markers if args.from_editor is not None else ():
        if msg := marker.check(args.from_editor):
            raise CommandError(f"--from-editor {msg}")
    base, _ = load(paths)
    publisher = None
    if args.publisher:
        pub_id = _institution_id(base, args.publisher)
        if not pub_id:
            raise CommandError(
                f"cannot make an id from {args.publisher!r}; make the publisher's record first "
                f"({RUN} new institution {shlex.quote(args.publisher)} --id ID), then add the source again"
            )
        publisher = (args.publisher, pub_id)
    ids = _existing_ids(paths)
    if args.id:
        rec_id = _new_id(paths, args.id, "")
    else:
        # Short and telling (the-independent-2025-08-16), where a headline made ids of 64 characters.
        rec_id = source_id(
            publisher[1] if publisher else None,
            args.published,
            lambda i: i in ids or (paths.seeds / f"{i}.txt").exists(),
        )
    seed = paths.seeds / f"{rec_id}.txt"
    if seed.exists():
        raise CommandError(f"{paths.show(seed)} already exists; choose another id with --id")
    draft = draft_source(
        SourceText(raw),
        rec_id,
        paths.show(seed),
        title=args.title,
        label=args.label,
        publisher=publisher,
        published=args.published,
        url=args.url,
        from_editor=args.from_editor,
        short=_short_name(base, publisher, args.published),
    )
    target = paths.facts / "sources" / f"{rec_id}.yaml"
    _create(seed, raw)
    try:
        _create(target, draft.record)
    except BaseException:
        seed.unlink()  # created a moment ago by this command; leave nothing half-added
        raise
    shown = paths.show(target)
    print(f"wrote {paths.show(seed)} and {shown}", file=sys.stderr)
    for note in draft.notes:
        print(f"note: {note}")
    # Checked once with the new source in: for its problems, and for the publisher's citation.
    index, problems = check(paths)
    if publisher is not None and publisher[1] not in base.records:
        print(f"note: no institution record for the publisher yet; make one (the source refers to '{publisher[1]}'):")
        print(f"  {_new_institution_command(index.base, rec_id, *publisher)}")
    left = [p for p in problems if p.loc.file == shown]
    for p in left:
        print(p.format())
    if left:
        print(f"fill in or confirm the {len(left)} place(s) above in {shown}, then run: make check", file=sys.stderr)
    else:
        print("the record is valid", file=sys.stderr)
    return 0


def _short_name(base: FactBase, publisher: tuple[str, str] | None, published: str | None) -> str | None:
    """A short name of its own for a publisher's second article: links and column heads name a
    source by its publisher, and two articles may not share one name."""
    if publisher is None or published is None:
        return None  # the publisher's name is free, or the check will say what to do
    pub = base.records.get(publisher[1])
    name = label(pub) if pub is not None else publisher[0]
    taken = {short_name(r, base.records) for r in base.records.values() if isinstance(r, Source)}
    return f"{name}, {published}" if name in taken else None


def _new_institution_command(base: FactBase, source: str, name: str, pub_id: str) -> str:
    """The command that makes the publisher's record, citing the new article where it names the publisher."""
    command = f"{RUN} new institution {shlex.quote(name)} --id {pub_id}"
    # The check's rules pick the citation: outside page furniture, and which occurrence where several.
    for occurrence in (None, 1):
        if not check_quote(base, source, name, occurrence):
            command += f" --source {source} --quote {shlex.quote(name)}"
            return command + (f" --occurrence {occurrence}" if occurrence else "")
    return command


def _institution_id(base: FactBase, name: str) -> str:
    """The id of the institution called ``name`` (or with that alias), else the id it would get."""
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
            print(f"{SCHEMA_DIR}/{name}: out of date; run: make schemas", file=sys.stderr)
        return 1 if stale else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (folder / name).write_text(wanted[name], encoding="utf-8")
    print(f"{len(stale)} of {len(wanted)} schema files written to {SCHEMA_DIR}/", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=RUN, description="Fact-sheet site generator.")
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
        "changes",
        help="what commits changed in the facts: values, statuses, claimants, quotes, records added or removed",
    )
    p.add_argument("revisions", help="A..B (B defaults to HEAD: A..), or one commit for its own changes")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a line a change, newest first; json: a list of {commit, date, record, kind, field, change, "
        "old, new, correction}, with the whole commit hash and several correction notes parted by a line feed",
    )
    p.set_defaults(func=cmd_changes)
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
    p.add_argument("--quote", help="the first citation's quote, verbatim from that source; checked as the check does")
    p.add_argument("--occurrence", help="which occurrence of the quote is meant, where it occurs more than once")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("add-source", help="add an article text under seeds/ and its source record")
    p.add_argument("file", help="the article as a text file (UTF-8, or UTF-16/32 with a byte-order mark)")
    p.add_argument("--title", help="the headline")
    p.add_argument("--label", help="a short editorial name, where the headline is unknown")
    p.add_argument("--publisher", help="who published it, as the text names it")
    p.add_argument("--published", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--url", help="the article's http(s) address")
    p.add_argument(
        "--from-editor",
        metavar="WHERE",
        help="where you took the title, publisher and date from, for those the text does not show "
        "(e.g. \"the publisher's page, seen 2025-08-17\")",
    )
    p.add_argument("--id", help="the id, where <publisher>-<date> will not do")
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
