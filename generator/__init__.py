"""Fact-sheet site generator: curated YAML facts tied to verbatim passages of news articles."""

from __future__ import annotations

__version__ = "0.1.0"
