"""Starting points for contributors: record skeletons, new article texts, furniture proposals.

Everything here is pure (text in, text out); the CLI reads and writes the files.
Skeletons are derived from the model like everything else: a field added to
:mod:`generator.core.model` shows up in ``new`` without being restated here.
Required values that the command cannot know are left empty, so the check
refuses the record, at the right line, until an editor fills them in: a
skeleton can never be published by accident with made-up content.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
import re
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.fields import SLUG_MAX, Choice, Count, PartialDate, Ref, Slug
from ..core.model import FROM_ADD_SOURCE
from ..core.schema import field_type, fields_of, hints, is_required, schema_line
from ..core.text import SourceText, normalise
from ..pages.markup import and_join

# -- record skeletons -------------------------------------------------------------


def _scalar(value: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: any name is safe here.
    return json.dumps(value, ensure_ascii=False)


def _fields_yaml(cls: Any, known: dict[str, str], indent: str) -> list[str]:
    lines: list[str] = []
    for f in fields_of(cls):
        ft = field_type(hints(cls)[f.name])
        doc = f.metadata.get("doc", "")
        if f.name in known:
            # Ids and counts are written plain, as editors write them, where they are valid as such
            # (then no YAML reading can change them); anything else as a quoted string.
            plain = any(isinstance(m, (Slug, Ref, Count)) and m.check(known[f.name]) is None for m in ft.markers)
            value = known[f.name] if plain else _scalar(known[f.name])
            lines.append(f"{indent}{f.name}: {value}")
            continue
        item = _list_item(ft.base)
        nested = item is not None and dataclasses.is_dataclass(item)
        # An optional list is written out where values for its entries were given (an institution's citations).
        if not is_required(f) and not (nested and any(g.name in known for g in fields_of(item) if is_required(g))):
            lines.append(f"{indent}# {f.name}: (optional) {doc}")
            continue
        if nested:
            inner = _fields_yaml(item, known, indent + "    ")
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            inner[first] = f"{indent}  - " + inner[first].lstrip()
            lines.append(f"{indent}{f.name}:")
            lines += inner
            continue
        choices = [m for m in ft.markers if isinstance(m, Choice)]
        hint = f"one of: {', '.join(choices[0].meanings)}" if choices else doc
        lines.append(f"{indent}{f.name}:  # {hint}")
    return lines


def _list_item(tp: Any) -> Any:
    if typing.get_origin(tp) is tuple:
        return field_type(typing.get_args(tp)[0]).base
    return None


def skeleton(kind: str, cls: type, label_field: str, rec_id: str, name: str, known: dict[str, str]) -> str:
    """A record file for ``kind``: schema line, id and name set, ``known`` values filled in.

    ``known`` maps field names (at any depth, e.g. ``source`` and ``quote`` of
    the first citation) to values; every other required field is left empty
    with a comment saying what goes there, and optional fields are listed as
    comments.
    """
    lines = [schema_line(kind)]
    lines += _fields_yaml(cls, {"id": rec_id, label_field: name, **known}, "")
    return "\n".join(lines) + "\n"


# -- new article texts ------------------------------------------------------------


class ArticleError(ValueError):
    """The file cannot be taken as an article text; the message says why and where."""


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def article_text(data: bytes, name: str) -> str:
    """The article as it will be stored: UTF-8 without BOM, LF line endings, text unchanged otherwise.

    UTF-8 and byte-order-marked UTF-16/32 are read; anything else is refused
    rather than guessed, because a wrong guess changes the words quoted as evidence.
    """
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], enc
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ArticleError(
            f"{name}:{line}:{col}: not {encoding.upper()} (byte 0x{data[e.start]:02x}); "
            "save the article as UTF-8 and add it again"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for offset, ch in enumerate(text):
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            line = text.count("\n", 0, offset) + 1
            col = offset - (text.rfind("\n", 0, offset) + 1) + 1
            raise ArticleError(
                f"{name}:{line}:{col}: control character U+{ord(ch):04X}; this does not look like an article text"
            )
    if not text.strip():
        raise ArticleError(f"{name}: the file holds no text")
    return text


# -- page furniture ----------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A passage that looks like page furniture, for the editor to confirm."""

    kind: str
    quote: str
    occurrence: int | None
    paragraph: int
    why: str  # what in the text made it look so, precisely enough to check without the tool

    @property
    def note(self) -> str:
        """The ``proposed`` field written on the entry: where it is, and why."""
        return f"paragraph {self.paragraph}: {self.why}"


_CAPTION = re.compile(r"^(open image in gallery|photo:|image:|picture:|pictured:)", re.IGNORECASE)
_CREDIT = re.compile(r"\((?:[^()]*?(?:Getty Images|AFP|Reuters|AP Photo|Shutterstock|REUTERS)[^()]*?)\)\s*$")
_ALSO = re.compile(r"^(also read|read more|read also|related|see also|more from|recommended)\b\s*:?", re.IGNORECASE)
_APPEAL_START = re.compile(
    r"(your support|support (?:us|our journalism|now)|please (?:consider|donate)|donate|make a donation)",
    re.IGNORECASE,
)
_APPEAL_WORDS = ("donat", "support", "journalism", "paywall", "subscribe", "contribution", "afford")
# Where the words before an image credit end a sentence, they are the report's and the
# credit alone is the caption ("…, according to Reuters.(REUTERS)").
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


QUOTE_MAX = 2000  # model.Quote's limit


def _propose(body: str, paragraph: int) -> Proposal | None:
    """What one paragraph holds of page furniture, other than a repeat of another one."""
    low = body.lower()
    if m := _CAPTION.match(body):
        return Proposal("photo-caption", body, None, paragraph, f"starts '{m.group()}', as image captions do")
    if m := _CREDIT.search(body):
        credit = m.group().strip()
        before = body[: m.start()].rstrip()
        if before and _SENTENCE_END.search(before):
            why = f"the image credit {credit} at its end, after the report's last sentence"
            return Proposal("photo-caption", credit, None, paragraph, why)
        return Proposal("photo-caption", body, None, paragraph, f"ends in the image credit {credit}, as captions do")
    if m := _ALSO.match(body):
        return Proposal("also-read", body, None, paragraph, f"starts '{m.group().strip()}', a link to another article")
    appeal = [w for w in _APPEAL_WORDS if w in low]
    if len(appeal) >= 3 and (m := _APPEAL_START.search(body)):
        # The words as the text has them ("donation", not the stem looked for).
        said = [found.group() for w in appeal if (found := re.search(rf"\w*{w}\w*", body, re.IGNORECASE))]
        why = f"an appeal for money from '{m.group()}' to its end ({', '.join(said)})"
        return Proposal("donation-appeal", body[m.start() :], None, paragraph, why)
    return None


def propose_furniture(text: SourceText) -> list[Proposal]:
    """Donation appeals, "Also Read" lines, captions and repeated paragraphs, in text order.

    Each names its passage as a furniture entry must: where the words occur more than
    once, with the occurrence that lies in its paragraph.
    """
    out: list[Proposal] = []
    seen: dict[str, int] = {}  # paragraph text -> its first paragraph number
    for p in text.paragraphs:
        body = normalise(text.display[p.start : p.end])
        prop = _propose(body, p.number)
        if prop is None and body in seen and len(body) > 20:
            prop = Proposal("repeated-line", body, None, p.number, f"repeats paragraph {seen[body]} word for word")
        if prop is not None and len(prop.quote) <= QUOTE_MAX:  # longer: not one entry; the editor sees it on the page
            spans = [s for s in text.find_all(prop.quote) if s is not None]
            if len(spans) > 1:
                nth = next(i for i, s in enumerate(spans, 1) if s.paragraph == p.number)
                prop = dataclasses.replace(prop, occurrence=nth)
            out.append(prop)
        seen.setdefault(body, p.number)
    return out


_MONTHS = calendar.month_name[1:]


def date_passage(text: SourceText, date: str) -> str | None:
    """Where the article prints ``date`` (YYYY, YYYY-MM or YYYY-MM-DD), in one of the usual spellings."""
    if PartialDate().check(date) is not None:
        return None
    parts = [int(p) for p in date.split("-")]
    candidates = [date]
    if len(parts) >= 2:
        month = _MONTHS[parts[1] - 1]
        for name in (month, month[:3]):
            if len(parts) == 3:
                d, y = parts[2], parts[0]
                candidates += [f"{d} {name} {y}", f"{name} {d}, {y}", f"{name} {d} {y}"]
            else:
                candidates.append(f"{name} {parts[0]}")
    for c in candidates:
        if [s for s in text.find_all(c) if s is not None]:
            return c
    return None


@dataclass(frozen=True)
class SourceDraft:
    """What add-source writes and tells: the record, the furniture proposals, and notes."""

    record: str
    proposals: tuple[Proposal, ...]
    notes: tuple[str, ...]
    from_editor: tuple[str, ...] = ()  # the fields recorded as the editor's, the text not showing them


@dataclass(frozen=True)
class Meta:
    """A headline, publisher or date as the record will hold it: with its passage, or as the editor's."""

    value: str
    quote: str | None = None
    from_editor: str | None = None


def draft_source(
    text: SourceText,
    rec_id: str,
    file: str,
    *,
    title: str | None,
    label: str | None,
    publisher: tuple[str, str] | None,  # (name as given, institution id)
    published: str | None,
    url: str | None,
    from_editor: str | None = None,
    short: str | None = None,
) -> SourceDraft:
    """A source record holding every value the editor gave: with the passage that shows it where the
    text does, else marked as the editor's (``from_editor``), so that nothing is dropped and nothing
    is presented as evidenced.

    ``from_editor`` says where the editor took those values from; without it the record holds
    :data:`FROM_ADD_SOURCE`, which the check refuses until the editor says where.
    """
    note = from_editor or FROM_ADD_SOURCE

    def in_text(value: str) -> bool:
        return any(s is not None for s in text.find_all(value))

    def meta(value: str, passage: str | None) -> Meta:
        return Meta(value, passage) if passage is not None else Meta(value, from_editor=note)

    given = {
        "title": meta(title, title if in_text(title) else None) if title else None,
        "publisher": meta(publisher[1], publisher[0] if in_text(publisher[0]) else None) if publisher else None,
        "published": meta(published, date_passage(text, published)) if published else None,
    }
    unshown = [name for name, m in given.items() if m is not None and m.quote is None]
    notes = []
    if unshown:
        words = [_SAID[name] for name in unshown]
        listed = and_join(words)
        notes.append(
            f"the text does not show the {listed}: recorded as the editor's (from_editor), and the pages "
            f"mark {'it' if len(words) == 1 else 'them'} so, never as evidence"
        )
    proposals = propose_furniture(text)
    record = source_skeleton(rec_id, file, label or title or rec_id, short, given, url, proposals)
    return SourceDraft(record, tuple(proposals), tuple(notes), tuple(unshown))


_SAY_WHERE = "replace with where you took it from, e.g. \"the publisher's page, seen 2025-08-17\""
_SAID = {"title": "headline", "publisher": "publisher", "published": "date"}
# The field of each that names the value itself.
_VALUE_KEY = {"title": "text", "publisher": "record", "published": "date"}


def source_skeleton(
    rec_id: str,
    file: str,
    label: str,
    short: str | None,
    given: dict[str, Meta | None],
    url: str | None,
    furniture: list[Proposal],
) -> str:
    """A source record; every quote given has already been found in the text."""
    lines = [schema_line("source"), f"id: {rec_id}", f"file: {_scalar(file)}", f"label: {_scalar(label)}"]
    if short is not None:
        lines.append(f"short: {_scalar(short)}")
    for name, m in given.items():
        if m is None:
            continue
        key = _VALUE_KEY[name]
        # The publisher's record is an id, written plain as editors write ids.
        lines += [f"{name}:", f"  {key}: {m.value if name == 'publisher' else _scalar(m.value)}"]
        if m.quote is not None:
            lines.append(f"  quote: {_scalar(m.quote)}")
        elif m.from_editor == FROM_ADD_SOURCE:
            lines.append(f"  from_editor: {_scalar(m.from_editor)}  # {_SAY_WHERE}")
        else:
            lines.append(f"  from_editor: {_scalar(m.from_editor or '')}")
    if url is not None:
        lines.append(f"url: {_scalar(url)}")
    if furniture:
        lines += [
            "# Proposed by add-source: where it is page furniture, delete the entry's 'proposed' line to",
            "# confirm it; where the words are the report's own, delete the whole entry.",
            "furniture:",
        ]
        for prop in furniture:
            lines += [f"  - kind: {prop.kind}", f"    quote: {_scalar(prop.quote)}"]
            if prop.occurrence is not None:
                lines.append(f"    occurrence: {prop.occurrence}")
            lines.append(f"    proposed: {_scalar(prop.note)}")
    return "\n".join(lines) + "\n"


def source_id(publisher: str | None, published: str | None, taken: Callable[[str], bool]) -> str:
    """A short id for a new source: ``<publisher>-<date>`` (the-independent-2025-08-16), never a headline.

    Without a publisher, ``article-<date>``; without a date, ``<publisher>-article``; a
    taken id gets ``-2``, ``-3``…; the publisher's part is cut at a hyphen to keep the id
    within the limit.
    """
    tail = published or ""
    head = publisher or "article"
    if not tail:
        head, tail = (head, "article") if publisher else ("article", "")
    room = SLUG_MAX - len(tail) - 1 - 3  # a hyphen, and "-NN" for a taken id
    while len(head) > room and "-" in head:
        head = head.rsplit("-", 1)[0]
    base = f"{head[:room]}-{tail}" if tail else head
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
