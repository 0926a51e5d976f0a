from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from generator.core import text as text_module
from generator.core.text import (
    Closest,
    SourceText,
    Span,
    _alignment_cost,
    _likeliest_pieces,
    every_start,
    normalise,
)


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


def test_paragraph_at_boundaries() -> None:
    text = SourceText("ab\n\ncd\n\n\nef")  # paragraphs at 0-2, 4-6 and 9-11
    assert [(p.start, p.end) for p in text.paragraphs] == [(0, 2), (4, 6), (9, 11)]
    assert [text.paragraph_at(o).number for o in (0, 1, 4, 5, 9, 10)] == [1, 1, 2, 2, 3, 3]
    for outside in (-1, 2, 3, 6, 8, 11, 12):  # before, between and after the paragraphs
        with pytest.raises(ValueError):
            text.paragraph_at(outside)


def _searching_one_on(hay: str, needle: str) -> list[int]:
    """The plain way: search again one character after each occurrence."""
    out = []
    at = hay.find(needle)
    while at != -1:
        out.append(at)
        at = hay.find(needle, at + 1)
    return out


def test_every_start_equals_a_plain_search_overlaps_included() -> None:
    assert every_start("ha ha ha ha", "ha ha") == [0, 3, 6]
    assert every_start("aaaa", "aa") == [0, 1, 2]
    assert every_start("abcab", "abcab") == [0]
    rng = random.Random(7)
    for _ in range(3000):
        alphabet = rng.choice(["ab", "abc", "a b"])
        hay = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        # Needles cut from a periodic pattern too, since they are the ones that overlap themselves.
        unit = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 4)))
        needle = rng.choice(
            [
                "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 7))),
                (unit * 8)[: rng.randrange(1, 12)],
            ]
        )
        hay = rng.choice([hay, hay + (unit * 20)[: rng.randrange(0, 40)] + hay[:5]])
        assert every_start(hay, needle) == _searching_one_on(hay, needle), (hay, needle)


def test_occurrences_number_each_one_crossing_included() -> None:
    text = SourceText("a b a\n\nb a b")
    found = text.occurrences("a b")
    assert found.spans == (Span(0, 3, 1), None, Span(9, 12, 2))
    assert found.starts == (0, 4, 9)
    assert [found.nth(s) for s in found.starts] == [1, 2, 3]
    with pytest.raises(ValueError):
        found.nth(1)


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


def _closest_searching_every_paragraph(text: SourceText, quote: str) -> Closest | None:
    """The reference: the exact search in every paragraph, as closest() does for an article of usual length."""
    needle = normalise(quote)
    best: Closest | None = None
    for p in text.paragraphs:
        hay = normalise(text.display[p.start : p.end])
        al = fuzz.partial_ratio_alignment(needle, hay)
        if al is not None and (best is None or al.score > best.score):
            start, end = al.dest_start, al.dest_end
            while start > 0 and not hay[start - 1].isspace():
                start -= 1
            while end < len(hay) and not hay[end].isspace():
                end += 1
            best = Closest(p.number, al.score, hay[start:end], 0.0)
    return best and Closest(best.paragraph, best.score, best.text, fuzz.ratio(needle, best.text))


def test_closest_in_a_long_article_searches_the_likeliest_stretches_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "CLOSEST_BUDGET", 10**8)  # a long article, in a short test
    rng = random.Random(2)
    vocabulary = ["".join(rng.choice("bdgklmnprst") + rng.choice("aeiou") for _ in range(3)) for _ in range(400)]
    paragraphs = [" ".join(rng.choices(vocabulary, k=100)) + "." for _ in range(30)]
    text = SourceText("\n\n".join(paragraphs))
    for target in (0, 17, 29):
        words = paragraphs[target].split()
        words[40] = "slip"
        quote = " ".join(words[5:95])  # about 550 characters
        cost = sum(_alignment_cost(normalise(quote), len(p)) for p in text.paragraphs)
        assert cost > 10 * text_module.CLOSEST_BUDGET  # so that the search is cut short
        best = text.closest(quote)
        assert best == _closest_searching_every_paragraph(text, quote)
        assert best is not None and best.paragraph == target + 1 and best.similarity > 95


def test_the_pieces_hold_every_passage_as_long_as_the_needle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "CLOSEST_BUDGET", 10**15)  # every piece
    needle = "x" * 100
    pieces = _likeliest_pieces(needle, [(1, "a" * 1000), (2, "b" * 150), (3, "c" * 250)])
    assert [(n, lo, hi) for n, _, lo, hi in pieces] == [
        *((1, lo, min(lo + 200, 1000)) for lo in range(0, 900, 100)),
        (2, 0, 150),
        (3, 0, 200),
        (3, 100, 250),
    ]
