"""Numbers and dates read from a quoted passage, for checking typed values against it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.stated import Bound, bound_of, dates_in, numbers_in, supports_date


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("verified nearly 19,500 children", [("19500", "19,500")]),
        ("over 20,000 Ukrainian children", [("20000", "20,000")]),
        ("for nearly three hours on Friday", [("3", "three")]),
        ("in the over three-year war", [("3", "three")]),
        ("citing two White House sources", [("2", "two")]),
        ("twenty-one and one hundred and five", [("21", "twenty-one"), ("105", "one hundred and five")]),
        ("between two and three", [("2", "two"), ("3", "three")]),
        ("two hundred thousand", [("200000", "two hundred thousand")]),
        ("2.5 million people", [("2.5", "2.5 million"), ("2500000", "2.5 million")]),
        ("$1.5bn", [("1.5", "1.5bn"), ("1500000000", "1.5bn")]),
        ("20.000 Kinder", [("20", "20.000"), ("20000", "20.000")]),
        ("19 500 enfants", [("19500", "19 500")]),
        ("no figure here", []),
        # Ranges: both ends, however joined; a scale written once counts for both.
        ("a range of 200,000–300,000 people", [("200000", "200,000"), ("300000", "300,000")]),
        ("between 90 and 120 minutes", [("90", "90"), ("120", "120")]),
        ("19,500-20,000", [("19500", "19,500"), ("20000", "20,000")]),
        (
            "between 2 and 3 million",
            [("2", "2"), ("2000000", "2 and 3 million"), ("3", "3 million"), ("3000000", "3 million")],
        ),
        ("2–3 million", [("2", "2"), ("2000000", "2–3 million"), ("3", "3 million"), ("3000000", "3 million")]),
        ("two to three million", [("2", "two"), ("2000000", "two to three million"), ("3000000", "three million")]),
        # Not a range: "and" joins its ends only after "between".
        ("killed 2 and injured 3 million", [("2", "2"), ("3", "3 million"), ("3000000", "3 million")]),
        ("2 and 3 million", [("2", "2"), ("3", "3 million"), ("3000000", "3 million")]),
    ],
)
def test_numbers_a_passage_gives(text: str, numbers: list[tuple[str, str]]) -> None:
    assert [(s.value, s.words) for s in numbers_in(text)] == [(Decimal(v), w) for v, w in numbers]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("date 2025-08-16", {"2025", "2025-08-16"}),
        ("Saturday 16 August 2025 10:03 BST", {"2025", "2025-08", "2025-08-16"}),
        ("Aug. 16, 2025", {"2025", "2025-08-16"}),
        ("in August 2025", {"2025", "2025-08"}),
        ("03/04/2025", {"2025", "2025-04-03", "2025-03-04"}),
        ("since 2022", {"2022"}),
        ("31 February 2025", {"2025", "2025-02"}),
        ("over 20,000 children", set()),
    ],
)
def test_dates_a_passage_gives(text: str, dates: set[str]) -> None:
    assert dates_in(text) == dates


def test_a_date_is_supported_to_its_precision_or_finer() -> None:
    assert supports_date("Published 16 August 2025", "2025-08-16")
    assert supports_date("Published 16 August 2025", "2025-08")
    assert not supports_date("Published in August 2025", "2025-08-16")
    assert not supports_date("Published 16 August 2025", "2019-01-31")


@pytest.mark.parametrize(
    ("qualifier", "bound"),
    [
        ("over", Bound("low", "over", False)),
        ("well  Over", Bound("low", "over", False)),
        ("more than", Bound("low", "more than", False)),
        ("at least", Bound("low", "at least", True)),
        ("up to", Bound("high", "up to", True)),
        ("fewer than", Bound("high", "fewer than", False)),
        # The longer words decide: "no more than" is an upper bound, though it ends in "more than".
        ("no more than", Bound("high", "no more than", True)),
        ("no fewer than", Bound("low", "no fewer than", True)),
        ("nearly", None),
        ("tens of thousands", None),
        ("moreover", None),
    ],
)
def test_the_bound_a_qualifier_words(qualifier: str, bound: Bound | None) -> None:
    assert bound_of(qualifier) == bound
