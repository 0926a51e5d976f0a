"""A folder that mirrors generated files, rewriting only the files whose bytes changed.

Builders that decide what to rebuild from file times (``mkdocs serve --dirty``
compares each page's source with its output) can then take the mirror's
files as sources: a page whose text did not change keeps its old time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


class Mirror:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: dict[str, str | bytes] = {}

    def path(self, name: str) -> Path:
        return self.folder / name

    def update(self, files: Mapping[str, str | bytes]) -> tuple[list[str], list[str]]:
        """Write what is new or different, delete what is gone; returns both lists of names."""
        written = []
        for name, content in files.items():
            before = self._written.get(name)
            if before is content or before == content:
                continue
            target = self.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            # Write then rename: a builder reading the mirror never sees half a file.
            part = target.with_name(target.name + ".part")
            part.write_bytes(data)
            os.replace(part, target)
            self._written[name] = content
            written.append(name)
        removed = [name for name in self._written if name not in files]
        for name in removed:
            (self.folder / name).unlink(missing_ok=True)
            del self._written[name]
        return written, removed
