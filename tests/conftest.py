from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.load import Paths
from generator.core.model import KIND_BY_FOLDER
from generator.core.schema import schema_line

# Before any test module: under FACTSHEET_ENGINE=properdocs, every import of MkDocs must find ProperDocs.
from .engines import ENGINE  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
# Laid over MINI: a second article whose figures for the meeting's length are a range, a lower
# bound and an upper bound, so that one measure has every kind of figure the pages draw.
FIGURES = Path(__file__).resolve().parent / "fixtures" / "figures"


def paths_for(root: Path) -> Paths:
    return Paths.for_repo(root)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture repository."""
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    return dest


def mini_with_figures(dest: Path) -> Path:
    """A copy of MINI with FIGURES laid over it, at ``dest``."""
    shutil.copytree(MINI, dest)
    shutil.copytree(FIGURES, dest, dirs_exist_ok=True)
    return dest


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_record(root: Path, rel: str, body: str) -> Path:
    """A record file as an editor writes it: the schema line, then the fields."""
    kind = KIND_BY_FOLDER[Path(rel).parent.name].name
    return write(root / "facts" / rel, f"{schema_line(kind)}\n{body}")
