"""Serving while editing: a broken file shows in the browser, located, and the page recovers by itself."""

from __future__ import annotations

import time
from pathlib import Path

from .serving import serving

BROKEN = "facts/people/bob-sample.yaml:7:12: error: [citations[0].quote] quote not found verbatim"
ON_THE_PAGE = "<code>facts/people/bob-sample.yaml:7:12</code>: [citations[0].quote] quote not found verbatim"


def test_a_broken_file_answers_every_page_with_its_located_error(mini: Path) -> None:
    record = mini / "facts/people/bob-sample.yaml"
    good = record.read_text(encoding="utf-8")
    with serving(mini) as served:
        served.wait("/people/bob-sample/", lambda code, text: code == 200 and "Bob Sample" in text)
        record.write_text(good.replace("lasted one hour.", "lasted one hours."), encoding="utf-8")
        # Any page, at once, rather than a load that hangs until the file is fixed.
        code, text = served.wait("/people/alice-example/", lambda code, text: code == 500)
        started = time.monotonic()
        code, text = served.get("/numbers/", timeout=2)
        assert code == 500 and time.monotonic() - started < 2
        assert ON_THE_PAGE in text.replace("&#x27;", "'")
        assert "<mark>   7 |     quote: Bob said it lasted one hours.</mark>" in text  # the line itself, marked
        assert served.get("/.factsheet/problems") == (200, "broken")
        # The same broken text saved again: the terminal shows the located error again.
        time.sleep(1)
        record.write_text(good.replace("lasted one hour.", "lasted one hours."), encoding="utf-8")
        time.sleep(3)
        # Fixed: the page the editor has open finds out, and shows the record again.
        record.write_text(good, encoding="utf-8")
        served.wait("/.factsheet/problems", lambda code, text: text == "ok")
        served.wait("/people/bob-sample/", lambda code, text: code == 200 and "Bob Sample" in text)
    assert served.output.count(BROKEN) >= 2, served.output[-3000:]
    assert "Traceback" not in served.output
    assert "A 'dirty' build is being performed" not in served.output  # safe here, and README says why
