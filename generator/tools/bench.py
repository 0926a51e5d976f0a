"""The benchmark behind ``make bench``: prints figures, never fails on them.

For each size it writes a synthetic fact base (``generator.tools.synth``), then times,
as separate processes so that each starts cold and its peak memory is its own:

- ``check``: load, validate and index;
- the generator's whole own work (load, validate, index, render) in one process;
- the full ``mkdocs build`` with the factsheet plugin;
- a plain ``mkdocs build`` of the same pages already rendered to Markdown, with
  the same theme and plugins but ours, followed by Pagefind as our plugin runs it:
  the floor this approach can reach;
- under ``mkdocs serve --dirty``, the seconds from saving a record file to the
  server answering with the changed page: a claim's statement edited, and a
  person renamed (which shows on every page that mentions the person).

``--scaling`` instead grows each of a few hostile inputs by doubling and times,
in this process, the step that once grew faster than its input (see SCALING), median of --runs.

Timings are medians of several runs. Sizes are of the built site: the median and
largest record page, the largest other page, and what the browser downloads
for a search before its first result (the index and the search worker).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.load import Paths
from ..core.model import KINDS
from ..core.schema import schema_line
from ..pages.render import render_record
from ..site.build import check
from .synth import synthesize

RECORD_FOLDERS = tuple(k.folder for k in KINDS.values() if k.has_pages)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run(cmd: list[str], cwd: Path) -> Run:
    """One process, timed, with its own peak resident memory (from wait4's rusage)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{err.decode(errors='replace')[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def plain_repo(repo: Path, plain: Path) -> None:
    """The same site without the plugin: what ``render`` writes, pages, files and a configuration without it."""
    if plain.exists():
        shutil.rmtree(plain)
    run([sys.executable, "-P", "-m", "generator", "--root", str(repo), "render", "--out", str(plain)], repo)


def sizes(site: Path) -> dict[str, float]:
    record_pages = [p.stat().st_size for f in RECORD_FOLDERS for p in (site / f).glob("*/index.html")]
    other = [
        p.stat().st_size
        for p in site.rglob("*.html")
        if not (p.parent.parent.name in RECORD_FOLDERS and p.parent.parent.parent == site)
    ]
    return {
        "total_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "record_kb_median": statistics.median(record_pages) / 1e3,
        "record_kb_max": max(record_pages) / 1e3,
        "other_kb_max": max(other) / 1e3,
        "search_mb": search_download(site) / 1e6,
    }


def search_download(site: Path) -> int:
    """Bytes fetched before the first result.

    Pagefind: its interface and engine, the wasm, the entry and metadata files,
    the largest index chunk a query may need, and five result fragments.
    Material's own search instead fetches its whole index and worker.
    """
    pf = site / "pagefind"
    if pf.is_dir():
        fixed = ["pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js", "pagefind-entry.json"]
        total = sum((pf / name).stat().st_size for name in fixed if (pf / name).exists())
        total += sum(p.stat().st_size for p in pf.glob("*.pf_meta"))
        total += max((p.stat().st_size for p in pf.glob("wasm.*.pagefind")), default=0)
        total += max((p.stat().st_size for p in (pf / "index").glob("*")), default=0)
        total += sum(sorted((p.stat().st_size for p in (pf / "fragment").glob("*")), reverse=True)[:5])
        return total
    index = site / "search" / "search_index.json"
    workers = (site / "assets" / "javascripts" / "workers").glob("search*.js")
    return (index.stat().st_size if index.exists() else 0) + sum(w.stat().st_size for w in workers)


def bench_size(records: int, runs: int, work: Path) -> dict[str, float]:
    repo = work / f"synth-{records}"
    if repo.exists():
        shutil.rmtree(repo)  # written afresh: a corpus kept from an older generator would mislead
    synthesize(repo, records, max(2, records // 30))
    # -P, as in the Makefile: the working directory, a repository, stays off sys.path.
    py = (sys.executable, "-P")
    check = median([run([*py, "-m", "generator", "--root", str(repo), "check"], repo) for _ in range(runs)])
    own = median(
        [
            run(
                [
                    *py,
                    "-c",
                    "from pathlib import Path; from generator.site.build import build; "
                    "from generator.core.load import Paths; build(Paths.for_repo(Path('.')))",
                ],
                repo,
            )
            for _ in range(runs)
        ]
    )
    full_build = [*py, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(work / "site-full")]
    full = median([run(full_build, repo) for _ in range(runs)])
    plain = work / f"plain-{records}"
    plain_repo(repo, plain)
    # The floor makes the same site: MkDocs renders the pages, then Pagefind indexes them.
    out = work / "site-plain"
    sh = " ".join(py)
    both = f"{sh} -m mkdocs build -q -f mkdocs.yml -d {out} && {sh} -m generator search-index {out}"
    floor = median([run(["bash", "-c", both], plain) for _ in range(runs)])
    edits = serve_edits(repo, runs)
    return {
        "records": records,
        "serve_claim_s": statistics.median(edits["claim"]),
        "serve_person_s": statistics.median(edits["person"]),
        "check_s": check.seconds,
        "own_s": own.seconds,
        "full_s": full.seconds,
        "plain_s": floor.seconds,
        "ratio": full.seconds / floor.seconds,
        "own_share": own.seconds / full.seconds,
        "peak_mb": full.peak_mb,
        **sizes(work / "site-full"),
    }


# What the serve benchmark edits: a claim's statement (the everyday fix) and a person's
# name (which shows on every page that mentions the person).
SERVE_EDITS = (("claims", "statement", "claim"), ("people", "name", "person"))


def serve_edits(repo: Path, edits: int, pause: float = 12.0) -> dict[str, list[float]]:
    """Seconds from saving a record file to the new text being served, under ``mkdocs serve --dirty``.

    The clock starts just before the file is written and stops when the
    server answers with the changed page; the browser's own reload (the
    livereload script) comes on top and is not counted here.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-P", "-m", "mkdocs", "serve", "--dirty", "-f", "mkdocs.yml"]
    cmd += ["--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_for(url: str, token: str) -> None:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped in {repo}")
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    if token in r.read().decode():
                        return
            except OSError:
                pass
            time.sleep(0.02)

    times: dict[str, list[float]] = {}
    originals: dict[Path, bytes] = {}
    try:
        wait_for(f"http://127.0.0.1:{port}/", "<html")
        for folder, field, kind in SERVE_EDITS:
            record = sorted((repo / "facts" / folder).glob("*.yaml"))[0]
            originals[record] = record.read_bytes()
            url = f"http://127.0.0.1:{port}/{folder}/{record.stem}/"
            for k in range(edits):
                # Pagefind re-indexes in the background after each build (about 10 s at 10,000
                # records); an editor reading the page between saves gives it that time.
                time.sleep(pause)
                token = f"Edited{k}x{time.time_ns()}"
                # Words added at the end, as a fix would: the record keeps its place in sorted lists.
                text = re.sub(rf'^({field}: ".*)"$', rf'\1 {token}"', originals[record].decode(), count=1, flags=re.M)
                start = time.perf_counter()
                record.write_text(text, encoding="utf-8")
                wait_for(url, token)
                times.setdefault(kind, []).append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait()
        for record, data in originals.items():
            record.write_bytes(data)
    return times


COLUMNS = (
    ("records", "records", "{:.0f}"),
    ("check_s", "check s", "{:.2f}"),
    ("own_s", "generator s", "{:.2f}"),
    ("full_s", "mkdocs build s", "{:.1f}"),
    ("plain_s", "plain build s", "{:.1f}"),
    ("ratio", "full / plain", "{:.2f}"),
    ("own_share", "generator share", "{:.0%}"),
    ("peak_mb", "peak MB", "{:.0f}"),
    ("total_mb", "site MB", "{:.0f}"),
    ("record_kb_median", "record page KB (median)", "{:.1f}"),
    ("record_kb_max", "record page KB (max)", "{:.1f}"),
    ("other_kb_max", "largest other page KB", "{:.0f}"),
    ("search_mb", "search download MB", "{:.2f}"),
    ("serve_claim_s", "serve: claim edit s", "{:.2f}"),
    ("serve_person_s", "serve: rename s", "{:.2f}"),
)


def table(rows: list[dict[str, float]]) -> str:
    head = "| " + " | ".join(c[1] for c in COLUMNS) + " |"
    rule = "|" + "---:|" * len(COLUMNS)
    body = ["| " + " | ".join(fmt.format(r[key]) for key, _, fmt in COLUMNS) + " |" for r in rows]
    return "\n".join([head, rule, *body])


# -- scaling: inputs that an editor or a hostile pull request can grow without bound --------


def _scaling_repo(work: Path, name: str, article: str, records: dict[str, str]) -> Paths:
    """A repository of one source ("big", whose text is ``article``) and the given record files."""
    repo = work / name
    if repo.exists():
        shutil.rmtree(repo)
    files = {
        "sources/big.yaml": f"{schema_line('source')}\nid: big\nfile: seeds/big.txt\nlabel: A long article\n",
        **records,
    }
    for rel, text in files.items():
        (repo / "facts" / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / "facts" / rel).write_text(text, encoding="utf-8")
    (repo / "seeds").mkdir()
    (repo / "seeds" / "big.txt").write_text(article, encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Scaling\n", encoding="utf-8")
    return Paths.for_repo(repo)


def _people(cites: list[str], per_file: int = 1000) -> dict[str, str]:
    """Person records citing ``cites`` (YAML flow mappings), ``per_file`` to a file (files have a size limit)."""
    out = {}
    for k in range(0, len(cites), per_file):
        body = "".join(f"  - {c}\n" for c in cites[k : k + per_file])
        out[f"people/p-{k}.yaml"] = (
            f"{schema_line('person')}\nid: p-{k}\nname: P {k}\ndescription: Cites the article.\ncitations:\n{body}"
        )
    return out


_RECURRING = "The same words recur here."


def _recurring_quote(work: Path, n: int) -> Callable[[], object]:
    """One quote in each of ``n`` paragraphs, cited at its last occurrence: check."""
    article = "\n\n".join(f"Paragraph {i} starts. {_RECURRING}" for i in range(n)) + "\n"
    cite = f'{{source: big, quote: "{_RECURRING}", occurrence: {n}}}'
    paths = _scaling_repo(work, "recurring-quote", article, _people([cite]))
    return lambda: check(paths)


def _cited_everywhere(work: Path, n: int) -> Callable[[], object]:
    """One quote in each of ``n`` paragraphs, every occurrence cited: check."""
    article = "\n\n".join(f"Paragraph {i} starts. {_RECURRING}" for i in range(n)) + "\n"
    cites = [f'{{source: big, quote: "{_RECURRING}", occurrence: {k}}}' for k in range(1, n + 1)]
    paths = _scaling_repo(work, "cited-everywhere", article, _people(cites))
    return lambda: check(paths)


def _invisible_chars(work: Path, n: int) -> Callable[[], object]:
    """``n`` zero-width spaces in one record file, one in each alias: check."""
    aliases = "".join(f'  - "A{i}\u200b"\n' for i in range(n))
    record = f"{schema_line('person')}\nid: z\nname: Z\ndescription: Hidden.\naliases:\n{aliases}citations: []\n"
    paths = _scaling_repo(work, "invisible-chars", "Z.\n", {"people/z.yaml": record})
    return lambda: check(paths)


def _words(rng: random.Random, k: int) -> str:
    return " ".join(rng.choice(_VOCABULARY) for _ in range(k))


_SYLLABLES = [f"{a}{b}" for a in ("ka", "lo", "mi", "nu", "po", "ra", "se", "ti") for b in ("n", "r", "s", "t", "")]
_VOCABULARY = [a + b for a in _SYLLABLES for b in ("", *_SYLLABLES)]


def _missing_quote(work: Path, kib: int) -> Callable[[], object]:
    """A long quote that is not in an article of ``kib`` KiB (paragraphs of about 500 characters): check.

    The quote is a paragraph of about 1,800 characters with one word changed,
    so that the closest passage is found and suggested; long quotes cost the
    closest-passage search the most.
    """
    rng = random.Random(kib)
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < kib * 1024:
        paragraphs.append(". ".join(_words(rng, 12).capitalize() for _ in range(6)) + ".")
    target = ". ".join(_words(rng, 12).capitalize() for _ in range(22)) + "."
    paragraphs[len(paragraphs) // 2] = target
    words = target.split()
    words[len(words) // 2] = "changed"
    cite = f'{{source: big, quote: "{" ".join(words)}"}}'
    paths = _scaling_repo(work, "missing-quote", "\n\n".join(paragraphs) + "\n", _people([cite]))
    return lambda: check(paths)


def _passages_in_paragraph(work: Path, n: int) -> Callable[[], object]:
    """``n`` cited passages in one paragraph, every fourth crossing into the next: render of the source page."""
    article = " ".join(f"Item {i} is here." for i in range(n)) + "\n"
    cites = [f'{{source: big, quote: "Item {i} is here."}}' for i in range(n)]
    cites += [f'{{source: big, quote: "is here. Item {i + 1} is"}}' for i in range(0, n - 1, 4)]
    paths = _scaling_repo(work, "passages", article, _people(cites))
    index, problems = check(paths)
    if problems:
        raise SystemExit(f"scaling input has problems: {problems[0].format()}")
    return lambda: render_record(index, index.record("big"))


# Each input: what writes it at a size and gives the step to time, its first size and unit.
SCALING: dict[str, tuple[Callable[[Path, int], Callable[[], object]], int, str]] = {
    "one quote in N paragraphs (check)": (_recurring_quote, 5000, "paragraphs"),
    "one quote cited at all N places (check)": (_cited_everywhere, 1000, "paragraphs"),
    "N invisible characters in one file (check)": (_invisible_chars, 2000, "characters"),
    "a quote not found in an article of N KiB (check)": (_missing_quote, 240, "KiB"),
    "N cited passages in one paragraph (render)": (_passages_in_paragraph, 2000, "passages"),
}


def scaling(work: Path, steps: int, scale: float, runs: int, only: str | None = None) -> list[tuple[str, int, float]]:
    """(input, size, seconds) for each input at ``steps`` doubling sizes, median of ``runs``; printed as they come."""
    rows: list[tuple[str, int, float]] = []
    for name, (prepare, first, unit) in SCALING.items():
        if only is not None and only not in name:
            continue
        previous = None
        for k in range(steps):
            size = max(1, round(first * scale)) * 2**k
            step = prepare(work, size)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                step()
                times.append(time.perf_counter() - start)
            seconds = statistics.median(times)
            ratio = f"{seconds / previous:.1f}" if previous else "-"
            print(f"| {name} | {size} {unit} | {seconds:.2f} | {ratio} |", flush=True)
            rows.append((name, size, seconds))
            previous = seconds
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=".venv/bin/python -m generator.tools.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default="100,1000,10000", help="record counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    parser.add_argument("--work", default=".bench", help="folder for the corpora and sites (kept between runs)")
    parser.add_argument("--scaling", action="store_true", help="time the hostile inputs at doubling sizes instead")
    parser.add_argument("--steps", type=int, default=4, help="with --scaling: sizes per input")
    parser.add_argument("--scale", type=float, default=1.0, help="with --scaling: multiply the first sizes")
    parser.add_argument("--only", help="with --scaling: only the inputs whose name contains this")
    args = parser.parse_args(argv)
    work = Path(args.work).resolve()
    work.mkdir(exist_ok=True)
    if args.scaling:
        print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
        print()
        print("| input | size | seconds | × previous |")
        print("|---|---:|---:|---:|")
        scaling(work / "scaling", args.steps, args.scale, args.runs, args.only)
        return 0
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"benchmarking {n} records ({args.runs} runs each)…", file=sys.stderr, flush=True)
        rows.append(bench_size(n, args.runs, work))
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
    print()
    print(table(rows))
    if len(rows) > 1 and rows[-1]["records"] == 10 * rows[-2]["records"]:
        growth = rows[-1]["full_s"] / rows[-2]["full_s"]
        print(f"\nbuild time from {rows[-2]['records']:.0f} to {rows[-1]['records']:.0f} records: x{growth:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
