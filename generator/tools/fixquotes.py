"""Repair quotes after an article's text was corrected.

When a transcription typo is fixed in ``seeds/``, quotes that copied the typo
stop matching. The index already knows, for each such quote, whether exactly
one passage is the obvious replacement (:class:`generator.core.index.Unmatched`).
This module turns those into new file texts; it writes nothing itself, so the
caller decides and the plan can be shown before it is applied.

Where the closest passage is not alike enough to be sure (a correction that
rewords the quoted sentence), the article as it was before the correction is
read from git, and the passage is what now lies between the words that
surrounded the quote there (the Web Annotation prefix and suffix,
:mod:`generator.core.anchoring`).

Only the quote's own characters change: comments, order and the layout of
the rest of the file are kept, because the edit is made on the text as
written, at the span the YAML parser reported for that value.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, replace

from ..core.anchoring import reanchor, selectors
from ..core.errors import FieldPath, Loc
from ..core.index import Index, Unmatched
from ..core.load import Paths
from ..core.model import Source
from ..core.text import SourceText, normalise
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
    before: dict[str, SourceText | None] = {}
    for u in index.unmatched:
        if u.suggestion is None and (found := _between_old_context(paths, index, u, before)) is not None:
            u = replace(u, suggestion=found, reason="")
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


def _between_old_context(paths: Paths, index: Index, u: Unmatched, before: dict[str, SourceText | None]) -> str | None:
    """The passage that now stands where the quote stood before the article was corrected, if one clearly does.

    ``before`` keeps each source's earlier text, read from git once.
    """
    source = index.record(u.source)
    now = index.base.texts.get(u.source)
    if not isinstance(source, Source) or now is None:
        return None
    if u.source not in before:
        before[u.source] = _earlier(paths, source.file, now)
    old = before[u.source]
    spans = [s for s in old.find_all(u.quote) if s is not None] if old is not None else []
    if old is None or len(spans) != 1:
        return None  # not quoted from the earlier text either, or not once: nothing to go by
    was = selectors(old.display, spans[0])
    found = reanchor(now.display, was.exact, was.prefix, was.suffix, was.start)
    if found is None:
        return None
    passage = normalise(now.display[found[0] : found[1]])
    # The new quote must name one passage, within one paragraph, as any quote must.
    if not passage or [s is not None for s in now.find_all(passage)] != [True]:
        return None
    return passage


def _earlier(paths: Paths, file: str, now: SourceText) -> SourceText | None:
    """The article as last committed, or as it was before the commit that last changed it, if that differs."""
    git = shutil.which("git")
    if git is None:
        return None
    run = [git, "-C", str(paths.root)]
    log = subprocess.run([*run, "log", "-n", "1", "--format=%H", "--", f"./{file}"], capture_output=True, text=True)
    revisions = ["HEAD"] + [f"{h}^" for h in log.stdout.split()] if log.returncode == 0 else []
    for rev in revisions:
        shown = subprocess.run([*run, "show", f"{rev}:./{file}"], capture_output=True)
        if shown.returncode == 0:
            text = SourceText(shown.stdout.decode("utf-8", errors="replace"))
            if text.display != now.display:
                return text
    return None
