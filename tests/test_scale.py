"""The synthetic 1,000-record site, built as the real one is, passes check-site: no broken link or anchor.

At that size the long lists are cut into pages, which is where links went wrong before (a
measure linked on the first page of the numbers when it was on the second). LinkChecker takes
minutes over a thousand pages, so this runs in CI (`make test-scale`), not in `make test`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.site.sitecheck import check_site
from generator.tools.synth import synthesize

from .engines import ENGINE, command

RECORDS = int(os.environ.get("FACTSHEET_SCALE") or 0)

pytestmark = pytest.mark.skipif(not RECORDS, reason="make test-scale runs it (FACTSHEET_SCALE=records)")


def test_the_synthetic_site_passes_check_site(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    synthesize(repo, RECORDS, max(2, RECORDS // 30))
    site = tmp_path / "site"
    # --strict with the real site's validation: block, so a link to a missing anchor fails the build too.
    build = [*command(ENGINE, "build", "--strict"), "--site-dir", str(site)]
    done = subprocess.run(build, cwd=repo, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = check_site(site)
    assert [r.tool for r in results if not r.ok] == [], "\n".join(r.report[-3000:] for r in results if not r.ok)
