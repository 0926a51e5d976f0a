"""The index rendered as Markdown pages; no builder here."""
