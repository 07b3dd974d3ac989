"""The exported brief in a real browser: headless Chromium renders every section, runs the table script, logs no errors."""
from __future__ import annotations

import os
import re

import pytest

from browser import chromium, render_dom
from prep.brief import build_brief
from prep.demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES

# CI sets PREP_REQUIRE_BROWSER (it installs Chromium first): there a missing browser fails instead of skipping.
pytestmark = [pytest.mark.browser, pytest.mark.skipif(chromium() is None and not os.environ.get("PREP_REQUIRE_BROWSER"),
                                                      reason="chromium is not installed")]


@pytest.fixture(scope="module")
def dom(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    brief = build_brief(DEMO_SOURCES, out_dir=out, profile=str(DEMO_PROFILE), contacts=str(DEMO_CONTACTS),
                        cache_dir=str(out / "cache"), demo=True, progress=False)
    return render_dom(brief.html)


def test_brief_renders_its_sections_without_console_errors(dom):
    html, errors = dom
    assert errors == []
    for heading in ("The event at a glance", "Your plan", "Outside your industry", "Everyone", "Companies",
                    "Schedule", "After the event", "Sources"):
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}", html), heading


def test_everyone_table_script_ran(dom):
    html, _ = dom
    assert 'id="everyone" data-ready="true"' in html
    assert re.search(r"Showing 1–50 of 51", html)
    table = html[html.index('id="everyone"'):]
    assert table.count("<tr>") >= 51  # header + one page of 50 rows, drawn by the script
