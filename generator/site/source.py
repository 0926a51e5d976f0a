"""The whole site as a source folder that an engine without the factsheet plugin can build.

``.venv/bin/python -m generator render --out DIR`` writes it: ``DIR/docs/`` holds every page, the
generated ones and the hand-written ones with the home page's summary filled in, and the
assets and downloads; ``DIR/overrides/`` the theme's additions (JSON-LD, the region Pagefind
indexes); ``DIR/mkdocs.yml`` the site's configuration less the plugin, plus what the plugin
adds to it when it runs. MkDocs, ProperDocs and Zensical all read that file; Zensical, which
ignores MkDocs plugins, builds the site from it (``make site ENGINE=zensical``).

Links in the pages need no plugin: Markdown links, and links inside raw HTML written to
``.md`` files as Markdown links are, which Zensical resolves itself (see
:func:`generator.core.urls.raw_links_as_urls`). What only the plugin does is lost: edit links
(each record page's points at its YAML file), rebuilding from facts/ while serving, and
Pagefind, which the caller runs over the built site.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..core.load import Paths, hand_written
from ..core.urls import MARKDOWN
from .build import SCRIPTS, STYLES, SUMMARY_MARKER, THEME, Site

PLUGIN = "factsheet"
DOCS = "docs"
OVERRIDES = "overrides"
CONFIG = "mkdocs.yml"
# Edit links would point at a page's Markdown under docs/, which for a record does not exist
# in the repository: the plugin points them at the record's YAML file, and without it there are none.
_EDIT_FEATURE = "content.action.edit"


@dataclass(frozen=True)
class Tagged:
    """A value the configuration gives with a tag (``!ENV [VAR, default]``), kept for the engine to read."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml keeping its tags, which only the engine that builds may resolve."""


def _tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    assert isinstance(node, yaml.MappingNode)
    return Tagged(tag, loader.construct_mapping(node, deep=True))


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _represent_str(dumper: _Dumper, data: str) -> yaml.Node:
    # not_in_nav is a block of lines: kept one a line, as written, for a reader of the file.
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(Tagged, _represent_tagged)
_Dumper.add_representer(str, _represent_str)


def read_config(path: Path) -> dict[str, Any]:
    """The site's mkdocs.yml, its tags kept (the maintainers' file, not a contributor's record)."""
    with path.open(encoding="utf-8") as f:
        # _Loader is a SafeLoader: tags are kept as data, never constructed into objects.
        data = yaml.load(f, Loader=_Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a configuration (a mapping of settings)")
    return data


def _plugins(config: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """The configured plugins less the factsheet plugin, and the factsheet plugin's own options."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs takes a mapping of name to options as well as a list
        plugins = [{name: options} if options else name for name, options in plugins.items()]
    kept, options = [], {}
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry), None)
        if name == PLUGIN:
            options = {} if isinstance(entry, str) else dict(entry[PLUGIN] or {})
        else:
            kept.append(entry)
    return kept, options


def plugin_less_config(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` (mkdocs.yml) for an engine without the plugin, with what the plugin adds when it runs."""
    out = {k: v for k, v in config.items() if k not in ("plugins", "edit_uri", "docs_dir", "site_dir")}
    plugins, _ = _plugins(config)
    if not any(p == "search" or (isinstance(p, dict) and "search" in p) for p in plugins):
        # Search is Pagefind's. Zensical adds its own unless told not to; MkDocs reads the same words.
        plugins.append({"search": {"enabled": False}})
    out["plugins"] = plugins
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    if theme.get("name") == "material":
        theme["font"] = False  # as the plugin sets it: no request to any host but the site
    if "features" in theme:
        theme["features"] = [f for f in theme["features"] if f != _EDIT_FEATURE]
    theme["custom_dir"] = OVERRIDES
    out["theme"] = theme
    out["extra_css"] = [*(config.get("extra_css") or []), *STYLES]
    out["extra_javascript"] = [*(config.get("extra_javascript") or []), *SCRIPTS]
    out["docs_dir"] = DOCS
    out["site_dir"] = "site"
    return out


def summary_marker(config: dict[str, Any]) -> str:
    """The line the plugin replaces with the summary, as the configuration sets it."""
    marker = _plugins(config)[1].get("summary_marker", SUMMARY_MARKER)
    return marker if isinstance(marker, str) else SUMMARY_MARKER


def files(site: Site, paths: Paths, config: dict[str, Any]) -> Iterator[tuple[str, bytes]]:
    """Every file of the site source, as (path in the folder, content)."""
    marker = summary_marker(config)
    for page in site.pages:
        yield f"{DOCS}/{page.path}", page.markdown.encode()
    for asset in site.assets:
        yield f"{DOCS}/{asset.path}", asset.content
    assert paths.docs is not None
    for rel in hand_written(paths):
        path = "/".join(rel)
        data = paths.docs.joinpath(*rel).read_bytes()
        if path.endswith(MARKDOWN) and marker.encode() in data:  # as the plugin: any Markdown page
            data = data.decode().replace(marker, site.summary(path)).encode()
        yield f"{DOCS}/{path}", data
    theme_dir = config.get("theme", {}).get("custom_dir") if isinstance(config.get("theme"), dict) else None
    for item in THEME.iterdir():
        if item.name.endswith(".html"):
            yield f"{OVERRIDES}/{item.name}", item.read_bytes()
    if theme_dir:
        # Before the plugin's own folder in the theme's search path, so the site's override wins.
        top = (paths.root / theme_dir).resolve()
        for f in sorted(top.rglob("*")):
            if f.is_file():
                yield f"{OVERRIDES}/{f.relative_to(top).as_posix()}", f.read_bytes()
    text = yaml.dump(plugin_less_config(config), Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    yield CONFIG, (_HEAD + text).encode()


_HEAD = """\
# Written by `.venv/bin/python -m generator render` from the site's mkdocs.yml, for an engine without the
# factsheet plugin (Zensical): the pages under docs/ are complete. Do not edit; render again.
"""


def write(site: Site, paths: Paths, config: dict[str, Any], out: Path) -> int:
    """Write the site source into ``out``; the number of files written."""
    n = 0
    for path, content in files(site, paths, config):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        n += 1
    return n
