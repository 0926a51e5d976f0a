from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import ROOT, write


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def break_quote(root: Path) -> None:
    path = root / "facts/people/bob-sample.yaml"
    path.write_text(path.read_text().replace("one hour", "ten hours"))


def test_check_passes_on_a_clean_fact_base(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(mini), "check")
    assert (code, out) == (0, "")
    assert "no problems found" in err


def test_check_text_format(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_quote(mini)
    code, out, err = run(capsys, "--root", str(mini), "check")
    assert code == 1
    assert out.startswith("facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote not found verbatim")
    assert err == "1 problem found\n"


def test_check_github_format(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_quote(mini)
    code, out, _ = run(capsys, "--root", str(mini), "check", "--format", "github")
    assert code == 1
    assert out.startswith(
        "::error file=facts/people/bob-sample.yaml,line=7,col=12::[citations[0].quote] quote not found verbatim"
    )


def test_github_format_escapes_what_would_end_the_command(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(mini / "facts/people/a,b:c.yml", "x: 1\n")
    code, out, _ = run(capsys, "--root", str(mini), "check", "--format", "github")
    assert code == 1
    assert out == "::error file=facts/people/a%2Cb%3Ac.yml,line=1,col=1::record files end in .yaml, not .yml\n"


def test_check_refuses_a_root_without_the_data_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(tmp_path), "check")
    assert code == 1
    assert out.splitlines() == [
        "facts:1:1: error: is not a folder; is this the repository (see --root)?",
        "seeds:1:1: error: is not a folder; is this the repository (see --root)?",
    ]


def test_check_json_format(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_quote(mini)
    code, out, _ = run(capsys, "--root", str(mini), "check", "--format", "json")
    assert code == 1
    (problem,) = json.loads(out)
    assert {k: problem[k] for k in ("file", "line", "col", "field")} == {
        "file": "facts/people/bob-sample.yaml",
        "line": 7,
        "col": 12,
        "field": "citations[0].quote",
    }


def test_render_writes_pages(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, _, err = run(capsys, "--root", str(mini), "render", "--out", str(out))
    assert code == 0 and "wrote" in err
    assert (
        (out / "docs/people/bob-sample.md")
        .read_text()
        .startswith('---\ntitle: "Bob Sample"\ntags: ["person", "Daily Planet"]\n')
    )
    assert json.loads((out / "docs/facts.json").read_text())["people"][0]["id"] == "alice-example"
    # A whole site source: the hand-written pages, the summary filled in, and a configuration without the plugin.
    home = (out / "docs/index.md").read_text()
    assert "<!-- factsheet:summary -->" not in home and "## In the fact sheet" in home
    config = (out / "mkdocs.yml").read_text()
    assert "- factsheet\n" not in config and "enabled: false" in config and "custom_dir: overrides" in config
    assert (out / "overrides/main.html").is_file() and (out / "docs/assets/factsheet/factsheet.css").is_file()


def test_render_refuses_a_folder_with_files(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keep = write(tmp_path / "docs/page.md", "hand-written\n")
    code, _, err = run(capsys, "--root", str(mini), "render", "--out", str(tmp_path / "docs"))
    assert code == 2 and "is not an empty folder" in err
    assert keep.read_text() == "hand-written\n"
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["page.md"]


def test_render_writes_nothing_when_facts_are_broken(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_quote(mini)
    code, out, _ = run(capsys, "--root", str(mini), "render", "--out", str(tmp_path / "out"))
    assert code == 1 and "quote not found verbatim" in out
    assert not (tmp_path / "out").exists()


def test_github_format_escapes_a_field_path_that_holds_commands(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A YAML key is part of the field path: "\n::notice …" in it once started an annotation of its own.
    key = "note\\n::notice file=facts/people/alice-example.yaml::Approved\\n::stop-commands::x"
    path = mini / "facts/people/bob-sample.yaml"
    path.write_text(path.read_text() + f'"{key}": forged\n')
    code, out, _ = run(capsys, "--root", str(mini), "check", "--format", "github")
    assert code == 1
    assert all(line.startswith("::error file=") for line in out.splitlines())
    assert (
        "::error file=facts/people/bob-sample.yaml,line=8,col=1::"
        f"[{key}] unknown field '{key}'; known fields: id, name, aliases, description, relations, citations"
    ) in out.splitlines()
    _, text, _ = run(capsys, "--root", str(mini), "check")
    assert all(line.startswith("facts/") for line in text.splitlines())


def test_every_command_the_tools_print_works_from_a_fresh_clone(capsys: pytest.CaptureFixture[str]) -> None:
    # A bare `python -m generator` fails outside the virtual environment (No module named 'rapidfuzz').
    bare = re.compile(r"(?<!\.venv/bin/)python3? -m generator")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "generator").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line) and "fails outside" not in line
    ]
    assert found == []
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("usage: .venv/bin/python -m generator ")
