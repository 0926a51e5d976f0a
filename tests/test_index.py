from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.core import index as index_module
from generator.core.index import _Cover, _overlaps, anchor_for
from generator.core.load import load
from generator.core.text import SourceText, Span
from generator.exports.export import export
from generator.pages.render import render_record
from generator.site.build import check

from .conftest import mini_with_figures, paths_for, write, write_record


def problems(root: Path) -> list[str]:
    _, found = check(paths_for(root))
    return [p.format() for p in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (old, path)
    path.write_text(text.replace(old, new))


def test_fixture_is_clean(mini: Path) -> None:
    assert problems(mini) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "people/bob-sample.yaml",
            "quote: Bob said it lasted one hour.",
            "quote: Bob said it lasted two hours.",
            "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote not found verbatim in source "
            "'mini-report'; the closest passage (paragraph 2, 91% alike as a whole) has 2 differences: "
            '"lasted [two] hours." where the article has "lasted [one] hour."; '
            '"two hour[s]." where the article has "one hour[]."',
        ),
        (
            "numbers/meeting-nearly-two-hours.yaml",
            "    occurrence: 1\n",
            "",
            "facts/numbers/meeting-nearly-two-hours.yaml:12:12: error: [citations[0].quote] quote occurs 2 times "
            "outside page furniture in source 'mini-report' (paragraphs 2, 4); add 'occurrence: N' to say which one is meant",
        ),
        (
            "numbers/meeting-nearly-two-hours.yaml",
            "occurrence: 1",
            "occurrence: 3",
            "facts/numbers/meeting-nearly-two-hours.yaml:13:17: error: [citations[0].occurrence] occurrence 3 is out "
            "of range: the quote occurs 2 times outside page furniture in source 'mini-report'",
        ),
        (
            "people/alice-example.yaml",
            "quote: Alice Example\n",
            'quote: "Photo: Alice Example"\n',
            "facts/people/alice-example.yaml:14:12: error: [citations[0].quote] quote lies in page furniture "
            "(photo-caption) of source 'mini-report', which is not evidence; cite the article's own text",
        ),
        (
            "people/bob-sample.yaml",
            "quote: Bob said it lasted one hour.",
            "quote: one hour. Photo",
            "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote runs across paragraphs; "
            "cite a passage within one paragraph",
        ),
        (
            "people/alice-example.yaml",
            "to: bob-sample",
            "to: bob-sampel",
            "facts/people/alice-example.yaml:8:9: error: [relations[0].to] no person or institution has the id "
            "'bob-sampel' (did you mean 'bob-sample'?)",
        ),
        (
            "people/alice-example.yaml",
            "to: bob-sample",
            "to: meeting-length",
            "facts/people/alice-example.yaml:8:9: error: [relations[0].to] 'meeting-length' is a measure, "
            "but a person or institution is expected here",
        ),
        (
            "people/alice-example.yaml",
            "to: bob-sample",
            "to: alice-example",
            "facts/people/alice-example.yaml:8:9: error: [relations[0].to] a record cannot refer to itself",
        ),
        (
            "claims/meeting-lasted-one-hour.yaml",
            "counter_claims: [meeting-lasted-two-hours]\n",
            "",
            "facts/claims/meeting-lasted-one-hour.yaml:4:9: error: [status] a disputed claim needs at least one "
            "entry in counter_claims: make the claim that contradicts it a claim record of its own "
            '(.venv/bin/python -m generator new claim "its statement") and list its id here, as '
            "counter_claims: [its-id]; or, if nothing in the sources contradicts it, use status: reported",
        ),
        (
            "claims/meeting-lasted-two-hours.yaml",
            "text: on Monday",
            "text: on Tuesday",
            "facts/claims/meeting-lasted-two-hours.yaml:12:13: error: [accounts[0].when.text] 'on Tuesday' does "
            "not appear in source 'mini-report'; keep the article's own wording",
        ),
        (
            "numbers/meeting-one-hour.yaml",
            'value: "1"\n',
            "",
            "facts/numbers/meeting-one-hour.yaml:2:1: error: [value] give the figure: a value, a range (low and high) "
            "or a bound (low or high), with the article's qualifier; or a qualifier alone, such as 'thousands'",
        ),
        (
            "sources/mini-report.yaml",
            "file: seeds/mini.txt",
            "file: ../secrets.txt",
            "facts/sources/mini-report.yaml:3:7: error: [file] '../secrets.txt' must be a relative path inside seeds/",
        ),
        (
            "sources/mini-report.yaml",
            "file: seeds/mini.txt",
            "file: docs/index.md",
            "facts/sources/mini-report.yaml:3:7: error: [file] 'docs/index.md' is outside seeds/; article texts live there",
        ),
        (
            "sources/mini-report.yaml",
            "quote: the Daily Planet reported",
            "quote: the Daily Bugle reported",
            "facts/sources/mini-report.yaml:7:10: error: [publisher.quote] quote not found verbatim in source "
            "'mini-report'; the closest passage (paragraph 1, 85% alike as a whole) has 1 difference: "
            '"Daily [Bugle] reported" where the article has "Daily [Planet] reported"',
        ),
    ],
)
def test_cross_record_problems(mini: Path, file: str, old: str, new: str, expected: str) -> None:
    edit(mini / "facts" / file, old, new)
    assert problems(mini) == [expected]


# The article prints a typographic apostrophe and an en dash, as newspapers do.
WAR = "Putin’s three–year war goes on, Alice said."
BOB_QUOTE = (
    "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote not found verbatim in source 'mini-report'"
)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "Putin's three-year war goes on",  # a hyphen for the en dash; the straight apostrophe is the rule's
            f"{BOB_QUOTE}; the closest passage (paragraph 5, 96% alike as a whole) has 1 difference: "
            '"Putin\'s three[-]year war" where the article has "Putin’s three[–]year war" '
            "(- is U+002D HYPHEN-MINUS, – is U+2013 EN DASH); make fix-quotes will use it",
        ),
        (
            "Putin\u02bcs three–year war goes on",  # a letter apostrophe, which the rule does not forgive
            f"{BOB_QUOTE}; the closest passage (paragraph 5, 96% alike as a whole) has 1 difference: "
            '"Putin[ʼ]s three–year" where the article has "Putin[’]s three–year" '
            "(ʼ is U+02BC MODIFIER LETTER APOSTROPHE, ’ is U+2019 RIGHT SINGLE QUOTATION MARK); "
            "make fix-quotes will use it",
        ),
        (
            "Putin`s three-year war goes on",  # a backtick, and a hyphen: two differences
            f"{BOB_QUOTE}; the closest passage (paragraph 5, 93% alike as a whole) has 2 differences: "
            '"Putin[`]s three-year" where the article has "Putin[’]s three–year" '
            "(` is U+0060 GRAVE ACCENT, ’ is U+2019 RIGHT SINGLE QUOTATION MARK); "
            '"Putin`s three[-]year war" where the article has "Putin’s three[–]year war" '
            "(- is U+002D HYPHEN-MINUS, – is U+2013 EN DASH)",
        ),
        ("Putin's three–year war goes on", None),  # ' and ’ are one character to the rule
    ],
)
def test_a_quote_that_differs_is_shown_where(mini: Path, quote: str, expected: str | None) -> None:
    (mini / "seeds/mini.txt").write_text((mini / "seeds/mini.txt").read_text() + f"\n{WAR}\n")
    edit(mini / "facts/people/bob-sample.yaml", "quote: Bob said it lasted one hour.", f'quote: "{quote}"')
    assert problems(mini) == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "meeting-one-to-three-hours.yaml",
            'low: "1"\nhigh: "3"',
            'low: "3"\nhigh: "1"',
            "facts/numbers/meeting-one-to-three-hours.yaml:5:7: error: [high] low 3 is above high 1: "
            "low is the range's lower end; swap them",
        ),
        (
            "meeting-one-to-three-hours.yaml",
            'high: "3"',
            'high: "1"',
            "facts/numbers/meeting-one-to-three-hours.yaml:5:7: error: [high] low and high are both 1: "
            "one number is a value; write value: 1 instead",
        ),
        (
            "meeting-one-to-three-hours.yaml",
            'high: "3"',
            'high: "4"',
            "facts/numbers/meeting-one-to-three-hours.yaml:5:7: error: [high] high 4 is not in the quoted passage: "
            'it gives 1 ("one"), 3 ("three"); correct high, or cite the passage that gives it',
        ),
        (
            "meeting-more-than-hours.yaml",
            'low: "2.5"',
            'low: "3.5"',
            "facts/numbers/meeting-more-than-hours.yaml:4:6: error: [low] low 3.5 is not in the quoted passage: "
            'it gives 2.5 ("2.5"); correct low, or cite the passage that gives it',
        ),
        (
            "meeting-more-than-hours.yaml",
            'low: "2.5"',
            'value: "2.5"\nlow: "2.5"',
            "facts/numbers/meeting-more-than-hours.yaml:4:8: error: [value] value and low together: a figure is one "
            "number (value), a range (low and high) or a bound (low or high alone); keep the one the article gives "
            "and leave out the other",
        ),
        (
            "meeting-more-than-hours.yaml",
            'low: "2.5"',
            'value: "2.5"',
            "facts/numbers/meeting-more-than-hours.yaml:4:8: error: [value] qualifier 'more than' makes 2.5 a lower "
            "bound: write low: 2.5 instead of value: 2.5 (the qualifier stays, in the article's words)",
        ),
        (
            "meeting-up-to-four-hours.yaml",
            'high: "4"',
            'value: "4"',
            "facts/numbers/meeting-up-to-four-hours.yaml:4:8: error: [value] qualifier 'up to' makes 4 an upper "
            "bound: write high: 4 instead of value: 4 (the qualifier stays, in the article's words)",
        ),
        (
            "meeting-up-to-four-hours.yaml",
            'high: "4"',
            'low: "4"',
            "facts/numbers/meeting-up-to-four-hours.yaml:4:6: error: [low] qualifier 'up to' makes 4 an upper "
            "bound: write high: 4 instead of low: 4 (the qualifier stays, in the article's words)",
        ),
        (
            "meeting-more-than-hours.yaml",
            "qualifier: more than\n",
            "",
            "facts/numbers/meeting-more-than-hours.yaml:4:6: error: [low] low 2.5 alone is a lower bound: keep the "
            "article's words in qualifier ('over', 'at least', …); they say whether 2.5 itself is counted",
        ),
        (
            "meeting-up-to-four-hours.yaml",
            "qualifier: up to\n",
            "",
            "facts/numbers/meeting-up-to-four-hours.yaml:4:7: error: [high] high 4 alone is an upper bound: keep the "
            "article's words in qualifier ('up to', 'fewer than', …); they say whether 4 itself is counted",
        ),
    ],
)
def test_a_figure_is_a_value_a_range_or_a_bound_as_its_passage_gives_it(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    root = mini_with_figures(tmp_path / "figures")
    assert problems(root) == []
    edit(root / "facts" / "numbers" / file, old, new)
    assert problems(root) == [expected]


def test_id_must_match_file_name(mini: Path) -> None:
    edit(mini / "facts/people/bob-sample.yaml", "id: bob-sample", "id: robert-sample")
    assert (
        "facts/people/bob-sample.yaml:2:5: error: [id] id 'robert-sample' does not match the file "
        "name 'bob-sample.yaml'; name the file robert-sample.yaml"
    ) in problems(mini)


def test_ids_are_unique_across_kinds(mini: Path) -> None:
    write_record(
        mini,
        "institutions/bob-sample.yaml",
        "id: bob-sample\nname: B\ncategory: other\ndescription: D\ncitations: [{source: mini-report, quote: Bob}]\n",
    )
    assert (
        "facts/people/bob-sample.yaml:2:5: error: [id] id 'bob-sample' is already used by "
        "facts/institutions/bob-sample.yaml" in problems(mini)
    )


def test_misplaced_files_and_symlinks(mini: Path) -> None:
    write(mini / "facts/notes.yaml", "a: 1\n")
    write(mini / "facts/people/x.yml", "a: 1\n")
    (mini / "facts/people/link.yaml").symlink_to(mini / "facts/people/bob-sample.yaml")
    found = problems(mini)
    assert (
        "facts/notes.yaml:1:1: error: record files belong directly in one of: facts/sources/, facts/people/, "
        "facts/institutions/, facts/claims/, facts/numbers/, facts/measures/" in found
    )
    assert "facts/people/x.yml:1:1: error: record files end in .yaml, not .yml" in found
    assert "facts/people/link.yaml:1:1: error: symbolic links are not allowed here; copy the file in" in found


def test_all_problems_reported_in_one_run(mini: Path) -> None:
    edit(mini / "facts/people/bob-sample.yaml", "one hour", "ten hours")
    edit(mini / "facts/people/alice-example.yaml", "to: bob-sample", "to: nobody")
    write_record(mini, "claims/broken.yaml", "id: broken\nid: again\n")
    assert len(problems(mini)) == 3


def test_a_record_file_that_does_not_parse_is_not_also_reported_missing(mini: Path) -> None:
    # Bob's file is broken mid-edit; Alice's relation to him and the figure he states are right,
    # and telling the editor "no person has the id 'bob-sample'" would send them the wrong way.
    edit(mini / "facts/people/bob-sample.yaml", "name: Bob Sample", "name: [Bob Sample")
    found = problems(mini)
    assert [p for p in found if "bob-sample" in p and "has the id" in p] == []
    assert len(found) == 1 and found[0].startswith("facts/people/bob-sample.yaml:"), found
    # A reference to a file of another kind is still wrong, whatever state that file is in.
    edit(mini / "facts/people/alice-example.yaml", "to: bob-sample", "to: meeting-length")
    edit(mini / "facts/measures/meeting-length.yaml", "id: meeting-length", "id: [meeting-length")
    assert (
        "facts/people/alice-example.yaml:8:9: error: [relations[0].to] 'meeting-length' is a measure, "
        "but a person or institution is expected here"
    ) in problems(mini)


def test_backlinks_and_passages(mini: Path) -> None:
    index, found = check(paths_for(mini))
    assert found == []
    roles = {(lk.source, lk.role) for lk in index.links_to["alice-example"]}
    assert roles == {
        ("meeting-lasted-two-hours", "claimed by"),
        ("meeting-lasted-two-hours", "is about"),
        ("meeting-nearly-two-hours", "stated by"),
    }
    assert [lk.role for lk in index.links_to["bob-sample"]] == ["stated by", "met"]
    # A relation's citation points at its source as a citation, not as the relation.
    assert {lk.role for lk in index.links_to["mini-report"] if lk.source == "alice-example"} == {"source"}
    # The two citations of "it lasted one hour" and "Bob said it lasted one hour." are distinct passages.
    text = index.base.texts["mini-report"]
    shown = [text.display[p.span.start : p.span.end] for p in index.passages["mini-report"]]
    assert "Bob said it lasted one hour." in shown and "it lasted one hour" in shown


def test_anchor_is_stable_and_distinguishes_occurrences() -> None:
    text = SourceText("a b c\n\na b c")
    first, second = (s for s in text.find_all("a b") if s)
    assert anchor_for(text, first) != anchor_for(text, second)
    assert anchor_for(text, second).endswith("-2")
    # The anchor depends on the passage's words, not on where the text around it moved.
    moved = SourceText("new first paragraph\n\na b c")
    (only,) = (s for s in moved.find_all("a b") if s)
    assert anchor_for(moved, only) == anchor_for(text, first)


def test_an_alias_must_be_a_name_the_articles_use(mini: Path) -> None:
    edit(mini / "facts/people/alice-example.yaml", "aliases: [Alice]", "aliases: [Alice, Ally]")
    assert problems(mini) == [
        "facts/people/alice-example.yaml:4:18: error: [aliases[1]] alias 'Ally' does not appear in any source; "
        "list only names the articles use"
    ]


def test_a_quote_in_many_paragraphs_names_the_first_ten(mini: Path) -> None:
    write(
        mini / "seeds/mini.txt",
        "\n\n".join(
            ["Alice Example met Bob Sample in Springfield on Monday, the Daily Planet reported."]
            + ["Bob said it lasted one hour."] * 12
            + [
                "Photo: Alice Example met Bob Sample in Springfield",
                'Alice said the meeting lasted "nearly two hours".',
            ]
            * 2
        ),
    )
    found = [p for p in problems(mini) if "bob-sample.yaml" in p and "occurs" in p]
    assert found == [
        "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote occurs 12 times outside page furniture "
        "in source 'mini-report' (paragraphs 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more); add 'occurrence: N' to say "
        "which one is meant"
    ]


def test_every_occurrence_cited_gets_its_own_anchor(mini: Path) -> None:
    write(
        mini / "seeds/mini.txt", (mini / "seeds/mini.txt").read_text() + "\n" + "\n\n".join(["Carol was there."] * 30)
    )
    cites = "".join(f"  - {{source: mini-report, quote: Carol was there., occurrence: {k}}}\n" for k in range(1, 31))
    write_record(mini, "people/carol.yaml", f"id: carol\nname: Carol\ndescription: D\ncitations:\n{cites}")
    index, found = check(paths_for(mini))
    assert found == []
    anchors = [c.anchor for c in index.cites["carol"]]
    assert anchors[0] + "-30" == anchors[-1] and len(set(anchors)) == 30
    text = index.base.texts["mini-report"]
    assert anchors == [anchor_for(text, c.span) for c in index.cites["carol"]]


def test_cover_answers_as_a_scan_of_every_span() -> None:
    rng = random.Random(3)
    for _ in range(500):
        spans = [
            Span(s, s + rng.randrange(1, 8), 1) for s in (rng.randrange(0, 40) for _ in range(rng.randrange(0, 6)))
        ]
        cover = _Cover(spans)
        for s in range(0, 45):
            probe = Span(s, s + rng.randrange(1, 5), 1)
            assert cover.overlaps(probe) == any(_overlaps(probe, f) for f in spans), (spans, probe)


def test_occurrences_kept_for_a_build_are_bounded(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "_FOUND_HELD", 3)
    base, _ = load(paths_for(mini))
    b = index_module._Builder(base)
    text = base.texts["mini-report"]
    first = b.found("mini-report", text, "Alice said")  # 2 occurrences
    assert b.found("mini-report", text, "  Alice  said ") is first  # the same quote, as normalised
    b.found("mini-report", text, "Bob")  # 3 more: the first is dropped, this one kept
    assert list(b._found) == [("mini-report", "Bob")] and b._held == 3
    b.found("mini-report", text, "Alice Example met Bob Sample")
    assert len(b._found) == 1


def test_pages_show_a_quote_as_the_article_prints_it(mini: Path) -> None:
    # The editor types straight marks; the article prints typographic ones, and so does every page.
    (mini / "seeds/mini.txt").write_text((mini / "seeds/mini.txt").read_text() + f"\n{WAR}\n")
    edit(
        mini / "facts/people/bob-sample.yaml", "quote: Bob said it lasted one hour.", 'quote: "Putin\'s three–year war"'
    )
    edit(mini / "facts/sources/mini-report.yaml", "quote: the Daily Planet reported", "quote: Putin's three")
    index, found = check(paths_for(mini))
    assert found == []
    bob = render_record(index, index.record("bob-sample")).markdown
    assert "[“Putin’s three–year war”](../sources/mini-report.md#" in bob
    assert "Putin's" not in bob
    source = render_record(index, index.record("mini-report")).markdown
    assert "| Publisher | [Daily Planet](../institutions/daily-planet.md) | “Putin’s three” |" in source
    (row,) = [r for r in export(index)["people"] if r["id"] == "bob-sample"]
    assert [(c["quote"], c["printed"]) for c in row["citations"]] == [
        ("Putin's three–year war", "Putin’s three–year war")
    ]
