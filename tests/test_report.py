"""Scraped text is untrusted: whatever a page says, the brief's HTML pieces never make it active."""
from __future__ import annotations

import re

from prep import Settings
from prep.render import report
from prep.shape.event import read_event

HOSTILE = """<html><body><div class="grid">
<div class="card"><h3>Eve <script>alert(1)</script>Hacker</h3><p class="role">CEO at <img src=x onerror=alert(2)>Evil Corp</p>
 <a href="javascript:alert(3)">site</a><a href="https://github.com/eve">gh</a></div>
<div class="card"><h3>Mallory Jones</h3><p class="role">CTO at "Quotes" &lt;b&gt;Inc&lt;/b&gt;</p>
 <a href="file:///etc/passwd" rel="me">site</a></div>
<div class="card"><h3>Trent Smith</h3><p class="role">Engineer at Good Co</p></div>
</div></body></html>"""


def test_hostile_page_is_inert_in_the_people_table(tmp_path):
    source = tmp_path / "hostile.html"
    source.write_text(HOSTILE, encoding="utf-8")
    event = read_event(str(source), settings=Settings(cache_path=tmp_path / "c.sqlite", progress=False))
    assert len(event.people) == 3
    html = report.everyone_table(event.people) + report.schedule_table(event.sessions)
    tags = re.findall(r"<[^>]+>", html)
    assert not [t for t in tags if re.search(r"alert|onerror|javascript:|file:", t)]
    assert "<img" not in html and "<b>" not in html
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert len(scripts) == 2 and "<" not in scripts[0]  # inert JSON rows (no way to close the element) + the pager
    assert "alert" not in scripts[1]


def test_safe_url_only_allows_web_and_mail():
    assert report.safe_url("https://a.example/") == "https://a.example/"
    assert report.safe_url("mailto:a@b.example") == "mailto:a@b.example"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/relative"):
        assert report.safe_url(bad) == ""
    assert report.link("javascript:alert(1)", "<x>") == "&lt;x&gt;"


def test_unresearched_companies_show_once_in_a_list_and_unknown_industries_are_named_as_the_cause():
    from prep import schema
    from prep.render.companies import companies_section
    from prep.render.report import outside_list

    companies = schema.conform([
        {"company_id": "a", "name": "Acme", "normalized_name": "acme", "website": "https://acme.example/",
         "description": "Acme makes anvils.", "industry": None},
        {"company_id": "b", "name": "Zed", "normalized_name": "zed", "error": "no website found"},
        {"company_id": "c", "name": "Qux", "normalized_name": "qux", "error": "no website found"},
        {"company_id": "d", "name": "Vex", "normalized_name": "vex", "website": "https://vex.example/",
         "error": "https://vex.example/: timed out"}], "companies")
    people = schema.conform([{"name": "Ann Lee", "company": "Zed"}, {"name": "Bob Ray", "company": "Acme"}], "people")
    html = companies_section(companies, schema.empty("company_news"), people)
    assert html.count('<article class="company">') == 1 and "Not researched (3)" in html
    assert "<strong>Zed</strong>: Ann Lee" in html and "--domains" in html
    assert '<strong>Vex</strong> · <a href="https://vex.example/"' in html  # a site found but not read: listed too
    assert "no website was found for 2" in html and "1 site could not be read (https://vex.example/: timed out)" in html
    assert "industry is known yet" in outside_list(schema.empty("priorities"), companies)
    assert "industry is known yet" not in outside_list(schema.empty("priorities"),
                                                       companies.assign(industry=["Manufacturing", None, None, None]))
