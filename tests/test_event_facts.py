"""The event itself from ordinary pages: name, dates and city as a visitor reads them."""
from __future__ import annotations

import json

import pytest

from prep.cli import main
from prep.fetch.localweb import Reply
from prep.read.event_facts import event_facts

PAGES = [
    ("<title>Speakers | Nordic Data Days</title><h1>Nordic Data Days</h1><p>Join us September 12 - 14, 2027 "
     "at the Clarion Hotel – Oslo, Norway.</p><p>Workshops September 10 - 12, 2027</p>",
     {"name": "Nordic Data Days 2027", "start": "2027-09-10", "end": "2027-09-14", "city": "Oslo", "country": "Norway"}),
    ('<meta property="og:site_name" content="PyDay Sur"><title>Inicio | PyDay Sur</title>'
     "<p>Nos vemos el 8, 9 y 10 de febrero de 2028 en Medellín.</p>",
     {"name": "PyDay Sur 2028", "start": "2028-02-08", "end": "2028-02-10", "city": "Medellín"}),
    ('<meta name="description" content="Rust Lagune 26 - 16 novembre - Venezia"><title>Rust Lagune 26</title>'
     "<h1>Rust Lagune 2026</h1><p>Sabato 16 novembre 2026, dalle 9:30</p><p>© 2026 the team</p>",
     {"name": "Rust Lagune 2026", "start": "2026-11-16", "city": "Venezia", "country": "Italy"}),
    ("<title>Fachtag Daten - building better pipelines</title><p>20.–21. Juni 2029 in München</p>",
     {"name": "Fachtag Daten 2029", "start": "2029-06-20", "end": "2029-06-21", "city": "München"}),
]


@pytest.mark.parametrize("html, expected", PAGES)
def test_name_dates_and_city_from_an_ordinary_page(html, expected):
    facts = event_facts(f"<html><body>{html}</body></html>", "http://event.example/")
    assert {k: facts[k] for k in expected} == expected


def test_a_page_without_a_date_or_place_says_nothing_rather_than_guess():
    facts = event_facts("<html><title>Welcome</title><body><h1>Home</h1><p>Lewis Carroll wrote here.</p></body></html>")
    assert facts == {"name": "", "start": "", "end": "", "city": "", "country": ""}


def test_prep_event_prints_the_event_and_the_slug_follows_its_name(web, tmp_path, capsys):
    web.route("http://conf.example/", Reply(200, PAGES[0][0]))
    web.route("http://conf.example/speakers", Reply(200, "<h3>Ann Lee</h3><p>CTO, Acme</p><h3>Bob Ray</h3><p>CEO, Zed</p>"))
    code = main(["event", "http://conf.example/", "http://conf.example/speakers", "--proxy", web.proxy,
                 "--cache", str(tmp_path / "c.sqlite"), "--delay", "0"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["name"] == "Nordic Data Days 2027" and out["city"] == "Oslo"
    assert out["slug"] == "nordic-data-days-2027" and out["people"] == 2


def test_a_city_written_in_capitals_in_a_banner_is_the_city():
    facts = event_facts("<html><body><h1>PyCon Andes</h1><p>BOGOTÁ - COLOMBIA Febrero 8 - 10, 2031 Pontificia "
                        "Universidad Javeriana</p></body></html>")
    assert (facts["city"], facts["country"], facts["start"]) == ("Bogotá", "Colombia", "2031-02-08")
