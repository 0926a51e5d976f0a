from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from generator.core import text as text_module
from generator.core.text import (
    Closest,
    Paragraph,
    SourceText,
    Span,
    _alignment_cost,
    _likeliest_pieces,
    closest_in,
    every_start,
    normalise,
    told,
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


def test_closest_passage_spans_the_quotes_own_extent() -> None:
    text = SourceText("Nothing here.\n\nTrump met with Putin for nearly three hours on Friday.")
    best = text.closest("Trump met Putin for nearly three hours")
    assert best is not None and best.paragraph == 2
    # The word the article adds inside is the difference; its words around the quote are not the quote's.
    assert best.text == "Trump met with Putin for nearly three hours"
    assert told(best) == '1 difference: "Trump met[] Putin" where the article has "Trump met[ with] Putin"'
    assert best.suggestion == best.text


@pytest.mark.parametrize(
    ("article", "quote", "suggestion", "differences"),
    [
        # A quote that stops short of the sentence's full stop is not given one.
        ("Bob said it lasted one hour.", "Bob siad it lasted one hour", "Bob said it lasted one hour", 1),
        # Nor the start of a word it cuts.
        ("Bob said it lasted one hour.", "ob siad it", "ob said it", 1),
        # A straight apostrophe is the article's curly one; the typed one is kept, the dash replaced.
        ("Putin’s three–year war.", "Putin's three-year war", "Putin's three–year war", 1),
        # A first character the quote gets wrong stands for one of the article's, not for words before it.
        ("Alice met Bob Sample in Springfield.", "xBob Sample in Springfield", "Bob Sample in Springfield", 1),
        ("Alice met Bob Sample in Springfield.", "Bob Sample in Springfielt", "Bob Sample in Springfield", 1),
    ],
)
def test_the_suggestion_changes_only_the_differing_characters(
    article: str, quote: str, suggestion: str, differences: int
) -> None:
    best = SourceText(article).closest(quote)
    assert best is not None
    assert best.suggestion == suggestion
    assert len(best.differences) == differences
    assert normalise(best.suggestion) == best.text


def test_differences_are_told_in_context_with_the_characters_named() -> None:
    text = SourceText("Intro.\n\nPutin’s three–year war in Ukraine goes on, he said.")
    best = text.closest("Putin's three-year war")
    assert best is not None and best.alike == 95
    assert told(best) == (
        '1 difference: "Putin\'s three[-]year war" where the article has "Putin’s three[–]year war" '
        "(- is U+002D HYPHEN-MINUS, – is U+2013 EN DASH)"
    )
    # ’ and ' are one character to the rule; ʼ (a letter apostrophe) is another.
    best = text.closest("Putin\u02bcs three–year war")
    assert best is not None
    assert told(best) == (
        '1 difference: "Putin[ʼ]s three–year" where the article has "Putin[’]s three–year" '
        "(ʼ is U+02BC MODIFIER LETTER APOSTROPHE, ’ is U+2019 RIGHT SINGLE QUOTATION MARK)"
    )


def test_many_differences_are_counted_and_the_first_shown() -> None:
    text = SourceText("one two three four five six seven eight nine ten eleven twelve")
    best = text.closest("one twx three fxur five sxx seven eigxt nine ten eleven twelve")
    assert best is not None and len(best.differences) == 4
    assert told(best) == (
        '4 differences, the first 3: "one tw[x] three" where the article has "one tw[o] three"; '
        '"three f[x]ur five" where the article has "three f[o]ur five"; '
        '"five s[x]x seven" where the article has "five s[i]x seven"'
    )
    assert told(best, limit=5).count("where the article has") == 4


def test_a_long_difference_keeps_its_start_and_end() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    quote = f"Start {words} and then quite another stretch of words here end of it."
    best = SourceText(f"Start {words} end of it.").closest(quote)
    assert best is not None
    assert (
        told(best)
        == '1 difference: "w39 [and then quite another st…of words here ]end of" where the article has "w39 []end of"'
    )


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
    best: tuple[float, Paragraph, str, int, int] | None = None
    for p in text.paragraphs:
        hay = normalise(text.display[p.start : p.end])
        al = fuzz.partial_ratio_alignment(needle, hay)
        if al is not None and (best is None or al.score > best[0]):
            best = (al.score, p, hay, al.dest_start, al.dest_end)
    if best is None:
        return None
    _, p, hay, start, end = best
    return closest_in(quote, p.number, hay, " ".join(text.display[p.start : p.end].split()), start, end)


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
        assert best is not None and best.paragraph == target + 1 and best.alike > 95


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
