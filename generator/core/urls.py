"""Where every record's page lives: one rule for pages, links and facts.json."""

from __future__ import annotations

import functools
import html
import posixpath
import re

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


# Pages share a handful of folders, so (folder, target) pairs repeat across pages.
@functools.lru_cache(maxsize=65536)
def relative(from_dir: str, to: str) -> str:
    """The relative path from a folder to a path, both under the same root, as plain strings.

    posixpath.relpath consults the working directory, and at ten thousand records
    this is called a quarter of a million times.
    """
    here = [p for p in from_dir.split("/") if p]
    there = to.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# A link inside raw HTML: the generator writes them all as <a …href="…">.
_RAW_HREF = re.compile(r'(<a\s[^>]*?\bhref=")([^"]*)(")')


def raw_links_as_urls(text: str, page: str) -> str:
    """``text``, the HTML of ``page``, with each link to a Markdown file inside raw HTML made the
    link to that file's published address, relative to the page's own (directory URLs).

    The generator links pages from raw HTML (diagrams, the differences) as it links them in
    Markdown, relative to the source file: ``../people/x.md#a``. Zensical resolves those itself;
    MkDocs and ProperDocs resolve only Markdown links and leave raw HTML as it is, so their
    plugin calls this. Only a relative path ending in a Markdown file's name is changed.
    """

    def resolve(m: re.Match[str]) -> str:
        href = html.unescape(m[2])
        path, hash_, anchor = href.partition("#")
        if not path.endswith(MARKDOWN) or ":" in path or path.startswith("/") or "?" in path:
            return m[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target.startswith("../"):
            return m[0]
        url = relative(_folder_url(page), published(target).removesuffix("index.html")) or "./"
        return m[1] + html.escape(url + hash_ + anchor, quote=True) + m[3]

    return _RAW_HREF.sub(resolve, text)


def _folder_url(page: str) -> str:
    return published(page).removesuffix("index.html")
