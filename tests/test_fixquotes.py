"""fix-quotes: after an article is corrected, repair the quotes whose fix is unambiguous."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.site.build import check
from generator.tools.fixquotes import rewrite

from .conftest import paths_for
from .scripted_history import git

BOB = "facts/people/bob-sample.yaml"
CLAIM = "facts/claims/meeting-lasted-one-hour.yaml"
NUMBER = "facts/numbers/meeting-one-hour.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def corrected(mini: Path) -> Path:
    """The article once read "Bob siad"; the records copied the typo; now the article is fixed."""
    for rel in ("seeds/mini.txt", BOB, CLAIM):
        edit(mini / rel, "Bob said it", "Bob siad it")
    assert check(paths_for(mini))[1] == []
    edit(mini / "seeds/mini.txt", "Bob siad it", "Bob said it")
    return mini


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_names_the_suggestion(corrected: Path) -> None:
    _, problems = check(paths_for(corrected))
    assert [p.format() for p in problems] == [
        "facts/claims/meeting-lasted-one-hour.yaml:12:16: error: [accounts[0].quotes[0].quote] quote not found "
        "verbatim in source 'mini-report'; the closest passage (paragraph 2, 96% alike as a whole) has 1 difference: "
        '"Bob s[ia]d it" where the article has "Bob s[ai]d it"; make fix-quotes will use it',
        "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote not found verbatim in source "
        "'mini-report'; the closest passage (paragraph 2, 96% alike as a whole) has 1 difference: "
        '"Bob s[ia]d it" where the article has "Bob s[ai]d it"; make fix-quotes will use it',
    ]


def test_fix_quotes_applies_unambiguous_fixes_and_changes_nothing_else(
    corrected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {rel: (corrected / rel).read_text(encoding="utf-8") for rel in (BOB, CLAIM, NUMBER)}
    code, out, err = run(capsys, "--root", str(corrected), "fix-quotes")
    assert code == 0
    assert out.splitlines() == [
        "facts/claims/meeting-lasted-one-hour.yaml:12:16: replaced [accounts[0].quotes[0].quote] "
        '"Bob siad it lasted one hour." with "Bob said it lasted one hour." '
        '(96% alike as a whole; 1 difference: "Bob s[ia]d it" where the article has "Bob s[ai]d it")',
        "facts/people/bob-sample.yaml:7:12: replaced [citations[0].quote] "
        '"Bob siad it lasted one hour." with "Bob said it lasted one hour." '
        '(96% alike as a whole; 1 difference: "Bob s[ia]d it" where the article has "Bob s[ai]d it")',
    ]
    assert err == "2 quotes fixed, 0 left\n"
    assert check(paths_for(corrected))[1] == []
    for rel in (BOB, CLAIM):
        after = (corrected / rel).read_text(encoding="utf-8")
        changed = [(a, b) for a, b in zip(before[rel].splitlines(), after.splitlines(), strict=True) if a != b]
        assert len(changed) == 1
        assert changed[0][1].endswith('quote: "Bob said it lasted one hour."')
    assert (corrected / NUMBER).read_text(encoding="utf-8") == before[NUMBER]
    assert not list(corrected.rglob(".*.fix-quotes"))


def test_fix_quotes_lists_what_it_cannot_decide(corrected: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(corrected / NUMBER, "quote: it lasted one hour", "quote: it lasted two hours")
    dry = run(capsys, "--root", str(corrected), "fix-quotes", "--dry-run")
    assert dry[0] == 1
    assert dry[1].splitlines()[2] == (
        "facts/numbers/meeting-one-hour.yaml:11:12: left [citations[0].quote] not in source 'mini-report': "
        "the closest passage is only 84% alike as a whole (fix-quotes needs 95%); edit it by hand"
    )
    assert dry[2] == "2 quotes to fix, 1 left\n"
    problems = [p.format() for p in check(paths_for(corrected))[1]]
    assert (  # a dry run writes nothing; and check gives the same figure as fix-quotes
        "facts/numbers/meeting-one-hour.yaml:11:12: error: [citations[0].quote] quote not found verbatim in source "
        "'mini-report'; the closest passage (paragraph 2, 84% alike as a whole) has 2 differences: "
        '"lasted [two] hours" where the article has "lasted [one] hour."; "two hour[s]" where the article has "one hour[.]"'
    ) in problems
    code, _out, err = run(capsys, "--root", str(corrected), "fix-quotes")
    assert code == 1 and err == "2 quotes fixed, 1 left\n"
    # Left for the editor, with the value that the quote, as they rewrote it, no longer gives.
    assert [p.field for p in check(paths_for(corrected))[1]] == ["value", "citations[0].quote"]


def test_fix_quotes_never_extends_a_quote(corrected: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The quote stops short of the sentence's full stop: the repair must not add it unsaid.
    for rel in (BOB, CLAIM):
        edit(corrected / rel, "Bob siad it lasted one hour.", "Bob siad it lasted one hour")
    code, out, _ = run(capsys, "--root", str(corrected), "fix-quotes")
    assert code == 0
    assert out.splitlines()[1] == (
        'facts/people/bob-sample.yaml:7:12: replaced [citations[0].quote] "Bob siad it lasted one hour" with '
        '"Bob said it lasted one hour" (96% alike as a whole; 1 difference: "Bob s[ia]d it" where the article has '
        '"Bob s[ai]d it")'
    )
    assert 'quote: "Bob said it lasted one hour"\n' in (corrected / BOB).read_text(encoding="utf-8")


def test_fix_quotes_keeps_the_typed_characters_the_rule_forgives(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A hyphen typed for the article's en dash is replaced; the straight apostrophe, the same to the rule, is kept.
    (mini / "seeds/mini.txt").write_text((mini / "seeds/mini.txt").read_text() + "\nPutin’s three–year war goes on.\n")
    edit(mini / BOB, "quote: Bob said it lasted one hour.", "quote: Putin's three-year war goes on")
    code, out, _ = run(capsys, "--root", str(mini), "fix-quotes")
    assert code == 0
    assert out == (
        'facts/people/bob-sample.yaml:7:12: replaced [citations[0].quote] "Putin\'s three-year war goes on" with '
        '"Putin\'s three–year war goes on" (96% alike as a whole; 1 difference: "Putin\'s three[-]year war" where '
        'the article has "Putin’s three[–]year war" (- is U+002D HYPHEN-MINUS, – is U+2013 EN DASH))\n'
    )
    assert check(paths_for(mini))[1] == []


def test_repeated_passage_is_left_to_the_editor(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The sentence appears twice in the article (once as a repeated line), so which one is meant is a choice.
    path = mini / "facts/claims/meeting-lasted-two-hours.yaml"
    edit(path, 'lasted "nearly two hours".', 'lasted "nearly two hour".')
    code, out, _err = run(capsys, "--root", str(mini), "fix-quotes")
    assert code == 1
    assert out.endswith("the closest passage occurs 2 times; edit it by hand\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("q: old  # note\nn: 1\n", 'q: "new \\"x\\""  # note\nn: 1\n'),
        ("l: [{q: 'old', o: 1}]\n", 'l: [{q: "new \\"x\\"", o: 1}]\n'),
        ("q: >\n  old\n  text\n\nn: 1\n", 'q: "new \\"x\\""\n\nn: 1\n'),
        ("l:\n  - q: |-\n      old\n    o: 2\n", 'l:\n  - q: "new \\"x\\""\n    o: 2\n'),
    ],
)
def test_rewrite_keeps_everything_but_the_value(text: str, expected: str) -> None:
    path = ("l", 0, "q") if text.startswith("l:") else ("q",)
    assert rewrite(text, [(path, 'new "x"')]) == expected


def test_rewrite_refuses_a_path_that_is_not_a_value() -> None:
    assert rewrite("q: [a]\n", [(("q",), "x")]) is None
    assert rewrite("q: a\n", [(("r",), "x")]) is None


def test_a_reworded_passage_is_found_between_the_words_around_it(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The correction rewords the quoted sentence past what the closest passage can vouch for;
    # the words before and after it in the committed article still say where it is.
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "First facts")
    edit(mini / "seeds/mini.txt", "Bob said it lasted one hour.", "Bob insisted the talks took one hour.")
    code, out, err = run(capsys, "--root", str(mini), "fix-quotes")
    told = ' (70% alike as a whole; 1 difference: "Bob [said it lasted] one" where the article has "Bob [insisted the talks took] one")'
    assert out.splitlines()[:2] == [
        'facts/claims/meeting-lasted-one-hour.yaml:12:16: replaced [accounts[0].quotes[0].quote] "Bob said it lasted '
        'one hour." with "Bob insisted the talks took one hour."' + told,
        'facts/people/bob-sample.yaml:7:12: replaced [citations[0].quote] "Bob said it lasted one hour." with '
        '"Bob insisted the talks took one hour."' + told,
    ]
    # The figure quoted part of the sentence, and the words before that part were reworded too: an editor's call.
    assert (code, err) == (1, "2 quotes fixed, 1 left\n")
    # Committed, the correction is still undone from the commit before it.
    for rel in (BOB, CLAIM):
        edit(mini / rel, "Bob insisted the talks took one hour.", "Bob said it lasted one hour.")
    git(mini, "commit", "-qam", "Correct the article")
    assert run(capsys, "--root", str(mini), "fix-quotes")[2] == "2 quotes fixed, 1 left\n"
    assert {p.loc.file for p in check(paths_for(mini))[1]} == {NUMBER}
