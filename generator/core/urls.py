"""Where every record's page lives: one rule for pages, links and facts.json."""

from __future__ import annotations

from .model import KINDS, Record


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
