"""Repair quotes after an article's text was corrected.

When a transcription typo is fixed in ``seeds/``, quotes that copied the typo
stop matching. The index already knows, for each such quote, whether exactly
one passage is the obvious replacement (:class:`generator.core.index.Unmatched`).
This module turns those into new file texts; it writes nothing itself, so the
caller decides and the plan can be shown before it is applied.

Only the quote's own characters change: comments, order and the layout of
the rest of the file are kept, because the edit is made on the text as
written, at the span the YAML parser reported for that value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..core.errors import FieldPath, Loc
from ..core.index import Unmatched
from ..core.load import Paths
from ..core.yamlsafe import YMap, YNode, YScalar, YSeq, load_yaml
from ..site.build import check


@dataclass(frozen=True)
class Fix:
    loc: Loc  # of the quote, in the file as it was
    quote: Unmatched


@dataclass(frozen=True)
class FixPlan:
    files: dict[str, str]  # repository-relative path -> new text
    applied: tuple[Fix, ...]
    left: tuple[Fix, ...]  # quotes an editor has to look at


def _find(node: YNode | None, path: FieldPath) -> YNode | None:
    for part in path:
        if isinstance(node, YMap) and isinstance(part, str) and part in node.entries:
            node = node.entries[part].value
        elif isinstance(node, YSeq) and isinstance(part, int) and part < len(node.items):
            node = node.items[part]
        else:
            return None
    return node


def _written(value: str, style: str, original: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, in block and flow context alike.
    out = json.dumps(value, ensure_ascii=False)
    if style in ("|", ">"):
        # A block scalar's span takes its line breaks with it; give them back.
        out += "\n" * (len(original) - len(original.rstrip("\n")))
    return out


def rewrite(text: str, fixes: list[tuple[FieldPath, str]]) -> str | None:
    """``text`` with the scalars at ``fixes``' paths replaced, or ``None`` if one cannot be found."""
    tree, _ = load_yaml("-", text.encode("utf-8"))
    if tree is None:
        return None
    edits = []
    for path, value in fixes:
        node = _find(tree, path)
        if not isinstance(node, YScalar):
            return None
        start, end = node.span
        edits.append((start, end, _written(value, node.style, text[start:end])))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    # Proof that the edit did what was meant and nothing else: every changed
    # field reads back as the new value.
    again, _ = load_yaml("-", text.encode("utf-8"))
    if again is None:
        return None
    for path, value in fixes:
        node = _find(again, path)
        if not isinstance(node, YScalar) or node.value != value:
            return None
    return text


def plan(paths: Paths) -> FixPlan:
    """Every unambiguous quote repair, and every quote left for an editor."""
    index, _ = check(paths)
    by_file: dict[str, list[Fix]] = {}
    left: list[Fix] = []
    for u in index.unmatched:
        origin = index.base.origins[u.record]
        fix = Fix(origin.loc(u.path), u)
        if u.suggestion is None:
            left.append(fix)
        else:
            by_file.setdefault(origin.file, []).append(fix)
    files: dict[str, str] = {}
    applied: list[Fix] = []
    for file, fixes in sorted(by_file.items()):
        old = (paths.root / file).read_text(encoding="utf-8")
        new = rewrite(old, [(f.quote.path, f.quote.suggestion) for f in fixes if f.quote.suggestion is not None])
        if new is None:  # pragma: no cover - the file parsed a moment ago
            left += fixes
            continue
        files[file] = new
        applied += fixes
    return FixPlan(files, tuple(sorted(applied, key=lambda f: f.loc)), tuple(sorted(left, key=lambda f: f.loc)))
