"""Hedges: the words with which an article says how sure it is, kept in one place.

A statement that drops the article's "allegedly" or "credible reports" says
more than the article does. The check finds each hedge in an account's quotes
and asks that the claim's statement keep a word of the same kind, or that the
record say why not (``hedge_left_out``).

Two kinds:

- Doubt ("allegedly", "reportedly", "credible reports", "seem", "may",
  "likely", "suspected"…): the statement must keep it.
- Attribution ("according to", "claimed", "said to"…): it says whose word
  this is, which the account records as its claimant or reporter. It is kept
  when the account names one, and is a dropped hedge only where the account
  says the article states it in its own voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Hedge:
    name: str  # how the check names it: the word an editor will recognise
    pattern: re.Pattern[str]  # matches the hedge and its other forms
    attribution: bool = False  # says whose word it is, rather than how sure


def _h(name: str, words: str, attribution: bool = False) -> Hedge:
    return Hedge(name, re.compile(rf"\b(?:{words})\b", re.IGNORECASE), attribution)


# Grouped by meaning: a statement keeps a hedge when it has any word of the same group.
HEDGES = (
    _h("allegedly", r"alleged(?:ly)?|allegations?|allege[sd]?"),
    _h("reportedly", r"reportedly|reports? say|is said to|are said to|were said to|was said to"),
    _h("credible reports", r"credible reports?"),
    _h("seem", r"seem(?:s|ed|ingly)?|appear(?:s|ed)? to|apparently"),
    _h("may", r"(?-i:may|might)"),  # lower case only: "May 2024" is a month
    _h("likely", r"(?:un)?likely|probabl[ey]|possibl[ey]"),
    _h("suspected", r"suspect(?:s|ed)?"),
    _h("believed", r"believed|thought to"),
    _h("unconfirmed", r"unconfirmed|unverified|purported(?:ly)?"),
    _h("according to", r"according to|as per|citing|cites?", attribution=True),
    _h("claimed", r"claim(?:s|ed)?|said|says|told|reported", attribution=True),
)


def hedges_in(text: str) -> list[tuple[Hedge, str]]:
    """Each kind of hedge ``text`` carries, with the words that carry it first."""
    out = []
    for hedge in HEDGES:
        m = hedge.pattern.search(text)
        if m:
            out.append((hedge, m.group()))
    return out


def keeps(statement: str, hedge: Hedge) -> bool:
    """Whether ``statement`` keeps a hedge of this kind."""
    return hedge.pattern.search(statement) is not None
