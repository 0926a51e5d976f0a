"""annotations.jsonld: each citation as a W3C Web Annotation, which annotation tools read.

The target is the article (its address where the source has one, else its
page on this site) with two selectors: the passage's words with 32 characters
either side (TextQuoteSelector), and its offsets (TextPositionSelector) in
the article's text as the site keeps it: the file under seeds/ with CRLF read
as LF, in Unicode NFC, counted in code points. The words find the passage
again in a corrected article, where the offsets have moved. The body is the
page of the record the passage supports.

Of an excerpt-only article only cited words may be published: its
annotations have no prefix or suffix.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from ..core.anchoring import selectors
from ..core.incremental import Context, Direct, Runner
from ..core.index import Cite, Index
from ..core.model import Source
from ..core.urls import page_path, site_url
from .export import EXPORTED

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILE = "annotations.jsonld"


def annotation(index: Index, cite: Cite) -> dict[str, Any]:
    source = index.record(cite.source)
    assert isinstance(source, Source)
    found = selectors(index.base.texts[cite.source].display, cite.span)
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": found.exact}
    if source.licence != "excerpt-only":
        quote |= {"prefix": found.prefix, "suffix": found.suffix}
    # Relative addresses resolve against this file's own, at the site's root.
    return {
        "@context": CONTEXT,
        "id": f"{FILE}#{cite.record}.{'.'.join(map(str, cite.path))}",
        "type": "Annotation",
        "motivation": "linking",
        "body": {"id": site_url(page_path(index.record(cite.record))), "type": "Text", "format": "text/html"},
        "target": {
            "source": source.url or site_url(page_path(source)),
            "selector": [quote, {"type": "TextPositionSelector", "start": found.start, "end": found.end}],
        },
    }


def _step(rec_id: str, c: Context) -> str:
    return "".join(
        ",\n" + json.dumps(annotation(c.index, cite), ensure_ascii=False, separators=(",", ":"))
        for cite in c.index.cites.get(rec_id, ())
    )


def annotations_jsonld(index: Index, steps: Runner | None = None) -> bytes:
    """A JSON array of annotations, one a line, made record by record like facts.json."""
    steps = steps or Direct(index, {})
    parts = "".join(
        steps.run(("annotations", i), None, functools.partial(_step, i))
        for kind in EXPORTED
        for i in index.by_kind[kind]
    )
    return ("[" + parts.removeprefix(",") + "\n]\n").encode()
