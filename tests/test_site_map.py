"""Reading a site, not a page: the links a visitor would click, and the pages they add to the event."""
from __future__ import annotations

import pytest

from prep.errors import NoPeopleFound
from prep.fetch.localweb import Reply
from prep.read.site_map import site_pages
from prep.shape.event import read_event

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


def test_the_team_page_gives_organisers_and_its_section_headings_are_no_ones_company(settings, web):
    team = ("<html><body><h1>Equipo</h1><h2 class='team-title'>Organizadores</h2><div class='row'>"
            + "".join(f"<div class='col'><div class='team'><img alt='{n}' src='/e/{i}.jpg'><div class='name'>{n}</div>"
                      f"<div class='job'>{j}</div></div></div>" for i, (n, j) in enumerate(
                          (("Jhon Roa", "Organizador"), ("Milton Lenis", "Co-Organizador (Speakers)"))))
            + "</div><h2 class='team-title'>Voluntarios</h2><div class='row'>"
            + "".join(f"<div class='col'><div class='team'><img alt='{n}' src='/v/{i}.jpg'><div class='name'>{n}</div>"
                      f"<div class='job'></div></div></div>" for i, n in enumerate(("Andrea Higuera", "Ana Ruiz", "Luis Pardo")))
            + "</div></body></html>")
    web.route("http://pycon.example/equipo/", Reply(200, team))
    event = read_event("http://pycon.example/equipo/", settings=settings, max_site_pages=0)
    people = event.people.set_index("name")
    assert set(people["role"]) == {"organizer"}
    assert people["company"].isna().all()  # "Voluntarios" heads a section: it is nobody's employer
