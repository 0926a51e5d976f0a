"""The GitHub workflows, CODEOWNERS and pre-commit hooks: their steps are make targets that exist and work."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import MINI, ROOT, write

WORKFLOWS = ROOT / ".github/workflows"


def workflow(name: str) -> dict[Any, Any]:
    # The project's own file, not a contributor's record: safe_load is fine here.
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_request_workflow_runs_every_check_through_make() -> None:
    wf = workflow("pull-request.yml")
    assert list(wf[True]) == ["pull_request"]  # YAML 1.1 reads the key "on" as True
    job = wf["jobs"]["check"]
    assert runs(job) == [
        "make -f Makefile ci-check",
        "make -f Makefile lock-check",
        "make -f Makefile test",
        "make -f Makefile test ENGINE=properdocs",
        "make -f Makefile test-scale",
        "make -f Makefile site ENGINE=zensical",
        "make -f Makefile site",  # last: site/ is what is uploaded
    ]
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site/"


def test_publish_workflow_deploys_only_after_the_same_checks() -> None:
    wf = workflow("publish.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    assert runs(wf["jobs"]["build"]) == runs(workflow("pull-request.yml")["jobs"]["check"])
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert wf["permissions"] == {"contents": "read"}  # write access only in the deploy job


@pytest.mark.parametrize(("name", "job"), [("pull-request.yml", "check"), ("publish.yml", "build")])
def test_checkout_has_the_whole_history(name: str, job: str) -> None:
    checkout = workflow(name)["jobs"][job]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0


def automation() -> list[str]:
    """Every command the workflows, the pre-commit hooks and .ci/run give."""
    names = ("pull-request.yml", "publish.yml", "newest.yml")
    commands = [r for name in names for job in workflow(name)["jobs"].values() for r in runs(job)]
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    commands += [h["entry"] for h in hooks]
    ci_run = (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
    # .ci/run says `make test` as the guide has it; its own make function pins the Makefile.
    first_make = next(i for i, line in enumerate(ci_run) if line.startswith("make "))
    assert CI_MAKE in ci_run[:first_make], "define .ci/run's make function before its first make"
    steps = [line for line in ci_run if line and line != CI_MAKE and not line.startswith(("#", "set ", "cd "))]
    commands += [re.sub(r"^make ", "make -f Makefile ", line) for line in steps]
    return commands


CI_MAKE = 'make() { command make -f Makefile "$@"; }'


def test_the_automation_runs_only_make_targets_of_the_makefile() -> None:
    # GNU make reads a GNUmakefile or makefile before the Makefile: -f Makefile pins the file.
    commands = automation()
    assert "make -f Makefile test" in commands
    targets = make_targets()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in commands:
        match = re.fullmatch(r"make -f Makefile (?:-s )?([a-z][\w-]*)((?: (?:ENGINE|DEPS)=[a-z]+)*)", command)
        assert match, f"{command!r}: call make as 'make -f Makefile TARGET [ENGINE=…] [DEPS=…]'"
        assert match[1] in targets, command
        for setting in match[2].split():
            # Each value has its recipe: ENGINE=x its BUILD_x, DEPS=x its INSTALL_x.
            name, value = setting.split("=")
            prefix = {"ENGINE": "BUILD_", "DEPS": "INSTALL_"}[name]
            assert re.search(rf"^{prefix}{value} :?= ", makefile, re.MULTILINE), command


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_gnumakefile_does_not_replace_the_makefile(tmp_path: Path) -> None:
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "GNUmakefile").write_text("%:\n\t@echo taken over by GNUmakefile\n")
    plain = subprocess.run(["make", "-n", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert "taken over by GNUmakefile" in plain.stdout  # the threat is real
    for command in automation():
        make, *args = command.split()
        dry = subprocess.run([make, "-n", *args], cwd=tmp_path, capture_output=True, text=True)
        assert dry.returncode == 0 and "GNUmakefile" not in dry.stdout, command
    # .ci/run's own `make`, as bash runs it, is the Makefile's too.
    ci = subprocess.run(["bash", "-c", f"{CI_MAKE}\nmake -n check"], cwd=tmp_path, capture_output=True, text=True)
    assert ci.returncode == 0 and "GNUmakefile" not in ci.stdout, ci.stdout + ci.stderr


def test_the_makefile_runs_python_without_the_working_directory_on_sys_path() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PY := \$\(BIN\)/python -P$", text, re.MULTILINE)
    text = text.replace("$(PYTEST)", re.search(r"^PYTEST := (.*)$", text, re.MULTILINE)[1])  # type: ignore[index]
    calls = [line for line in text.splitlines() if line.startswith("\t") and re.search(r"python|\$\(PY", line)]
    assert len(calls) >= 8
    for line in calls:
        assert re.search(r"\$\(PY\) -[mc] |\$\(PYTHON\) -P -m ", line) and "/python" not in line, line


def repo_with_make(tmp_path: Path) -> Path:
    """A copy of the small fixture with the project's Makefile and virtual environment."""
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    for name in ("Makefile", ".pre-commit-config.yaml", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, repo / name)  # copy2 keeps pyproject and the lock older than the venv's stamp
    (repo / ".venv").symlink_to(ROOT / ".venv")
    return repo


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_module_at_the_top_does_not_stand_in_for_a_dependency(tmp_path: Path) -> None:
    repo = repo_with_make(tmp_path)
    (repo / "rapidfuzz.py").write_text("import os\nos._exit(0)\n")  # "the check passed"
    (repo / "facts/people/eve.txt").write_text("not a record\n")
    result = subprocess.run(["make", "-f", "Makefile", "-s", "check"], cwd=repo, capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stdout == "facts/people/eve.txt:1:1: error: not a record file; record files end in .yaml\n"


def recipe(target: str, program: str) -> list[str]:
    """The first command of ``target``'s recipe that runs ``program``, with the Makefile's variables expanded."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+) [:?]?= (.*)$", text, re.MULTILINE))
    body = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert body, target
    lines = []
    for line in body[1].splitlines():
        while ref := re.search(r"\$\((\w+)\)", line):
            line = line.replace(ref[0], variables.get(ref[1], ref[1]))
        lines.append(line)
    # A recipe line may be a shell "if …; then …; else …; fi": its commands, one by one.
    commands = [c.strip(" @") for line in lines for c in re.split(r";|&&|\|\||\b(?:if|then|else|fi)\b", line)]
    return shlex.split(next(c for c in commands if program in c))


# Files a pull request could add at the top to make `make test` pass whatever the code does;
# each takes over a plain run of its tool, but not the run the Makefile makes. (tox.ini and
# setup.cfg are read only after pyproject.toml, whose [tool.pytest.ini_options] comes first.)
TAKEOVERS = {
    "pytest.ini": ("pytest", "[pytest]\naddopts = --co\n"),
    "pytest.toml": ("pytest", '[pytest]\naddopts = ["--co"]\n'),
    ".pytest.ini": ("pytest", "[pytest]\naddopts = --co\n"),
    ".pytest.toml": ("pytest", '[pytest]\naddopts = ["--co"]\n'),
    "conftest.py": ("pytest", "def pytest_configure(config):\n    config.option.collectonly = True\n"),
    "rapidfuzz.py": ("pytest", "import os\nos._exit(0)\n"),
    "ruff.toml": ("ruff", '[lint]\nignore = ["ALL"]\n'),
    "generator/.ruff.toml": ("ruff", '[lint]\nignore = ["ALL"]\n'),
    "mypy.ini": ("mypy", "[mypy]\nfiles = generator\nignore_errors = True\n"),
}
PLAIN = {"pytest": [".venv/bin/python", "-m", "pytest"], "ruff": [".venv/bin/ruff", "check", "generator", "tests"]}


@pytest.mark.parametrize("name", TAKEOVERS)
def test_a_file_at_the_top_does_not_change_what_make_test_runs(name: str, tmp_path: Path) -> None:
    tool, content = TAKEOVERS[name]
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    write(tmp_path / "generator/__init__.py", "import os\n\n\ndef answer() -> int:\n    return 'not a number'\n")
    write(tmp_path / "tests/__init__.py", "")
    write(tmp_path / "tests/test_fails.py", "def test_fails() -> None:\n    import rapidfuzz\n\n    assert not rapidfuzz\n")
    write(tmp_path / name, content)

    def run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTEST_ADDOPTS": ""})

    plain = run(PLAIN.get(tool, [f".venv/bin/{tool}"]))
    assert plain.returncode == 0, plain.stdout  # the threat is real
    pinned = run(recipe("lint" if tool != "pytest" else "test", tool))
    assert pinned.returncode == 1, pinned.stdout
    if tool == "pytest":
        assert "1 failed" in pinned.stdout


def codeowners() -> list[tuple[str, list[str]]]:
    return [
        (line.split()[0], line.split()[1:])
        for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """GitHub's rule: the last matching pattern wins. Only the two pattern forms the file uses are understood."""
    found: list[str] = []
    for pattern, owners in rules:
        assert pattern == "*" or (pattern.startswith("/") and pattern.endswith("/")), pattern
        if pattern == "*" or path.startswith(pattern[1:]):
            found = owners
    return found


def test_codeowners_leave_only_facts_and_seeds_to_the_editors() -> None:
    maintainers, editors = ["@factsheet/maintainers"], ["@factsheet/editors"]
    rules = codeowners()
    assert rules == [("*", maintainers), ("/facts/", editors), ("/seeds/", editors)]
    for path in ("facts/people/vladimir-putin.yaml", "seeds/article-001.txt"):
        assert owners_of(path, rules) == editors, path
    # What a pull request could add to take over the build: each needs a maintainer.
    for path in (
        "GNUmakefile",
        "Makefile",
        "rapidfuzz.py",
        "pytest.ini",
        "conftest.py",
        "tests/conftest.py",
        "docs/people/vladimir-putin.md",
        "mkdocs.yml",
        "generator/cli.py",
        ".github/workflows/publish.yml",
        ".ci/run",
        "factsheet/people/x.yaml",  # a look-alike of facts/ is not facts/
    ):
        assert owners_of(path, rules) == maintainers, path


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_stops_a_broken_record(tmp_path: Path) -> None:
    repo = repo_with_make(tmp_path)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True, env=env)
    pre_commit = [str(ROOT / ".venv/bin/pre-commit"), "run", "--all-files"]

    clean = subprocess.run(pre_commit, cwd=repo, capture_output=True, text=True, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    path = repo / "facts/people/bob-sample.yaml"
    path.write_text(path.read_text().replace("one hour", "ten hours"))
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True, env=env)
    broken = subprocess.run(pre_commit, cwd=repo, capture_output=True, text=True, env=env)
    assert broken.returncode == 1
    assert "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote not found verbatim" in broken.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_serve_on_a_taken_port_says_so_in_one_line(tmp_path: Path) -> None:
    repo = repo_with_make(tmp_path)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run(
            ["make", "-f", "Makefile", "-s", "serve", f"PORT={port}"], cwd=repo, capture_output=True, text=True
        )
    assert result.returncode != 0
    assert result.stdout == f"make serve: port {port} is taken; serve on another with: make serve PORT=8001\n"
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_browser_finds_chromium_or_says_why_not(tmp_path: Path) -> None:
    make = shutil.which("make") or "make"

    def browser(**env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [make, "-f", str(ROOT / "Makefile"), "-s", "browser"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={k: v for k, v in {**os.environ, **env}.items() if k != "FACTSHEET_CHROMIUM" or "FACTSHEET_CHROMIUM" in env},
        )

    # No browser on the PATH and no apt-get: nothing installed, nothing printed, and make test says the rest.
    found = browser(PATH=str(tmp_path))
    assert found.returncode != 0 and found.stdout == ""
    assert browser(FACTSHEET_CHROMIUM=shutil.which("true") or "/bin/true").returncode == 0
    wrong = browser(FACTSHEET_CHROMIUM=str(tmp_path / "nothing"))
    assert wrong.returncode != 0 and wrong.stdout == f"make: FACTSHEET_CHROMIUM={tmp_path / 'nothing'} is not a program\n"
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "else $(PYTEST) --ignore=tests/test_browser.py; $(NO_BROWSER); fi" in text
    assert "exit 1" in text.split("NO_BROWSER :=")[1].split("\n\n")[0]
