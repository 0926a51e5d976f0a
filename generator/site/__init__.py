"""Builders: the pipeline driver, the MkDocs plugin, the mirror, Pagefind and the site checks."""
