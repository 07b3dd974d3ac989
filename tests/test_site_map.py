"""Reading a site, not a page: the links a visitor would click, and the pages they add to the event."""
from __future__ import annotations

import pytest

from prep.errors import NoPeopleFound
from prep.event import read_event
from prep.localweb import Reply
from prep.readers.site_map import site_pages

HOME = """<html><head><title>Data Days 2029</title></head><body>
<nav><a href="#" data-toggle="dropdown">Schedule</a><a href="/2029/">Home</a>
<a href="/2029/speakers/">Speakers</a><a href="/2029/programme.html">Programme</a>
<a href="/2028/speakers/">Speakers 2028</a><a href="/2029/sponsors/">Our sponsors</a>
<a href="https://tickets.example/buy">Tickets</a><a href="/2029/team/">Team</a></nav>
<h1>Data Days 2029</h1><p>November 10 - 11, 2029 in Toronto</p></body></html>"""

SPEAKERS = "".join(f"<div class='speaker'><h3>{n}</h3><p>{t} at {c}</p></div>" for n, t, c in [
    ("Ada Lovelace", "Analyst", "Engines"), ("Grace Hopper", "Admiral", "Navy"), ("Alan Turing", "Fellow", "Bletchley")])


def test_one_link_per_role_of_this_edition_and_never_a_menu_toggle():
    pages = site_pages(HOME, "http://datadays.example/2029/")
    assert pages == {"speakers": "http://datadays.example/2029/speakers/",
                     "schedule": "http://datadays.example/2029/programme.html",
                     "sponsors": "http://datadays.example/2029/sponsors/", "team": "http://datadays.example/2029/team/"}


def test_the_home_page_alone_finds_the_speakers(settings, web):
    web.route("http://datadays.example/2029/", Reply(200, HOME))
    web.route("http://datadays.example/2029/speakers/", Reply(200, f"<html><body>{SPEAKERS}</body></html>"))
    event = read_event("http://datadays.example/2029/", settings=settings)
    assert set(event.people["name"]) == {"Ada Lovelace", "Grace Hopper", "Alan Turing"}
    assert event.info["name"] == "Data Days 2029" and "http://datadays.example/2029/speakers/" in event.sources
    assert ("datadays.example", "/2028/speakers/") not in web.log  # last year's page is never asked for


def test_max_pages_zero_reads_only_the_pages_given(settings, web):
    web.route("http://datadays.example/2029/", Reply(200, HOME))
    with pytest.raises(NoPeopleFound):
        read_event("http://datadays.example/2029/", settings=settings, max_site_pages=0)
