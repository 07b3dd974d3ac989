"""The exported brief in a real browser: headless Chromium renders every section, draws every table, logs no errors."""
from __future__ import annotations

import os
import re

import pytest
from browser import chromium, render_dom

from prep.demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES
from prep.render.brief import build_brief

# CI sets PREP_REQUIRE_BROWSER (it installs Chromium first): there a missing browser fails instead of skipping.
pytestmark = [pytest.mark.browser, pytest.mark.skipif(chromium() is None and not os.environ.get("PREP_REQUIRE_BROWSER"),
                                                      reason="chromium is not installed")]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    brief = build_brief(DEMO_SOURCES, out_dir=out, profile=str(DEMO_PROFILE), contacts=str(DEMO_CONTACTS),
                        cache_dir=str(out / "cache"), demo=True, progress=False)
    return brief.html


@pytest.fixture(scope="module")
def dom(page):
    return render_dom(page)


def test_brief_renders_its_sections_without_console_errors(dom):
    html, errors = dom
    assert errors == []
    for heading in ("The event at a glance", "Your plan", "Outside your industry", "Everyone", "Companies",
                    "Schedule", "After the event", "Sources"):
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}", html), heading


def test_every_table_is_interactive_and_the_everyone_table_filters(page, dom, tmp_path):
    html, _ = dom
    # the six frames of the notebook's steps and the everyone table, each drawn by DataTables (offline bundle)
    assert html.count('class="dt-container') == 7
    people = html[html.index('class="people"'):]
    assert re.search(r"Showing 1 to 25 of 51 entries", people)
    # a reader types a company into the everyone table's search box
    typing = tmp_path / "typed.html"
    typing.write_text(page.read_text(encoding="utf-8").replace("</body>", TYPE_SCRIPT + "</body>"), encoding="utf-8")
    typed, errors = render_dom(typing)
    assert not errors
    people = typed[typed.index('class="people"'):]
    assert re.search(r"Showing 1 to 3 of 3 entries \(filtered from 51 total entries\)", people)


TYPE_SCRIPT = """<script>setTimeout(function () {
  var box = document.querySelector(".people input[type=search]");
  box.value = "Tidewater"; box.dispatchEvent(new Event("input", {bubbles: true}));
}, 500);</script>"""


def test_batch_index_sorts_by_a_clicked_column(tmp_path):
    from prep.render.batch import Result, write_index

    results = [Result("Small Meetup", "built", "small", "small/brief.html", people=9, planned=3, companies=2),
               Result("Big Summit", "built", "big", "big/brief.html", people=120, planned=20, companies=40),
               Result("Broken", "failed", error="missing.csv: no such file"),
               Result("Mid Forum", "built", "mid", "mid/brief.html", people=45, planned=10, companies=12)]
    index = write_index(results, tmp_path)
    # a click on "People" (ascending), then again (descending), as a reader would
    html = index.read_text(encoding="utf-8").replace(
        "</body>", "<script>var th = document.querySelectorAll('th')[2]; th.click(); th.click();</script></body>")
    index.write_text(html, encoding="utf-8")
    dom, errors = render_dom(index)
    assert not errors
    order = re.findall(r'<td data-sort="([^"]+)"><a href=|<td data-sort="(Broken)">', dom)
    assert [a or b for a, b in order] == ["Big Summit", "Mid Forum", "Small Meetup", "Broken"]
