"""The JSON Schema files editors use: shipped, current, and in agreement with the checker."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.core.load import load_record
from generator.core.model import KIND_BY_FOLDER, KINDS
from generator.core.schema import SCHEMA_DIR, schema_file, schema_line
from generator.core.yamlsafe import YMap, YNode, YScalar, YSeq, load_yaml

from .conftest import MINI, ROOT

# How an editor's YAML 1.2 (core schema) types a plain scalar.
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_editor_reads(node: YNode) -> Any:
    if isinstance(node, YMap):
        return {k: as_editor_reads(e.value) for k, e in node.entries.items()}
    if isinstance(node, YSeq):
        return [as_editor_reads(i) for i in node.items]
    assert isinstance(node, YScalar)
    v = node.value
    if node.quoted:
        return v
    if node.is_null:
        return None
    if v in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return v.lower() == "true"
    if _INT.fullmatch(v):
        return int(v, 8) if v.startswith("0o") else int(v, 16) if v.startswith("0x") else int(v)
    if _FLOAT.fullmatch(v):
        return float(v)
    return v


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / SCHEMA_DIR / schema_file(kind)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schemas_are_current() -> None:
    result = subprocess.run(
        [sys.executable, "-P", "-m", "generator", "--root", str(ROOT), "schemas", "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (ROOT / SCHEMA_DIR).iterdir()) == sorted(schema_file(k) for k in KINDS)


def test_stale_schema_is_reported_and_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / SCHEMA_DIR
    folder.mkdir(parents=True)
    for kind in KINDS:
        (folder / schema_file(kind)).write_bytes((ROOT / SCHEMA_DIR / schema_file(kind)).read_bytes())
    (folder / "claim.schema.json").write_text("{}\n", encoding="utf-8")
    cmd = [sys.executable, "-P", "-m", "generator", "--root", str(tmp_path), "schemas"]
    stale = subprocess.run([*cmd, "--check"], capture_output=True, text=True, cwd=ROOT)
    assert stale.returncode == 1
    assert stale.stderr == "generator/schemas/claim.schema.json: out of date; run: make schemas\n"
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    assert subprocess.run([*cmd, "--check"], cwd=ROOT).returncode == 0


@pytest.mark.parametrize("facts", [ROOT / "facts", MINI / "facts"], ids=["site", "mini"])
def test_every_record_names_and_passes_its_schema(facts: Path) -> None:
    files = sorted(facts.glob("*/*.yaml"))
    assert files
    for path in files:
        kind = KIND_BY_FOLDER[path.parent.name].name
        data = path.read_bytes()
        assert data.decode().splitlines()[0] == schema_line(kind), path
        tree, problems = load_yaml(path.name, data)
        assert tree is not None and not problems
        errors = [e.message for e in validator(kind).iter_errors(as_editor_reads(tree))]
        assert errors == [], path


PERSON = "id: x\nname: X\ndescription: D\ncitations: [{source: s, quote: q}]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"{PERSON}nmae: Y\n", "Additional properties are not allowed ('nmae' was unexpected)"),
        (PERSON.replace("id: x", "id: X"), "'X' does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'"),
        (PERSON.replace("id: x\n", ""), "'id' is a required property"),
    ],
)
def test_schema_flags_what_the_checker_refuses(text: str, message: str) -> None:
    tree, _ = load_yaml("p.yaml", text.encode())
    assert tree is not None
    assert [e.message for e in validator("person").iter_errors(as_editor_reads(tree))] == [message]


def test_schema_accepts_numbers_as_an_editor_types_them() -> None:
    text = (
        "id: n\nlabel: L\nunit: children\ncounts: C\nvalue: 19500\ncitations: [{source: s, quote: q, occurrence: 2}]\n"
    )
    tree, _ = load_yaml("n.yaml", text.encode())
    assert tree is not None
    assert list(validator("number").iter_errors(as_editor_reads(tree))) == []


SOURCE = "id: s\nfile: seeds/s.txt\nlabel: L\n"


@pytest.mark.parametrize(
    ("published", "wrong"),
    [
        ("{date: '2025-08-16', quote: 'date 2025-08-16'}", False),
        ("{date: '2025-08-16', from_editor: \"the publisher's page, seen 2025-08-17\"}", False),
        ("{date: '2025-08-16'}", True),
        ("{date: '2025-08-16', quote: null}", True),
        ("{date: '2025-08-16', quote: 'date 2025-08-16', from_editor: 'the page'}", True),
        ("{date: '2025-08-16', from_editor: given to add-source}", True),
    ],
)
def test_schema_asks_for_a_quote_or_the_editors_word_as_the_checker_does(
    published: str, wrong: bool, tmp_path: Path
) -> None:
    text = f"{schema_line('source')}\n{SOURCE}published: {published}\n"
    tree, _ = load_yaml("s.yaml", text.encode())
    assert tree is not None
    assert bool(list(validator("source").iter_errors(as_editor_reads(tree)))) == wrong
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert bool(load_record("source", path, "s.yaml")[2]) == wrong
