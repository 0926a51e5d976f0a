"""The MkDocs plugin: a thin adapter from MkDocs events to :func:`generator.site.build.build`."""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core.errors import ProblemsError
from ..core.incremental import Stats
from ..core.load import Paths
from ..core.urls import raw_links_as_urls
from .build import SCRIPTS, STYLES, SUMMARY_MARKER, THEME, Site, SiteBuilder, build
from .mirror import Mirror
from .pagefind import Pagefind
from .problems_page import ProblemsApp

# "mkdocs", or "properdocs" under ProperDocs, which answers MkDocs' imports with its own modules:
# its loggers, and the strict mode's count of warnings, are named after it.
ENGINE = BasePlugin.__module__.partition(".")[0]
log = logging.getLogger(f"{ENGINE}.plugins.factsheet")


def _safe_dirty_build(record: logging.LogRecord) -> bool:
    """Drops MkDocs' warning that a dirty build "will likely lead to inaccurate navigation".

    Not so here: the plugin rewrites every page whose inputs changed (a renamed person's
    name on every page that shows it), records are kept out of the navigation, and
    tests/test_incremental.py compares a dirty serve with a full build, file for file.
    """
    return not str(record.msg).startswith("A 'dirty' build is being performed")


class _MirroredFile(File):
    """A generated file read from the mirror while serving.

    Modified, for `mkdocs serve --dirty`, exactly when the mirror rewrote it
    since the last build that ran to its end: the same answer as MkDocs' own
    comparison of file times, without three stat calls per page per build.
    """

    unbuilt: set[str]

    def is_modified(self) -> bool:
        return self.src_uri in self.unbuilt


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory between the builds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class FactsheetConfig(base.Config):
    facts_dir = opt.Dir(exists=True, default="facts")
    """Folder of YAML record files, one subfolder per kind (relative to mkdocs.yml)."""
    seeds_dir = opt.Dir(exists=True, default="seeds")
    """Folder of article texts; sources may only point inside it."""
    summary_marker = opt.Type(str, default=SUMMARY_MARKER)
    """A hand-written page containing this line gets the counts table in its place."""
    pagefind = opt.Type(bool, default=True)
    """Index the built site with Pagefind for the search page (search.md)."""


class FactsheetPlugin(BasePlugin[FactsheetConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        # Under `mkdocs serve`, kept across rebuilds (MkDocs keeps a plugin that has on_startup).
        self.builder: SiteBuilder | None = None
        self.mirror: Mirror | None = None
        # Mirrored files rewritten since the last build that ran to its end: the ones to rebuild.
        self.unbuilt: set[str] = set()
        self.pagefind = Pagefind(log)
        self.problems_page: ProblemsApp | None = None
        self.templates = _CompiledTemplates()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps one instance of this plugin per process from here on: start clean.
        self.on_shutdown()
        if command == "serve" and dirty:
            logging.getLogger(f"{ENGINE}.commands.build").addFilter(_safe_dirty_build)
        if command == "serve":
            # Pages go to files in a folder of their own, rewritten only when their text changes,
            # so that `mkdocs serve --dirty` rebuilds just the pages an edit touched.
            self.mirror = Mirror(Path(tempfile.mkdtemp(prefix="factsheet-pages-")))

    def on_shutdown(self) -> None:
        self.pagefind.wait()
        if self.mirror is not None:
            shutil.rmtree(self.mirror.folder, ignore_errors=True)
        self.mirror = None
        self.builder = None
        self.unbuilt.clear()

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
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        paths = self._paths(config)
        try:
            start = time.perf_counter()
            if self.mirror is None:
                self.site = build(paths)
            else:
                if self.builder is None or self.builder.paths != paths:
                    self.builder = SiteBuilder(paths)
                self.site = self.builder.build()
        except ProblemsError as e:
            when = ""
            if self.problems_page is not None:
                self.problems_page.set(e.problems, paths)
                # MkDocs logs each message once per process (its DuplicateFilter): the same broken
                # file saved twice printed only "Aborted with a BuildError!". The time sets them apart.
                when = time.strftime(" (as saved at %H:%M:%S)")
            raise PluginError(f"the fact base has problems{when}:\n{e.report()}") from e
        if self.problems_page is not None:
            self.problems_page.clear()
        if self.builder is not None:
            self._mirror(self.site, self.builder.stats, time.perf_counter() - start, config)
        # edit_uri is relative to the docs folder in the repository.
        root = os.path.relpath(paths.root, config.docs_dir).replace(os.sep, "/")
        # A hand-written file at a generated one's address was refused by the build (see build.shadowed).
        for page in self.site.pages:
            file = self._file(config, page.path, page.markdown)
            if page.edit_path:
                file.edit_uri = posixpath.normpath(posixpath.join(root, page.edit_path))
            files.append(file)
        for asset in self.site.assets:
            files.append(self._file(config, asset.path, asset.content))
        if self.mirror is not None:
            for file in files.documentation_pages():
                if file.generated_by is None and self.config.summary_marker in file.content_string:
                    # Its summary comes from the records: in-memory content makes MkDocs rebuild it every time.
                    file.content_string = file.content_string
        return files

    def _file(self, config: MkDocsConfig, path: str, content: str | bytes) -> File:
        if self.mirror is None:
            return File.generated(config, path, content=content)
        file = _MirroredFile.generated(config, path, abs_src_path=str(self.mirror.path(path)))
        assert isinstance(file, _MirroredFile)
        file.unbuilt = self.unbuilt
        return file

    def _mirror(self, site: Site, stats: Stats, seconds: float, config: MkDocsConfig) -> None:
        assert self.mirror is not None
        wanted: dict[str, str | bytes] = {p.path: p.markdown for p in site.pages}
        wanted.update((a.path, a.content) for a in site.assets)
        written, removed = self.mirror.update(wanted)
        self.unbuilt.update(written)
        self.unbuilt.difference_update(removed)
        for path in removed:
            # A dirty build never deletes: the page of a deleted record would stay on the preview.
            gone = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
            Path(gone.abs_dest_path).unlink(missing_ok=True)
        log.info(
            "factsheet: %d files changed, %d removed; %d steps redone, %d kept in %.2f s",
            len(written),
            len(removed),
            stats.run,
            stats.kept,
            seconds,
        )

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        ours = self.site is not None and page.file.src_uri in self.site.page_paths
        if ours and page.file.generated_by is not None and not page.meta.get("title"):
            # MkDocs renders front matter it cannot parse as Markdown and logs nothing:
            # the page would lose its title, tags and data, and show its front matter as text.
            raise PluginError(
                f"the generated page {page.file.src_uri} came back without its front matter "
                "(MkDocs could not parse it); nothing was published. This is a generator bug: please report it"
            )
        marker = self.config.summary_marker
        if self.site is None or page.file.generated_by is not None or marker not in markdown:
            return markdown
        return markdown.replace(marker, self.site.summary(page.file.src_uri))

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Links inside raw HTML (diagrams, the differences, the home page's cards) are written as
        # Markdown links are, to .md files, so that every engine builds the same site from the same
        # pages; MkDocs resolves only Markdown links, so the plugin resolves these as Zensical does.
        return raw_links_as_urls(html, page.file.src_uri)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.unbuilt.clear()  # every page was written: the build ran to its end
        if not self.config.pagefind:
            return
        # Pagefind reads the built HTML, so it runs after MkDocs has written every page.
        if self.mirror is None:
            error = self.pagefind.run(config.site_dir)
            if error:
                raise PluginError(error)
        else:
            # While serving, the page must not wait for the index (10 s at 10,000 records): search catches up.
            self.pagefind.start(config.site_dir)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.mirror is not None:
            # MkDocs makes a new theme environment for every build, which compiles each template
            # again (about 0.2 s a save); while serving, the compiled code is kept in memory.
            env.bytecode_cache = self.templates
        return env

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # Pages come from these folders, not from docs/: a save there must rebuild too.
        server.watch(self.config.facts_dir)
        server.watch(self.config.seeds_dir)
        # A rebuild that fails leaves MkDocs' server waiting for a good one: pages answer with the problems.
        app = server.get_app()
        assert app is not None  # MkDocs' server sets its application when it is made
        self.problems_page = ProblemsApp(app)
        server.set_app(self.problems_page)
        # Called once, after the first build. What it left alive (records, kept pages) lives as long
        # as the server: freeze it, or every save pays a full collection walking it (about a
        # second at 10,000 records). What later builds make is still collected as usual.
        if self.mirror is not None:
            gc.collect()
            gc.freeze()
        return server
