"""``.venv/bin/python -m generator.tools.lockcheck requirements.lock``: the installed versions are the lock's.

`make install` installs from the lock, hashes checked; this compares what ``pip freeze``
then lists with it, so that a fresh install shown to give the versions that work today
is a step CI runs, not a hope. Exit 1, listing every difference, if they differ.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# "name==version" at the start of a line of the lock or of pip freeze; hashes and comments follow or are ignored.
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def canonical(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    return {canonical(name): version for name, version in _PIN.findall(text)}


def installed(python: str = sys.executable) -> dict[str, str]:
    """``pip freeze`` of the environment, pip and setuptools included, the project itself (editable) left out."""
    out = subprocess.run(
        [python, "-P", "-m", "pip", "freeze", "--all", "--exclude-editable", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return pins(out)


def differences(locked: dict[str, str], have: dict[str, str]) -> list[str]:
    lines = []
    for name in sorted(locked.keys() | have.keys()):
        want, got = locked.get(name), have.get(name)
        if want == got:
            continue
        if got is None:
            lines.append(f"{name}=={want}: in the lock, not installed")
        elif want is None:
            lines.append(f"{name}=={got}: installed, not in the lock")
        else:
            lines.append(f"{name}: {got} installed, {want} in the lock")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: .venv/bin/python -m generator.tools.lockcheck LOCKFILE", file=sys.stderr)
        return 2
    lock = Path(argv[0])
    locked = pins(lock.read_text(encoding="utf-8"))
    if not locked:
        # Nothing read would compare equal to nothing read from pip freeze: never a pass.
        print(f"{lock} pins no package (no line 'name==version'): is it the lock `make lock` wrote?", file=sys.stderr)
        return 1
    found = differences(locked, installed())
    for line in found:
        print(line)
    if found:
        print(
            f"the environment differs from {lock} in {len(found)} package(s); a fresh `make install` installs "
            f"the lock (rm -r .venv first if packages were added by hand), and `make lock` writes a new one",
            file=sys.stderr,
        )
        return 1
    print(f"the {len(locked)} packages of {lock} are installed at its versions, and nothing else", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
