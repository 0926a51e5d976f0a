"""Where every record's page lives: one rule for pages, links and facts.json."""

from __future__ import annotations

import posixpath

from .model import KINDS, Record

# The endings MkDocs reads as pages (mkdocs.utils.markdown_extensions).
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def page_path(rec_or_kind: Record | str) -> str:
    """The Markdown path of a record's page, or of a kind's index page, under the docs folder."""
    if isinstance(rec_or_kind, str):
        return f"{KINDS[rec_or_kind].folder}/index.md"
    return f"{KINDS[rec_or_kind.KIND].folder}/{rec_or_kind.id}.md"


def site_url(path: str) -> str:
    """The published URL of a page, relative to the site root (directory URLs)."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def published(path: str) -> str:
    """Where MkDocs writes a file of the docs folder, with directory URLs.

    A page goes to its folder's index.html (README counts as index, as in MkDocs),
    any other file to its own path: two sources with one destination overwrite each other.
    """
    if not path.endswith(MARKDOWN):
        return path
    folder, name = posixpath.split(posixpath.splitext(path)[0])
    return site_url(posixpath.join(folder, "index" if name == "README" else name) + ".md") + "index.html"
