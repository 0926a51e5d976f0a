"""Read, validate and index the fact base; no page, builder or MkDocs here."""
