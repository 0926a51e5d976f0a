"""Running Pagefind, the search index, over a built site: once, or in the background while serving."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading

log = logging.getLogger("mkdocs.plugins.factsheet")

# Not words of the page: the toc extension's permalink sign (¶) inside every heading,
# which search results printed after each heading and in the excerpts.
EXCLUDED = "a.headerlink"


class Pagefind:
    """Runs Pagefind over the built site: in the build, or in the background while serving."""

    def __init__(self, log: logging.Logger = log) -> None:
        self.log = log  # the builder's: under `serve`, what the background run says goes where its messages go
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again: str | None = None

    @staticmethod
    def run(site_dir: str, background: bool = False) -> str | None:
        """Index the site; the error, if Pagefind failed."""
        # -P: MkDocs runs in the repository, whose top-level files must not stand in for the pagefind module.
        cmd = [sys.executable, "-P", "-m", "pagefind", "--site", site_dir, "--output-subdir", "pagefind"]
        cmd += ["--exclude-selectors", EXCLUDED]
        nice = shutil.which("nice")
        if background and nice:
            # The next save's rebuild comes first: the editor is waiting for that page.
            cmd = [nice, "-n", "15", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            return f"Pagefind could not index the site:\n{result.stdout}{result.stderr}"
        return None

    def start(self, site_dir: str) -> None:
        """Index in the background; a save during a run gets one more run after it."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = site_dir
                return
            self._thread = threading.Thread(target=self._loop, args=(site_dir,), daemon=True)
            self._thread.start()

    def _loop(self, site_dir: str) -> None:
        while True:
            error = self.run(site_dir, background=True)
            if error:
                self.log.warning(error)
            with self._lock:
                site_dir, self._again = self._again or "", None
                if not site_dir:
                    self._thread = None
                    return

    def wait(self) -> None:
        thread = self._thread
        if thread is not None:
            thread.join()
