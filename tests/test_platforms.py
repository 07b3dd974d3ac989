"""Paste the link you have: event platforms read through their public data, served under their real host
names by the local web (https addresses through PREP_LOCAL_WEB), and read by the real CLI.

Fixture shapes follow the platforms' public documentation: Sessionize's API "All" view (speakers with
fullName, tagLine, links; sessions with startsAt, roomId; rooms), pretalx's REST API
(docs.pretalx.org/api: paginated speakers and talks with slot and room), Indico's HTTP export API
(``export/event/<id>.json?detail=contributions``: contributions with speakers as "Last, First" plus
first_name/last_name and affiliation). The people in them are invented.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import platform_pages
import pytest
from conftest import with_settings

from prep.errors import PrepError
from prep.fetch.localweb import Reply
from prep.shape.event import read_event

JSON = {"Content-Type": "application/json"}
SESSIONIZE_ALL = {
    "sessions": [{"id": "101", "title": "Streams at scale", "startsAt": "2027-05-04T10:00:00", "endsAt": "2027-05-04T10:45:00",
                  "roomId": 7, "speakers": ["s1"]},
                 {"id": "102", "title": "Kind code reviews", "startsAt": "2027-05-04T11:00:00", "roomId": 8,
                  "speakers": ["s2"]}],
    "speakers": [{"id": "s1", "firstName": "Amara", "lastName": "Okafor", "fullName": "Amara Okafor",
                  "tagLine": "Head of Data at Lumen Analytics", "bio": "Builds streaming systems.",
                  "links": [{"title": "LinkedIn", "url": "https://www.linkedin.com/in/amara", "linkType": "LinkedIn"}],
                  "sessions": [101]},
                 {"id": "s2", "firstName": "Ben", "lastName": "Strauss", "fullName": "Ben Strauss",
                  "tagLine": "Staff Engineer @ Kettle Labs", "bio": "", "links": [], "sessions": [102]}],
    "rooms": [{"id": 7, "name": "Hall A"}, {"id": 8, "name": "Hall B"}], "questions": [], "categories": [],
}


@pytest.fixture
def platform_settings(settings):
    return with_settings(settings, local_web=True)


def test_a_page_embedding_a_sessionize_wall_is_read_through_its_api(web, platform_settings):
    web.route("http://conf.example/speakers", Reply(200, '<html><body><h1>Speakers</h1><div id="sw"></div>'
                                                        '<script type="text/javascript" src="https://sessionize.com/api/v2/ab12cd/view/SpeakerWall">'
                                                        "</script></body></html>"))
    web.route("https://sessionize.com/api/v2/ab12cd/view/All", Reply(200, json.dumps(SESSIONIZE_ALL), JSON))
    event = read_event("http://conf.example/speakers", settings=platform_settings)
    people = event.people.set_index("name")
    assert people.loc["Amara Okafor", "title"] == "Head of Data" and people.loc["Ben Strauss", "company"] == "Kettle Labs"
    assert dict(zip(event.sessions["title"], event.sessions["room"])) == {"Streams at scale": "Hall A",
                                                                          "Kind code reviews": "Hall B"}


def test_a_pasted_sessionize_view_link_reads_all_of_the_event(web, tmp_path):
    web.route("https://sessionize.com/api/v2/ab12cd/view/All", Reply(200, json.dumps(SESSIONIZE_ALL), JSON))
    link = "https://sessionize.com/api/v2/ab12cd/view/GridSmart"
    people = json.loads(_cli(web, tmp_path, "people", link, "--format", "json").stdout)
    sessions = json.loads(_cli(web, tmp_path, "sessions", link, "--format", "json").stdout)
    assert {p["name"] for p in people} == {"Amara Okafor", "Ben Strauss"} and len(sessions) == 2


def test_a_pretalx_event_link_reads_its_paginated_api(web, platform_settings):
    page1 = {"count": 3, "next": "https://pretalx.com/api/events/democon/speakers/?page=2", "previous": None,
             "results": [{"code": "A1", "name": "Chiara Romano", "biography": "Product at Orbital Foods."},
                         {"code": "B2", "name": "Dev Patel", "biography": None}]}
    page2 = {"count": 3, "next": None, "previous": None, "results": [{"code": "C3", "name": "Eva Lind", "biography": ""}]}
    talks = {"count": 1, "next": None, "previous": None, "results": [
        {"code": "T1", "title": {"en": "Supply chains that listen"}, "speakers": [{"code": "A1", "name": "Chiara Romano"}],
         "slot": {"start": "2027-06-01T09:30:00+02:00", "end": "2027-06-01T10:00:00+02:00", "room": {"en": "Main"}}}]}
    web.route("https://pretalx.com/api/events/democon/speakers/", Reply(200, json.dumps(page1), JSON))
    web.route("https://pretalx.com/api/events/democon/speakers/?page=2", Reply(200, json.dumps(page2), JSON))
    web.route("https://pretalx.com/api/events/democon/talks/", Reply(200, json.dumps(talks), JSON))
    event = read_event("https://pretalx.com/democon/", settings=platform_settings)
    assert set(event.people["name"]) == {"Chiara Romano", "Dev Patel", "Eva Lind"}
    assert event.sessions.iloc[0]["room"] == "Main" and event.sessions.iloc[0]["speakers"] == "Chiara Romano"


def test_a_private_pretalx_event_is_one_clear_failure(web, platform_settings):
    web.route("https://pretalx.com/api/events/secret/speakers/", Reply(404, '{"detail": "Not found."}', JSON))
    web.route("https://pretalx.com/api/events/secret/talks/", Reply(404, '{"detail": "Not found."}', JSON))
    with pytest.raises(PrepError, match=r"secret/speakers/: HTTP 404"):
        read_event("https://pretalx.com/secret/", settings=platform_settings)


def test_an_indico_event_link_reads_its_export_with_last_first_names(web, tmp_path):
    export = {"count": 1, "results": [{"title": "Workshop on Detectors", "chairs": [
        {"fullName": "Moreau, Claire", "first_name": "Claire", "last_name": "Moreau", "affiliation": "CERN"}],
        "contributions": [{"title": "Pixel timing", "startDate": {"date": "2027-03-02", "time": "09:00:00"},
                           "room": "Auditorium", "speakers": [
                               {"fullName": "Nakamura, Kenji", "first_name": "Kenji", "last_name": "Nakamura",
                                "affiliation": "KEK"}]},
                          {"title": "Cooling loops", "speakers": [
                              {"fullName": "Silva, Ana", "first_name": "Ana", "last_name": "Silva", "affiliation": "LIP"}]}]}]}
    web.route("https://indico.physics.example/export/event/4242.json?detail=contributions&pretty=no",
              Reply(200, json.dumps(export), JSON))
    done = _cli(web, tmp_path, "people", "https://indico.physics.example/event/4242/timetable/", "--format", "json")
    people = {p["name"]: p["company"] for p in json.loads(done.stdout)}
    assert people == {"Claire Moreau": "CERN", "Kenji Nakamura": "KEK", "Ana Silva": "LIP"}


def test_login_only_platforms_and_attendee_lists_say_what_to_export(web, settings, tmp_path):
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "prep.cli", *args, "--proxy", web.proxy, "--cache",
                               str(tmp_path / "c.sqlite"), "--delay", "0"], capture_output=True, text=True, timeout=60)

    done = cli("people", "https://app.swapcard.com/event/bigconf/people")
    assert done.returncode == 1 and "Swapcard" in done.stderr and "login" in done.stderr and "Traceback" not in done.stderr
    assert not web.log  # nothing was asked of the platform
    event_page = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Event", '
                  '"name": "Data Night", "startDate": "2027-02-01T18:00"}</script></head><body><h1>Data Night</h1></body></html>')
    web.route("http://www.eventbrite.com/e/data-night-123", Reply(200, event_page))
    done = cli("people", "http://www.eventbrite.com/e/data-night-123")
    assert done.returncode == 1 and "organiser's export" in done.stderr


def _cli(web, tmp_path, *args):
    env = {**os.environ, "PREP_LOCAL_WEB": "1"}
    return subprocess.run([sys.executable, "-m", "prep.cli", *args, "--proxy", web.proxy, "--cache",
                           str(tmp_path / "c.sqlite"), "--delay", "0"], capture_output=True, text=True, timeout=60, env=env)


def test_a_pasted_luma_link_gives_the_event_and_its_hosts_and_says_where_the_guests_are(web, tmp_path):
    web.route(platform_pages.LUMA_URL, Reply(200, platform_pages.luma_page()))
    done = _cli(web, tmp_path, "people", platform_pages.LUMA_URL, "--format", "json")
    assert done.returncode == 0, done.stderr
    hosts = {p["name"]: p for p in json.loads(done.stdout)}
    assert set(hosts) == {"Priya Raman", "Tomás Eriksen"}
    priya = hosts["Priya Raman"]
    assert priya["role"] == "organizer" and priya["bio"].startswith("Staff ML engineer")
    assert priya["linkedin"] == "https://www.linkedin.com/in/priyaraman" and priya["x"] == "https://x.com/priyar"
    assert "Luma (Guests > Download as CSV)" in done.stderr  # the guest list: the organiser's export
    done = _cli(web, tmp_path, "event", platform_pages.LUMA_URL, "--format", "json")
    event = json.loads(done.stdout)
    assert event["name"] == "Applied AI Builders Night" and event["city"] == "San Francisco"
    assert event["start"].startswith("2027-03-10T17:00")


def test_a_pasted_meetup_link_follows_the_app_cache_from_hosts_to_their_member_records(web, tmp_path):
    web.route(platform_pages.MEETUP_URL, Reply(200, platform_pages.meetup_page()))
    done = _cli(web, tmp_path, "people", platform_pages.MEETUP_URL, "--format", "json")
    assert done.returncode == 0, done.stderr
    hosts = {p["name"]: p for p in json.loads(done.stdout)}
    assert set(hosts) == {"Megan Ortiz", "Lars Nygaard"}  # not the group, the venue or the event
    assert hosts["Megan Ortiz"]["bio"] == "Organiser since 2019; data engineer."  # from Member:2140871
    assert {p["role"] for p in hosts.values()} == {"organizer"}
    assert "Meetup (the attendee list's Download)" in done.stderr
    event = json.loads(_cli(web, tmp_path, "event", platform_pages.MEETUP_URL, "--format", "json").stdout)
    assert event["organizer"] == "Boston Python Users" and event["city"] == "Boston"


def test_a_sessionize_event_page_is_its_call_for_speakers_and_says_which_link_to_paste(web, tmp_path):
    web.route("https://sessionize.com/devconf-2027/", Reply(200, (
        "<html><head><title>DevConf 2027: Call for Speakers @ Sessionize.com</title></head><body>"
        "<h4>DevConf 2027</h4><p>Event starts 4 May 2027, Lisbon, Portugal</p>"
        "<h2>Call for Speakers</h2><p>Call opens at 1 Jan 2027, closes 1 Mar 2027</p></body></html>")))
    done = _cli(web, tmp_path, "people", "https://sessionize.com/devconf-2027/")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "call for speakers" in done.stderr and "/view/All" in done.stderr


def test_a_page_behind_a_login_is_one_line_naming_the_export_to_use(web, tmp_path):
    web.route("http://members.conf.example/attendees", Reply(401, "<html><body>Please sign in</body></html>"))
    web.route("http://app.conf.example/people", Reply(302, "", {"Location": "http://app.conf.example/login?next=/people"}))
    web.route("http://app.conf.example/login?next=/people", Reply(200, (
        '<html><body><h1>Welcome back</h1><form method="post"><input name="email" type="email">'
        '<input name="password" type="password"><button>Sign in</button></form></body></html>')))
    for url, said in (("http://members.conf.example/attendees", "HTTP 401"), ("http://app.conf.example/people", "sign-in page")):
        done = _cli(web, tmp_path, "people", url)
        assert done.returncode == 1 and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
        assert said in done.stderr and "does not log in" in done.stderr and "attendee export (CSV)" in done.stderr
