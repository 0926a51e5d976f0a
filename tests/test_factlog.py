"""The log of changes to the facts: the diff of two versions of a record, and `changes` on a scripted history."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from generator.cli import main
from generator.core import history as history_module
from generator.core.factlog import (
    NOT_READ,
    UNREADABLE,
    FactChange,
    as_json,
    as_text,
    diff_records,
    file_changes,
    record_file,
)
from generator.core.history import Change, FileChange, History, read_history
from generator.core.load import parse_record
from generator.core.model import Account, Citation, Claim, NumberRecord, Passage, Person, Relation, Unnamed, When
from generator.pages.changes import sentence
from generator.pages.views import RecordView
from generator.site.build import check

from .conftest import MINI, paths_for
from .scripted_history import CLAIM, NOTE, NUMBER, SUBJECTS, edit, git, make_scripted_repo

CITE = Citation(source="report", quote="nearly 19,500 children")
FIGURE = NumberRecord(
    id="children", label="Children deported", value=Decimal("19500"), qualifier="nearly", unit="children",
    counts="Children deported to Russia", citations=(CITE,),
)
ACCOUNT = Account(source="report", claimed_by="the article", quotes=(Passage(quote="It happened."),))
CLAIM_RECORD = Claim(id="it-happened", statement="It happened.", status="reported", accounts=(ACCOUNT,))


def changed(rec_id: str, kind: str, path: tuple[object, ...], old: object, new: object, style: str) -> FactChange:
    return FactChange(rec_id, kind, path, "changed", old, new, style)  # type: ignore[arg-type]


def test_a_figure_changed_is_its_value_changed() -> None:
    assert diff_records(FIGURE, replace(FIGURE, value=Decimal("19600"))) == [
        changed("children", "number", ("value",), Decimal("19500"), Decimal("19600"), "plain")
    ]
    # Written another way, the same number: no change.
    assert diff_records(FIGURE, replace(FIGURE, value=Decimal("19500.0"))) == []
    assert diff_records(FIGURE, replace(FIGURE, qualifier=None, value=None)) == [
        FactChange("children", "number", ("value",), "removed", Decimal("19500"), None, "plain"),
        FactChange("children", "number", ("qualifier",), "removed", "nearly", None, "text"),
    ]
    # A date where there was none, a citation replaced: the nested record whole, the list as one value.
    other = Citation(source="report", quote="19,500 children")
    assert diff_records(FIGURE, replace(FIGURE, as_of=When(text="in March"), citations=(other,))) == [
        FactChange("children", "number", ("as_of",), "added", None, When(text="in March"), "item"),
        changed("children", "number", ("citations",), (CITE,), (other,), "item"),
    ]


def test_a_claim_changed_account_by_account() -> None:
    later = Account(
        source="report",
        claimed_by=("kremlin", Unnamed(unnamed="two officials")),
        when=When(text="on Friday", date="2025-08-15"),
        quotes=ACCOUNT.quotes,
    )
    second = Account(source="other", claimed_by="the article", quotes=(Passage(quote="Yes."),))
    new = replace(CLAIM_RECORD, status="disputed", accounts=(second, later))
    assert diff_records(CLAIM_RECORD, new) == [
        changed("it-happened", "claim", ("status",), "reported", "disputed", "plain"),
        FactChange("it-happened", "claim", ("accounts", ("other",)), "added", None, second, "item"),
        changed(
            "it-happened",
            "claim",
            ("accounts", ("report",), "claimed_by"),
            "the article",
            ("kremlin", Unnamed(unnamed="two officials")),
            "ref",
        ),
        FactChange("it-happened", "claim", ("accounts", ("report",), "when"), "added", None, later.when, "item"),
    ]
    # The accounts in another order are the same facts: only the columns of the page move.
    assert diff_records(new, replace(new, accounts=(later, second))) == []
    # Only the date of a wording: the nested record field by field.
    dated = replace(new, accounts=(second, replace(later, when=When(text="on Friday", date="2025-08"))))
    assert diff_records(new, dated) == [
        changed("it-happened", "claim", ("accounts", ("report",), "when", "date"), "2025-08-15", "2025-08", "plain")
    ]


def test_a_person_changed_relation_by_relation() -> None:
    met = Relation(relation="met", to="bob", citations=(CITE,))
    alice = Person(id="alice", name="Alice", description="A person.", relations=(met,), citations=(CITE,))
    other = Citation(source="report", quote="Alice met Bob")
    new = replace(alice, aliases=("Al",), relations=(replace(met, citations=(other,)),))
    assert diff_records(alice, new) == [
        FactChange("alice", "person", ("aliases",), "added", None, ("Al",), "text"),
        changed("alice", "person", ("relations", ("met", "bob"), "citations"), (CITE,), (other,), "item"),
    ]
    assert diff_records(alice, None) == [FactChange("alice", "person", (), "removed", "Alice", None, "text")]
    assert diff_records(None, alice) == [FactChange("alice", "person", (), "added", None, "Alice", "text")]


def test_a_merge_changes_only_what_it_decided_itself() -> None:
    ours, theirs = replace(FIGURE, label="Children taken"), replace(FIGURE, value=Decimal("19600"))
    clean = replace(FIGURE, label="Children taken", value=Decimal("19600"))
    # Each parent's change came from its own branch, where it is listed once.
    assert file_changes("number", "children", [ours, theirs], clean) == []
    # Both changed the value; the merge settled on a third.
    resolved = replace(clean, value=Decimal("19700"))
    assert file_changes("number", "children", [replace(ours, value=Decimal("19550")), theirs], resolved) == [
        changed("children", "number", ("value",), Decimal("19550"), Decimal("19700"), "plain")
    ]
    # A record the other branch added is not added by the merge.
    assert file_changes("number", "children", [None, FIGURE], FIGURE) == []
    assert file_changes("number", "children", [None, None], FIGURE) == diff_records(None, FIGURE)


def test_a_version_that_cannot_be_read_is_not_compared() -> None:
    assert file_changes("number", "children", [UNREADABLE], FIGURE) == [
        FactChange("children", "number", (), "not compared", NOT_READ, None)
    ]
    assert file_changes("number", "children", [FIGURE], UNREADABLE) == [
        FactChange("children", "number", (), "not compared", None, NOT_READ)
    ]
    # That it was added or removed is known from the file alone; its label is not.
    assert file_changes("number", "children", [None], UNREADABLE) == [
        FactChange("children", "number", (), "added", None, None, "text")
    ]
    assert file_changes("number", "children", [UNREADABLE], None) == [
        FactChange("children", "number", (), "removed", None, None, "text")
    ]
    # The model's own rule decides what can be read: a claim without claimed_by, as the fact base once had.
    old = b"id: it-happened\nstatement: It happened.\nstatus: reported\naccounts:\n  - source: r\n    quotes: [{quote: x}]\n"
    record, origin, _ = parse_record("claim", "facts/claims/it-happened.yaml", old)
    assert record is not None and origin.holes  # kept for the check, with a hole the history does not compare


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("facts/numbers/children.yaml", ("number", "children")),
        ("facts/people/alice.yaml", ("person", "alice")),
        ("facts/numbers/children.yml", None),
        ("facts/numbers/.hidden.yaml", None),
        ("facts/numbers/sub/children.yaml", None),
        ("facts/elsewhere/children.yaml", None),
        ("facts/children.yaml", None),
        ("seeds/children.yaml", None),
        ("factsx/numbers/children.yaml", None),
    ],
)
def test_record_files_are_those_the_loader_takes(path: str, found: tuple[str, str] | None) -> None:
    assert record_file(path, "facts") == found


def test_one_change_as_text_and_as_json() -> None:
    fc = changed("children", "number", ("value",), Decimal("19500"), Decimal("19600"), "plain")
    line = as_text("abc1234", "2026-11-23", ("The figure is 19,600.",), fc)
    assert line == '2026-11-23 abc1234 numbers/children: value changed from 19500 to 19600 (correction: "The figure is 19,600.")'
    assert as_json("abc1234", "2026-11-23", (), fc) == {
        "commit": "abc1234", "date": "2026-11-23", "record": "children", "kind": "number", "field": "value",
        "change": "changed", "old": 19500, "new": 19600, "correction": None,
    }
    # Record text cannot start a line of its own or hide in invisible characters.
    odd = changed("it", "claim", ("accounts", ("the report",), "detail"), "a\nb", "c\u202ed", "text")
    assert as_text("abc1234", "2026-11-23", (), odd) == (
        '2026-11-23 abc1234 claims/it: accounts["the report"].detail changed from "a\\nb" to "c\\u202ed"'
    )


# -- On a scripted history --------------------------------------------------------------------------


@pytest.fixture
def scripted(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    return make_scripted_repo(tmp_path)


def run_changes(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--root", str(repo), "changes", *args]) == 0
    return capsys.readouterr().out


def test_changes_of_a_scripted_history(scripted: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    repo, commits = scripted
    short = {name: git(repo, "rev-parse", "--short", full) for name, full in commits.items()}
    date = {name: d for name, (_, d) in SUBJECTS.items()}
    assert run_changes(repo, f"{commits['import']}..", capsys=capsys).splitlines() == [
        f'{date["removal"]} {short["removal"]} people/carol-example: removed "Carol Example"',
        f'{date["status"]} {short["status"]} claims/meeting-lasted-two-hours: status changed from "reported" to "disputed"',
        f'{date["figure"]} {short["figure"]} numbers/meeting-one-hour: value changed from 2 to 1 (correction: "{NOTE}")',
    ]
    rows = json.loads(run_changes(repo, f"{short['import']}..{short['status']}", "--format", "json", capsys=capsys))
    assert rows == [
        {
            "commit": commits["status"], "date": date["status"], "record": "meeting-lasted-two-hours", "kind": "claim",
            "field": "status", "change": "changed", "old": "reported", "new": "disputed", "correction": None,
        },
        {
            "commit": commits["figure"], "date": date["figure"], "record": "meeting-one-hour", "kind": "number",
            "field": "value", "change": "changed", "old": 2, "new": 1, "correction": NOTE,
        },
    ]
    # One commit, its own changes; the first, every record it added, in the order of their files.
    assert run_changes(repo, short["figure"], capsys=capsys).splitlines() == [
        f'{date["figure"]} {short["figure"]} numbers/meeting-one-hour: value changed from 2 to 1 (correction: "{NOTE}")'
    ]
    added = run_changes(repo, commits["import"], capsys=capsys).splitlines()
    assert [line.split(": ", 1)[1] for line in added] == [
        'added "The meeting lasted one hour."',
        'added "The meeting lasted nearly two hours."',
        'added "Daily Planet"',
        'added "Length of the meeting"',
        'added "Meeting length according to Alice"',
        'added "Meeting length according to Bob"',
        'added "Alice Example"',
        'added "Bob Sample"',
        'added "Carol Example"',
        'added "A short report (headline unknown)"',
    ]
    for subject, _ in SUBJECTS.values():
        assert subject not in "".join(added)


def test_changes_refuses_what_names_no_commits(scripted: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    repo, _ = scripted
    for wrong in ("nowhere..HEAD", "HEAD...HEAD~1", "..HEAD", "--output=x"):
        assert main(["--root", str(repo), "changes", "--", wrong]) == 2
        assert "error: '" in capsys.readouterr().err


def test_each_commit_is_read_once_and_the_built_files_are_not_parsed_again(
    scripted: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _ = scripted
    paths = paths_for(repo)
    asked: list[set[str]] = []
    blobs = history_module._blobs

    def counting(git_path: str, p: object, ids: set[str]) -> dict[str, bytes]:
        asked.append(set(ids))
        return blobs(git_path, p, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(history_module, "_blobs", counting)
    index, _ = check(paths)
    first = read_history(paths, base=index.base)
    # The versions read are the old ones: the figure's "2", the "reported" claim, Carol, the other
    # records' first versions; every version the site is built from is the loaded record itself.
    current = {o.blob for o in index.base.origins.values()}
    assert asked and not asked[0] & current
    edit(repo, NUMBER, "label: Meeting", "label: The meeting")
    git(repo, "commit", "-qam", "Relabel", date="2026-11-26")
    asked.clear()
    second = read_history(paths, first, index.base)
    # Only the new commit's new version was read (its old one is the file the site was built
    # from); the older commits' changes are kept, the very same objects.
    assert [len(ids) for ids in asked] == [1]
    assert [ch.facts for ch in second.changes[1:]] == [ch.facts for ch in first.changes]
    assert all(a.facts is b.facts for a, b in zip(second.changes[1:], first.changes, strict=True))
    assert second.changes[0].facts == (
        changed("meeting-one-hour", "number", ("label",), "Meeting length according to Bob",
                "The meeting length according to Bob", "text"),
    )


def test_a_merge_in_git_lists_only_what_it_decided(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo, commits = make_scripted_repo(tmp_path)
    git(repo, "checkout", "-qb", "branch")
    edit(repo, NUMBER, 'value: "1"', 'value: "3"')
    git(repo, "commit", "-qam", "Branch value", date="2026-11-26")
    git(repo, "checkout", "-q", "-")
    edit(repo, NUMBER, 'value: "1"', 'value: "4"')
    edit(repo, CLAIM, "status: disputed", "status: denied")
    git(repo, "commit", "-qam", "Main value and status", date="2026-11-27")
    merge = ["merge", "-q", "--no-ff", "branch", "-m", "Merge"]
    assert subprocess_fails(repo, *merge)
    edit(repo, NUMBER, "<<<<<<< HEAD\nvalue: \"4\"\n=======\nvalue: \"3\"\n>>>>>>> branch\n", 'value: "5"\n')
    git(repo, "commit", "-qam", "Merge, the value settled", date="2026-11-28")
    lines = run_changes(repo, f"{commits['removal']}..", capsys=capsys).splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == [
        "numbers/meeting-one-hour: value changed from 4 to 5",
        'claims/meeting-lasted-two-hours: status changed from "disputed" to "denied"',
        "numbers/meeting-one-hour: value changed from 1 to 4",
        "numbers/meeting-one-hour: value changed from 1 to 3",
    ]


def subprocess_fails(repo: Path, *args: str) -> bool:
    try:
        git(repo, *args)
    except subprocess.CalledProcessError:  # a merge conflict is the point
        return True
    return False


def test_the_mini_fixture_reads_as_records_through_the_history_parser() -> None:
    # The reader of old versions is the loader's own: every fixture file is a record through it.
    for path in sorted((MINI / "facts").glob("*/*.yaml")):
        rel = path.relative_to(MINI).as_posix()
        where = record_file(rel, "facts")
        assert where is not None
        assert parse_record(where[0], rel, path.read_bytes())[0] is not None, rel


# -- In readers' words --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini_index():  # type: ignore[no-untyped-def]
    index, problems = check(paths_for(MINI))
    assert problems == []
    return index


@pytest.mark.parametrize(
    ("fc", "words"),
    [
        (
            changed("n", "number", ("value",), Decimal("19500"), Decimal("19600.5"), "plain"),
            "Value changed from 19,500 to 19,600.5.",
        ),
        (
            changed("c", "claim", ("status",), "reported", "disputed", "plain"),
            "Status changed from reported to disputed.",
        ),
        (
            changed(
                "c", "claim", ("accounts", ("mini-report",), "claimed_by"), "the article",
                ("alice-example", Unnamed(unnamed="a person at the meeting", of="daily-planet"), "gone-id"), "ref",
            ),
            "Claimed by, in Daily Planet, changed from the article to Alice Example, a person at the meeting "
            "(Daily Planet) and gone-id.",
        ),
        (
            FactChange("c", "claim", ("accounts", ("mini-report",)), "added", None, replace(ACCOUNT, source="mini-report"), "item"),
            "Source added: Daily Planet.",
        ),
        (
            changed("c", "claim", ("accounts", ("mini-report",), "when", "date"), "2025-08", "2025-08-15", "plain"),
            "When (date), in Daily Planet, changed from 2025-08 to 2025-08-15.",
        ),
        (
            FactChange("n", "number", ("qualifier",), "removed", "over", None, "text"),
            "Qualifier removed (was “over”).",
        ),
        (
            FactChange("n", "number", ("as_of",), "added", None, When(text="in March", date="2025-03"), "item"),
            "As of added: “in March” (2025-03).",
        ),
        (
            changed("p", "person", ("relations", ("met", "bob-sample"), "citations"), (CITE,), (CITE, CITE), "item"),
            "Citations, for “met” Bob Sample, changed: added “nearly 19,500 children” — report.",
        ),
        (
            FactChange("n", "number", (), "not compared", NOT_READ, None),
            "Not compared with the version before: one of them could not be read.",
        ),
    ],
)
def test_each_change_in_readers_words(mini_index, fc: FactChange, words: str) -> None:  # type: ignore[no-untyped-def]
    assert sentence(mini_index, fc).replace("\\", "") == words


def test_a_wording_changed_marks_the_words_that_moved_and_stays_text(mini_index) -> None:  # type: ignore[no-untyped-def]
    statement = changed("c", "claim", ("statement",), "It lasted one hour.", "It lasted an hour <b>[x](y)</b>.", "text")
    assert str(sentence(mini_index, statement)) == (
        'Statement changed from “It lasted <mark class="fs-diff">one</mark> hour.” to “It lasted '
        '<mark class="fs-diff">an</mark> hour <mark class="fs-diff">&lt;b&gt;&#91;x&#93;(y)&lt;/b&gt;</mark>.”.'
    )
    quotes = changed(
        "c", "claim", ("accounts", ("mini-report",), "quotes"),
        (Passage(quote="Bob said it lasted one hour."),), (Passage(quote="Bob said it lasted an hour."),), "item",
    )
    assert str(sentence(mini_index, quotes)) == (
        'Quotes, in Daily Planet, changed: “Bob said it lasted <mark class="fs-diff">one</mark> hour.” became '
        '“Bob said it lasted <mark class="fs-diff">an</mark> hour.”.'
    )


def test_a_record_page_lists_its_changes_but_not_its_first_addition(mini_index) -> None:  # type: ignore[no-untyped-def]
    bob = "facts/people/bob-sample.yaml"

    def commit(name: str, date: str, *facts: FactChange, notes: tuple[str, ...] = ()) -> Change:
        return Change(name, date, notes, (FileChange("changed", bob),), facts, full=name * 20)

    history = History.from_changes(
        [
            commit("d4", "2026-11-24", notes=("A note with no change to the facts.",)),
            commit("c3", "2026-11-23", FactChange("bob-sample", "person", (), "added", None, "Bob Sample", "text")),
            commit("b2", "2026-11-22", FactChange("bob-sample", "person", (), "removed", "Bob Sample", None, "text")),
            commit("a1", "2026-11-21", FactChange("bob-sample", "person", (), "added", None, "Bob Sample", "text")),
            commit("00", "2026-11-20"),  # a plain edit that changed no fact: nothing to say
        ]
    )
    view = RecordView(mini_index, "people/bob-sample.md", history)
    assert [str(item).replace("\\", "") for item in view.changes("bob-sample")] == [
        "**2026-11-24 — Correction:** A note with no change to the facts.",
        "**2026-11-23 — Updated:** Added.",
        "**2026-11-22 — Updated:** Removed.",
    ]
