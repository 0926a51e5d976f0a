"""Contributor tooling: `new` record skeletons and `add-source`."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.errors import path_str
from generator.core.fields import slugify
from generator.core.history import History
from generator.core.load import load_record
from generator.core.model import KINDS
from generator.core.text import SourceText, normalise
from generator.core.yamlsafe import YMap, YScalar, YSeq, load_yaml
from generator.site.build import build, check
from generator.tools.scaffold import article_text, draft_source, propose_furniture, skeleton, source_id

from .conftest import ROOT, paths_for, write_record

SEED_004 = ROOT / "seeds/004_8c4d6f2394bcb0dc.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Dmitry Peskov", "dmitry-peskov"),
        ("Zürich  Court of Appeal", "zurich-court-of-appeal"),
        ("Trump's letter to Putin", "trumps-letter-to-putin"),
        ("“Index”", "index-1"),
        ("Владимир Путин", ""),
        ("word " * 20, "-".join(["word"] * 8)),
        # A number's label or a claim's statement: about five words, not ending on "of".
        ("Children deported to Russia, verified by Ukraine's national police", "children-deported-to-russia-verified"),
        ("The number of Ukrainian children taken to Russia since 2022", "the-number-of-ukrainian-children-taken"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "source"])
def test_every_skeleton_parses_and_asks_only_for_missing_values(kind: str, tmp_path: Path) -> None:
    info = KINDS[kind]
    text = skeleton(kind, info.cls, info.label_field, "x-1", 'A "quoted" <name>', {})
    path = tmp_path / "x-1.yaml"
    path.write_text(text, encoding="utf-8")
    record, origin, problems = load_record(kind, path, "x-1.yaml")
    assert problems, "a skeleton without values must not pass"
    assert {p.message for p in problems} == {"a value is required here"}
    # Kept with its empty fields marked as holes, so that the rest of it is checked in the same run.
    assert record is not None and {path_str(h) for h in origin.holes} == {p.field for p in problems}
    tree, _ = load_yaml("x", text.encode())
    assert isinstance(tree, YMap)
    name = tree.entries[info.label_field].value
    assert isinstance(name, YScalar) and name.value == 'A "quoted" <name>'


def test_new_with_a_citation_writes_a_valid_record(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--root", str(mini), "new", "person", "Carol Third", "--source", "mini-report", "--quote", "Bob Sample"
    )
    assert code == 0
    assert out == "facts/people/carol-third.yaml:5:13: error: [description] a value is required here\n"
    assert err == (
        "wrote facts/people/carol-third.yaml\n"
        "fill in the 1 place(s) above in facts/people/carol-third.yaml, then run: make check\n"
    )
    path = mini / "facts/people/carol-third.yaml"
    path.write_text(path.read_text().replace("description:", 'description: "A third person."  #'))
    assert check(paths_for(mini))[1] == []


def test_new_names_the_occurrence_meant(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys,
        *("--root", str(mini), "new", "claim", "Alice spoke twice", "--id", "twice"),
        *("--source", "mini-report", "--quote", "Alice said the meeting lasted", "--occurrence", "2"),
    )
    assert code == 0
    record = (mini / "facts/claims/twice.yaml").read_text(encoding="utf-8")
    assert "  - source: mini-report\n" in record
    assert '      - quote: "Alice said the meeting lasted"\n        occurrence: 2\n' in record
    assert not [p for p in check(paths_for(mini))[1] if "quote" in (p.field or "") or "occurrence" in (p.field or "")]


def test_new_measure_is_valid_once_described(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(mini), "new", "measure", "Meetings held", "--id", "meetings")
    assert code == 0
    assert out == "facts/measures/meetings.yaml:4:13: error: [description] a value is required here\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["person", "Bob Sample"],
            "error: the id 'bob-sample' is taken by facts/people/bob-sample.yaml; choose another with --id\n",
        ),
        (
            ["person", "Bob", "--id", "bob-sample"],
            "error: the id 'bob-sample' is taken by facts/people/bob-sample.yaml; choose another with --id\n",
        ),
        (["person", "Владимир Путин"], "error: cannot make an id from 'Владимир Путин'; give one with --id\n"),
        (
            ["person", "X", "--id", "Bad_Id"],
            "error: --id: 'Bad_Id' is not a valid id: use lowercase letters a-z, digits and single hyphens\n",
        ),
        (["claim", "X", "--id", "com1"], "error: --id: 'com1' is a reserved name; choose another id\n"),
        # The first citation is checked as the check would check it, before anything is written.
        (
            ["person", "Carol", "--source", "mini-report", "--quote", "Photo: Alice Example met Bob Sample"],
            "error: --quote: quote lies in page furniture (photo-caption) of source 'mini-report', which is not "
            "evidence; cite the article's own text\n",
        ),
        (
            ["person", "Carol", "--source", "mini-report", "--quote", "Bob said it lasted one our."],
            "error: --quote: quote not found verbatim in source 'mini-report'; the closest passage (paragraph 2, "
            '98% alike as a whole) has 1 difference: "one []our." where the article has "one [h]our."\n',
        ),
        (
            ["person", "Carol", "--source", "mini-report", "--quote", "Alice said the meeting lasted"],
            "error: --quote: quote occurs 2 times outside page furniture in source 'mini-report' (paragraphs 2, 4); "
            "give --occurrence N to say which one is meant\n",
        ),
        (
            ["person", "Carol", "--source", "mini-report", "--quote", "Alice said", "--occurrence", "3"],
            "error: --occurrence: occurrence 3 is out of range: the quote occurs 2 times outside page furniture in "
            "source 'mini-report'\n",
        ),
        (
            ["person", "Carol", "--source", "mini-reprt", "--quote", "Alice"],
            "error: --source: no source has the id 'mini-reprt' (did you mean 'mini-report'?)\n",
        ),
        (
            ["person", "Carol", "--source", "alice-example", "--quote", "Alice"],
            "error: --source: 'alice-example' is a person, but a source is expected here\n",
        ),
        (
            ["person", "Carol", "--quote", "Alice"],
            "error: give --source and --quote together: the quote is taken from that source\n",
        ),
        (
            ["person", "Carol", "--source", "mini-report", "--quote", "Alice", "--occurrence", "01"],
            "error: --occurrence '01' is not a whole number from 1 up, written without leading zeros\n",
        ),
        (
            ["measure", "Rain", "--source", "mini-report", "--quote", "Alice"],
            "error: a measure cites no passage; leave out --source and --quote\n",
        ),
    ],
)
def test_new_refuses_and_writes_nothing(
    mini: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = snapshot(mini)
    code, out, err = run(capsys, "--root", str(mini), "new", *args)
    assert (code, out, err) == (2, "", message)
    assert snapshot(mini) == before


def test_new_source_points_to_add_source(mini: Path) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--root", str(mini), "new", "source", "X"])
    assert e.value.code == 2


def furniture_of(path: Path) -> list[tuple[str, str]]:
    tree, _ = load_yaml("s", path.read_bytes())
    assert isinstance(tree, YMap)
    items = tree.entries["furniture"].value
    assert isinstance(items, YSeq)
    out = []
    for item in items.items:
        assert isinstance(item, YMap)
        kind, quote = item.entries["kind"].value, item.entries["quote"].value
        assert isinstance(kind, YScalar) and isinstance(quote, YScalar)
        out.append((kind.value, quote.value))
    return out


@pytest.mark.parametrize("source", ["article-000", "article-004"])
def test_furniture_proposals_match_what_an_editor_marked(source: str) -> None:
    record = ROOT / f"facts/sources/{source}.yaml"
    tree, _ = load_yaml("s", record.read_bytes())
    assert isinstance(tree, YMap)
    file = tree.entries["file"].value
    assert isinstance(file, YScalar)
    text = SourceText((ROOT / file.value).read_text(encoding="utf-8"))
    proposed = [(p.kind, p.quote) for p in propose_furniture(text)]
    assert proposed == [(kind, normalise(quote)) for kind, quote in furniture_of(record)]


def test_proposals_say_precisely_what_they_saw() -> None:
    text = SourceText(
        "It rained, the Daily Planet reported.(REUTERS)\n\nBody one is long enough.\n\nAlso Read: Another story\n\n"
        "Rain in the park (AFP via Getty Images)\n\nBody one is long enough.\n\nPhoto: the park\n"
    )
    assert [(p.kind, p.quote, p.occurrence, p.note) for p in propose_furniture(text)] == [
        # The report's sentence is not furniture: only the credit after it is.
        (
            "photo-caption",
            "(REUTERS)",
            None,
            "paragraph 1: the image credit (REUTERS) at its end, after the report's last sentence",
        ),
        ("also-read", "Also Read: Another story", None, "paragraph 3: starts 'Also Read:', a link to another article"),
        (
            "photo-caption",
            "Rain in the park (AFP via Getty Images)",
            None,
            "paragraph 4: ends in the image credit (AFP via Getty Images), as captions do",
        ),
        ("repeated-line", "Body one is long enough.", 2, "paragraph 5: repeats paragraph 2 word for word"),
        ("photo-caption", "Photo: the park", None, "paragraph 6: starts 'Photo:', as image captions do"),
    ]


def test_a_proposal_names_the_occurrence_in_its_own_paragraph() -> None:
    text = SourceText("Rain fell.\n\nIt rained again (Getty Images).\n\nIt rained.(Getty Images)\n")
    [credit] = [p for p in propose_furniture(text) if p.paragraph == 3]
    assert (credit.quote, credit.occurrence) == ("(Getty Images)", 2)


def test_add_source_normalises_encoding_and_line_endings(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = SEED_004.read_text(encoding="utf-8")
    given = mini.parent / "article.txt"
    given.write_bytes(original.replace("\n", "\r\n").encode("utf-16"))
    code, out, err = run(
        capsys,
        "--root",
        str(mini),
        "add-source",
        str(given),
        "--label",
        "The Independent on the letter",
        "--published",
        "2025-08-16",
        "--url",
        "https://example.org/a",
        "--id",
        "indy",
    )
    assert code == 0
    assert err == (
        "wrote seeds/indy.txt and facts/sources/indy.yaml\n"
        "fill in or confirm the 4 place(s) above in facts/sources/indy.yaml, then run: make check\n"
    )
    assert out.splitlines()[0] == (
        "facts/sources/indy.yaml:14:15: error: [furniture[0].proposed] add-source proposes this as page furniture "
        "(paragraph 1: an appeal for money from 'Your support' to its end (donation, support, journalism, paywalls, "
        "afford)): delete this 'proposed' line to confirm it, or delete the entry where the words are the report's own"
    )
    assert len(out.splitlines()) == 4  # four proposals to confirm, no notes, no other problems
    assert (mini / "seeds/indy.txt").read_bytes() == original.encode("utf-8")
    record = (mini / "facts/sources/indy.yaml").read_text(encoding="utf-8")
    assert 'published:\n  date: "2025-08-16"\n  quote: "2025-08-16"\n' in record
    assert furniture_of(mini / "facts/sources/indy.yaml") == furniture_of(ROOT / "facts/sources/article-004.yaml")
    confirm_furniture(mini / "facts/sources/indy.yaml")
    assert check(paths_for(mini))[1] == []


def confirm_furniture(path: Path) -> None:
    """What the editor does, as documented: delete each proposal's 'proposed' line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("    proposed: ")), encoding="utf-8")


def test_a_proposal_is_furniture_but_unpublishable_until_confirmed(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = add_source(
        capsys, mini, "Rain fell on the town.\n\nPhoto: the rain\n", "--label", "Rain report", "--id", "rain"
    )
    assert code == 0
    write_record(
        mini,
        "people/rain-person.yaml",
        "id: rain-person\nname: R\ndescription: D\ncitations: [{source: rain, quote: 'Photo: the rain'}]\n",
    )
    messages = [(p.field, p.message) for p in check(paths_for(mini))[1]]
    assert messages == [
        (
            "citations[0].quote",
            "quote lies in page furniture (photo-caption) of source 'rain', which is not evidence; "
            "cite the article's own text",
        ),
        (
            "furniture[0].proposed",
            "add-source proposes this as page furniture (paragraph 2: starts 'Photo:', as image captions do): delete "
            "this 'proposed' line to confirm it, or delete the entry where the words are the report's own",
        ),
    ]
    confirm_furniture(mini / "facts/sources/rain.yaml")  # one line deleted
    assert [p.field for p in check(paths_for(mini))[1]] == ["citations[0].quote"]


def add_source(capsys: pytest.CaptureFixture[str], mini: Path, text: str, *args: str) -> tuple[int, str, str]:
    given = mini.parent / "a.txt"
    given.write_text(text, encoding="utf-8")
    return run(capsys, "--root", str(mini), "add-source", str(given), *args)


SAY_WHERE = (
    "'given to add-source' is what add-source writes; replace it with where you took the value from, "
    'e.g. "the publisher\'s page, seen 2025-08-17"'
)


def test_add_source_keeps_what_the_text_does_not_show_as_the_editors(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's case: publisher and date given, neither printed in the text."""
    code, out, err = add_source(
        capsys,
        mini,
        "It rained on Monday in Springfield, Alice Example said.\n",
        *("--title", "Rain in Springfield", "--publisher", "The Evening Example", "--published", "2024-05-08"),
        *("--url", "https://example.org/rain"),
    )
    assert code == 0
    rec = "facts/sources/the-evening-example-2024-05-08.yaml"
    assert out.splitlines() == [
        "note: the text does not show the headline, publisher and date: recorded as the editor's (from_editor), "
        "and the pages mark them so, never as evidence",
        "note: no institution record for the publisher yet; make one (the source refers to 'the-evening-example'):",
        "  .venv/bin/python -m generator new institution 'The Evening Example' --id the-evening-example",
        f"{rec}:7:16: error: [title.from_editor] {SAY_WHERE}",
        f"{rec}:9:11: error: [publisher.record] no institution has the id 'the-evening-example'; make the "
        "publisher's record with: .venv/bin/python -m generator new institution NAME --id the-evening-example",
        f"{rec}:10:16: error: [publisher.from_editor] {SAY_WHERE}",
        f"{rec}:13:16: error: [published.from_editor] {SAY_WHERE}",
    ]
    assert err == (
        "wrote seeds/the-evening-example-2024-05-08.txt and facts/sources/the-evening-example-2024-05-08.yaml\n"
        f"fill in or confirm the 4 place(s) above in {rec}, then run: make check\n"
    )
    record = (mini / rec).read_text(encoding="utf-8")
    assert 'publisher:\n  record: the-evening-example\n  from_editor: "given to add-source"  # replace' in record
    assert 'published:\n  date: "2024-05-08"\n  from_editor: "given to add-source"  # replace' in record

    # The contributor's loop, as printed: say where the values come from, make the publisher's record.
    path = mini / rec
    path.write_text(path.read_text().replace('"given to add-source"', '"the publisher\'s page, seen 2024-05-09"'))
    code, _, _ = run(
        capsys,
        *("--root", str(mini), "new", "institution", "The Evening Example", "--id", "the-evening-example"),
    )
    assert code == 0
    inst = mini / "facts/institutions/the-evening-example.yaml"
    inst.write_text(
        inst.read_text()
        .replace("category:", "category: news-organisation  #")
        .replace("description:", "description: A newspaper.  #")
    )
    assert check(paths_for(mini))[1] == []

    site = build(paths_for(mini), History(False, why_not="test"))
    page = next(p for p in site.pages if p.path == "sources/the-evening-example-2024-05-08.md").markdown
    mark = '<br><small class="fs-from-editor">from the editor: the publisher&#x27;s page, seen 2024-05-09</small>'
    assert f"| Title | Rain in Springfield{mark} | *not in the text* |" in page
    assert (
        f"| Publisher | [The Evening Example](../institutions/the-evening-example.md){mark} | *not in the text* |"
        in page
    )
    assert f"| Published | 2024\\-05\\-08{mark} | *not in the text* |" in page
    assert (
        '| Address | <a href="https://example.org/rain" rel="nofollow noopener">https://example.org/rain</a>'
        '<br><small class="fs-from-editor">from the editor</small> | *not in the text* |'
    ) in page
    timeline = next(p for p in site.pages if p.path == "timeline.md").markdown
    row = next(line for line in timeline.splitlines() if "the-evening-example-2024-05-08@" in line)
    assert row.startswith(
        '| <time class="fs-date" datetime="2024-05-08" data-statement="the-evening-example-2024-05-08@the-evening-'
        f'example-2024-05-08">2024-05-08</time>{mark} | [The Evening Example]'
    )
    publisher = next(p for p in site.pages if p.path == "institutions/the-evening-example.md").markdown
    assert "*No article's text names it: it is here as the publisher of the sources below" in publisher


def test_add_source_finds_the_publisher_record_and_date(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = add_source(
        capsys,
        mini,
        "Daily Planet, May 3, 2024. It rained.\n",
        "--title",
        "It rained.",
        "--publisher",
        "Daily Planet",
        "--published",
        "2024-05-03",
    )
    assert (code, out) == (0, "")
    record = (mini / "facts/sources/daily-planet-2024-05-03.yaml").read_text(encoding="utf-8")
    # The Daily Planet publishes mini-report too: this one gets a short name of its own.
    assert 'label: "It rained."\nshort: "Daily Planet, 2024-05-03"\n' in record
    assert 'title:\n  text: "It rained."\n  quote: "It rained."\n' in record
    assert 'publisher:\n  record: daily-planet\n  quote: "Daily Planet"\n' in record
    assert 'published:\n  date: "2024-05-03"\n  quote: "May 3, 2024"\n' in record
    assert check(paths_for(mini))[1] == []


def test_add_source_says_where_from_when_told(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = add_source(
        capsys,
        mini,
        "It rained.\n",
        *("--title", "Rain", "--publisher", "Daily Planet", "--published", "2024-05"),
        *("--from-editor", "the Daily Planet's archive, seen 2025-01-02"),
    )
    assert code == 0 and err.endswith("the record is valid\n")
    assert out.splitlines() == [
        "note: the text does not show the headline, publisher and date: recorded as the editor's (from_editor), "
        "and the pages mark them so, never as evidence"
    ]
    record = (mini / "facts/sources/daily-planet-2024-05.yaml").read_text(encoding="utf-8")
    assert record.count('from_editor: "the Daily Planet\'s archive, seen 2025-01-02"\n') == 3


@pytest.mark.parametrize(
    ("args", "made"),
    [
        (["--title", "A headline of many words that would once have made an id of sixty-four characters"], "article"),
        (["--title", "T", "--published", "2024-05-03"], "article-2024-05-03"),
        (["--title", "T", "--publisher", "Daily Planet"], "daily-planet-article"),
        (["--title", "T", "--publisher", "Daily Planet", "--published", "2024"], "daily-planet-2024"),
        (
            ["--title", "T", "--publisher", "The " + "Very " * 20 + "Long Gazette", "--published", "2024-05-03"],
            "the-very-very-very-very-very-very-very-2024-05-03",
        ),
    ],
)
def test_add_source_makes_a_short_id(
    mini: Path, capsys: pytest.CaptureFixture[str], args: list[str], made: str
) -> None:
    assert add_source(capsys, mini, "Text.\n", *args)[0] == 0
    assert (mini / f"facts/sources/{made}.yaml").is_file() and len(made) <= 64
    # The same again: the id is free of the first one's, record and text alike.
    assert add_source(capsys, mini, "Text.\n", *args)[0] == 0
    assert (mini / f"facts/sources/{made}-2.yaml").is_file() and (mini / f"seeds/{made}-2.txt").is_file()


def test_source_id_is_never_longer_than_an_id_may_be() -> None:
    made = source_id("the-" + "very-" * 20 + "long-gazette", "2024-05-03", lambda i: not i.endswith("-12"))
    assert made == "the-very-very-very-very-very-very-very-very-very-2024-05-03-12" and len(made) <= 64


def test_the_new_institution_command_cites_the_new_article_where_it_names_the_publisher(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = add_source(
        capsys,
        mini,
        "Photo: the Morning Example van\n\nThe Morning Example asked the mayor. The Morning Example waited.\n",
        *("--label", "Morning report", "--publisher", "The Morning Example", "--id", "morning"),
    )
    assert code == 0
    # Not the caption's words (furniture), and the first of the two in the report.
    command = (
        "  .venv/bin/python -m generator new institution 'The Morning Example' --id the-morning-example "
        "--source morning --quote 'The Morning Example' --occurrence 1"
    )
    assert command in out.splitlines()
    record = (mini / "facts/sources/morning.yaml").read_text(encoding="utf-8")
    assert 'publisher:\n  record: the-morning-example\n  quote: "The Morning Example"\n' in record
    confirm_furniture(mini / "facts/sources/morning.yaml")
    assert main(["--root", str(mini), *shlex.split(command.strip())[3:]]) == 0


@pytest.mark.parametrize(
    ("data", "args", "message"),
    [
        (
            b"Caf\xe9 society\n",
            ["--title", "T"],
            "a.txt:1:4: not UTF-8 (byte 0xe9); save the article as UTF-8 and add it again",
        ),
        (
            b"PK\x03\x04\x00\x00",
            ["--title", "T"],
            "a.txt:1:3: control character U+0003; this does not look like an article text",
        ),
        (b" \n\r\n", ["--title", "T"], "a.txt: the file holds no text"),
        (b"Text.\n", [], "give --title, or --label where the headline is unknown"),
        (
            b"Text.\n",
            ["--title", "T", "--url", "javascript:alert(1)"],
            "--url only absolute http:// and https:// URLs are allowed",
        ),
        (
            b"Text.\n",
            ["--title", "T", "--published", "2025-02-30"],
            "--published '2025-02-30' is not a date: February 2025 has 28 days",
        ),
        (
            b"Text.\n",
            ["--title", "Mini report", "--id", "mini-report"],
            "the id 'mini-report' is taken by facts/sources/mini-report.yaml; choose another with --id",
        ),
    ],
)
def test_add_source_refuses_and_writes_nothing(
    mini: Path, capsys: pytest.CaptureFixture[str], data: bytes, args: list[str], message: str
) -> None:
    given = mini.parent / "a.txt"
    given.write_bytes(data)
    before = snapshot(mini)
    code, out, err = run(capsys, "--root", str(mini), "add-source", str(given), *args)
    assert (code, out) == (2, "")
    assert err == f"error: {message}\n".replace("a.txt", str(given))
    assert snapshot(mini) == before


def test_add_source_never_replaces_a_seed(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini / "seeds/t.txt").write_text("kept\n", encoding="utf-8")
    given = mini.parent / "a.txt"
    given.write_text("New.\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(mini), "add-source", str(given), "--title", "T", "--id", "t")
    assert code == 2 and err == "error: seeds/t.txt already exists; choose another id with --id\n"
    assert (mini / "seeds/t.txt").read_text() == "kept\n"


def test_article_text_keeps_the_words() -> None:
    assert article_text("a\r\nb\rc “d”\n".encode(), "f") == "a\nb\nc “d”\n"
    assert article_text(b"\xef\xbb\xbfx\n", "f") == "x\n"


def test_draft_keeps_an_unshown_headline_as_the_editors() -> None:
    draft = draft_source(
        SourceText("It rained.\n"),
        "rain",
        "seeds/rain.txt",
        title="Storm hits",
        label="Weather report",
        publisher=None,
        published=None,
        url=None,
    )
    assert (
        'label: "Weather report"\ntitle:\n  text: "Storm hits"\n  from_editor: "given to add-source"  #' in draft.record
    )
    assert draft.from_editor == ("title",)
    assert draft.notes == (
        "the text does not show the headline: recorded as the editor's (from_editor), and the pages mark it so, "
        "never as evidence",
    )
