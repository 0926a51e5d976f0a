"""Where the sources differ: every point on which the articles tell things differently.

Four kinds of point, each computed from the records, never written by hand:
figures for the same measure that differ; a claim whose accounts name
different claimants or reporters; a claim whose accounts date it differently;
a claim whose accounts quote different words. Contradictions between claims
(counter-claims) are listed too, since they are where sources disagree most.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.index import Index
from ..core.model import Account, Claim, NumberRecord, Unnamed
from ..core.text import normalise
from .timeline import when_of


@dataclass(frozen=True)
class ClaimDifference:
    claim: str
    aspects: tuple[str, ...]  # "who claims it", "who reports it", "when", "wording"


@dataclass(frozen=True)
class FigureDifference:
    measure: str
    numbers: tuple[str, ...]  # the differing figures, in display order


@dataclass(frozen=True)
class Differences:
    figures: tuple[FigureDifference, ...]
    claims: tuple[ClaimDifference, ...]
    contradictions: tuple[tuple[str, str], ...]  # (claim, counter-claim)

    def __len__(self) -> int:
        return len(self.figures) + len(self.claims) + len(self.contradictions)


def _parties(ps: tuple[str | Unnamed, ...]) -> frozenset[str]:
    return frozenset(p if isinstance(p, str) else f"unnamed:{normalise(p.unnamed).casefold()}" for p in ps)


def _aspects(index: Index, claim: Claim) -> tuple[str, ...]:
    accounts: tuple[Account, ...] = claim.accounts
    out = []
    if len({_parties(a.claimed_by) for a in accounts}) > 1:
        out.append("who claims it")
    if len({_parties(a.reported_by) for a in accounts}) > 1:
        out.append("who reports it")
    dates = {when_of(index, a.when, a.source).date for a in accounts}
    if len(dates) > 1 or (None in dates and any(a.when for a in accounts)):
        out.append("when")
    wordings = {frozenset(normalise(q.quote) for q in a.quotes) for a in accounts}
    if len(wordings) > 1:
        out.append("wording")
    return tuple(out)


def differences(index: Index) -> Differences:
    by_measure: dict[str, list[NumberRecord]] = {}
    for i in index.by_kind["number"]:
        num = index.record(i)
        if isinstance(num, NumberRecord) and num.measure:
            by_measure.setdefault(num.measure, []).append(num)
    figures = []
    for measure_id in index.by_kind["measure"]:
        nums = by_measure.get(measure_id, [])
        if len({(n.value, n.qualifier, n.unit) for n in nums}) > 1:
            figures.append(FigureDifference(measure_id, tuple(n.id for n in nums)))
    claims = []
    contradictions = []
    for claim_id in index.by_kind["claim"]:
        claim = index.record(claim_id)
        assert isinstance(claim, Claim)
        if len(claim.accounts) > 1 and (aspects := _aspects(index, claim)):
            claims.append(ClaimDifference(claim_id, aspects))
        contradictions += [(claim_id, other) for other in claim.counter_claims]
    # Two claims that counter each other are one disagreement, listed once.
    pairs = list(dict.fromkeys(tuple(sorted(p)) for p in contradictions))
    return Differences(tuple(figures), tuple(claims), tuple((a, b) for a, b in pairs))
