"""A real `mkdocs serve --dirty` (or ProperDocs' own), as `make serve` runs it, for the tests that need its file watcher."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .engines import ENGINE, command


@dataclass
class Served:
    base: str
    process: subprocess.Popen[str]
    output: str = field(default="")

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")
        except OSError:
            return 0, ""

    def wait(self, path: str, ok: Callable[[int, str], bool], seconds: float = 60) -> tuple[int, str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"{ENGINE} serve stopped"
            got = self.get(path)
            if ok(*got):
                return got
            time.sleep(0.1)
        raise AssertionError(f"{path} never became as expected")


@contextlib.contextmanager
def serving(root: Path) -> Iterator[Served]:
    """``mkdocs serve --dirty`` on a free port; its whole output is in ``output`` once the block ends."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [*command(ENGINE, "serve", "--dirty"), "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = Served(f"http://127.0.0.1:{port}", process)
    try:
        yield served
    finally:
        process.terminate()
        served.output, _ = process.communicate(timeout=30)
