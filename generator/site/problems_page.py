"""While serving, a fact base with problems answers every page with them.

A failed rebuild used to leave the open tab on the old text and a new page
load waiting until the editor fixed the problem, with the reason only in the
terminal. Wrapped around the preview server's WSGI application, this answers
each page request at once with the located problems and the lines of YAML
they point at; the page asks every second whether they are fixed and reloads
itself when they are. Everything else (the site's files, the server's own
reload requests) passes through.

Built as plain WSGI and HTML, so that it knows nothing of the server behind it.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..core.errors import Problem, printable
from ..core.load import Paths, link_on_the_way

# Asked by the error page, answered here: "ok" once the fact base builds again.
STATUS_PATH = "/.factsheet/problems"
# Lines of the file shown around each problem's line.
CONTEXT = 2

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The fact base has problems</title>
<style>
body {{ margin: 0 auto; max-width: 60rem; padding: 1.5rem; font: 16px/1.5 system-ui, sans-serif;
       color: #1f1f1f; background: #fff; }}
h1 {{ font-size: 1.4rem; color: #8c1d18; }}
li {{ margin: 0 0 1.2rem; }}
code, pre {{ font: 14px/1.45 ui-monospace, monospace; }}
pre {{ overflow-x: auto; margin: 0.4rem 0 0; padding: 0.5rem 0.7rem; background: #f4f4f4; border-radius: 4px; }}
mark {{ background: #ffe08a; color: inherit; }}
@media (prefers-color-scheme: dark) {{
  body {{ color: #e6e6e6; background: #1e2129; }}
  h1 {{ color: #ffb4ab; }}
  pre {{ background: #2b2f3a; }}
  mark {{ background: #6b5400; }}
}}
</style></head>
<body><main>
<h1>The fact base has {count}</h1>
<p>Nothing is published while a record or an article has a problem. Fix each one below and save:
this page reloads by itself when the fact base builds again. The same list is in the terminal,
and <code>make check</code> prints it too.</p>
<ol>{items}</ol>
</main>
<script>
(function poll() {{
  fetch("{status}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
    .then(function (t) {{ if (t === "ok") location.reload(); else setTimeout(poll, 1000); }},
          function () {{ setTimeout(poll, 2000); }});
}})();
</script>
</body></html>
"""


def render(problems: Sequence[Problem], paths: Paths) -> bytes:
    """The error page: each problem located, with the lines of its file around the line it names."""
    items = []
    files: dict[str, list[str] | None] = {}  # a file with a thousand problems is read once
    for p in problems:
        if p.loc.file not in files:
            files[p.loc.file] = _lines(paths, p.loc.file)
        context = _context(files[p.loc.file], p.loc.line)
        field = f"[{printable(p.field)}] " if p.field else ""
        message = html.escape(printable(field + p.message))
        items.append(f"<li><code>{html.escape(printable(str(p.loc)))}</code>: {message}{context}</li>")
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return _PAGE.format(count=count, items="".join(items), status=STATUS_PATH).encode("utf-8")


def _lines(paths: Paths, file: str) -> list[str] | None:
    """The lines of a problem's file, or None for a file that cannot be shown."""
    target = paths.root / file
    try:
        inside = target.resolve().is_relative_to(paths.root.resolve())
        # Never read through a symbolic link: the check refuses them, and this page is no way round it.
        if not inside or link_on_the_way(paths.root, target) is not None or not target.is_file():
            return None
        return target.read_text(encoding="utf-8", errors="replace").splitlines()
    except (OSError, ValueError):
        return None


def _context(lines: list[str] | None, line: int) -> str:
    """The file's lines around the problem's, its own marked; nothing for a file that cannot be shown."""
    if lines is None or not 1 <= line <= len(lines):
        return ""
    first = max(1, line - CONTEXT)
    last = min(len(lines), line + CONTEXT)
    shown = []
    for n in range(first, last + 1):
        text = html.escape(printable(lines[n - 1]))
        row = f"{n:>4} | {text}"
        shown.append(f"<mark>{row}</mark>" if n == line else row)
    return "<pre>" + "\n".join(shown) + "</pre>"


class ProblemsApp:
    """A WSGI application that answers pages with the problems while there are any."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._page: bytes | None = None

    def set(self, problems: Sequence[Problem], paths: Paths) -> None:
        page = render(problems, paths) if problems else None
        with self._lock:
            self._page = page

    def clear(self) -> None:
        with self._lock:
            self._page = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        with self._lock:
            page = self._page
        if path == STATUS_PATH:
            start_response("200 OK", [("Content-Type", "text/plain"), ("Cache-Control", "no-store")])
            return [b"broken" if page is not None else b"ok"]
        if page is not None and (path.endswith("/") or path.endswith(".html")):
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]
            start_response("500 Internal Server Error", [*headers, ("Content-Length", str(len(page)))])
            return [page]
        return self.app(environ, start_response)
