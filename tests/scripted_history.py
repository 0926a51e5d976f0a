"""A fact base with a scripted history: the mini fixture, then a figure corrected, a claim's
status changed and a record removed, one commit each, at fixed dates and under subjects
that readers must never see."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .conftest import MINI, write_record

NUMBER = "facts/numbers/meeting-one-hour.yaml"
CLAIM = "facts/claims/meeting-lasted-two-hours.yaml"
CAROL = "people/carol-example.yaml"
NOTE = "The report gives one hour, not two."
# (subject, date): each a word no page may print.
SUBJECTS = {
    "import": ("Import the Quillfeather fixture", "2026-11-20"),
    "figure": ("Refactor the Zanzibarian loader", "2026-11-23"),
    "status": ("Tidy the Brambleworth wording", "2026-11-24"),
    "removal": ("Drop the Ottermoss record", "2026-11-25"),
}
LEAKS = ("Quillfeather", "Zanzibarian", "Brambleworth", "Ottermoss")


def git(repo: Path, *args: str, date: str = "2026-11-20") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"}
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Ed", "-c", "user.email=ed@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return done.stdout.strip()


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_scripted_repo(dest: Path) -> tuple[Path, dict[str, str]]:
    """The repository and the whole hash of each commit, by its name in SUBJECTS."""
    repo = dest / "scripted"
    shutil.copytree(MINI, repo)
    commits = {}

    def commit(name: str, *trailers: str) -> None:
        subject, date = SUBJECTS[name]
        git(repo, "add", "-A", date=date)
        git(repo, "commit", "-q", "-m", subject, *(a for t in trailers for a in ("--trailer", t)), date=date)
        commits[name] = git(repo, "rev-parse", "HEAD")

    # As first imported: the figure misread as two hours, the claim merely reported, and one more person.
    edit(repo, NUMBER, 'value: "1"', 'value: "2"')
    edit(repo, CLAIM, "status: disputed", "status: reported")
    write_record(
        repo,
        CAROL,
        "id: carol-example\nname: Carol Example\ndescription: A person the report names.\n"
        "citations:\n  - source: mini-report\n    quote: Alice Example\n",
    )
    git(repo, "init", "-q")
    commit("import")
    edit(repo, NUMBER, 'value: "2"', 'value: "1"')
    commit("figure", f"Correction: {NOTE}")
    edit(repo, CLAIM, "status: reported", "status: disputed")
    commit("status")
    (repo / "facts" / CAROL).unlink()
    commit("removal")
    return repo, commits
