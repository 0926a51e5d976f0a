"""The reader-facing derivations: relative dates, differences, history, JSON-LD, CSV, excerpts, diagrams."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from generator.core.history import History, parse_log, read_history
from generator.exports.export import csv_files, facts_json
from generator.exports.jsonld import json_ld, script_json, tags
from generator.pages.comparison import HomeView
from generator.pages.differences import differences, word_diff
from generator.pages.graph import wrap
from generator.pages.timeline import entries, resolve
from generator.site.build import build, check

from .conftest import ROOT, mini_with_figures, paths_for, write_record
from .scripted_history import git


@pytest.mark.parametrize(
    ("text", "published", "date", "how"),
    [
        ("on Friday", "2025-08-16", "2025-08-15", "resolved against the publication date 2025-08-16"),
        ("Friday", "2025-08-15", "2025-08-08", "resolved against the publication date 2025-08-15"),
        ("Last month", "2025-08-16", "2025-07", "resolved against the publication date 2025-08-16"),
        ("last month", "2025-01-10", "2024-12", "resolved against the publication date 2025-01-10"),
        ("in March", "2025-08-16", "2025-03", "resolved against the publication date 2025-08-16"),
        ("in September", "2025-08-16", "2024-09", "resolved against the publication date 2025-08-16"),
        ("yesterday", "2025-03-01", "2025-02-28", "resolved against the publication date 2025-03-01"),
        ("in March 2023", None, "2023-03", "as written"),
        ("in February 2022", None, "2022-02", "as written"),
        ("August 16, 2025", None, "2025-08-16", "as written"),
        ("in 2022", None, "2022", "as written"),
        ("In July", None, None, "relative wording; no publication date to resolve it against"),
        (
            "on Friday",
            "2025-08",
            None,
            "relative wording; publication date known only to the month to resolve it against",
        ),
        ("in recent weeks", "2025-08-16", None, "no calendar date in the wording"),
        ("Later", "2025-08-16", None, "no calendar date in the wording"),
    ],
)
def test_relative_dates_resolve_against_publication(
    text: str, published: str | None, date: str | None, how: str
) -> None:
    r = resolve(text, published)
    assert (r.date, r.how) == (date, how)


@pytest.fixture(scope="module")
def real_index():  # type: ignore[no-untyped-def]
    index, problems = check(paths_for(ROOT))
    assert problems == []
    return index


def test_timeline_orders_the_real_story(real_index) -> None:  # type: ignore[no-untyped-def]
    found = entries(real_index)
    dated = [e for e in found if e.date]
    assert [e.date for e in dated] == sorted(e.date for e in dated if e.date)
    # The ISW count "in March" in the article published 2025-08-16 is resolved, not guessed or dropped.
    march = [e for e in found if e.wording == "in March"]
    assert [(e.date, e.how) for e in march] == [("2025-03", "resolved against the publication date 2025-08-16")]
    # Article 000 prints no date: its "In July" stays undated, with its wording.
    july = [e for e in found if e.wording == "In July"]
    assert [(e.date, e.source) for e in july] == [(None, "article-000")]
    assert found.index(july[0]) > found.index(dated[-1])


def test_differences_of_the_real_story(real_index) -> None:  # type: ignore[no-untyped-def]
    d = differences(real_index)
    assert [f.measure for f in d.figures] == ["children-taken"]
    assert len(d.figures[0].numbers) >= 4
    told = {c.claim: c.differing for c in d.claims}
    # The three a reader should see first: the child counts, Trump's remark, who said "outrageous and unacceptable".
    assert "who claims it" in told["warrant-outrageous-and-unacceptable"]
    assert "the words quoted" in told["another-city-was-just-hit"]
    assert all(c.differing for c in d.claims) and not any(c.differing for c in d.reworded)
    # "on Friday" in both, one of them dated: not a difference.
    assert "meeting-in-anchorage" in {c.claim for c in d.reworded}
    # The Ukraine-versus-Russia disputes are told inside one article: shown, never counted.
    assert d.within and not d.between and all(x.sources == ("article-000",) for x in d.within)
    assert len(d) == len(d.figures) + len(d.claims)


def test_the_home_cards_are_the_first_differences_and_only_those_are_made(real_index) -> None:  # type: ignore[no-untyped-def]
    d = differences(real_index)
    view = HomeView(real_index, "index.md")
    cards = view.cards()
    assert len(cards) == min(6, len(d)) and 'href="differences.md#figures-children-taken"' in cards[0]
    assert view.cards(most=2) == cards[:2]
    # Beyond what is shown nothing is compared: a third card would fail to be made, and is not asked for.
    view._version = None  # type: ignore[assignment,method-assign]
    assert len(view.cards(most=1)) == 1


@pytest.mark.parametrize(
    ("a", "b", "marked_a", "marked_b"),
    [
        ("And she said, 'Oh really? Another city", "And she says, ‘Oh really, another city", ["said", "? Another"], ["says", ", another"]),
        ("very productive", "very productive", [], []),
    ],
)
def test_the_words_two_quotes_do_not_share_are_marked(a: str, b: str, marked_a: list[str], marked_b: list[str]) -> None:
    # Typographic and straight marks are the same character under the normalisation rule.
    pieces_a, pieces_b = word_diff((a, b))
    assert pieces_a is not None and pieces_b is not None
    assert "".join(p for p, _ in pieces_a) == a and "".join(p for p, _ in pieces_b) == b
    assert [p for p, flag in pieces_a if flag] == marked_a
    assert [p for p, flag in pieces_b if flag] == marked_b


def test_json_ld_is_schema_org_and_cannot_close_its_script(real_index) -> None:  # type: ignore[no-untyped-def]
    claim = json_ld(real_index, real_index.record("warrant-outrageous-and-unacceptable"))
    assert claim["@type"] == "Claim" and claim["author"] and claim["appearance"]
    assert all(q["@type"] == "Quotation" and q["text"] for q in claim["citation"])
    person = json_ld(real_index, real_index.record("dmitry-peskov"))
    assert person["@type"] == "Person" and "Peskov" in person["alternateName"]
    assert json_ld(real_index, real_index.record("kremlin"))["@type"] == "Organization"
    text = script_json({"x": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!-- & -->"}


def test_every_record_has_tags(real_index) -> None:  # type: ignore[no-untyped-def]
    for rec in real_index.base.records.values():
        found = tags(real_index, rec)
        assert found and found[0] == rec.KIND


def test_the_editors_publication_date_is_used_and_marked_as_theirs(mini: Path) -> None:
    path = mini / "facts/sources/mini-report.yaml"
    editor = "the Daily Planet's page, seen 2025-08-21"
    path.write_text(path.read_text() + f"published:\n  date: '2025-08-20'\n  from_editor: \"{editor}\"\n")
    index, problems = check(paths_for(mini))
    assert problems == []
    found = entries(index)
    # "on Monday" in an article of Wednesday 20 August, a date the text does not print: said so.
    monday = next(e for e in found if e.wording == "on Monday")
    assert (monday.date, monday.how) == ("2025-08-18", "resolved against the editor's publication date 2025-08-20")
    published = next(e for e in found if e.record == "mini-report")
    assert (published.date, published.how, published.from_editor) == ("2025-08-20", "from the editor", editor)
    source = json.loads(facts_json(index))["sources"][0]
    assert (source["published"], source["evidence"], source["from_editor"]) == (
        "2025-08-20",
        {"publisher": "the Daily Planet reported"},
        {"published": editor},
    )
    row = next(csv.DictReader(io.StringIO(csv_files(index)["sources.csv"].decode())))
    assert (row["published"], row["from_editor"]) == ("2025-08-20", f"published: {editor}")


def test_csv_per_kind_with_formula_cells_defused(mini: Path) -> None:
    write_record(
        mini,
        "people/formula.yaml",
        "id: formula\nname: '=HYPERLINK(\"https://evil.example\")'\ndescription: '@SUM(A1)'\n"
        "citations: [{source: mini-report, quote: Bob Sample}]\n",
    )
    index, problems = check(paths_for(mini))
    assert problems == []
    files = csv_files(index)
    assert sorted(files) == ["claims.csv", "institutions.csv", "numbers.csv", "people.csv", "sources.csv"]
    rows = list(csv.reader(io.StringIO(files["people.csv"].decode())))
    assert rows[0] == ["id", "name", "aliases", "category", "description", "sources", "page"]
    formula = next(r for r in rows if r[0] == "formula")
    assert formula[1] == '\'=HYPERLINK("https://evil.example")' and formula[4] == "'@SUM(A1)"


def test_ranges_and_bounds_travel_as_numbers(tmp_path: Path) -> None:
    index, problems = check(paths_for(mini_with_figures(tmp_path / "figures")))
    assert problems == []
    # numbers.csv: low and high columns beside value, as plain numbers.
    rows = list(csv.DictReader(io.StringIO(csv_files(index)["numbers.csv"].decode())))
    shown = {r["id"]: (r["qualifier"], r["value"], r["low"], r["high"]) for r in rows}
    assert shown["meeting-one-to-three-hours"] == ("between", "", "1", "3")
    assert shown["meeting-more-than-hours"] == ("more than", "", "2.5", "")
    assert shown["meeting-up-to-four-hours"] == ("up to", "", "", "4")
    assert shown["meeting-one-hour"] == ("", "1", "", "")
    # facts.json: numbers, like value.
    numbers = {n["id"]: n for n in json.loads(facts_json(index))["numbers"]}
    assert [numbers["meeting-one-to-three-hours"][k] for k in ("value", "low", "high")] == [None, 1, 3]
    assert [numbers["meeting-more-than-hours"][k] for k in ("value", "low", "high")] == [None, 2.5, None]
    # JSON-LD: schema.org's minValue and maxValue; the qualifier keeps the article's words.
    ranged = json_ld(index, index.record("meeting-one-to-three-hours"))
    assert ranged["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "hours",
        "description": "How long the meeting lasted",
        "minValue": 1,
        "maxValue": 3,
    }
    bound = json_ld(index, index.record("meeting-more-than-hours"))
    assert bound["value"]["minValue"] == 2.5 and "maxValue" not in bound["value"] and "value" not in bound["value"]
    assert bound["measurementQualifier"] == "more than"
    assert json_ld(index, index.record("meeting-up-to-four-hours"))["value"]["maxValue"] == 4


def test_excerpt_only_source_shows_only_cited_passages(mini: Path) -> None:
    path = mini / "facts/sources/mini-report.yaml"
    path.write_text(path.read_text() + "licence: excerpt-only\nurl: https://example.org/report\n")
    site = build(paths_for(mini), History(False, why_not="test"))
    page = next(p for p in site.pages if p.path == "sources/mini-report.md").markdown
    assert "Excerpts only" in page and "https://example.org/report" in page
    assert "Photo: Alice Example" not in page  # furniture and uncited text are left out
    assert 'id="q-' in page and "fs-excerpt" in page
    assert "#:~:text=" in page


def test_text_fragment_links_use_the_articles_own_words(mini: Path) -> None:
    path = mini / "facts/sources/mini-report.yaml"
    path.write_text(path.read_text() + "url: https://example.org/report#top\n")
    site = build(paths_for(mini), History(False, why_not="test"))
    page = next(p for p in site.pages if p.path == "claims/meeting-lasted-two-hours.md").markdown
    # The article prints typographic quotes; the fragment carries them, and '-' ',' '&' are encoded.
    assert (
        "https://example.org/report#:~:text=Alice%20said%20the%20meeting%20lasted%20%E2%80%9Cnearly%20two%20hours%E2%80%9D."
        in page
    )


def test_history_from_a_git_repository(mini: Path) -> None:
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "First facts")
    path = mini / "facts/numbers/meeting-one-hour.yaml"
    path.write_text(path.read_text().replace("label: ", "label: Corrected "))
    git(mini, "commit", "-qam", "Correct a label", "--trailer", "Correction: The label was wrong.")
    history = read_history(paths_for(mini))
    assert history.available
    assert [c.corrections for c in history.changes] == [("The label was wrong.",), ()]
    assert history.last["facts/numbers/meeting-one-hour.yaml"].corrections == ("The label was wrong.",)
    assert history.last["facts/people/bob-sample.yaml"].corrections == ()
    site = build(paths_for(mini))
    page = next(p for p in site.pages if p.path == "numbers/meeting-one-hour.md").markdown
    assert "Updated " in page and "The label was wrong\\." in page and "Correct a label" not in page
    # Read again with nothing committed since: the same history, without reading the log.
    assert read_history(paths_for(mini), history) is history
    path.write_text(path.read_text().replace("label: ", "label: Again "))
    git(mini, "commit", "-qam", "Correct it again")
    again = read_history(paths_for(mini), history)
    assert again.changes[0].corrections == () and again.head != history.head
    # The plain update is the last change; the correction before it is still on record.
    assert [c.corrections for c in again.corrected["facts/numbers/meeting-one-hour.yaml"]] == [("The label was wrong.",)]


def test_correction_trailers_as_git_reads_them(mini: Path) -> None:
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    message = (
        "Correction: a subject is not a trailer\n\nA body that says Correction: in passing.\n\n"
        "Correction: The meeting lasted one hour,\n  not two (a folded line).\n"
        "Signed-off-by: Ed <ed@example.org>\ncorrection: A second note, its key in lower case.\nCorrection:\n"
    )
    git(mini, "commit", "-qm", message)
    (change,) = read_history(paths_for(mini)).changes
    assert change.corrections == (
        "The meeting lasted one hour, not two (a folded line).",
        "A second note, its key in lower case.",
    )


def test_no_history_outside_git(mini: Path) -> None:
    history = read_history(paths_for(mini))
    assert not history.available and history.why_not == "the site was not built from a git checkout"


def test_a_commit_message_cannot_forge_a_change_or_stop_the_history(mini: Path) -> None:
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    # The separators the old reader split on, in a subject and in a trailer: a fake commit dated 2031.
    forged = "Fix\x1e2031-01-01\x1fRetracted: no letter\x1e"
    git(mini, "commit", "-qm", forged, "-m", f"Correction: {forged}\nCorrection: \x1f")
    path = mini / "facts/numbers/meeting-one-hour.yaml"
    path.write_text(path.read_text().replace("label: ", "label: Corrected "))
    git(mini, "commit", "-qam", "Correct a label\x1f", "-m", "Correction: A")
    history = read_history(paths_for(mini))
    assert history.available
    assert [(c.date[:2], c.corrections) for c in history.changes] == [
        ("20", ("A",)),
        # Python counts \x1e and \x1f as white space: a note's runs of it become one space,
        # and a note of nothing else is no note.
        ("20", ("Fix 2031-01-01 Retracted: no letter",)),
    ]
    assert all(c.date != "2031-01-01" for c in history.changes)
    assert len(history.changes[1].files) == 10


@pytest.mark.parametrize(
    ("log", "why"),
    [
        ("not-a-hash\x002025-01-01\0\0", "not a commit hash: 'not-a-hash'"),
        (f"{'a' * 40}\0yesterday\0Correction text\0", "not a date: 'yesterday'"),
        (f"{'a' * 40}\x002025-01-01\0", "a commit is cut short"),
        # A merge's file with the versions of one parent, and a file without its path.
        (f"{'a' * 40}\x002025-01-01\0\0\0::100644 100644 {'b' * 40} {'c' * 40} MM\0p\0", "a file of aaaaaaa has 2 versions for 2 parent(s)"),
        (f"{'a' * 40}\x002025-01-01\0\0\n:000000 100644 {'0' * 40} {'c' * 40} A\0", "no path after a file of aaaaaaa"),
        # A rename, which this reader never asks for: not taken for a file, nor for a commit.
        (f"{'a' * 40}\x002025-01-01\0\0\n:100644 100644 {'b' * 40} {'c' * 40} R100\0p\0q\0", "not a commit hash: " + repr(f":100644 100644 {'b' * 40} {'c' * 40} R100"[:80])),
    ],
)
def test_a_log_this_reader_does_not_understand_is_an_error_not_a_guess(log: str, why: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(why)}$"):
        parse_log(log)


def test_relative_wording_before_the_calendar_stays_undated() -> None:
    for text in ("on Friday", "last year", "in March"):
        r = resolve(text, "0001-01-01")
        assert (r.date, r.how) == (None, "relative wording; counted back from 0001-01-01 it falls before year 1")


def test_diagram_labels_wrap_at_words_onto_two_lines() -> None:
    claim = "Trump and Putin met for nearly three hours at a U.S. military base in Anchorage, Alaska."
    # 200 units at 10 per em and 0.56 em a character: 35 characters a line.
    assert wrap(claim, 200, 10) == ["Trump and Putin met for nearly", "three hours at a U.S. military…"]
    assert wrap("Vladimir Putin", 200, 10) == ["Vladimir Putin"]
    assert wrap(claim, 200, 10, lines=1) == ["Trump and Putin met for nearly…"]
    # A word longer than a line is split rather than left to run out of the diagram.
    assert wrap("x" * 50, 200, 10) == ["x" * 34 + "-", "x" * 16]
