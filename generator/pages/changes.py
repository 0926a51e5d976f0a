"""Changes to the facts in readers' words: "Value changed from 19,500 to 19,600."

The words come from :class:`~generator.core.factlog.FactChange` values alone,
never from a commit's message. Ids are named as the site names the records
(the id itself for a record that is gone); every value is record text, and
reaches markup only through :func:`.markup.md_text`.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from ..core.factlog import ADDED, CHANGED, NOT_COMPARED, REMOVED, FactChange, PathPart
from ..core.figures import decimal_text
from ..core.index import Index, name
from ..core.model import (
    OWN_VOICE,
    Account,
    Citation,
    Furniture,
    Passage,
    PublishedField,
    PublisherField,
    Relation,
    TitleField,
    Unnamed,
    When,
)
from .differences import marked, word_diff
from .markup import and_markup, md_text

# How readers know a field: the headings of the record pages where they differ from the name.
_FIELDS = {
    "counts": "What it counts",
    "as_of": "As of",
    "stated_by": "Stated by",
    "counter_claims": "Counter-claims",
    "accounts": "Sources",
    "claimed_by": "Claimed by",
    "reported_by": "Reported by",
    "detail": "Only in this source",
    "hedge_left_out": "Why the statement leaves out a hedge",
    "aliases": "Also called",
    "file": "Text file",
    "short": "Short name",
    "url": "Address",
    "furniture": "Page furniture",
}
# One item of a list, for an item added or removed.
_ITEMS = {"accounts": "Source", "relations": "Relation", "citations": "Citation", "quotes": "Quote"}
# The parts of a nested field: a title's text is the title; its quote, the passage showing it.
_PARTS = {"quote": "passage", "text": "wording", "record": "", "date": "date"}
_WHOLE = {("title", "text"), ("published", "date")}


def sentence(index: Index, fc: FactChange) -> Markup:
    """One change as a sentence; a record added or removed is "Added." or "Removed." (the
    lists around it name the record)."""
    if fc.change == NOT_COMPARED:
        return Markup("Not compared with the version before: one of them could not be read.")
    if not fc.path:
        return Markup("Added.") if fc.change == ADDED else Markup("Removed.")
    what, item = _words(index, fc.path)
    if item is not None:  # an item of a list with keys (an account, a relation) added or removed
        return md_text(f"{item} {fc.change}:") + Markup(" ") + _value(index, fc.new or fc.old, "item") + Markup(".")
    if fc.change == ADDED:
        return what + Markup(" added: ") + _value(index, fc.new, fc.style) + Markup(".")
    if fc.change == REMOVED:
        return what + Markup(" removed (was ") + _value(index, fc.old, fc.style) + Markup(").")
    assert fc.change == CHANGED
    if fc.style == "item" and isinstance(fc.old, tuple) and isinstance(fc.new, tuple):
        return what + _items_changed(index, fc.old, fc.new)
    if fc.style == "text" and isinstance(fc.old, str) and isinstance(fc.new, str):
        old, new = _words_marked(fc.old, fc.new)
    else:
        old, new = _value(index, fc.old, fc.style), _value(index, fc.new, fc.style)
    return what + Markup(" changed from ") + old + Markup(" to ") + new + Markup(".")


def _words_marked(old: str, new: str) -> tuple[Markup, Markup]:
    """Two wordings, each with the words the other lacks marked, as the differences page marks them:
    in a sentence rewritten, the reader sees at once what moved."""
    before, after = word_diff((old, new))
    assert before is not None and after is not None
    return Markup("“{}”").format(marked(before)), Markup("“{}”").format(marked(after))


def _words(index: Index, path: Sequence[PathPart]) -> tuple[Markup, str | None]:
    """The field's name, with the account or relation it lies in; and, for a path that ends
    at an item of a keyed list, what one such item is called."""
    names: list[str] = []
    within = ""
    for i, part in enumerate(path):
        if isinstance(part, tuple):
            within = _within(index, path[i - 1] if i else "", part)
            names = []
        else:
            names.append(part)
    if isinstance(path[-1], tuple):
        parent = path[-2] if len(path) > 1 else ""
        return Markup(""), _ITEMS.get(str(parent), str(parent).replace("_", " ").capitalize().rstrip("s"))
    top = names[0] if names else ""
    words = _FIELDS.get(top, top.replace("_", " ").capitalize())
    for parent, child in itertools.pairwise(names):
        part = "" if (parent, child) in _WHOLE else _PARTS.get(child, child.replace("_", " "))
        words += f" ({part})" if part else ""
    return md_text(f"{words}, {within}," if within else words), None


def _within(index: Index, field: PathPart, key: tuple[str, ...]) -> str:
    if field == "accounts":
        return f"in {_name(index, key[0])}"
    if field == "relations" and len(key) == 2:
        return f"for “{key[0]}” {_name(index, key[1])}"
    return f"for {' '.join(key)}"


def _items_changed(index: Index, old: tuple[Any, ...], new: tuple[Any, ...]) -> Markup:
    """A list of quotes or citations changed: what was added and what was removed."""
    gone, came = Counter(old) - Counter(new), Counter(new) - Counter(old)
    if gone.total() == came.total() == 1:
        was, now = next(iter(gone)), next(iter(came))
        same_source = getattr(was, "source", None) == getattr(now, "source", None)
        if type(was) is type(now) and hasattr(was, "quote") and same_source:
            # One quote re-cut or put right: the two wordings, their differences marked.
            before, after = _words_marked(was.quote, now.quote)
            return Markup(" changed: ") + before + Markup(" became ") + after + Markup(".")
    parts = []
    if came:
        parts.append(Markup("added ") + Markup("; ").join(_value(index, i, "item") for i in came.elements()))
    if gone:
        parts.append(Markup("removed ") + Markup("; ").join(_value(index, i, "item") for i in gone.elements()))
    if not parts:
        return Markup(" reordered.")
    return Markup(" changed: ") + Markup("; ").join(parts) + Markup(".")


def _name(index: Index, rec_id: str) -> str:
    return name(index, rec_id) if rec_id in index.base.records else rec_id


def _value(index: Index, value: Any, style: str) -> Markup:
    if value is None or value == ():
        return Markup("none")
    if isinstance(value, tuple):
        shown = [_value(index, v, style) for v in value]
        if style == "item":
            return Markup("; ").join(shown)
        return and_markup(shown)  # "Alice and a person at the meeting"
    if isinstance(value, Decimal):
        return md_text(decimal_text(value))
    if isinstance(value, str):
        if style == "ref":
            return md_text(value if value == OWN_VOICE else _name(index, value))
        return md_text(f"“{value}”" if style == "text" else value)
    if dataclasses.is_dataclass(value):
        return _item(index, value)
    return md_text(str(value))


def _item(index: Index, item: Any) -> Markup:
    """A part of a record in a few words: a citation as its quote and source, an account as its source."""
    if isinstance(item, Unnamed):
        return md_text(item.unnamed + (f" ({_name(index, item.of)})" if item.of else ""))
    if isinstance(item, Citation):
        return md_text(f"“{item.quote}” — {_name(index, item.source)}")
    if isinstance(item, (Passage, Furniture)):
        return md_text(f"“{item.quote}”")
    if isinstance(item, Account):
        return md_text(_name(index, item.source))
    if isinstance(item, Relation):
        return md_text(f"“{item.relation}” {_name(index, item.to)}")
    if isinstance(item, When):
        return md_text(f"“{item.text}”" + (f" ({item.date})" if item.date else ""))
    if isinstance(item, TitleField):
        return md_text(f"“{item.text}”")
    if isinstance(item, PublisherField):
        return md_text(_name(index, item.record))
    if isinstance(item, PublishedField):
        return md_text(item.date)
    # Any other part (a title, a publisher, a field the model gains): its values, in order.
    values = [getattr(item, f.name) for f in dataclasses.fields(item)]
    return Markup(", ").join(_value(index, v, "text" if isinstance(v, str) else "plain") for v in values if v)
