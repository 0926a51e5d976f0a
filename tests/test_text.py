from __future__ import annotations

from generator.core.text import SourceText, Span, normalise


def test_normalisation_rule() -> None:
    assert normalise("  “Oh  really,”\n he said’ ") == '"Oh really," he said\''
    assert normalise("cafe\u0301") == "caf\u00e9"  # NFC


def test_paragraphs_split_on_blank_lines_and_keep_offsets() -> None:
    text = SourceText(" first line\nstill first\n\n  \nsecond")
    assert [text.display[p.start : p.end] for p in text.paragraphs] == ["first line\nstill first", "second"]
    assert [p.number for p in text.paragraphs] == [1, 2]


def test_find_all_maps_back_to_displayed_text() -> None:
    text = SourceText("He said “very  productive.”\n\nAgain: “very productive.”")
    spans = text.find_all('"very productive."')
    assert spans == [Span(8, 27, 1), Span(36, 54, 2)]
    assert [text.display[s.start : s.end] for s in spans if s] == ["“very  productive.”", "“very productive.”"]


def test_quote_across_paragraphs_is_marked() -> None:
    text = SourceText("one two\n\nthree four")
    assert text.find_all("two three") == [None]


def test_closest_passage_is_widened_to_whole_words() -> None:
    text = SourceText("Nothing here.\n\nTrump met with Putin for nearly three hours on Friday.")
    best = text.closest("Trump met Putin for nearly three hours")
    assert best is not None and best.paragraph == 2
    assert best.text.startswith("Trump met with Putin for nearly three hours")


def test_word_pattern_agrees_with_isspace_on_every_code_point() -> None:
    # SourceText splits with \S+ and normalise with str.split: the two must agree.
    import re
    import sys

    space = re.compile(r"\s")
    disagree = [cp for cp in range(sys.maxunicode + 1) if bool(space.match(chr(cp))) != chr(cp).isspace()]
    assert disagree == []


def test_displayed_offsets_survive_odd_white_space_and_quote_marks() -> None:
    raw = "\u2003 “Lead”\u00a0\u00a0said\u2028 ‘so’ \n\n\x1c end "
    text = SourceText(raw)
    assert text.normalised == normalise(raw)
    for needle, shown in [('"Lead" said', "“Lead”\u00a0\u00a0said"), ("said 'so'", "said\u2028 ‘so’")]:
        (span,) = text.find_all(needle)
        assert span is not None and text.display[span.start : span.end] == shown
