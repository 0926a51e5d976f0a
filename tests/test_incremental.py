"""Rebuilding after edits (``mkdocs serve``) gives exactly what a full build gives, doing less work."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.core.errors import ProblemsError
from generator.core.history import Change, FileChange, History
from generator.core.incremental import ALL, Memo, Tracked
from generator.core.load import FileCache, Paths
from generator.exports.export import export, facts_json
from generator.site.build import Site, SiteBuilder, build
from generator.site.mirror import Mirror
from generator.tools.synth import synthesize

from .conftest import paths_for
from .serving import serving

NO_HISTORY = History(False, why_not="not read in this test")


def _flat(site: Site) -> dict[str, object]:
    out: dict[str, object] = {f"page:{p.path}": (p.title, p.markdown, p.edit_path) for p in site.pages}
    out.update({f"asset:{a.path}": a.content for a in site.assets})
    return out


def assert_same_as_full(site: Site, paths: Paths, history: History = NO_HISTORY) -> None:
    full = _flat(build(paths, history))
    got = _flat(site)
    assert got.keys() == full.keys()
    different = sorted(k for k in full if got[k] != full[k])
    assert different == []


def edit(path: Path, pattern: str, repl: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, repl, text, count=1, flags=re.M)
    assert n == 1, f"{pattern!r} not in {path}"
    path.write_text(new, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "repo"
    synthesize(out, 300, 10)
    return out


@pytest.fixture
def repo(corpus: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(corpus, dest)
    return dest


def first(repo: Path, folder: str) -> Path:
    return sorted((repo / "facts" / folder).glob("*.yaml"))[0]


def add_person(repo: Path) -> None:
    text = first(repo, "people").read_text(encoding="utf-8")
    text = re.sub(r"^id: .*$", 'id: "new-person"', text, flags=re.M)
    text = re.sub(r"^name: .*$", 'name: "New Person"', text, flags=re.M)
    text = re.sub(r"^aliases: .*\n", "", text, flags=re.M)
    (first(repo, "people").parent / "new-person.yaml").write_text(text, encoding="utf-8")


def add_paragraph(repo: Path) -> None:
    with sorted((repo / "seeds").glob("*"))[0].open("a", encoding="utf-8") as f:
        f.write("\n\nA paragraph added later.\n")


# Each edit changes the fact base in one way an editor might; the rebuild after it must equal a full build.
EDITS: dict[str, Callable[[Path], None]] = {
    "rename a person": lambda r: edit(first(r, "people"), r"^name: .*$", 'name: "Zora Renamed"'),
    "reword a claim": lambda r: edit(first(r, "claims"), r"^statement: .*$", 'statement: "Reworded, as said."'),
    # The value must be one its quote gives: "The closure in case 0 lasted 3 days" gives 0 too.
    "change a figure": lambda r: edit(first(r, "numbers"), r'^value: "\d+"$', 'value: "0"'),
    "relabel a measure": lambda r: edit(first(r, "measures"), r"^label: .*$", 'label: "Renamed measure"'),
    "dispute a claim": lambda r: edit(
        first(r, "claims"), r'^status: "reported"$', 'status: "disputed"\ncounter_claims: ["claim-000001"]'
    ),
    "add a person": lambda r: add_person(r),
    "delete a number": lambda r: sorted((r / "facts" / "numbers").glob("*.yaml"))[-1].unlink(),
    "add a paragraph to an article": lambda r: add_paragraph(r),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_rebuild_after_an_edit_equals_a_full_build(repo: Path, name: str) -> None:
    paths = paths_for(repo)
    builder = SiteBuilder(paths, history=lambda *_: NO_HISTORY)
    builder.build()
    steps = builder.stats.run
    EDITS[name](repo)
    site = builder.build()
    assert_same_as_full(site, paths)
    # Less work than a full build: a single edit touches a small part of the site.
    assert 0 < builder.stats.run < steps / 3
    # An added record brings its own steps: its page, its facts.json row, its CSV row, its FtM
    # entities and its annotations.
    assert builder.stats.run + builder.stats.kept <= steps + 5


def test_edits_one_after_another_each_equal_a_full_build(repo: Path) -> None:
    paths = paths_for(repo)
    builder = SiteBuilder(paths, history=lambda *_: NO_HISTORY)
    builder.build()
    for name in sorted(EDITS):
        EDITS[name](repo)
        assert_same_as_full(builder.build(), paths)


def test_nothing_changed_means_nothing_redone(repo: Path) -> None:
    builder = SiteBuilder(paths_for(repo), history=lambda *_: NO_HISTORY)
    first_site = builder.build()
    again = builder.build()
    assert builder.stats.run == 0
    assert again.pages == first_site.pages


def test_a_broken_edit_fails_and_the_next_good_one_builds_right(repo: Path) -> None:
    paths = paths_for(repo)
    builder = SiteBuilder(paths, history=lambda *_: NO_HISTORY)
    builder.build()
    person = first(repo, "people")
    good = person.read_text(encoding="utf-8")
    person.write_text(good + "name: twice\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as e:
        builder.build()
    assert "duplicate key 'name'" in e.value.report()
    person.write_text(good, encoding="utf-8")
    edit(person, r"^name: .*$", 'name: "Fixed Name"')
    assert_same_as_full(builder.build(), paths)


def test_an_alias_is_checked_again_once_every_article_can_be_read(repo: Path) -> None:
    # While an article is missing the alias rule is not applied; removing that source must apply it
    # again, though no text changed.
    paths = paths_for(repo)
    builder = SiteBuilder(paths, history=lambda *_: NO_HISTORY)
    builder.build()
    edit(first(repo, "people"), r"^aliases: .*$", 'aliases: ["Nowhere Named"]')
    missing = first(repo, "sources").parent / "missing-report.yaml"
    missing.write_text(
        first(repo, "sources").read_text(encoding="utf-8").replace("report-00000", "missing-report"), "utf-8"
    )
    with pytest.raises(ProblemsError) as e:
        builder.build()
    assert "does not exist" in e.value.report() and "Nowhere Named" not in e.value.report()
    missing.unlink()
    with pytest.raises(ProblemsError) as e:
        builder.build()
    assert "alias 'Nowhere Named' does not appear in any source" in e.value.report()


def test_an_unreadable_article_is_reported_where_its_source_record_now_names_it(repo: Path) -> None:
    builder = SiteBuilder(paths_for(repo), history=lambda *_: NO_HISTORY)
    builder.build()
    sorted((repo / "seeds").glob("*"))[0].write_bytes(b"caf\xe9\n")
    with pytest.raises(ProblemsError) as e:
        builder.build()
    message = "error: [file] 'seeds/report-00000.txt' is not valid UTF-8 (at byte 3)"
    assert e.value.report() == f"facts/sources/report-00000.yaml:3:7: {message}\n1 problem found"
    # The article is as broken as before; the record around it has moved down a line.
    source = first(repo, "sources")
    text = source.read_text(encoding="utf-8").split("\n", 1)
    source.write_text(f"{text[0]}\n# moved\n{text[1]}", encoding="utf-8")
    with pytest.raises(ProblemsError) as e:
        builder.build()
    assert e.value.report() == f"facts/sources/report-00000.yaml:4:7: {message}\n1 problem found"


def test_a_new_commit_renders_the_history_again(repo: Path) -> None:
    paths = paths_for(repo)
    person = first(repo, "people")
    shown = paths.show(person)
    histories = [
        History(True),
        History.from_changes(
            [Change("abc1234", "2026-11-23", ("Fix a name",), (FileChange("modified", shown),))]
        ),
    ]
    builder = SiteBuilder(paths, history=lambda *_: histories[0])
    builder.build()
    histories.pop(0)
    site = builder.build()
    assert_same_as_full(site, paths, histories[0])
    page = next(p for p in site.pages if p.path == f"people/{person.stem}.md")
    assert "Updated 2026\\-11\\-23" in page.markdown and "Fix a name" in page.markdown


def test_facts_json_is_json_dumps_of_the_export(repo: Path) -> None:
    index = build(paths_for(repo), NO_HISTORY).index
    data = facts_json(index)
    assert data == (json.dumps(export(index), ensure_ascii=False, separators=(",", ":")) + "\n").encode()


# -- the parts ---------------------------------------------------------------------


def test_tracked_mapping_notes_keys_and_whole_walks() -> None:
    reads: set[tuple[str, object]] = set()
    t = Tracked("m", {"a": 1, "b": 2}, reads)
    assert t["a"] == 1 and t.get("z") is None and "b" in t
    assert reads == {("m", "a"), ("m", "z"), ("m", "b")}
    assert sorted(t.values()) == [1, 2]
    assert ("m", ALL) in reads


def test_memo_forgets_only_what_read_a_changed_key(repo: Path) -> None:
    paths = paths_for(repo)
    index = build(paths, NO_HISTORY).index
    people = list(index.by_kind["person"])
    memo = Memo()
    memo.start(index, {})
    for i in people:
        memo.run(("label", i), None, lambda c, i=i: c.index.record(i))
    assert memo.finish().run == len(people)
    edit(first(repo, "people"), r"^name: .*$", 'name: "Zora Renamed"')
    changed = build(paths, NO_HISTORY).index
    memo.start(changed, {})
    for i in people:
        memo.run(("label", i), None, lambda c, i=i: c.index.record(i))
    stats = memo.finish()
    assert (stats.run, stats.kept) == (1, len(people) - 1)


def test_file_cache_rereads_files_written_within_the_racy_window(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes(b"one")
    made: list[bytes] = []
    cache = FileCache()

    def make(data: bytes) -> bytes:
        made.append(data)
        return data

    assert cache.get("t", f, make) == b"one"
    # Same size and same times, as a second save in the same clock tick leaves them: still seen.
    st = f.stat()
    f.write_bytes(b"two")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert cache.get("t", f, make) == b"two"
    assert cache.get("t", f, make) == b"two"
    assert made == [b"one", b"two"]  # the same bytes read again are not parsed again


def test_file_cache_trusts_the_stamp_of_files_older_than_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes(b"one")
    old = f.stat().st_mtime_ns - 10 * FileCache.RACY_NS
    os.utime(f, ns=(old, old))
    cache = FileCache()
    assert cache.get("t", f, lambda d: d) == b"one"
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counted(self: Path) -> bytes:
        reads.append(self)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert cache.get("t", f, lambda d: d) == b"one"
    assert reads == []  # the stamp was trusted: the file was not read again
    f.write_bytes(b"changed")
    assert cache.get("t", f, lambda d: d) == b"changed"
    assert reads == [f]


def test_mirror_rewrites_only_changed_files_and_deletes_gone_ones(tmp_path: Path) -> None:
    m = Mirror(tmp_path / "m")
    assert m.update({"a.md": "A", "b/c.md": "C"}) == (["a.md", "b/c.md"], [])
    before = (tmp_path / "m" / "a.md").stat().st_mtime_ns
    assert m.update({"a.md": "A", "b/c.md": "C2"}) == (["b/c.md"], [])
    assert (tmp_path / "m" / "a.md").stat().st_mtime_ns == before
    assert m.update({"b/c.md": "C2"}) == ([], ["a.md"])
    assert not (tmp_path / "m" / "a.md").exists()
    assert (tmp_path / "m" / "b" / "c.md").read_text() == "C2"


# -- under mkdocs serve --dirty --------------------------------------------------------


def _serve_like(repo: Path, site_dir: Path) -> Iterator[Callable[[], None]]:
    """What `mkdocs serve --dirty` does on start and after each save: a new config, the same plugin."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    def rebuild() -> None:
        config = load_config(str(repo / "mkdocs.yml"), site_dir=str(site_dir))
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)

    plugins = load_config(str(repo / "mkdocs.yml"), site_dir=str(site_dir)).plugins
    plugins.on_startup(command="serve", dirty=True)
    try:
        yield rebuild
    finally:
        plugins.on_shutdown()


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_serve_dirty_rebuilds_give_the_site_a_full_build_gives(tmp_path: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    repo = tmp_path / "repo"
    synthesize(repo, 60, 3)
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    # Same address in both builds; Pagefind's index is not byte-stable, so it is left out here.
    config = config.replace("  - factsheet\n", "  - factsheet:\n      pagefind: false\n")
    (repo / "mkdocs.yml").write_text("site_url: http://127.0.0.1:8000/\n" + config, encoding="utf-8")
    served = tmp_path / "served"
    with contextlib.contextmanager(_serve_like)(repo, served) as rebuild:
        rebuild()
        for name in ("rename a person", "delete a number", "change a figure", "add a paragraph to an article"):
            EDITS[name](repo)
            rebuild()
    full = tmp_path / "full"
    mkdocs_build(load_config(str(repo / "mkdocs.yml"), site_dir=str(full)))
    got, want = _tree(served), _tree(full)
    assert sorted(got.keys() - want.keys()) == []  # the deleted number's page is gone too
    assert sorted(want.keys() - got.keys()) == []
    assert sorted(k for k in want if got[k] != want[k]) == []


def test_make_serve_shows_an_edit_and_drops_a_deleted_record(mini: Path) -> None:
    # The real thing: `mkdocs serve --dirty` as `make serve` runs it, its file watcher included.
    with serving(mini) as served:
        served.wait("/people/alice-example/", lambda code, text: code == 200 and "Alice Example" in text)
        served.wait("/pagefind/pagefind-entry.json", lambda code, text: code == 200)  # indexed in the background
        edit(mini / "facts/people/alice-example.yaml", r"^name: .*$", "name: Alice Edited")
        served.wait("/people/alice-example/", lambda code, text: "Alice Edited" in text)
        served.wait("/people/", lambda code, text: "Alice Edited" in text)  # the list that holds her too
        (mini / "facts/numbers/meeting-one-hour.yaml").unlink()
        served.wait("/numbers/meeting-one-hour/", lambda code, text: code == 404)
    assert "Traceback" not in served.output
    assert "factsheet: " in served.output  # the plugin's line: what each rebuild redid and kept


def test_a_build_on_several_cores_gives_the_same_site(repo: Path) -> None:
    from generator.core import parallel

    paths = paths_for(repo)
    one = build(paths, NO_HISTORY, workers=1)
    # No threshold: the corpus is small, and the forked path is what is under test.
    original = parallel.MIN_ITEMS
    parallel.MIN_ITEMS = 0
    try:
        two = build(paths, NO_HISTORY, workers=2)
        three = build(paths, NO_HISTORY, workers=3)
    finally:
        parallel.MIN_ITEMS = original
    assert _flat(two) == _flat(one)
    assert _flat(three) == _flat(one)


def test_a_check_on_several_cores_finds_the_same_problems(repo: Path) -> None:
    from generator.core import parallel
    from generator.site.build import check

    edit(first(repo, "people"), r"^name: .*$", "name: [unclosed")
    edit(first(repo, "claims"), r"^status: .*$", "status: rumoured")
    (first(repo, "numbers").parent / "stray.yml").write_text("id: stray\n", encoding="utf-8")
    paths = paths_for(repo)
    original = parallel.MIN_ITEMS
    parallel.MIN_ITEMS = 0
    try:
        _, two = check(paths, 2)
    finally:
        parallel.MIN_ITEMS = original
    _, one = check(paths, 1)
    assert len(one) >= 3
    assert two == one
