"""Where the sources differ: what the articles tell differently, computed from the records.

Only differences between sources are counted, each listed once:

- figures for the same measure that differ;
- claims told by several sources that differ in who claims them, who reports
  them, when (only where both dates are known and differ, or one source gives a
  time and another gives none), or in the words they quote for the same remark.

What is not a difference between sources is shown apart and not counted:
claims told alike in other words, claims only one source tells, and disputes
inside one source (a claim and its counter-claim, both told by the same article).
Nothing here is written by hand.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..core.index import Index
from ..core.model import Account, Claim, NumberRecord, Unnamed
from ..core.text import normalise
from .markup import html_text
from .timeline import when_of

# The aspects a claim's accounts are compared on, in the order the page shows them.
WHO_CLAIMS = "who claims it"
WHO_REPORTS = "who reports it"
WHEN = "when"
QUOTED = "the words quoted"
ASPECTS = (WHO_CLAIMS, WHO_REPORTS, WHEN, QUOTED)


@dataclass(frozen=True)
class Aspect:
    name: str
    differs: bool  # a difference between the sources, counted
    silent: tuple[str, ...] = ()  # sources that say nothing on it while another does


@dataclass(frozen=True)
class Remark:
    """Words a source quotes someone as saying, and the matching words of the other sources."""

    quoted: tuple[str | None, ...]  # per account, in account order; None where that source does not quote it


@dataclass(frozen=True)
class ClaimComparison:
    claim: str
    sources: tuple[str, ...]  # of the accounts, in the claim's order
    aspects: tuple[Aspect, ...]
    remarks: tuple[Remark, ...]  # quoted remarks, matched across the accounts

    @property
    def differing(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.aspects if a.differs)


@dataclass(frozen=True)
class FigureDifference:
    measure: str
    numbers: tuple[str, ...]  # every figure for the measure, in display order


@dataclass(frozen=True)
class Dispute:
    claim: str
    counter: str
    sources: tuple[str, ...]  # the sources that tell both sides; empty when no one source does


@dataclass(frozen=True)
class Differences:
    figures: tuple[FigureDifference, ...]
    claims: tuple[ClaimComparison, ...]  # told differently: counted
    disputes: tuple[Dispute, ...]  # a claim and its counter-claim
    reworded: tuple[ClaimComparison, ...]  # told alike by several sources, in other words: not counted
    single: tuple[tuple[str, tuple[str, ...]], ...]  # (source, claims only it tells), by source

    @property
    def between(self) -> tuple[Dispute, ...]:
        """Disputes between sources: no one source tells both sides."""
        return tuple(d for d in self.disputes if not d.sources)

    @property
    def within(self) -> tuple[Dispute, ...]:
        return tuple(d for d in self.disputes if d.sources)

    def __len__(self) -> int:
        """The differences between the sources, as listed: each figure group, claim and dispute between them."""
        return len(self.figures) + len(self.claims) + len(self.between)


def _party_key(p: str | Unnamed) -> str:
    # An unnamed party is the body it belongs to: "two White House sources" and "two White House
    # officials" are the same people; their words are shown side by side all the same.
    if isinstance(p, str):
        return p
    return f"of:{p.of}" if p.of else f"unnamed:{normalise(p.unnamed).casefold()}"


def _parties_aspect(name: str, accounts: tuple[Account, ...], field: str) -> Aspect:
    parties = [a.claimants if field == "claimed_by" else a.reported_by for a in accounts]
    sets = [frozenset(_party_key(p) for p in ps) for ps in parties]
    named = [s for s in sets if s]
    silent = tuple(a.source for a, s in zip(accounts, sets, strict=True) if not s) if named else ()
    return Aspect(name, len(set(named)) > 1 or bool(silent), silent)


def _compatible(a: str, b: str) -> bool:
    """Two dates that may be the same day: equal, or one a coarser form of the other (2025-07, 2025-07-15)."""
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _when_aspect(index: Index, accounts: tuple[Account, ...]) -> Aspect:
    timed = [a for a in accounts if a.when is not None]
    silent = tuple(a.source for a in accounts if a.when is None) if timed else ()
    dates = [d for a in timed if (d := when_of(index, a.when, a.source).date)]
    # A date that could not be worked out is unknown, not different.
    differs = any(not _compatible(x, y) for i, x in enumerate(dates) for y in dates[i + 1 :])
    return Aspect(WHEN, differs or bool(silent), silent)


# Words inside quotation marks: typographic, or straight. An opening mark the passage does not close runs to its end.
_QUOTED = re.compile(r"“([^”]*)(?:”|$)|\"([^\"]*)(?:\"|$)")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
# Below this, two quoted passages are different remarks rather than one remark worded differently.
_SAME_REMARK = 0.5


def quoted_words(text: str) -> list[str]:
    """The stretches of ``text`` inside quotation marks."""
    return [(m.group(1) if m.group(1) is not None else m.group(2)).strip() for m in _QUOTED.finditer(text)]


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, compared after the normalisation rule."""
    return _TOKEN.findall(normalise(text))


def _core(text: str) -> list[str]:
    """A remark's words without the punctuation around it: "very productive." is "very productive"."""
    toks = tokens(text)
    while toks and not toks[-1][0].isalnum():
        toks.pop()
    while toks and not toks[0][0].isalnum():
        toks.pop(0)
    return toks


def passages(index: Index, claim: Claim) -> tuple[tuple[str, ...], ...]:
    """Each account's quotes as the article prints them (typographic marks and all)."""
    cites = index.cites.get(claim.id, ())
    out = []
    for i, account in enumerate(claim.accounts):
        located = {c.path[3]: c for c in cites if c.path[:3] == ("accounts", i, "quotes")}
        out.append(tuple(index.cited(located[k]) if k in located else q.quote for k, q in enumerate(account.quotes)))
    return tuple(out)


def _remarks(quotes: tuple[tuple[str, ...], ...]) -> tuple[Remark, ...]:
    """Quoted remarks matched across accounts: each remark of each account, with the closest of the others."""
    accounts = quotes
    per = [[q for quote in mine for q in quoted_words(quote) if _core(q)] for mine in quotes]
    out: list[Remark] = []
    used = [set[int]() for _ in accounts]
    for i, mine in enumerate(per):
        for k, text in enumerate(mine):
            if k in used[i]:
                continue
            row: list[str | None] = [None] * len(accounts)
            row[i] = text
            used[i].add(k)
            for j in range(i + 1, len(accounts)):
                best, score = None, _SAME_REMARK
                for m, other in enumerate(per[j]):
                    if m in used[j]:
                        continue
                    ratio = difflib.SequenceMatcher(None, _core(text), _core(other), autojunk=False).ratio()
                    if ratio >= score:
                        best, score = m, ratio
                if best is not None:
                    row[j] = per[j][best]
                    used[j].add(best)
            out.append(Remark(tuple(row)))
    return tuple(out)


def remark_differs(remark: Remark) -> bool:
    """Whether the sources quote one remark in different words (punctuation around it aside)."""
    return len({tuple(_core(q)) for q in remark.quoted if q is not None}) > 1


def _quoted_aspect(accounts: tuple[Account, ...], remarks: tuple[Remark, ...]) -> Aspect:
    # One remark quoted in different words is a difference; a remark only one source
    # quotes is that source saying more, noted but not counted.
    differs = any(remark_differs(r) for r in remarks)
    silent = tuple(a.source for i, a in enumerate(accounts) if any(r.quoted[i] is None for r in remarks))
    return Aspect(QUOTED, differs, silent)


def compare(index: Index, claim: Claim) -> ClaimComparison:
    accounts = claim.accounts
    remarks = _remarks(passages(index, claim))
    aspects = (
        _parties_aspect(WHO_CLAIMS, accounts, "claimed_by"),
        _parties_aspect(WHO_REPORTS, accounts, "reported_by"),
        _when_aspect(index, accounts),
        _quoted_aspect(accounts, remarks),
    )
    return ClaimComparison(claim.id, tuple(a.source for a in accounts), aspects, remarks)


def word_diff(texts: tuple[str | None, ...]) -> tuple[tuple[tuple[str, bool], ...] | None, ...]:
    """Each text cut into pieces, each piece marked True where its words differ from the other texts'.

    Words are compared after the normalisation rule, so typographic and straight
    quote marks count as the same; the pieces keep the text as the article prints it.
    """
    pieces = [_pieces(t) if t is not None else None for t in texts]
    keys = [[normalise(p) for p, is_word in ps if is_word] if ps is not None else None for ps in pieces]
    out: list[tuple[tuple[str, bool], ...] | None] = []
    for i, ps in enumerate(pieces):
        if ps is None:
            out.append(None)
            continue
        mine = keys[i]
        assert mine is not None
        same = [False] * len(mine)
        others = [k for j, k in enumerate(keys) if j != i and k is not None]
        for other in others:
            matcher = difflib.SequenceMatcher(None, mine, other, autojunk=False)
            for block in matcher.get_matching_blocks():
                for t in range(block.a, block.a + block.size):
                    same[t] = True
        if not others:
            same = [True] * len(mine)
        marked: list[tuple[str, bool]] = []
        t = 0
        for text, is_word in ps:
            if is_word:
                marked.append((text, not same[t]))
                t += 1
            else:
                marked.append((text, False))
        out.append(tuple(_merge(marked)))
    return tuple(out)


def marked(pieces: Sequence[tuple[str, bool]]) -> Markup:
    """A text with its differing words marked, as :func:`word_diff` cut it."""
    return Markup("").join(
        Markup('<mark class="fs-diff">{}</mark>').format(html_text(p)) if flag else html_text(p) for p, flag in pieces
    )


def _pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` as (piece, is_token) pairs: tokens, and the white space between them."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in _TOKEN.finditer(text):
        if m.start() > at:
            out.append((text[at : m.start()], False))
        out.append((m.group(), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def _merge(marked: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Neighbouring pieces of one kind joined, spaces between two marked words marked too."""
    out: list[tuple[str, bool]] = []
    for k, (text, flag) in enumerate(marked):
        if not flag and text.isspace() and 0 < k < len(marked) - 1 and marked[k - 1][1] and marked[k + 1][1]:
            flag = True
        if out and out[-1][1] == flag:
            out[-1] = (out[-1][0] + text, flag)
        else:
            out.append((text, flag))
    return out


def _status(index: Index, claim_id: str) -> str:
    claim = index.record(claim_id)
    return claim.status if isinstance(claim, Claim) else "reported"


def _sources_of(index: Index, claim_id: str) -> set[str]:
    claim = index.record(claim_id)
    return {a.source for a in claim.accounts} if isinstance(claim, Claim) else set()


def numbers_by_measure(index: Index) -> dict[str | None, list[NumberRecord]]:
    """The figures of each measure, in the index's order; figures of no measure under None."""
    by_measure: dict[str | None, list[NumberRecord]] = {}
    for i in index.by_kind["number"]:
        num = index.record(i)
        assert isinstance(num, NumberRecord)
        by_measure.setdefault(num.measure, []).append(num)
    return by_measure


def differences(index: Index, by_measure: Mapping[str | None, Sequence[NumberRecord]] | None = None) -> Differences:
    """Everything the sources tell differently; ``by_measure`` as :func:`numbers_by_measure` gives it."""
    by_measure = numbers_by_measure(index) if by_measure is None else by_measure
    figures = []
    for measure_id in index.by_kind["measure"]:
        nums = by_measure.get(measure_id, [])
        if len({(n.value, n.low, n.high, n.qualifier, n.unit) for n in nums}) > 1:
            figures.append(FigureDifference(measure_id, tuple(n.id for n in nums)))
    claims: list[ClaimComparison] = []
    reworded: list[ClaimComparison] = []
    single: dict[str, list[str]] = {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for claim_id in index.by_kind["claim"]:
        claim = index.record(claim_id)
        assert isinstance(claim, Claim)
        if len(claim.accounts) > 1:
            comparison = compare(index, claim)
            (claims if comparison.differing else reworded).append(comparison)
        elif claim.accounts:
            single.setdefault(claim.accounts[0].source, []).append(claim_id)
        for other in claim.counter_claims:
            pairs.setdefault((claim_id, other) if claim_id < other else (other, claim_id), (claim_id, other))
    disputes = []
    source_order = {s: k for k, s in enumerate(index.by_kind["source"])}
    for claim_id, other in pairs.values():  # two claims that counter each other are one disagreement, listed once
        # The disputed one is the claim whose status says so; the other is its counter-claim.
        disputed, counter = (other, claim_id) if _status(index, claim_id) == "reported" else (claim_id, other)
        both = _sources_of(index, disputed) & _sources_of(index, counter)
        disputes.append(Dispute(disputed, counter, tuple(sorted(both, key=source_order.__getitem__))))
    order = {c: k for k, c in enumerate(index.by_kind["claim"])}
    disputes.sort(key=lambda d: (order[d.claim], order[d.counter]))
    return Differences(
        tuple(figures),
        tuple(claims),
        tuple(disputes),
        tuple(reworded),
        tuple((s, tuple(single[s])) for s in index.by_kind["source"] if s in single),
    )
