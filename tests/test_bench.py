"""The scaling benchmark runs and prints its rows; its timings are figures, never asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.tools.bench import SCALING, main


def test_scaling_mode_prints_a_row_per_input_and_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--scaling", "--steps", "2", "--scale", "0.01", "--runs", "1", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| input")]
    assert len(rows) == 2 * len(SCALING)
    assert [r.split(" | ")[0].removeprefix("| ") for r in rows[::2]] == list(SCALING)
    assert all(r.endswith(" | - |") for r in rows[::2])  # the first size has no previous one
