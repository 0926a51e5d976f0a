"""The cross-reference index: references resolved, quotes located, links both ways.

Built once from a loaded :class:`FactBase`; everything the renderer needs to
link a record to its evidence and back is here, so rendering never searches.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import RUN, Problem, path_str
from .fields import Ref
from .hedges import hedges_in, keeps
from .load import FactBase, Origin
from .model import KINDS, Account, Citation, Claim, Institution, NumberRecord, Passage, Person, Record, Source
from .schema import Path, walk
from .stated import Stated, bound_of, dates_in, numbers_in, supports_date
from .text import Closest, Occurrences, SourceText, Span, normalise, told


@dataclass(frozen=True)
class Cite:
    """One citation of a record, located in its source."""

    record: str
    path: Path  # of the citation inside the record
    source: str
    quote: str
    span: Span
    anchor: str


@dataclass(frozen=True)
class CitedPassage:
    """A cited passage of a source and the anchor that reaches it."""

    span: Span
    anchor: str


@dataclass(frozen=True)
class FurnitureSpan:
    span: Span
    kind: str


@dataclass(frozen=True)
class Link:
    """A reference from one record to another, with what the reference means."""

    source: str
    target: str
    role: str


@dataclass(frozen=True)
class Unmatched:
    """A quote that is not verbatim in its source, and the fix for it if there is exactly one.

    ``suggestion`` is set only when a passage differs from the quote by a slip
    (at least ``SAFE_ALIKE`` percent alike), occurs once, and may be cited
    there; otherwise ``reason`` says why an editor has to look. The suggestion
    is the quote with its differing characters replaced, and nothing else.
    """

    record: str
    path: Path  # of the quote field
    source: str
    quote: str
    suggestion: str | None
    reason: str
    closest: Closest | None = None  # the passage most like the quote, where one is alike enough to show


# A corrected typo or a changed word in a sentence stays above this; a quote
# that says something else ("one hour" for "two hours") falls below it. It is
# compared with the figure as shown (Closest.alike), so that "95% alike" is never refused.
SAFE_ALIKE = 95

# Below this, the closest passage is not shown: it would be another sentence.
SHOWN_ALIKE = 60


def alike(best: Closest) -> str:
    """The one figure of how alike a quote and its closest passage are, as every message words it."""
    return f"{best.alike}% alike as a whole"


@dataclass(frozen=True)
class Index:
    base: FactBase
    by_kind: Mapping[str, tuple[str, ...]]  # ids, in display order
    cites: Mapping[str, tuple[Cite, ...]]  # by citing record, in field order
    passages: Mapping[str, tuple[CitedPassage, ...]]  # by source, in text order
    citers: Mapping[tuple[str, str], tuple[str, ...]]  # (source, anchor) -> record ids
    furniture: Mapping[str, tuple[FurnitureSpan, ...]]
    links_to: Mapping[str, tuple[Link, ...]]
    links_from: Mapping[str, tuple[Link, ...]] = field(default_factory=dict)  # by referring record
    unmatched: tuple[Unmatched, ...] = ()  # quotes not found verbatim
    # Where a source's title, publisher and date quotes are: (source, "title") -> span.
    meta: Mapping[tuple[str, str], Span] = field(default_factory=dict)

    def record(self, rec_id: str) -> Record:
        return self.base.records[rec_id]

    def printed(self, source: str, span: Span, typed: str) -> str:
        """A located passage as the article prints it (’ and “ ” where the record may type ' and "); the typed
        quote where the text is gone."""
        text = self.base.texts.get(source)
        return text.display[span.start : span.end] if text is not None else typed

    def cited(self, c: Cite) -> str:
        """A citation's words as the article prints them."""
        return self.printed(c.source, c.span, c.quote)

    def kind(self, rec_id: str) -> str:
        return self.base.records[rec_id].KIND


def label(record: Record) -> str:
    """The human label of a record: what facts.json and page titles show (its id, in a record
    whose label field is invalid: such a record is checked, never published)."""
    if isinstance(record, Source):
        return record.title.text if record.title else record.label or record.id
    return str(getattr(record, KINDS[record.KIND].label_field) or record.id)


def short_name(source: Source, records: Mapping[str, Record]) -> str:
    """How links, tags and column heads name a source: its ``short`` name, its publisher's
    name, or its label up to the first bracket. The full label stays on its page."""
    if source.short:
        return source.short
    publisher = records.get(source.publisher.record) if source.publisher else None
    if publisher is not None:
        return label(publisher)
    return source.label.split(" (", 1)[0].strip() or source.label


def name(index: Index, rec_id: str) -> str:
    """A record as links name it: a source by its short name, anything else by its label."""
    rec = index.record(rec_id)
    return short_name(rec, index.base.records) if isinstance(rec, Source) else label(rec)


def anchor_for(text: SourceText, span: Span, found: Occurrences | None = None) -> str:
    """A stable anchor: the passage's own words, and which occurrence of them it is.

    ``found``: the occurrences of those words, where the caller has them already.
    """
    words = normalise(text.display[span.start : span.end])
    nth = (found if found is not None else text.occurrences(words)).nth(span.start)
    digest = hashlib.sha1(words.encode()).hexdigest()[:8]
    return f"q-{digest}" if nth == 1 else f"q-{digest}-{nth}"


_ROLE = {
    "about": "is about",
    "counter_claims": "counter-claim",
    "claimed_by": "claimed by",
    "reported_by": "reported by",
    "stated_by": "stated by",
    "measure": "measure",
    "record": "publisher",
    "of": "unnamed party belongs to",
}


class IndexCache:
    """Each record's part of the index, kept between builds from mostly the same records (``mkdocs serve``).

    A part is used again only while the new build has the very record it was
    made from (the file cache in :mod:`.load` gives an unchanged file's record
    and text back as the same object) and everything else it depended on is unchanged.
    """

    def __init__(self) -> None:
        self.parts: dict[str, _Part] = {}
        self.texts: tuple[SourceText, ...] = ()  # every text, as last seen: kept while nothing changes


class _Cover:
    """Spans sorted by start, with the furthest end reached so far: whether any overlaps a span, by bisection."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach = list(itertools.accumulate((s.end for s in ordered), max))

    def overlaps(self, span: Span) -> bool:
        k = bisect_left(self.starts, span.end)  # the spans that start before this one ends
        return k > 0 and self.reach[k - 1] > span.start


@dataclass
class _Found:
    """A quote's occurrences in one source; which lie outside page furniture is worked out once asked."""

    all: Occurrences
    within: list[Span]  # the occurrences within one paragraph
    clear: list[Span] | None = None  # those of them outside page furniture
    furniture_kinds: tuple[str, ...] = ()  # where none is clear: the kinds of furniture they lie in


# Paragraphs named in a message about a quote that occurs several times. A quote in
# thousands of paragraphs, cited thousands of times, would otherwise make messages
# of millions of numbers in all.
_LISTED = 10

# Spans held by _Builder.found: the occurrences of many different, frequent quotes would
# otherwise fill the memory. The newest is kept whatever its size.
_FOUND_HELD = 200_000


class _Builder:
    OCCURRENCE_FIX = "add 'occurrence: N' to say which one is meant"
    FIX_QUOTES_HINT = True

    def __init__(self, base: FactBase, cache: IndexCache | None = None) -> None:
        self.base = base
        self.cache = cache
        self.problems: list[Problem] = []
        self.furniture: dict[str, list[FurnitureSpan]] = {}
        self.unmatched: list[Unmatched] = []
        self.all_texts_read = all(i in base.texts for i, r in base.records.items() if isinstance(r, Source))
        # A quote cited at each of its N places would otherwise be searched for N times (and
        # its anchor's number found N times): N x N.
        self._found: dict[tuple[str, str], _Found] = {}  # least recently used first
        self._held = 0
        self._covers: dict[str, _Cover] = {}
        self._frozen: dict[str, tuple[FurnitureSpan, ...]] = {}

    def found(self, source: str, text: SourceText, quote: str) -> _Found:
        """The occurrences of ``quote`` in ``source``, searched for once while they are kept."""
        key = (source, normalise(quote))
        hit = self._found.pop(key, None)
        if hit is None:
            found = text.occurrences(key[1])
            hit = _Found(found, [s for s in found.spans if s is not None])
            self._held += len(hit.all.spans)
            while self._found and self._held > _FOUND_HELD:
                self._held -= len(self._found.pop(next(iter(self._found))).all.spans)
        self._found[key] = hit
        return hit

    def furniture_of(self, source: str) -> tuple[FurnitureSpan, ...]:
        """A source's furniture (all of it located by now), as one tuple however many records cite the source."""
        if source not in self._frozen:
            self._frozen[source] = tuple(self.furniture.get(source, ()))
        return self._frozen[source]

    def in_furniture(self, source: str, span: Span) -> bool:
        """Whether ``span`` overlaps any page furniture of ``source`` (all of it located by now)."""
        cover = self._covers.get(source)
        if cover is None:
            cover = self._covers[source] = _Cover(f.span for f in self.furniture.get(source, ()))
        return cover.overlaps(span)

    def error(self, rec_id: str, path: Path, message: str) -> None:
        loc = self.base.origins[rec_id].loc(path)
        self.problems.append(Problem(loc, message, rec_id, path_str(path)))

    # -- quotes ------------------------------------------------------------

    def locate(
        self,
        rec_id: str,
        path: Path,
        source: str,
        quote: str,
        occurrence: int | None,
        *,
        evidence: bool,
        any_one: bool = False,
    ) -> Span | None:
        """Find a quote; ``evidence`` quotes may not lie in furniture and must be unambiguous."""
        text = self.base.texts.get(source)
        if text is None:
            return None  # the source is missing or unreadable; reported already
        qpath = (*path, "quote")
        found = self.found(source, text, quote)
        if not found.all.spans:
            self.error(rec_id, qpath, self._not_found(rec_id, qpath, source, quote, text, evidence=evidence))
            return None
        spans = found.within
        if not spans:
            self.error(rec_id, qpath, "quote runs across paragraphs; cite a passage within one paragraph")
            return None
        if evidence:
            if found.clear is None:
                found.clear = [s for s in spans if not self.in_furniture(source, s)]
                if not found.clear:
                    furn = self.furniture.get(source, [])
                    found.furniture_kinds = tuple(sorted({f.kind for f in furn for s in spans if _overlaps(s, f.span)}))
            clear = found.clear
            if not clear:
                self.error(
                    rec_id,
                    qpath,
                    f"quote lies in page furniture ({', '.join(found.furniture_kinds)}) of source "
                    f"'{source}', which is not evidence; cite the article's own text",
                )
                return None
            spans = clear
        where = "outside page furniture " if evidence else ""
        if occurrence is not None:
            if occurrence > len(spans):
                self.error(
                    rec_id,
                    (*path, "occurrence"),
                    f"occurrence {occurrence} is out of range: the quote "
                    f"occurs {len(spans)} time{'s' if len(spans) != 1 else ''} {where}in source '{source}'",
                )
                return None
            return spans[occurrence - 1]
        if len(spans) > 1 and not any_one:
            paras = ", ".join(str(s.paragraph) for s in spans[:_LISTED])
            if len(spans) > _LISTED:
                paras += f" and {len(spans) - _LISTED} more"
            self.error(
                rec_id,
                qpath,
                f"quote occurs {len(spans)} times {where}in source '{source}' "
                f"(paragraphs {paras}); {self.OCCURRENCE_FIX}",
            )
            return None
        return spans[0]

    def _not_found(self, rec_id: str, path: Path, source: str, quote: str, text: SourceText, *, evidence: bool) -> str:
        msg = f"quote not found verbatim in source '{source}'"
        best = text.closest(quote)
        if best is None or best.alike < SHOWN_ALIKE:
            self.unmatched.append(Unmatched(rec_id, path, source, quote, None, "no passage is alike"))
            return msg
        found = text.find_all(best.text)
        spans = [s for s in found if s is not None]
        furn = self.furniture.get(source, []) if evidence else []
        if best.alike < SAFE_ALIKE:
            reason = f"the closest passage is only {alike(best)} (fix-quotes needs {SAFE_ALIKE}%)"
        elif len(found) != 1:
            reason = f"the closest passage occurs {len(found)} times"
        elif any(_overlaps(s, f.span) for s in spans for f in furn):
            reason = "the closest passage is page furniture"
        else:
            reason = ""
        suggestion = None if reason else best.suggestion
        self.unmatched.append(Unmatched(rec_id, path, source, quote, suggestion, reason, best))
        msg += f"; the closest passage (paragraph {best.paragraph}, {alike(best)}) has {told(best)}"
        if not reason and self.FIX_QUOTES_HINT:
            msg += "; make fix-quotes will use it"
        return msg

    # -- references ----------------------------------------------------------

    def check_ref(self, rec_id: str, path: Path, target: str, kinds: tuple[str, ...]) -> bool:
        records = self.base.records
        wanted = " or ".join(kinds)
        if target not in records:
            if (kind := self.base.unreadable.get(target)) is not None:
                # Its file's own problems are reported; a reference of the right kind may well be right.
                if kind not in kinds:
                    self.error(rec_id, path, f"'{target}' is a {kind}, but a {wanted} is expected here")
                return False
            pool = [i for i, r in records.items() if r.KIND in kinds]
            close = difflib.get_close_matches(target, pool, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            if path[-2:] == ("publisher", "record"):
                hint += f"; make the publisher's record with: {RUN} new institution NAME --id {target}"
            self.error(rec_id, path, f"no {wanted} has the id '{target}'{hint}")
            return False
        if records[target].KIND not in kinds:
            self.error(rec_id, path, f"'{target}' is a {records[target].KIND}, but a {wanted} is expected here")
            return False
        if target == rec_id:
            self.error(rec_id, path, "a record cannot refer to itself")
            return False
        return True


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _role(record: Record, path: Path) -> str:
    names = [p for p in path if isinstance(p, str)]
    # Only the related record is named by the relation: a relation's citations point at
    # their source as any citation does ("Alice Example (met <the source>)" once said otherwise).
    if names[0] == "relations" and names[-1] == "to":
        assert isinstance(record, (Person, Institution)) and isinstance(path[1], int)
        return record.relations[path[1]].relation
    return _ROLE.get(names[-1], names[-1].replace("_", " "))


def build_index(base: FactBase, cache: IndexCache | None = None) -> tuple[Index, list[Problem]]:
    """The index and every problem found; ``cache`` keeps work for the next build of a changed base."""
    b = _Builder(base, cache)
    records = base.records
    if cache is not None:
        texts = tuple(base.texts.values())
        if len(texts) != len(cache.texts) or any(a is not t for a, t in zip(texts, cache.texts, strict=True)):
            cache.texts = texts

    # Furniture first: evidence is checked against it.
    meta_spans: dict[tuple[str, str], Span] = {}
    for rec in records.values():
        if isinstance(rec, Source) and rec.id in base.texts:
            _locate_furniture(b, rec)
            for name in ("title", "publisher", "published"):
                meta = getattr(rec, name)
                if meta is not None and meta.quote is not None:  # else the editor's, and not in the text
                    # These quotes only show that the text says it; any one occurrence will do.
                    span = b.locate(rec.id, (name,), rec.id, meta.quote, None, evidence=False, any_one=True)
                    if span is not None:
                        meta_spans[(rec.id, name)] = span

    cites: dict[str, list[Cite]] = defaultdict(list)
    citers: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)  # ordered sets: a list's `in` was N x N
    passages: dict[str, dict[str, CitedPassage]] = defaultdict(dict)
    links: list[Link] = []
    anchors: dict[tuple[str, int, int], str] = {}

    for rec_id, rec in records.items():
        part = _part(b, rec_id, rec, anchors)
        links += part.links
        for cite in part.cites:
            cites[rec_id].append(cite)
            citers[(cite.source, cite.anchor)][rec_id] = None
            passages[cite.source].setdefault(cite.anchor, CitedPassage(cite.span, cite.anchor))

    _unique_short_names(b)
    _cited_unless_publisher(b)
    links_to: dict[str, list[Link]] = defaultdict(list)
    links_from: dict[str, list[Link]] = defaultdict(list)
    for link in dict.fromkeys(links):  # a record may name another twice for one reason
        links_to[link.target].append(link)
        links_from[link.source].append(link)

    by_kind = {
        kind: tuple(
            sorted((i for i, r in records.items() if kind == r.KIND), key=lambda i: (label(records[i]).casefold(), i))
        )
        for kind in KINDS
    }
    index = Index(
        base=base,
        by_kind=by_kind,
        cites={k: tuple(v) for k, v in cites.items()},
        passages={s: tuple(sorted(p.values(), key=lambda p: (p.span.start, -p.span.end))) for s, p in passages.items()},
        citers={k: tuple(sorted(v, key=lambda i: label(records[i]).casefold())) for k, v in citers.items()},
        furniture={k: tuple(sorted(v, key=lambda f: f.span.start)) for k, v in b.furniture.items()},
        links_to={
            k: tuple(sorted(v, key=lambda lk: (records[lk.source].KIND, label(records[lk.source]).casefold())))
            for k, v in links_to.items()
        },
        links_from={k: tuple(v) for k, v in links_from.items()},
        unmatched=tuple(b.unmatched),
        meta=meta_spans,
    )
    return index, b.problems


def _locate_furniture(b: _Builder, rec: Source) -> None:
    spans = []
    for i, furn in enumerate(rec.furniture):
        if furn.proposed is not None:
            # Taken for furniture meanwhile, so that nothing is cited from it before the editor decides.
            b.error(
                rec.id,
                ("furniture", i, "proposed"),
                f"add-source proposes this as page furniture ({furn.proposed}): delete this 'proposed' "
                "line to confirm it, or delete the entry where the words are the report's own",
            )
        span = b.locate(rec.id, ("furniture", i), rec.id, furn.quote, furn.occurrence, evidence=False)
        if span is not None:
            spans.append(FurnitureSpan(span, furn.kind))
    b.furniture[rec.id] = spans


class _Probe(_Builder):
    """A builder that checks one quote not yet in any record, keeping the messages instead of locating them."""

    OCCURRENCE_FIX = "give --occurrence N to say which one is meant"
    FIX_QUOTES_HINT = False  # nothing is written, so there is nothing for fix-quotes to mend

    def __init__(self, base: FactBase) -> None:
        super().__init__(base)
        self.messages: list[tuple[str, str]] = []

    def error(self, rec_id: str, path: Path, message: str) -> None:
        self.messages.append((str(path[-1]), message))


def check_quote(base: FactBase, source: str, quote: str, occurrence: int | None) -> list[tuple[str, str]]:
    """What the check would say of a citation of ``quote`` in ``source``: (field, message) pairs, none if it is fine.

    The very rules of the check (the normalisation, page furniture, paragraphs, occurrences),
    run on the one quote, so that a tool can refuse it before anything is written.
    """
    probe = _Probe(base)
    if not probe.check_ref("", ("source",), source, ("source",)):
        return probe.messages
    source_rec = base.records[source]
    assert isinstance(source_rec, Source)
    if source not in base.texts:
        return [("source", f"the text of source '{source}' cannot be read; run the check to see why")]
    _locate_furniture(probe, source_rec)
    # What the check says of the source's own furniture (a proposal not yet confirmed, say) is its
    # record's business; the quote is checked against the furniture located, as the check does.
    probe.messages.clear()
    probe.locate("", (), source, quote, occurrence, evidence=True)
    return probe.messages


@dataclass(frozen=True)
class _Part:
    """What one record adds to the index, and what that depended on besides the record."""

    record: Record
    links: tuple[Link, ...]
    cites: tuple[Cite, ...]
    problems: tuple[Problem, ...]
    unmatched: tuple[Unmatched, ...]
    target_kinds: tuple[tuple[str, str | None], ...]  # each id referred to, and its kind then
    texts: tuple[tuple[str, SourceText | None], ...]  # each source cited, and its text then
    furniture: tuple[tuple[str, tuple[FurnitureSpan, ...]], ...]
    # For a record with aliases, which are looked for in every text: all texts, and whether all were read.
    every_text: tuple[tuple[SourceText, ...], bool] | None
    settled: bool  # False when a problem depends on every id (the "did you mean" of a bad reference)


def _part(b: _Builder, rec_id: str, rec: Record, anchors: dict[tuple[str, int, int], str]) -> _Part:
    cache = b.cache
    if cache is not None:
        kept = cache.parts.get(rec_id)
        if kept is not None and _still(b, kept, rec):
            b.problems += kept.problems
            b.unmatched += kept.unmatched
            return kept
    records = b.base.records
    problems, unmatched = len(b.problems), len(b.unmatched)
    links: list[Link] = []
    cites: list[Cite] = []
    targets: dict[str, str | None] = {}
    sources: set[str] = set()
    account_source: str | None = None
    origin = b.base.origins[rec_id]
    for leaf in walk(rec):
        value = leaf.value
        if origin.holes and _broken(origin, leaf.path, value):
            continue  # an invalid field's stand-in, or a citation with one: reported already
        if isinstance(value, Account):
            account_source = value.source
            sources.add(value.source)
        refs = [m for m in leaf.markers if isinstance(m, Ref)]
        if refs:
            targets[value] = _target_kind(b.base, value)
            if b.check_ref(rec_id, leaf.path, value, refs[0].kinds):
                links.append(Link(rec_id, value, _role(rec, leaf.path)))
        if isinstance(value, (Citation, Passage)):
            source = value.source if isinstance(value, Citation) else account_source
            assert source is not None
            sources.add(source)
            if source not in records or records[source].KIND != "source":
                continue  # the reference itself is reported above
            span = b.locate(rec_id, leaf.path, source, value.quote, value.occurrence, evidence=True)
            if span is None:
                continue
            key = (source, span.start, span.end)
            if key not in anchors:  # one anchor per passage, however often it is cited
                text = b.base.texts[source]
                anchors[key] = anchor_for(text, span, b.found(source, text, text.display[span.start : span.end]).all)
            cites.append(Cite(rec_id, leaf.path, source, value.quote, span, anchors[key]))
    if not origin.holes:
        # Rules that combine fields wait until every field is valid: a stand-in is not a value.
        _rules(b, rec)
    part = _Part(
        rec,
        tuple(links),
        tuple(cites),
        tuple(b.problems[problems:]),
        tuple(b.unmatched[unmatched:]),
        tuple(targets.items()),
        tuple((s, b.base.texts.get(s)) for s in sorted(sources)),
        tuple((s, b.furniture_of(s)) for s in sorted(sources)),
        (cache.texts if cache is not None else (), b.all_texts_read) if getattr(rec, "aliases", ()) else None,
        all(kind is not None for kind in targets.values()),
    )
    if cache is not None:
        cache.parts[rec_id] = part
    return part


def _broken(origin: Origin, path: Path, value: object) -> bool:
    """Whether a leaf of a partial record is, or needs, an invalid field."""
    if origin.in_hole(path):
        return True
    if isinstance(value, Account):
        return origin.in_hole((*path, "source"))
    if isinstance(value, (Citation, Passage)):
        return any(origin.in_hole((*path, name)) for name in ("source", "quote", "occurrence"))
    return False


def _target_kind(base: FactBase, target: str) -> str | None:
    """What a reference finds: a record's kind, a file that gave no record, or nothing."""
    if target in base.records:
        return base.records[target].KIND
    return "unreadable " + base.unreadable[target] if target in base.unreadable else None


def _still(b: _Builder, kept: _Part, rec: Record) -> bool:
    """Whether a kept part is what the record would add now."""
    assert b.cache is not None
    texts = b.base.texts
    return (
        kept.record is rec
        and kept.settled
        and (
            kept.every_text is None or (kept.every_text[0] is b.cache.texts and kept.every_text[1] == b.all_texts_read)
        )
        and all(_target_kind(b.base, t) == kind for t, kind in kept.target_kinds)
        and all(texts.get(s) is text for s, text in kept.texts)
        and all(b.furniture_of(s) == furn for s, furn in kept.furniture)
    )


def _voices(b: _Builder, rec: Claim) -> None:
    """A disputed or denied claim is someone's claim: each account names whose."""
    if rec.status not in ("disputed", "denied"):
        return
    for i, acc in enumerate(rec.accounts):
        if acc.own_voice:
            b.error(
                rec.id,
                ("accounts", i, "claimed_by"),
                f"a {rec.status} claim is someone's claim, not the article's: name who makes it in source "
                f"'{acc.source}' (claimed_by: [id] or [{{unnamed: …}}])",
            )


def _hedges(b: _Builder, rec: Claim) -> None:
    """Every hedge of the quotes is kept in the statement, or the record says why not."""
    if rec.hedge_left_out is not None:
        return
    seen: set[str] = set()
    for i, acc in enumerate(rec.accounts):
        attributed = bool(acc.claimants or acc.reported_by)
        for passage in acc.quotes:
            for hedge, words in hedges_in(passage.quote):
                if hedge.name in seen or (hedge.attribution and attributed) or keeps(rec.statement, hedge):
                    continue
                seen.add(hedge.name)
                if hedge.attribution:
                    b.error(
                        rec.id,
                        ("accounts", i, "claimed_by"),
                        f"the quote of source '{acc.source}' says \"{words}\", but this account has the article "
                        "state it in its own voice: name whose word it is (claimed_by, or reported_by)",
                    )
                else:
                    b.error(
                        rec.id,
                        ("statement",),
                        f"the quote of source '{acc.source}' says \"{words}\", but the statement drops the hedge: "
                        "keep it in the statement, or say why not in hedge_left_out",
                    )


def _figure_hedges(b: _Builder, rec: NumberRecord) -> None:
    """A figure's passages' doubt stays in what it says it counts, as a claim's stays in its statement."""
    if rec.hedge_left_out is not None:
        return
    seen: set[str] = set()
    for c in rec.citations:
        for hedge, words in hedges_in(c.quote):
            # Attribution ("according to …") is what stated_by records.
            if hedge.name in seen or hedge.attribution or keeps(f"{rec.label} {rec.counts}", hedge):
                continue
            seen.add(hedge.name)
            b.error(
                rec.id,
                ("counts",),
                f"the quote of source '{c.source}' says \"{words}\", but what the figure counts drops the hedge: "
                "keep it in counts (or label), or say why not in hedge_left_out",
            )


def _support(b: _Builder, rec: Claim) -> None:
    """The statement holds what every account supports; an account's detail, what its own quotes give.

    Numbers are what can be told apart for sure: a figure in the statement that one
    source's quotes do not give belongs in the other account's detail.
    """
    stated = _figures(rec.statement)
    for i, acc in enumerate(rec.accounts):
        given = {s.value for p in acc.quotes for s in numbers_in(p.quote)}
        missing = [s for s in stated if s.value not in given]
        if missing:
            words = ", ".join(dict.fromkeys(f'"{s.words}"' for s in missing))
            b.error(
                rec.id,
                ("statement",),
                f"the statement gives {words}, which the quotes of source '{acc.source}' do not: keep in the "
                "statement what every account supports, and put what one source adds in its account's detail",
            )
        if acc.detail is not None:
            extra = [s for s in _figures(acc.detail) if s.value not in given]
            if extra:
                words = ", ".join(dict.fromkeys(f'"{s.words}"' for s in extra))
                b.error(
                    rec.id,
                    ("accounts", i, "detail"),
                    f"the detail gives {words}, which the quotes of source '{acc.source}' do not: "
                    "a detail holds only what this account's passages say",
                )


def _figures(text: str) -> list[Stated]:
    """The numbers a statement gives, but "one", which is as often a pronoun ("did not commit to one")."""
    return [s for s in numbers_in(text) if s.words.casefold() != "one"]


def _unique_short_names(b: _Builder) -> None:
    """Two sources with one short name would be one column head for two articles."""
    seen: dict[str, str] = {}
    for rec_id in sorted(i for i, r in b.base.records.items() if isinstance(r, Source)):
        if b.base.origins[rec_id].holes:
            continue  # its name may rest on an invalid field
        source = b.base.records[rec_id]
        assert isinstance(source, Source)
        taken = short_name(source, b.base.records)
        if taken not in seen:
            seen[taken] = rec_id
            continue
        field = ("short",) if source.short else ("publisher", "record") if source.publisher else ("label",)
        b.error(
            rec_id,
            field,
            f"'{taken}', this source's short name, is also source '{seen[taken]}''s: "
            "give one of them a short name of its own (short: …)",
        )


def _cited_unless_publisher(b: _Builder) -> None:
    """An institution is cited like anything else, but for a publisher no article names: its sources
    are the evidence that it published them, given by the editor.

    Run over all records on every build, as whether an institution publishes depends on other records.
    """
    records = b.base.records
    publishers = {r.publisher.record for r in records.values() if isinstance(r, Source) and r.publisher}
    for rec in records.values():
        if isinstance(rec, Institution) and not rec.citations and rec.id not in publishers:
            if any(h[:1] == ("citations",) for h in b.base.origins[rec.id].holes):
                continue  # some were refused, and are reported as such
            b.error(
                rec.id,
                ("citations",),
                "cite a passage that names it (citations: [{source: …, quote: …}]); only a publisher that no "
                "article names goes without",
            )


def _rules(b: _Builder, rec: Record) -> None:
    """Rules that span fields of one record."""
    if isinstance(rec, Claim):
        if rec.status in ("disputed", "denied") and not rec.counter_claims:
            what = "denial" if rec.status == "denied" else "claim that contradicts it"
            b.error(
                rec.id,
                ("status",),
                f"a {rec.status} claim needs at least one entry in counter_claims: make the {what} a claim "
                f'record of its own ({RUN} new claim "its statement") and list its id here, as '
                "counter_claims: [its-id]; or, if nothing in the sources contradicts it, use status: reported",
            )
        seen: dict[str, int] = {}
        for i, acc in enumerate(rec.accounts):
            if acc.source in seen:
                b.error(
                    rec.id,
                    ("accounts", i, "source"),
                    f"source '{acc.source}' already has an account (accounts[{seen[acc.source]}]); merge them",
                )
            seen.setdefault(acc.source, i)
            text = b.base.texts.get(acc.source)
            if acc.when is not None and text is not None and normalise(acc.when.text) not in text.normalised:
                b.error(
                    rec.id,
                    ("accounts", i, "when", "text"),
                    f"'{acc.when.text}' does not appear in source '{acc.source}'; keep the article's own wording",
                )
    if isinstance(rec, Claim):
        _voices(b, rec)
        _hedges(b, rec)
        _support(b, rec)
    if isinstance(rec, NumberRecord):
        _figure_hedges(b, rec)
    if isinstance(rec, (Person, Institution)) and b.all_texts_read:  # else the missing text is the problem
        # Aliases are names the articles use: search finds records by them, so each must be real.
        for i, alias in enumerate(rec.aliases):
            if not any(normalise(alias) in t.normalised for t in b.base.texts.values()):
                b.error(
                    rec.id,
                    ("aliases", i),
                    f"alias '{alias}' does not appear in any source; list only names the articles use",
                )
    if isinstance(rec, NumberRecord):
        _figure_rules(b, rec)
    if isinstance(rec, Source):
        _source_meta_in_quotes(b, rec)


def _figure_rules(b: _Builder, rec: NumberRecord) -> None:
    """A figure is one number (value), a range (low and high) or a bound (low or high alone),
    each as its passages give it; a bound keeps the words that make it one."""
    given = {f: n for f in ("value", "low", "high") if (n := getattr(rec, f)) is not None}
    for f, n in given.items():
        _value_in_quotes(b, rec, f, n)
    if not given and rec.qualifier is None:
        b.error(
            rec.id,
            ("value",),
            "give the figure: a value, a range (low and high) or a bound (low or high), with the article's "
            "qualifier; or a qualifier alone, such as 'thousands'",
        )
        return
    ends = [f for f in ("low", "high") if f in given]
    if "value" in given and ends:
        b.error(
            rec.id,
            ("value",),
            f"value and {' and '.join(ends)} together: a figure is one number (value), a range (low and high) "
            "or a bound (low or high alone); keep the one the article gives and leave out the other",
        )
        return
    bound = bound_of(rec.qualifier) if rec.qualifier else None
    if ends == ["low", "high"]:
        low, high = given["low"], given["high"]
        if low == high:
            b.error(
                rec.id,
                ("high",),
                f"low and high are both {_plain(low)}: one number is a value; write value: {_plain(low)} instead",
            )
        elif low > high:
            b.error(
                rec.id,
                ("high",),
                f"low {_plain(low)} is above high {_plain(high)}: low is the range's lower end; swap them",
            )
        return
    if bound is not None and (was := "value" if "value" in given else ends[0]) != bound.end:
        n = _plain(given[was])
        kind = "lower" if bound.end == "low" else "upper"
        b.error(
            rec.id,
            (was,),
            f"qualifier '{rec.qualifier}' makes {n} a{'n' if kind == 'upper' else ''} {kind} bound: write "
            f"{bound.end}: {n} instead of {was}: {n} (the qualifier stays, in the article's words)",
        )
    elif ends and rec.qualifier is None:
        end = ends[0]
        n = _plain(given[end])
        kind, examples = ("a lower", "'over', 'at least'") if end == "low" else ("an upper", "'up to', 'fewer than'")
        b.error(
            rec.id,
            (end,),
            f"{end} {n} alone is {kind} bound: keep the article's words in qualifier ({examples}, …); "
            f"they say whether {n} itself is counted",
        )


def _value_in_quotes(b: _Builder, rec: NumberRecord, field: str, value: Decimal) -> None:
    """A figure's value (or a range's or bound's end) must be one its quoted passages give, in digits or in words."""
    stated = [s for c in rec.citations for s in numbers_in(c.quote)]
    if any(abs(value) == s.value for s in stated):
        return
    plural = len(rec.citations) > 1
    where = "any of the quoted passages" if plural else "the quoted passage"
    if stated:
        said = ", ".join(dict.fromkeys(f'{_plain(s.value)} ("{s.words}")' for s in stated))
        what = f"{'they give' if plural else 'it gives'} {said}"
    else:
        what = f"{'they give' if plural else 'it gives'} no number"
    if field == "value":
        fix = (
            "correct the value, or cite the passage that gives it "
            "(where the article gives no number, leave value out and keep its words in qualifier)"
        )
    else:
        fix = f"correct {field}, or cite the passage that gives it"
    b.error(rec.id, (field,), f"{field} {_plain(value)} is not in {where}: {what}; {fix}")


def _source_meta_in_quotes(b: _Builder, rec: Source) -> None:
    """A source's headline and publication date must be what their quoted passages say (the editor's
    have no passage: the page marks them as the editor's instead)."""
    title = rec.title
    if title is not None and title.quote is not None and normalise(title.text) not in normalise(title.quote):
        b.error(
            rec.id,
            ("title", "text"),
            "the headline is not in its quoted passage; copy it from the passage, or quote the passage that shows it",
        )
    if (
        rec.published is not None
        and rec.published.quote is not None
        and not supports_date(rec.published.quote, rec.published.date)
    ):
        stated = dates_in(rec.published.quote)
        found = sorted(d for d in stated if not any(o.startswith(d + "-") for o in stated))  # the fullest only
        what = f"it gives {', '.join(found)}" if found else "it gives no date"
        b.error(
            rec.id,
            ("published", "date"),
            f"date {rec.published.date} is not in the quoted passage ({what}); correct the date, "
            "or quote the passage that gives it",
        )


def _plain(value: Decimal) -> str:
    """A number as an editor writes it: 19500, 2.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
