"""Which engine the tests that start one run: FACTSHEET_ENGINE, which `make test ENGINE=…` sets.

MkDocs by default; ProperDocs, the maintained continuation of MkDocs 1.6, with
FACTSHEET_ENGINE=properdocs. ProperDocs answers every ``mkdocs.*`` import with its own
module once ``properdocs.replacement`` is imported (its command line does the same), so the
tests that import MkDocs' API build with ProperDocs, plugin and Material included, as long
as this runs before anything imports MkDocs: conftest.py imports it first. Zensical runs no
plugin, so it builds the rendered pages only (tests/test_engines.py), not these tests.
"""

from __future__ import annotations

import importlib
import os

import pytest

PLUGIN_ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("FACTSHEET_ENGINE") or "mkdocs"

if ENGINE not in PLUGIN_ENGINES:
    raise pytest.UsageError(
        f"FACTSHEET_ENGINE={ENGINE}: the tests build with the factsheet plugin, so with mkdocs or properdocs; "
        "tests/test_engines.py builds the rendered pages with Zensical whichever is chosen"
    )
if ENGINE == "properdocs":
    importlib.import_module("properdocs.replacement")


def command(engine: str, *args: str) -> list[str]:
    """The engine's command line, the config file named (ProperDocs would look for properdocs.yml first)."""
    import sys

    return [sys.executable, "-P", "-m", engine, *args, "-f", "mkdocs.yml"]
