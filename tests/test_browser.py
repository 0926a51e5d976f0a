"""The site as a reader uses it: Chromium, driven by Playwright, against the built site on 127.0.0.1.

Every request to another host is blocked and counted; each test fails if any
was made. Screenshots of every page type land in tests/artifacts/ (ignored by
git) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

from generator.site.sitecheck import serve

from .conftest import MINI, ROOT, mini_with_figures
from .hostile_site import make_hostile_repo

ARTIFACTS = ROOT / "tests" / "artifacts"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# As the machine notes advise for a closed network: no background requests of Chromium's own.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PAGE_TYPES = {
    "home": "",
    "people-index": "people/",
    "person": "people/dmitry-peskov/",
    "institution": "institutions/kremlin/",
    "claim": "claims/warrant-outrageous-and-unacceptable/",
    "number": "numbers/children-deported-nearly-19500/",
    "numbers-index": "numbers/",
    "source": "sources/article-004/",
    "differences": "differences/",
    "timeline": "timeline/",
    "relations": "relations/",
    "browse": "browse/",
    "corrections": "corrections/",
    "tags": "tags/",
    "data-model": "data-model/",
    "search": "search/",
}


def chromium() -> str:
    found = os.environ.get("FACTSHEET_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)
    if not found:
        pytest.fail("no Chromium found; `make browser` installs Debian's chromium")
    return found


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser") / "site"
    mkdocs_build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=FLAGS)
        yield b
        b.close()


class Reader:
    """A browser context whose requests to other hosts are refused and recorded."""

    def __init__(self, browser: Browser, base: str, **options: Any) -> None:
        self.base = base
        self.foreign: list[str] = []
        self.context: BrowserContext = browser.new_context(**options)
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()

    def _route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str, full_page: bool = True) -> None:
        """The whole page; or, with full_page=False, the window the reader sees (sticky parts where they stick)."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


@contextmanager
def reading(browser: Browser, base: str, **options: Any) -> Iterator[Reader]:
    """A reader for the ``with`` block; afterwards its context is closed and it asked no other host."""
    r = Reader(browser, base, **options)
    try:
        yield r
    finally:
        r.context.close()
    assert r.foreign == [], f"requests to other hosts: {r.foreign}"


@pytest.fixture
def reader(browser: Browser, site_url: str) -> Iterator[Reader]:
    with reading(browser, site_url, viewport={"width": 1280, "height": 900}) as r:
        yield r


def search(reader: Reader, words: str) -> Page:
    page = reader.open("")
    page.locator("nav.md-nav--primary a[href='search/']").first.click()
    box = page.locator("#fs-search input")
    expect(box).to_be_focused()
    box.press_sequentially(words, delay=30)
    return page


def test_search_by_alias_opens_the_record(reader: Reader) -> None:
    page = search(reader, "POTUS")
    result = page.locator("#fs-search a[href*='people/donald-trump']").first
    expect(result).to_be_visible(timeout=10_000)
    reader.shot("search-results")
    result.click()
    expect(page.locator("h1.fs-title")).to_have_text("Donald Trump")
    assert "POTUS" in page.locator(".md-content").inner_text()


def test_search_finds_quoted_words(reader: Reader) -> None:
    page = search(reader, "outrageous and unacceptable")
    expect(page.locator("#fs-search a[href*='claims/warrant-outrageous']").first).to_be_visible(timeout=10_000)
    # Only the index chunks the query needs were fetched, never a whole-site index.
    fetched = page.evaluate("performance.getEntriesByType('resource').map(e => [e.name, e.transferSize])")
    assert all("search_index.json" not in name for name, _ in fetched)
    assert sum(size for name, size in fetched if "/pagefind/" in name) < 1_000_000


def test_search_results_show_headings_without_permalink_signs(reader: Reader) -> None:
    page = search(reader, "Relations")
    heading = page.locator("#fs-search .pagefind-ui__result-nested").first
    expect(heading).to_be_visible(timeout=10_000)
    reader.shot("search-heading-word")
    assert "Relations" in heading.inner_text()
    assert "¶" not in page.locator("#fs-search").inner_text()


def test_citation_lands_on_the_highlighted_passage_and_back(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["person"])
    evidence = page.locator("#evidence + ul a[href*='#q-']").first
    quote = evidence.inner_text().strip("“”…")
    evidence.click()
    page.wait_for_load_state("networkidle")
    assert "/sources/article-004/#q-" in page.url
    anchor = urlsplit(page.url).fragment
    mark = page.locator(f"mark[id='{anchor}']")
    expect(mark).to_be_in_viewport()
    assert quote in mark.inner_text().replace("\n", " ")
    # A frame and the strong highlight say which passage was meant.
    expect(mark).to_have_class("fs-cited fs-current fs-current-end")
    assert mark.evaluate("m => getComputedStyle(m).borderTopStyle") == "solid"
    reader.shot("passage-after-citation-click")
    # The list after the paragraph names every record citing the passage; one click back.
    back = page.locator(f"li:has(a[href='#{anchor}']) a[href*='people/dmitry-peskov']").first
    back.click()
    expect(page.locator("h1.fs-title")).to_have_text("Dmitry Peskov")


# Each colour an element shows, composited over what lies under it (the page is white under all).
EFFECTIVE_COLOURS = r"""
el => {
  const rgba = s => {
    const p = s.match(/rgba?\(([^)]*)\)/)[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const chain = [];
  for (let e = el; e; e = e.parentElement) chain.push(rgba(getComputedStyle(e).backgroundColor));
  const background = chain.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  return {background, text: over(rgba(getComputedStyle(el).color), background)};
}
"""


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def split_passage(reader: Reader, path: str) -> str:
    """The id of the first passage that nesting splits into pieces, opened fresh at its anchor."""
    page = reader.open(path)
    anchor = str(page.locator("mark.fs-cited[data-continues]").first.get_attribute("data-continues"))
    page.goto("about:blank")  # so that the page loads at the anchor rather than jumping to it
    reader.open(f"{path}#{anchor}")
    return anchor


def highlight_strengths(page: Page, anchor: str) -> tuple[list[float], list[float], float]:
    """How far the target's pieces and the other highlights stand out from the page, and the target's text contrast."""
    body = page.locator(".md-content").evaluate(EFFECTIVE_COLOURS)["background"]
    pieces = page.locator(f"mark[id='{anchor}'], mark[data-continues='{anchor}']")
    target = [pieces.nth(i).evaluate(EFFECTIVE_COLOURS) for i in range(pieces.count())]
    # The others where they are not inside a passage: nested ones are drawn transparent on top.
    others = page.locator("mark.fs-cited:not(.fs-current):not(mark.fs-cited mark)")
    other = [others.nth(i).evaluate(EFFECTIVE_COLOURS)["background"] for i in range(others.count())]
    text = min(contrast(t["text"], t["background"]) for t in target)
    return [contrast(t["background"], body) for t in target], [contrast(o, body) for o in other], text


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_source_page_opened_at_a_split_passage_points_at_all_of_it(
    browser: Browser, site_url: str, scheme: str, width: int
) -> None:
    with reading(
        browser, site_url, viewport={"width": width, "height": 900 if width > 400 else 844}, color_scheme=scheme
    ) as r:
        anchor = split_passage(r, PAGE_TYPES["source"])
        page = r.page
        pieces = page.locator(f"mark[id='{anchor}'], mark[data-continues='{anchor}']")
        assert pieces.count() >= 2
        for i in range(pieces.count()):
            expect(pieces.nth(i)).to_have_class(re.compile(r"\bfs-current\b"))
        assert page.locator("mark.fs-current").count() == pieces.count()
        # One frame around the whole passage: rules above and below every piece, sides at its two ends.
        frame = pieces.evaluate_all(
            """ms => ms.map(m => { const s = getComputedStyle(m);
                 return [s.borderTopStyle, s.borderBottomStyle, s.borderLeftStyle, s.borderRightStyle,
                         parseFloat(s.borderTopWidth)]; })"""
        )
        assert all(f[0] == f[1] == "solid" and f[4] >= 2 for f in frame), frame
        assert frame[0][2] == "solid" and frame[-1][3] == "solid"
        assert all(f[2] == "none" for f in frame[1:]) and all(f[3] == "none" for f in frame[:-1])
        # The target stands out from the page far more than any other highlight, and its text reads at 4.5:1.
        target, others, text = highlight_strengths(page, anchor)
        assert others, "no other highlight to compare with"
        assert min(target) >= 1.5 and min(target) >= 1.4 * max(others), (target, max(others))
        assert text >= 4.5, text
        # The navigator says where the reader is, and covers neither the passage nor the page's width.
        ids = page.locator("mark.fs-cited[id]").evaluate_all("ms => ms.map(m => m.id)")
        nav = page.locator("nav.fs-passages")
        expect(nav.locator(".fs-passages-count")).to_have_text(f"Passage {ids.index(anchor) + 1} of {len(ids)} cited")
        expect(pieces.first).to_be_in_viewport()
        assert pieces.first.bounding_box()["y"] >= nav.bounding_box()["y"] + nav.bounding_box()["height"]  # type: ignore[index]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        r.shot(f"source-at-split-passage-{scheme}-{width}", full_page=False)
        violations = [
            f"{v['id']} ({v['impact']}) {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert violations == []


@pytest.mark.parametrize("width", [1280, 390])
def test_stepping_through_the_cited_passages_by_keyboard(browser: Browser, site_url: str, width: int) -> None:
    with reading(browser, site_url, viewport={"width": width, "height": 900 if width > 400 else 844}) as r:
        page = r.open(PAGE_TYPES["source"])
        ids = page.locator("mark.fs-cited[id]").evaluate_all("ms => ms.map(m => m.id)")
        nav = page.locator("nav.fs-passages")
        count = nav.locator(".fs-passages-count")
        # Unpointed, the page is as before, and the navigator offers the way in.
        expect(count).to_have_text(f"{len(ids)} cited passages")
        assert page.locator("mark.fs-current").count() == 0
        prev = nav.get_by_role("button", name="Previous cited passage")
        first = nav.get_by_role("button", name="First cited passage")
        expect(prev).to_have_attribute("aria-disabled", "true")
        # Reached from the heading above the article by Tab, as a keyboard user goes.
        page.locator("#article a.headerlink").focus()
        page.keyboard.press("Tab")
        expect(prev).to_be_focused()
        page.keyboard.press("Tab")
        expect(first).to_be_focused()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"#{ids[0]}$"))
        expect(count).to_have_text(f"Passage 1 of {len(ids)} cited")
        # The button keeps focus, so Enter steps on; the passage is announced with its words.
        nxt = nav.get_by_role("button", name="Next cited passage")
        expect(nxt).to_be_focused()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"#{ids[1]}$"))
        expect(count).to_have_text(f"Passage 2 of {len(ids)} cited")
        expect(nav.locator("[aria-live='polite']")).to_contain_text(f"Passage 2 of {len(ids)} cited: “")
        expect(page.locator(f"mark[id='{ids[1]}']")).to_have_class(re.compile(r"\bfs-current\b"))
        expect(page.locator(f"mark[id='{ids[0]}']")).not_to_have_class(re.compile(r"\bfs-current\b"))
        expect(page.locator(f"li.fs-current-item a[href='#{ids[1]}']")).to_have_count(1)
        mark = page.locator(f"mark[id='{ids[1]}']")
        expect(mark).to_be_in_viewport()
        # The sticky navigator stays in view and above the passage, not over it.
        expect(nav).to_be_in_viewport()
        assert mark.bounding_box()["y"] >= nav.bounding_box()["y"] + nav.bounding_box()["height"]  # type: ignore[index]
        page.keyboard.press("Shift+Tab")
        expect(prev).to_be_focused()
        page.keyboard.press("Space")
        expect(count).to_have_text(f"Passage 1 of {len(ids)} cited")
        # Each step is a place in the history: Back returns to the passage before.
        page.keyboard.press("Enter")  # on Previous, at the first passage: nothing happens
        expect(page).to_have_url(re.compile(f"#{ids[0]}$"))
        expect(prev).to_be_focused()
        page.go_back()
        expect(count).to_have_text(f"Passage 2 of {len(ids)} cited")
        page.go_back()
        expect(count).to_have_text(f"Passage 1 of {len(ids)} cited")
        # At the last passage, Next goes nowhere and says so.
        page.evaluate(f"location.hash = '{ids[-1]}'")
        expect(count).to_have_text(f"Passage {len(ids)} of {len(ids)} cited")
        expect(nxt).to_have_attribute("aria-disabled", "true")
        nxt.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"#{ids[-1]}$"))
        r.shot(f"source-stepped-to-last-{width}", full_page=False)


def test_preview_of_a_passage_and_of_a_record_on_hover(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["claim"])
    quote_link = page.locator(".md-content table a[href*='#q-']").first
    quote_link.hover()
    preview = page.locator("#fs-preview")
    expect(preview).to_be_visible()
    expect(preview.locator("mark.fs-preview-target")).to_contain_text("outrageous")
    reader.shot("preview-passage")
    page.mouse.move(0, 0)
    expect(preview).to_be_hidden()
    page.locator(".md-content table a[href*='people/dmitry-peskov']").first.hover()
    expect(preview).to_contain_text("Dmitry Peskov")
    expect(preview).to_contain_text("Spokesman of the Kremlin")


def test_preview_follows_keyboard_focus(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["claim"])
    page.locator(".md-content table a[href*='#q-']").first.focus()
    expect(page.locator("#fs-preview")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#fs-preview")).to_be_hidden()


def test_keyboard_reaches_the_content_first(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["claim"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"


def test_timeline_lists_dates_in_order_with_their_wording(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["timeline"])
    rows = page.locator(".md-content table tbody tr")
    cells = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    dated = [c.split(" ")[0] for c in cells if c[:1].isdigit()]
    assert dated == sorted(dated) and len(dated) >= 8
    assert any(
        c.startswith("2025-03 — “in March”") and "resolved against the publication date 2025-08-16" in c for c in cells
    )
    assert any(c.startswith("undated — “In July”") for c in cells)
    assert cells.index(next(c for c in cells if c.startswith("undated"))) > cells.index(
        next(c for c in cells if c[:1].isdigit())
    )


def test_differences_page_sets_the_figures_side_by_side(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["differences"])
    text = page.locator(".md-content").inner_text()
    for figure in ("tens of thousands", "nearly 19,500", "over 20,000", "thousands"):
        assert figure in text
    # On one scale: the larger figure's dot lies to the right of the smaller one's.
    dots = page.locator(".fs-dots .fs-dot")
    assert dots.count() == 2
    assert dots.nth(1).bounding_box()["x"] > dots.nth(0).bounding_box()["x"]  # type: ignore[index]
    # The rows' scale is the axis's: the tick for 20,000 stands under the dot for "over 20,000".
    over = page.locator(".fs-dots > li").filter(has_text="over 20,000").locator(".fs-dot").bounding_box()
    tick = page.locator(".fs-dot-axis span").filter(has_text=re.compile(r"^20,000$")).bounding_box()
    assert over is not None and tick is not None
    assert abs(over["x"] + over["width"] / 2 - (tick["x"] + tick["width"] / 2)) < 1.5
    # The newcomer's question, from the home page in two clicks.
    home = reader.open("")
    home.locator(".md-content a[href='differences/']").first.click()
    expect(page.locator("h1.fs-title")).to_have_text("Where the sources differ")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_differences_at_a_glance_and_side_by_side(browser: Browser, site_url: str, width: int, scheme: str) -> None:
    with reading(browser, site_url, viewport={"width": width, "height": 844}, color_scheme=scheme) as r:
        page = r.open(PAGE_TYPES["differences"])
        # The three differences a reader should see first are on the first screen.
        glance = page.locator(".fs-glance")
        expect(glance).to_be_in_viewport()
        text = glance.inner_text()
        for words in ("nearly 19,500", "over 20,000", "outrageous and unacceptable", "another city had just been hit"):
            assert words in text
        # The two accounts of who said "outrageous and unacceptable": side by side, or one above the other on a phone.
        cells = page.locator("#claim-warrant-outrageous-and-unacceptable tbody tr").first.locator("td")
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert first is not None and second is not None
        if width > 600:
            assert second["x"] > first["x"] + first["width"] - 1 and abs(second["y"] - first["y"]) < 2
        else:
            assert second["y"] >= first["y"] + first["height"] - 1
            label = cells.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
            assert label == '"The Independent"'
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        r.shot(f"differences-glance-{width}-{scheme}")
        page.locator("#figures-children-taken").screenshot(path=str(_artifact(f"differences-figures-{width}-{scheme}")))
        # Each whole quote is one tap from its highlighted passage.
        page.locator("#claim-another-city-was-just-hit a.fs-to-passage").first.click()
        expect(page.locator("mark.fs-cited:target")).to_be_in_viewport()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_leads_with_the_disagreements(browser: Browser, site_url: str, width: int) -> None:
    with reading(browser, site_url, viewport={"width": width, "height": 844}) as r:
        page = r.open("")
        cards = page.locator(".fs-card")
        assert cards.count() >= 3
        text = page.locator(".fs-cards").inner_text()
        for words in ("over 20,000", "Dmitry Peskov", "Russian officials", "says", "said"):
            assert words in text
        # The two versions of Trump's remark, with the words they do not share marked.
        assert page.locator(".fs-card mark.fs-diff").count() >= 4
        assert page.locator("table").first.is_visible()  # the counts stay
        r.shot(f"home-cards-{width}")
        page.locator(".fs-card h3 a").nth(1).click()
        expect(page.locator("section.fs-compare:target")).to_be_in_viewport()


def test_tag_filter_on_the_browse_page(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["browse"])
    rows = page.locator(".md-content table tbody tr")
    total = rows.count()
    page.locator(".fs-filter button[data-tag='claim']").click()
    visible = page.locator(".md-content table tbody tr:visible")
    assert 0 < visible.count() < total
    claims = visible.count()
    assert all(visible.nth(i).locator("td").nth(1).inner_text() == "Claim" for i in range(claims))
    page.locator(".fs-filter button[data-tag='disputed']").click()
    disputed = visible.count()
    assert 0 < disputed < claims
    assert all("disputed" in visible.nth(i).locator(".fs-tags").inner_text() for i in range(disputed))
    expect(page.locator(".fs-filter button[data-tag='claim']")).to_have_attribute("aria-pressed", "true")


def test_diagrams_link_to_records(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["relations"])
    nodes = page.locator("figure.fs-graph svg a")
    assert nodes.count() >= 40
    page.locator("figure.fs-graph svg a[href*='people/melania-trump']").click()
    expect(page.locator("h1.fs-title")).to_have_text("Melania Trump")
    assert page.locator("figure.fs-graph svg a").count() >= 3  # her own neighbourhood


def test_json_ld_and_downloads(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["claim"])
    data = json.loads(page.locator("head script[type='application/ld+json']").inner_text())
    assert data["@type"] == "Claim" and data["appearance"] and data["author"]
    home = reader.open("")
    for name in ("facts.json", "people.csv", "claims.csv"):
        href = home.locator(f".md-content a[href='{name}']").first.get_attribute("href")
        response = home.request.get(reader.base + str(href))
        assert response.ok, name
    assert home.request.get(reader.base + "people.csv").text().startswith("id,name,aliases")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_at_phone_width(browser: Browser, site_url: str, scheme: str) -> None:
    with reading(browser, site_url, viewport={"width": 390, "height": 844}, color_scheme=scheme) as r:
        for name, path in PAGE_TYPES.items():
            page = r.open(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{name} overflows: {width}px"
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            dark = scheme == "dark"
            assert (background != "rgb(255, 255, 255)") == dark, (name, background)
            r.shot(f"{name}-{scheme}-390")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(browser: Browser, site_url: str, scheme: str) -> None:
    r = Reader(browser, site_url, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    axe = Axe()
    found = []
    try:
        for name, path in PAGE_TYPES.items():
            page = r.open(path)
            results = axe.run(page)
            for v in results.response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in v["nodes"][:3]]
                    found.append(f"{name}: {v['id']} ({v['impact']}) {v['help']} {targets}")
            r.shot(f"{name}-{scheme}")
    finally:
        r.context.close()
    assert found == []
    assert r.foreign == []


# The records each list of a record page names, by section: the part before the first heading,
# then each h2's; quotes, the sources named after them and the diagram are not lists of records.
RECORD_LISTS_JS = """() => {
  const article = document.querySelector(".md-content article");
  const sections = {"": []};
  let heading = "";
  const container = (article.querySelector("h2") || article).parentElement;
  for (const el of container.children) {
    if (el.tagName === "H2") { heading = el.textContent.replace("¶", "").trim(); sections[heading] = []; continue; }
    if (el.matches("figure.fs-graph")) continue;
    for (const a of el.querySelectorAll("a[href]")) {
      const before = a.previousElementSibling;
      if (a.href.includes("#q-") || (before && before.tagName === "A" && before.href.includes("#q-"))) continue;
      const path = new URL(a.href).pathname;
      if (/^\\/(people|institutions|claims|numbers|sources)\\/[^/]+\\/$/.test(path) && path !== location.pathname)
        sections[heading].push(path);
    }
  }
  return sections;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_person_page_lists_each_record_once(browser: Browser, site_url: str, width: int, scheme: str) -> None:
    with reading(browser, site_url, viewport={"width": width, "height": 900}, color_scheme=scheme) as r:
        page = r.open("people/melania-trump/")
        sections = page.evaluate(RECORD_LISTS_JS)
        named_by = ("Relations", "What they said", "What is said about them", "Linked from")
        lists = {h: set(found) for h, found in sections.items() if h in named_by}
        named = [path for found in lists.values() for path in found]
        assert len(lists["What is said about them"]) >= 5
        assert sorted({p for p in named if named.count(p) > 1}) == []
        assert page.locator("h2", has_text="Linked from").count() == 0  # it repeated the claims about her
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        r.shot(f"person-lists-{width}-{scheme}")
        results = Axe().run(page)
        serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []


def test_diagram_labels_are_legible_at_phone_width(browser: Browser, site_url: str) -> None:
    with reading(browser, site_url, viewport={"width": 390, "height": 844}) as r:
        for path in ("people/vladimir-putin/", "claims/meeting-in-anchorage/", "relations/"):
            page = r.open(path)
            labels = page.evaluate(
                """() => [...document.querySelectorAll("figure.fs-graph svg text")].map(t => {
                  const svg = t.ownerSVGElement, box = t.getBBox();
                  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                  return {px: parseFloat(getComputedStyle(t).fontSize) * scale, right: box.x + box.width,
                          width: svg.viewBox.baseVal.width, lines: t.querySelectorAll("tspan").length,
                          title: t.parentElement.querySelector("title").textContent};
                })"""
            )
            assert labels, path
            # About 7 px when a 620-unit diagram shrank to the column; now at least 12 px.
            assert min(lab["px"] for lab in labels) >= 12, (path, min(lab["px"] for lab in labels))
            assert all(lab["right"] <= lab["width"] for lab in labels), path  # no label runs out of the diagram
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        # A long claim wraps onto two lines, and its node's title holds all of it.
        page = r.open("people/vladimir-putin/")
        labels = page.evaluate(
            """() => [...document.querySelectorAll("figure.fs-graph svg a")].map(a => [
                 a.querySelector("title").textContent, [...a.querySelectorAll("tspan")].map(t => t.textContent)])"""
        )
        title, lines = next((t, ls) for t, ls in labels if t.startswith("Claim: When Trump told Melania Trump"))
        assert len(lines) == 2 and title.endswith("another city had just been hit.")
        r.shot("diagram-labels-390")


@pytest.fixture(scope="module")
def excerpt_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture repository with its source marked excerpt-only and given an address."""
    repo = tmp_path_factory.mktemp("excerpt") / "mini"
    shutil.copytree(MINI, repo)
    record = repo / "facts/sources/mini-report.yaml"
    record.write_text(record.read_text() + "licence: excerpt-only\nurl: https://news.example/report\n")
    site = repo / "site"
    mkdocs_build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(site), strict=True))
    with serve(site) as url:
        yield url


def test_excerpt_only_source_in_the_browser(browser: Browser, excerpt_site: str) -> None:
    with reading(
        browser, excerpt_site, viewport={"width": 1280, "height": 900}
    ) as r:  # the publisher's link was shown, never requested
        page = r.open("sources/mini-report/")
        text = page.locator(".md-content").inner_text()
        assert "Excerpts only" in text
        assert "Photo: Alice Example met Bob Sample in Springfield" not in text  # never the whole text
        assert page.locator("mark.fs-cited").count() > 0
        publisher = page.locator("a.fs-external[href*='#:~:text=']").first
        assert publisher.get_attribute("href", timeout=5_000).startswith("https://news.example/report#:~:text=")
        r.shot("source-excerpt-only")
        # From a record, the citation reaches the excerpt and offers the publisher's passage too.
        page = r.open("people/bob-sample/")
        assert page.locator("#evidence + ul a.fs-external[href*='#:~:text=']").count() == 1
        page.locator("#evidence + ul a[href*='#q-']").first.click()
        target = page.locator("mark.fs-cited:target")
        expect(target).to_be_in_viewport()
        # The excerpts point as the whole article does: the passage marked, the navigator counting.
        expect(target).to_have_class(re.compile(r"\bfs-current\b"))
        expect(page.locator("nav.fs-passages .fs-passages-count")).to_have_text(
            re.compile(r"^Passage \d+ of \d+ cited$")
        )
        r.shot("source-excerpt-only-at-passage", full_page=False)


@pytest.fixture(scope="module")
def figures_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture repository with a second article's range, lower bound and upper bound for the one measure."""
    repo = mini_with_figures(tmp_path_factory.mktemp("figures") / "mini")
    site = repo / "site"
    mkdocs_build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(site), strict=True))
    with serve(site) as url:
        yield url


def _span(page: Page, label: str, mark: str) -> list[dict[str, float]]:
    """The boxes of one plot row's marks (the row whose figure is ``label``), left to right in the page."""
    row = page.locator(".fs-dots > li").filter(has=page.get_by_text(label, exact=True))
    boxes = [b for b in (row.locator(mark).nth(i).bounding_box() for i in range(row.locator(mark).count())) if b]
    return [dict(b) for b in boxes]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_ranges_and_bounds_on_the_measures_axis(browser: Browser, figures_site: str, width: int, scheme: str) -> None:
    with reading(browser, figures_site, viewport={"width": width, "height": 844}, color_scheme=scheme) as r:
        page = r.open("differences/")
        track = _span(page, "1", ".fs-dot-track")[0]
        start, end = track["x"], track["x"] + track["width"]
        one = _mid(_span(page, "1", ".fs-dot")[0])
        # The rows' scale is the axis's: the tick for 1 stands under the dot for 1, the last tick ends the track.
        ticks = page.locator(".fs-dot-axis span")
        tick = ticks.filter(has_text=re.compile(r"^1$")).bounding_box()
        last = ticks.last.bounding_box()
        assert tick is not None and last is not None
        assert abs(_mid(dict(tick)) - one) < 1.5 and abs(last["x"] + last["width"] - end) < 1.5
        # A range: its bar spans from one dot's centre to the other's, and its low end is where the value 1 is.
        low, high = (_mid(d) for d in _span(page, "between 1 and 3", ".fs-dot"))
        bar = _span(page, "between 1 and 3", ".fs-dot-bar")[0]
        assert abs(bar["x"] - low) < 1.5 and abs(bar["x"] + bar["width"] - high) < 1.5
        assert abs(low - one) < 1.5 and high > low + track["width"] / 3
        # A lower bound runs on from its dot to the scale's end; an upper bound back from its dot to 0.
        over = _span(page, "more than 2.5", ".fs-dot-bar")[0]
        assert abs(over["x"] - _mid(_span(page, "more than 2.5", ".fs-dot")[0])) < 1.5
        assert abs(over["x"] + over["width"] - end) < 1.5
        under = _span(page, "up to 4", ".fs-dot-bar")[0]
        assert abs(under["x"] - start) < 1.5
        assert abs(under["x"] + under["width"] - _mid(_span(page, "up to 4", ".fs-dot")[0])) < 1.5
        # "more than" leaves 2.5 out: a hollow dot, still to be seen against the page.
        hollow = page.locator(".fs-dot-open").evaluate("d => getComputedStyle(d).boxShadow")
        assert "inset" in hollow
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.locator("#figures-meeting-length").screenshot(path=str(_artifact(f"differences-ranges-{width}-{scheme}")))


def _mid(box: dict[str, float]) -> float:
    return box["x"] + box["width"] / 2


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def test_history_on_record_pages_and_the_corrections_page(reader: Reader) -> None:
    page = reader.open(PAGE_TYPES["person"])
    line = page.locator(".md-content p", has_text="Updated").inner_text()
    assert re.fullmatch(r"Updated \d{4}-\d{2}-\d{2} · all changes and corrections", line)
    page.locator(".md-content a[href$='corrections/']").click()
    expect(page.locator("h1.fs-title")).to_have_text("Changes and corrections")
    rows = page.locator(".md-content table tbody tr")
    assert rows.count() >= 1
    dates = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    assert dates == sorted(dates, reverse=True)
    assert page.locator(".md-content table a[href*='people/dmitry-peskov']").count() >= 1


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    base = tmp_path_factory.mktemp("hostile")
    repo = make_hostile_repo(base)
    site = base / "site"
    mkdocs_build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(site), strict=True))
    with serve(site) as url:
        yield url, site


# Clicks on http(s) links are recorded and not followed, so that every link of a page is
# clicked without leaving it; any other scheme (javascript:, data:) is left to run as it would.
RECORD_CLICKS = """
window.__followed = [];
document.addEventListener("click", (e) => {
  const a = e.target.closest && e.target.closest("a");
  const raw = a && (a.getAttribute("href") || a.getAttribute("xlink:href"));
  if (!raw) return;
  const url = new URL(raw, location.href);
  if (url.protocol === "http:" || url.protocol === "https:") {
    e.preventDefault();
    window.__followed.push(url.href);
  }
}, true);
"""


def test_hostile_pages_are_inert_in_the_browser(browser: Browser, hostile_site: tuple[str, Path]) -> None:
    """Every page of a fact base written to attack its site: every link hovered and clicked.

    No dialog may open and nothing may be requested from another host; a link
    leads to a page of the site or, marked as such, to a publisher's page.
    """
    base, site = hostile_site
    r = Reader(browser, base, viewport={"width": 1280, "height": 900})
    r.context.add_init_script(RECORD_CLICKS)
    dialogs: list[str] = []
    r.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    urls = sorted(p.relative_to(site).parent.as_posix() + "/" for p in site.rglob("index.html") if p.parent != site)
    pages = {base + u for u in ["", *urls]}
    followed: list[str] = []
    clicks = 0
    try:
        for url in ["", *urls]:
            page = r.open(url)
            links = page.locator(".md-content a[href]")
            for i in range(links.count()):
                link = links.nth(i)
                if link.is_visible():
                    link.hover(force=True, timeout=2_000)  # the pointer, wherever a diagram's edge lies over it
                for event in ("mouseover", "focus", "click"):  # and the events themselves, for handlers on the link
                    link.dispatch_event(event)
                clicks += 1
            page.wait_for_timeout(50)
            followed += page.evaluate("window.__followed")
    finally:
        r.context.close()
    assert clicks > 200
    assert dialogs == []
    assert r.foreign == []
    inside = [u for u in followed if u.startswith(base)]
    outside = [u for u in followed if not u.startswith(base)]
    # Inside: a page of the site (or a download), at most with an anchor.
    assert all(u.split("#")[0] in pages or (site / u[len(base) :].split("#")[0]).is_file() for u in inside)
    # Outside: only the publishers' addresses that the records give.
    assert outside and all(u.startswith("https://news.example/") for u in outside), outside


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture repository whose article's headline, date and address the editor gave, the text not showing them."""
    repo = tmp_path_factory.mktemp("editor") / "mini"
    shutil.copytree(MINI, repo)
    record = repo / "facts/sources/mini-report.yaml"
    where = "the Daily Planet's page, seen 2025-08-19"
    record.write_text(
        record.read_text()
        + f'title:\n  text: Alice and Bob meet in Springfield\n  from_editor: "{where}"\n'
        + f"published:\n  date: '2025-08-18'\n  from_editor: \"{where}\"\n"
        + "url: https://www.example.org/news/2025/08/18/alice-and-bob-meet-in-springfield-for-nearly-two-hours\n"
    )
    site = repo / "site"
    mkdocs_build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(site), strict=True))
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_editors_values_are_marked_legibly_beside_them(
    browser: Browser, editor_site: str, width: int, scheme: str
) -> None:
    with reading(browser, editor_site, viewport={"width": width, "height": 844}, color_scheme=scheme) as r:
        page = r.open("sources/mini-report/")
        marks = page.locator(".md-content table .fs-from-editor")
        expect(marks).to_have_text(
            [
                "from the editor: the Daily Planet's page, seen 2025-08-19",
                "from the editor: the Daily Planet's page, seen 2025-08-19",
                "from the editor",
            ]
        )
        # Under its value, and on a phone too without scrolling the table sideways: a long
        # address once widened its column until the marks ran off the screen.
        for i in range(3):
            box = marks.nth(i).bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        violations = [
            f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert violations == []
        r.shot(f"source-from-editor-{scheme}-{width}", full_page=False)
        # The timeline holds the article, its date marked as the editor's.
        page = r.open("timeline/")
        row = page.locator("tr").filter(has=page.locator('time[datetime="2025-08-18"]'))
        expect(row.locator(".fs-from-editor")).to_have_text("from the editor: the Daily Planet's page, seen 2025-08-19")
