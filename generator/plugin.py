"""The MkDocs plugin: a thin adapter from MkDocs events to :func:`generator.build.build`."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .build import SCRIPTS, STYLES, Site, build
from .errors import ProblemsError
from .load import Paths

log = logging.getLogger("mkdocs.plugins.factsheet")

THEME_DIR = package_files("generator").joinpath("theme")


class FactsheetConfig(base.Config):
    facts_dir = opt.Dir(exists=True, default="facts")
    """Folder of YAML record files, one subfolder per kind (relative to mkdocs.yml)."""
    seeds_dir = opt.Dir(exists=True, default="seeds")
    """Folder of article texts; sources may only point inside it."""
    summary_marker = opt.Type(str, default="<!-- factsheet:summary -->")
    """A hand-written page containing this line gets the counts table in its place."""
    pagefind = opt.Type(bool, default=True)
    """Index the built site with Pagefind for the search page (search.md)."""


class FactsheetPlugin(BasePlugin[FactsheetConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None

    def _paths(self, config: MkDocsConfig) -> Paths:
        root = Path(config.config_file_path or ".").resolve().parent
        return Paths(
            root=root, facts=Path(self.config.facts_dir), seeds=Path(self.config.seeds_dir), docs=Path(config.docs_dir)
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            # Links inside generated raw HTML (diagrams, publisher links) assume directory URLs.
            raise PluginError("the factsheet plugin needs use_directory_urls: true")
        if config.theme.get("font") is not False and config.theme.name == "material":
            # Material fetches its fonts from Google unless told not to; the site asks no other host.
            log.info("theme.font set to false: the site uses system fonts and asks no other host")
            config.theme["font"] = False
        config.extra_css.extend(STYLES)
        config.extra_javascript.extend(SCRIPTS)
        # After a custom_dir, before the theme: main.html adds the JSON-LD to each page's head.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        paths = self._paths(config)
        try:
            self.site = build(paths)
        except ProblemsError as e:
            raise PluginError(f"the fact base has problems:\n{e.report()}") from e
        for page in self.site.pages:
            if files.get_file_from_path(page.path) is not None:
                log.info("%s is written by hand; the generated page is not used", page.path)
                continue
            file = File.generated(config, page.path, content=page.markdown)
            if page.edit_path:
                # edit_uri is relative to the docs folder in the repository.
                file.edit_uri = os.path.relpath(paths.root / page.edit_path, config.docs_dir).replace(os.sep, "/")
            files.append(file)
        for asset in self.site.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        marker = self.config.summary_marker
        if self.site is None or page.file.generated_by is not None or marker not in markdown:
            return markdown
        return markdown.replace(marker, self.site.summary(page.file.src_uri))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.pagefind:
            return
        # Pagefind reads the built HTML, so it runs after MkDocs has written every page.
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--output-subdir", "pagefind"],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise PluginError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # Pages come from these folders, not from docs/: a save there must rebuild too.
        server.watch(self.config.facts_dir)
        server.watch(self.config.seeds_dir)
        return server
