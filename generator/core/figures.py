"""How a figure reads: its numbers with thousands separators, its qualifier kept.

Plain text, the same on the pages and in the downloads (FollowTheMoney's figure names).
"""

from __future__ import annotations

from decimal import Decimal

from .model import NumberRecord


def decimal_text(value: Decimal) -> str:
    """A figure as readers read it: with thousands separators, and no exponent."""
    return f"{value:,}" if value == value.to_integral_value() else f"{value:,f}"


def figure(num: NumberRecord) -> str:
    """The figure as the article gives it, qualifier kept and numbers with thousands separators:
    "nearly 19,500", "over 20,000", "up to 150,000", "200,000–300,000", "between 2 and 3"."""
    parts = [num.qualifier] if num.qualifier else []
    if num.value is not None:
        parts.append(decimal_text(num.value))
    elif num.low is not None and num.high is not None:
        low, high = decimal_text(num.low), decimal_text(num.high)
        # "between 2–3" is no one's English: after "between" the ends are joined by "and".
        between = bool(parts) and parts[-1].casefold().split()[-1:] == ["between"]
        parts.append(f"{low} and {high}" if between else f"{low}–{high}")
    elif (bound := num.low if num.low is not None else num.high) is not None:
        parts.append(decimal_text(bound))
    return " ".join(parts)


def has_number(num: NumberRecord) -> bool:
    """Whether a figure gives a number (a value, a range or a bound), rather than only words ("thousands")."""
    return num.value is not None or num.low is not None or num.high is not None
