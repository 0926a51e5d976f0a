"""`make lock-check`: the installed versions are the lock's, and every difference is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.tools import lockcheck
from generator.tools.lockcheck import differences, pins

from .conftest import ROOT


def test_the_lock_pins_the_engines_with_hashes() -> None:
    locked = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert locked["mkdocs"] == "1.6.1"
    assert {"mkdocs-material", "properdocs", "zensical", "pip-tools"} <= locked.keys()
    assert locked["zensical"] == "0.0.73"  # pinned on purpose: docs/building.md says why


def test_pins_reads_lock_and_freeze_lines_alike() -> None:
    lock = "Mkdocs_Material==9.8.2 \\\n    --hash=sha256:ab\n    # via x\nzope.interface==7.0 ; python_version >= '3'\n"
    assert pins(lock) == {"mkdocs-material": "9.8.2", "zope-interface": "7.0"}
    assert pins("-e git+https://example.org/p#egg=p\npip==26.1\n") == {"pip": "26.1"}


def test_each_difference_is_named() -> None:
    locked = {"a": "1", "b": "2", "c": "3"}
    have = {"a": "1", "b": "2.1", "d": "4"}
    assert differences(locked, have) == [
        "b: 2.1 installed, 2 in the lock",
        "c==3: in the lock, not installed",
        "d==4: installed, not in the lock",
    ]
    assert differences(locked, dict(locked)) == []


def test_main_fails_on_a_difference_and_on_a_lock_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(lockcheck, "installed", lambda: {"mkdocs": "1.6.1", "extra": "1"})
    lock = tmp_path / "requirements.lock"
    lock.write_text("mkdocs==1.6.1 \\\n    --hash=sha256:00\n", encoding="utf-8")
    assert lockcheck.main([str(lock)]) == 1
    out, err = capsys.readouterr()
    assert out == "extra==1: installed, not in the lock\n"
    assert "differs from" in err and "in 1 package(s)" in err

    lock.write_text("# a lock whose pins this reader no longer finds\nmkdocs>=1.6\n", encoding="utf-8")
    assert lockcheck.main([str(lock)]) == 1
    assert "pins no package" in capsys.readouterr().err

    monkeypatch.setattr(lockcheck, "installed", lambda: {"mkdocs": "1.6.1"})
    lock.write_text("mkdocs==1.6.1\n", encoding="utf-8")
    assert lockcheck.main([str(lock)]) == 0
    assert capsys.readouterr().err == f"the 1 packages of {lock} are installed at its versions, and nothing else\n"
