"""The one place where record text becomes markup.

Record text is untrusted. Every value a template prints is escaped for
Markdown unless it is already :class:`Markup` (built here, from escaped
parts). Raw-HTML contexts use :func:`html_text` instead, because Markdown
backslash escapes are not undone inside HTML blocks.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Sequence

from markupsafe import Markup

from ..core.urls import relative

# Characters Python-Markdown (with the tables extension) treats as syntax and
# lets a backslash neutralise; '<' and '&' become entities instead, which also
# closes every raw-HTML and autolink door.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
# STX/ETX are Python-Markdown's placeholder delimiters; no text may carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def md_text(text: object) -> Markup:
    """Plain text, safe anywhere inline in Markdown: in paragraphs, lists and table cells."""
    return _md_text(str(text))


# Names and labels are printed on every page that mentions them: escape each text once.
@functools.lru_cache(maxsize=65536)
def _md_text(text: str) -> Markup:
    flat = " ".join(_CONTROL.sub(" ", text).split())  # a control character between two words still parts them
    flat = flat.replace("&", "&amp;").replace("<", "&lt;")
    return Markup(_MD_SPECIAL.sub(r"\\\1", flat))


# Python-Markdown still runs its inline patterns over raw HTML that sits inside
# a paragraph or a table cell, attribute values included: a label such as
# `[x](y" onmouseover="…)` became a link that broke out of a title attribute.
# As numeric references these characters mean nothing to Markdown, and the
# browser reads them back as themselves, in text and in attributes alike.
_MD_IN_HTML = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]|{}"})


def html_text(text: object) -> Markup:
    """Plain text, safe in raw HTML written by the generator, as element text or in a quoted
    attribute, whether the HTML is a block of its own or sits inline in Markdown."""
    return Markup(html.escape(_CONTROL.sub("", str(text)), quote=True).translate(_MD_IN_HTML))


def md_code(text: object) -> Markup:
    """Text shown as code, such as a file name. A Markdown code span cannot hold every text
    (a backtick in it ends the span), so this is an HTML code element around escaped text."""
    return Markup("<code>") + html_text(text) + Markup("</code>")


def finalize(value: object) -> str:
    """Jinja's finalize hook: what the templates print is escaped unless marked safe."""
    if isinstance(value, Markup):
        return str(value)
    return str(md_text(value))


def rel_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link between two files of the docs folder, as Markdown links (and the
    generator's links inside raw HTML, see :func:`generator.core.urls.raw_links_as_urls`) give them."""
    target = relative(posixpath.dirname(from_page), to_page)
    return f"{target}#{anchor}" if anchor else target


_HREF = re.compile(r"[A-Za-z0-9._/#-]+")


def md_link(text: object, href: str) -> Markup:
    """A Markdown link; ``href`` is built by the generator from ids, never taken from records."""
    if not _HREF.fullmatch(href):
        raise ValueError(f"unexpected link target {href!r}")
    return Markup(f"[{md_text(text)}]({href})")



def excerpt(text: str, limit: int = 90) -> str:
    """The start of a quote, cut at a word, for link texts."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def external_link(url: str) -> Markup:
    """A link off the site. Only http(s) URLs ever get here (the model refuses others);
    checked again because this is where a URL becomes an attribute."""
    if not re.match(r"https?://[^\s]+$", url):
        return md_text(url)
    return Markup(f'<a href="{html_text(url)}" rel="nofollow noopener">{html_text(url)}</a>')


def and_join(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c": commas alone would read a name and its description as one."""
    # Joined, never added: str + Markup would call Markup's __radd__ and escape the markup before it.
    return "".join(items) if len(items) <= 1 else "".join((", ".join(items[:-1]), " and ", items[-1]))


def and_markup(items: Sequence[Markup]) -> Markup:
    """:func:`and_join` for pieces already made safe."""
    return Markup(and_join(items))  # each piece is Markup, and the joins are our own words
