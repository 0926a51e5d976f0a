from __future__ import annotations

import random

import pytest
import yaml

from generator.core import yamlsafe
from generator.core.errors import FieldPath, path_str
from generator.core.yamlerrors import quoted
from generator.core.yamlsafe import (
    MAX_FILE_BYTES,
    YMap,
    YNode,
    YScalar,
    YSeq,
    _char_problems,
    _parse,
    _scan_chars,
    load_yaml,
)


def problems(data: bytes) -> list[str]:
    node, found = load_yaml("f.yaml", data)
    assert (node is None) == bool(found)
    return [p.format() for p in found]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"a: &x 1\nb: *x\n",
            [
                "f.yaml:1:4: error: [a] YAML anchors (&name) are not allowed; write the value out",
                "f.yaml:2:4: error: [b] YAML aliases (*name) are not allowed; write the value out",
            ],
        ),
        (
            b"a: !!python/object/apply:os.system [ls]\n",
            [
                "f.yaml:1:4: error: [a] explicit YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"
            ],
        ),
        (b"a: 1\nb: 2\na: 3\n", ["f.yaml:3:1: error: [a] duplicate key 'a' (first defined at line 1)"]),
        (b"<<: {a: 1}\n", ["f.yaml:1:1: error: YAML merge keys (<<) are not allowed; write the fields out"]),
        (b"a: 1\n---\na: 2\n", ["f.yaml:2:1: error: several YAML documents in one file; keep one record per file"]),
        (b"", ["f.yaml:1:1: error: file is empty; a record file holds one mapping"]),
        (b"# only a comment\n", ["f.yaml:1:1: error: file is empty; a record file holds one mapping"]),
        (b"a:\n\t- x\n", ["f.yaml:2:1: error: tab character; YAML files here use spaces only"]),
        (
            b"\xef\xbb\xbfa: 1\n",
            ["f.yaml:1:1: error: file starts with a byte-order mark; save it as UTF-8 without BOM"],
        ),
        (b"a: 1\nb: caf\xe9\n", ["f.yaml:2:7: error: invalid UTF-8 (byte 0xe9); save the file as UTF-8"]),
        (
            "a: x\u202ey\n".encode(),
            ["f.yaml:1:5: error: [a] forbidden invisible character U+202E RIGHT-TO-LEFT OVERRIDE"],
        ),
        ("a: x\u200by\n".encode(), ["f.yaml:1:5: error: [a] forbidden invisible character U+200B ZERO WIDTH SPACE"]),
        (b"a: x\x07\n", ["f.yaml:1:5: error: forbidden invisible character U+0007 BELL"]),
        (
            b"a: " + b"[" * 20 + b"]" * 20 + b"\n",
            ["f.yaml:1:15: error: [a[0][0][0][0][0][0][0][0][0][0][0]] nesting deeper than 12 levels"],
        ),
    ],
)
def test_hostile_yaml_is_refused_with_location(data: bytes, expected: list[str]) -> None:
    assert problems(data) == expected


def test_oversized_file() -> None:
    assert problems(b"a: " + b"x" * MAX_FILE_BYTES) == [
        f"f.yaml:1:1: error: file is {MAX_FILE_BYTES + 3} bytes; the limit is {MAX_FILE_BYTES}"
    ]


def test_scalars_keep_the_text_written() -> None:
    node, found = load_yaml("f.yaml", b"a: no\nb: 010\nc: 1e3\nd: 12:30\ne: 2025-02-30\nf: on\n")
    assert not found and isinstance(node, YMap)
    values = {k: e.value for k, e in node.entries.items()}
    assert all(isinstance(v, YScalar) for v in values.values())
    assert {k: v.value for k, v in values.items() if isinstance(v, YScalar)} == {
        "a": "no",
        "b": "010",
        "c": "1e3",
        "d": "12:30",
        "e": "2025-02-30",
        "f": "on",
    }


def test_null_only_for_plain_empty_words() -> None:
    node, _ = load_yaml("f.yaml", b'a:\nb: ~\nc: ""\nd: "null"\n')
    assert isinstance(node, YMap)
    nulls = {k: e.value.is_null for k, e in node.entries.items() if isinstance(e.value, YScalar)}
    assert nulls == {"a": True, "b": True, "c": False, "d": False}


def _field_by_walking(node: YNode, offset: int, path: FieldPath) -> FieldPath | None:
    """The reference: walk the tree for each offset (once a walk per problem, quadratic in all)."""
    if isinstance(node, YScalar):
        return path if node.span[0] <= offset < node.span[1] else None
    children = (
        [((*path, i), item) for i, item in enumerate(node.items)]
        if isinstance(node, YSeq)
        else [((*path, e.key), e.value) for e in node.entries.values()]
    )
    for child_path, child in children:
        if (found := _field_by_walking(child, offset, child_path)) is not None:
            return found
    return None


def test_character_problems_name_the_field_and_place_a_walk_would() -> None:
    rng = random.Random(5)
    pieces = [
        "a: x\n",
        "b:\n  - y\n  -\n  - 'z z'\n",
        'c: {d: "w", e: [1, 2]}\n',
        "f: |\n  block\n  text\n",
        "# note\n",
        "g:\n",
    ]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + f"k{i}: v\n" for i in range(rng.randrange(1, 6)))
        chars = list(text)
        for _ in range(rng.randrange(1, 6)):  # zero-width spaces anywhere: values, keys, comments, indentation
            at = rng.randrange(len(chars) + 1)
            chars.insert(at, "\u200b")
        text = "".join(chars)
        _, found, _ = _scan_chars("f.yaml", text.encode())
        tree, _ = _parse("f.yaml", text)
        got = _char_problems("f.yaml", text, found, tree)
        for cp, problem in zip(found, got, strict=True):
            where = _field_by_walking(tree, cp.offset, ()) if tree is not None else None
            line = text.count("\n", 0, cp.offset) + 1
            col = cp.offset - (text.rfind("\n", 0, cp.offset) + 1) + 1
            assert (problem.loc.line, problem.loc.col) == (line, col)
            assert problem.field == (path_str(where) if where else None), (text, cp.offset)


def test_thousands_of_invisible_characters_are_each_reported() -> None:
    aliases = "".join(f'  - "A{i}\u200b"\n' for i in range(3000))
    found = problems(f"aliases:\n{aliases}".encode())
    assert len(found) == 3000
    assert found[0] == "f.yaml:2:8: error: [aliases[0]] forbidden invisible character U+200B ZERO WIDTH SPACE"
    assert found[-1] == "f.yaml:3001:11: error: [aliases[2999]] forbidden invisible character U+200B ZERO WIDTH SPACE"


# Each slip an editor makes in YAML, with the plain message and the line it names.
SYNTAX = [
    (
        "id: eve\ndescription: Spokeswoman: she met Bob.\n",
        "f.yaml:2:25: error: [description] a colon followed by a space starts a key, so this value must be in quotes: "
        'write description: "Spokeswoman: she met Bob."',
    ),
    (
        "l:\n  - source: x\n    quote: He said: no\n",
        "f.yaml:3:19: error: [l[0].quote] a colon followed by a space starts a key, so this value must be in quotes: "
        'write quote: "He said: no"',
    ),
    (
        "id: eve\ndescription: A person\n  who met: Bob\n",
        "f.yaml:3:3: error: [description] this line is indented more than 'description' (line 2), so it continues that "
        "value, and a colon followed by a space cannot stand in a value: if the line is a field of its own, start it at "
        "the beginning of the line, like 'description'; if it continues the value, put the whole value in quotes",
    ),
    (
        'id: eve\nname: "Eve\ndescription: A person.\n',
        'f.yaml:2:7: error: [name] the " that opens this value is never closed: end the value with " '
        '(a " inside the value is written \\")',
    ),
    (
        "id: eve\nname: 'Eve\n",
        "f.yaml:2:7: error: [name] the ' that opens this value is never closed: end the value with ' "
        "(a ' inside the value is written '')",
    ),
    (
        "id: eve\nname: 'Eve's friend'\n",
        "f.yaml:2:12: error: [name] the value is in single quotes, so it ends at the ' after \"Eve\" and the rest "
        "cannot be read: write an apostrophe inside '…' twice (''), or write name: \"Eve's friend\"",
    ),
    (
        'q: "He said "no" to it"\n',
        'f.yaml:1:14: error: [q] the value is in double quotes, so it ends at the " after "He said" and the rest '
        "cannot be read: write a \" inside \"…\" as \\\", or write q: 'He said \"no\" to it'",
    ),
    (
        'id: eve\nname: "Eve\ndescription: "A person."\n',
        'f.yaml:2:7: error: [name] the " that opens this value is not closed on its line, so the value runs on to '
        'the " on line 3 and the rest of that line cannot be read: end the value with " where it is meant to end',
    ),
    (
        "a: [1, 2\n",
        "f.yaml:1:4: error: [a] the [ that opens this value starts a list, which is never closed: end the list with ], "
        'or, if the value is text, put it in quotes: a: "[1, 2"',
    ),
    (
        "id: eve\nname: {Eve\n",
        "f.yaml:2:7: error: [name] the { that opens this value starts a mapping, which is never closed: end the mapping "
        'with }, or, if the value is text, put it in quotes: name: "{Eve"',
    ),
    (
        "id: eve\nname: [Eve] Smith\n",
        "f.yaml:2:13: error: [name] a value that starts with [ is a list, which ends at its ], so what follows cannot be "
        'read: if the value is text, put all of it in quotes: name: "[Eve] Smith"',
    ),
    (
        "l:\n  - source: x\n   quote: y\n",
        'f.yaml:3:4: error: this line ("quote: y") is indented 3 spaces, which lines up with nothing above it: indent it '
        "4 spaces to go with 'source' (line 2), 2 spaces with \"- \" to start a new item of the list on line 2, or not at "
        "all to go with 'l' (line 1)",
    ),
    (
        "l:\n  - source: x\n  quote: y\n",
        'f.yaml:3:3: error: this line ("quote: y") lines up with the "- " items of the list on line 2 but does not start '
        "with \"- \": indent it 4 spaces to go with 'source' (line 2), or not at all to go with 'l' (line 1); or start it "
        'with "- " to make it a new item',
    ),
    (
        "aliases:\n  - Eve\n - Evie\n",
        'f.yaml:3:2: error: this line ("- Evie") is indented 1 space, which lines up with nothing above it: indent it '
        "2 spaces with \"- \" to start a new item of the list on line 2, or not at all to go with 'aliases' (line 1)",
    ),
    (
        'id: eve\nname: "Eve"\n  description: x\n',
        'f.yaml:3:3: error: this line ("description: x") is indented 2 spaces, which lines up with nothing above it: '
        "start it at the beginning of the line to go with 'name' (line 2)",
    ),
    (
        " id: eve\nname: Eve\n",
        "f.yaml:1:2: error: this line is indented, but a record's fields start at the beginning of the line: "
        "remove the spaces",
    ),
    (
        "id: eve\nname: Eve\n- description: x\n",
        "f.yaml:3:1: error: this line starts a list item (- …) where a field, like 'name' on line 2, is expected: "
        'if it is a field, remove the "- "; if it starts a list, put it under the field that holds the list, '
        "indented more than that field",
    ),
    (
        # A second citation added to a list written at the start of the line, indented as lists usually are.
        "id: eve\ncitations:\n- source: a\n  quote: Eve\n  - source: b\n    quote: Eve\n",
        "f.yaml:5:3: error: this line starts a list item (- …) where a field, like 'quote' on line 4, is expected: "
        "if it is a new item of the list on line 3, start it at the beginning of the line, like its other items; "
        'if it is a field, remove the "- "; if it starts a list, put it under the field that holds the list, '
        "indented more than that field",
    ),
    *(
        (
            f"id: eve\nname: {c}eve\n",
            f'f.yaml:2:7: error: [name] a value cannot start with {c} unless it is in quotes: write name: "{c}eve"',
        )
        for c in "@`%|>"
    ),
    (
        "aliases:\n  - @eve\n",
        'f.yaml:2:5: error: [aliases[0]] a value cannot start with @ unless it is in quotes: write - "@eve"',
    ),
    ("id: eve\nname: *eve\n", "f.yaml:2:7: error: [name] YAML aliases (*name) are not allowed; write the value out"),
    ("id: eve\nname: &eve\n", "f.yaml:2:7: error: [name] YAML anchors (&name) are not allowed; write the value out"),
    (
        "id: eve\ndescription:\nA person.\n",
        'f.yaml:3:1: error: this line ("A person.") is neither a field (name: value) nor a list item (- …): if it '
        "belongs to the value of 'description' (line 2), indent it 2 spaces; if it is a field, put a colon and a space "
        "after its name",
    ),
    (
        "id: eve\nname:Eve\n",
        "f.yaml:2:1: error: a colon after a field's name must be followed by a space: write name: Eve",
    ),
    (
        'id: eve\nname: "C:\\docs"\n',
        'f.yaml:2:10: error: [name] inside "…" a backslash starts an escape, and \\d is none: write a backslash as '
        "\\\\, or put the value in single quotes instead",
    ),
    ("a:\n\t- x\n", "f.yaml:2:1: error: tab character; YAML files here use spaces only"),
    (
        "id: eve\nname: ? eve\n",
        "f.yaml:2:7: error: YAML cannot read this line (mapping keys are not allowed in this context): look at its "
        "indentation, colons and quotes; docs/contributing.md lists the usual slips and their fixes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SYNTAX)
def test_each_syntax_slip_is_told_in_plain_words_with_its_fix(text: str, expected: str) -> None:
    assert problems(text.encode()) == [expected]


@pytest.mark.parametrize(("text", "expected"), SYNTAX)
def test_the_python_parser_gets_the_same_words(text: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Where PyYAML was built without libyaml, its Python parser words every problem differently.
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    if "YAML cannot read" in expected:  # PyYAML's own words, quoted as they are
        expected = expected.replace("in this context", "here")
    assert problems(text.encode()) == [expected]


def test_a_suggested_value_reads_back_as_typed() -> None:
    for value in ["Putin's: no", 'He said "no": fine', "it's \"x\": a \\ b", "plain"]:
        assert yaml.safe_load("q: " + quoted(value)) == {"q": value}
