from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.model import Claim, NumberRecord, Person, Source
from generator.core.schema import convert_record, json_schema
from generator.core.yamlsafe import load_yaml

PERSON = """id: jane-doe
name: Jane Doe
description: Someone.
citations:
  - source: s
    quote: Jane Doe
"""


def convert(cls: type, text: str) -> tuple[object, list[str]]:
    node, found = load_yaml("p.yaml", text.encode())
    assert node is not None, found
    record, problems, _ = convert_record(node, cls, "p.yaml", "r")
    return record, [p.format() for p in problems]


def test_valid_person() -> None:
    record, problems = convert(Person, PERSON)
    assert problems == []
    assert isinstance(record, Person) and record.citations[0].quote == "Jane Doe"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("name: Jane Doe\n", ""), "p.yaml:1:1: error: [name] missing required field 'name'"),
        (
            ("name: Jane Doe\n", "name: Jane Doe\nnmae: x\n"),
            "p.yaml:3:1: error: [nmae] unknown field 'nmae' (did you mean 'name'?)",
        ),
        (("name: Jane Doe\n", "name: [a, b]\n"), "p.yaml:2:7: error: [name] expected a single value, found a list"),
        (("name: Jane Doe\n", "name:\n"), "p.yaml:2:6: error: [name] a value is required here"),
        (
            ("id: jane-doe", "id: Jane_Doe"),
            "p.yaml:1:5: error: [id] 'Jane_Doe' is not a valid id: use lowercase letters a-z, digits and single hyphens",
        ),
        (
            ("  - source: s\n", "  - source: Daily Planet\n"),
            "p.yaml:5:13: error: [citations[0].source] 'Daily Planet' is not an id: this field takes the id of a "
            "source record, which is its file name without .yaml, such as daily-planet, not its name",
        ),
        (
            # The example is the id `new` makes from that name: accents folded, not split.
            ("  - source: s\n", "  - source: Zürich Court\n"),
            "p.yaml:5:13: error: [citations[0].source] 'Zürich Court' is not an id: this field takes the id of a "
            "source record, which is its file name without .yaml, such as zurich-court, not its name",
        ),
        (("id: jane-doe", "id: index"), "p.yaml:1:5: error: [id] 'index' is a reserved name; choose another id"),
        (("id: jane-doe", "id: com1"), "p.yaml:1:5: error: [id] 'com1' is a reserved name; choose another id"),
        (("id: jane-doe", "id: " + "a" * 65), "p.yaml:1:5: error: [id] id is 65 characters long; the limit is 64"),
        (
            ("    quote: Jane Doe\n", "    quote: Jane Doe\n    occurrence: 0\n"),
            "p.yaml:7:17: error: [citations[0].occurrence] '0' is not a whole number from 1 up, written without leading zeros",
        ),
        (
            ("citations:\n  - source: s\n    quote: Jane Doe\n", "citations: []\n"),
            "p.yaml:4:12: error: [citations] needs at least 1 item",
        ),
        (
            ("description: Someone.", "description: " + "x" * 301),
            "p.yaml:3:14: error: [description] is 301 characters long; the limit is 300",
        ),
        (
            ("description: Someone.", "description: |\n  two\n  lines"),
            "p.yaml:3:14: error: [description] must be a single line",
        ),
    ],
)
def test_person_problems(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in PERSON
    _, problems = convert(Person, PERSON.replace(old, new))
    assert problems == [expected]


SOURCE = "id: s\nfile: seeds/s.txt\nlabel: S\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("url: javascript:alert(1)\n", "p.yaml:4:6: error: [url] only absolute http:// and https:// URLs are allowed"),
        ("url: 'https://x.org/a b'\n", "p.yaml:4:6: error: [url] is not a URL: no spaces, at most 2000 characters"),
        (
            "published: {date: 2025-02-30, quote: x}\n",
            "p.yaml:4:19: error: [published.date] '2025-02-30' is not a date: February 2025 has 28 days",
        ),
        (
            "published: {date: 2025-13, quote: x}\n",
            "p.yaml:4:19: error: [published.date] '2025-13' is not a date: month 13 does not exist",
        ),
        (
            "published: {date: 12:30, quote: x}\n",
            "p.yaml:4:19: error: [published.date] '12:30' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "furniture: [{kind: advert, quote: x}]\n",
            "p.yaml:4:20: error: [furniture[0].kind] 'advert' is not one of: donation-appeal, also-read, photo-caption, repeated-line, other",
        ),
    ],
)
def test_source_problems(extra: str, expected: str) -> None:
    _, problems = convert(Source, SOURCE + extra)
    assert problems == [expected]


NUMBER = "id: n\nlabel: L\nunit: children\ncounts: C\ncitations: [{source: s, quote: q}]\n"


@pytest.mark.parametrize("value", ["1e3", "20,000", "010x", "no"])
def test_numbers_are_parsed_explicitly(value: str) -> None:
    _, problems = convert(NumberRecord, NUMBER + f"value: {value}\n")
    assert problems == [
        f"p.yaml:6:8: error: [value] '{value}' is not a plain number: write digits, "
        "e.g. 19500 or 2.5 (no commas, no exponent)"
    ]


def test_number_keeps_leading_zero_text_as_decimal() -> None:
    record, problems = convert(NumberRecord, NUMBER + "value: 010\nqualifier: no\n")
    assert problems == []
    assert isinstance(record, NumberRecord)
    assert record.value == Decimal("10") and record.qualifier == "no"


def test_party_is_an_id_or_an_unnamed_mapping() -> None:
    text = """id: c
statement: S
status: reported
accounts:
  - source: s
    claimed_by: [donald-trump, {unnamed: two officials, of: white-house}, [nested]]
    quotes: [{quote: q}]
"""
    _, problems = convert(Claim, text)
    assert problems == ["p.yaml:6:75: error: [accounts[0].claimed_by[2]] expected an id or a mapping, found a list"]


@pytest.mark.parametrize(
    ("voice", "expected"),
    [
        ("the article", []),
        ("[dmitry-peskov]", []),
        ("the reporter", ["p.yaml:6:17: error: [accounts[0].claimed_by] 'the reporter' is not one of: the article"]),
        ("{unnamed: x}", ["p.yaml:6:17: error: [accounts[0].claimed_by] expected 'the article' or a list, found a mapping of fields"]),
        ("[]", ["p.yaml:6:17: error: [accounts[0].claimed_by] needs at least 1 item"]),
    ],
)
def test_whose_voice_is_said_explicitly(voice: str, expected: list[str]) -> None:
    text = f"id: c\nstatement: S\nstatus: reported\naccounts:\n  - source: s\n    claimed_by: {voice}\n    quotes: [{{quote: q}}]\n"
    record, problems = convert(Claim, text)
    assert problems == expected
    if not expected:
        assert isinstance(record, Claim) and record.accounts[0].own_voice == (voice == "the article")


def test_all_problems_at_once() -> None:
    _, problems = convert(Person, "id: X\nname: [1]\nbogus: 1\n")
    assert len(problems) == 5


def test_json_schema_derives_from_the_model() -> None:
    schema = json_schema(Claim, "claim")
    assert schema["required"] == ["id", "statement", "status", "accounts"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["status"]["enum"] == ["reported", "disputed", "denied"]
    account = schema["$defs"]["Account"]
    assert account["properties"]["quotes"]["minItems"] == 1
    assert "claimed_by" in account["required"]
    own_voice, claimants = account["properties"]["claimed_by"]["oneOf"]
    assert own_voice["enum"] == ["the article"] and claimants["minItems"] == 1 and "oneOf" in claimants["items"]
