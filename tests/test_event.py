"""read_event on the demo web: several sources merge into one event, ids are stable, failures are kept."""
from __future__ import annotations

from prep.demo import DEMO_SOURCES
from prep.shape.event import read_event
from prep.shape.frames import merge_people


def test_demo_event_merges_all_sources(fetcher):
    event = read_event(DEMO_SOURCES, fetcher=fetcher)
    assert event.info["name"] == "Harbor Data Summit 2027" and event.info["country"] == "NL"
    people = event.people.set_index("name")
    assert len(people) == 51  # 44 speakers + 8 attendees, one of whom also speaks
    assert people.loc["Pieter van Dam", "role"] == "speaker"  # speaker wins over attendee
    assert "attendees.csv" in people.loc["Pieter van Dam", "source_url"]
    assert "speakers/" in people.loc["Pieter van Dam", "source_url"]
    assert people.loc["Ava Jansen", "github"] == "https://github.com/avajansen"
    assert people.loc["王芳", "company"] == "Quayside Logistics"
    assert len(event.sessions) == 29 and event.sessions["speaker_ids"].notna().all()
    assert "Tidewater Analytics B.V." in set(event.organizations["name"])
    assert event.slug == "harbor-data-summit-2027" and not event.failures


def test_person_ids_are_stable_across_runs(fetcher, settings):
    first = read_event(DEMO_SOURCES, fetcher=fetcher).people
    second = read_event(list(reversed(DEMO_SOURCES)), fetcher=fetcher).people
    assert dict(zip(first["name"], first["person_id"])) == dict(zip(second["name"], second["person_id"]))


def test_a_failing_source_is_recorded_and_the_rest_read(fetcher):
    event = read_event(["http://harbordata.example/speakers/", "http://harbordata.example/gone/"], fetcher=fetcher)
    assert len(event.people) == 44
    assert event.failures[0]["source"].endswith("/gone/") and "404" in event.failures[0]["error"]


def test_merge_keeps_richest_values_and_fuzzy_company():
    frame = merge_people([
        {"name": "Zoë van den Berg", "company": "Saltmarsh Studio", "title": "Designer", "source_url": "a"},
        {"name": "Zoe van den Berg", "company": "Saltmarsh Studio B.V.", "title": "Data Visualisation Designer",
         "bio": "Designs charts.", "source_url": "b"},
        {"name": "Zoë van den Berg", "company": "Other Corp", "source_url": "c"},
    ])
    assert len(frame) == 2
    merged = frame[frame["company"].str.startswith("Saltmarsh")].iloc[0]
    assert merged["title"] == "Data Visualisation Designer" and merged["source_url"] == "a\nb"


def test_all_caps_names_are_written_as_people_write_them():
    frame = merge_people([{"name": "JEAN-LUC VAN DER BERG", "role": "speaker"},
                          {"name": "MARY MCDONALD", "first_name": "MARY", "last_name": "MCDONALD", "role": "attendee"},
                          {"name": "IBM", "role": "speaker"}, {"name": "erdgeist", "role": "speaker"}])
    assert list(frame["name"]) == ["erdgeist", "IBM", "Jean-Luc van der Berg", "Mary McDonald"]
    assert frame.set_index("name").loc["Mary McDonald", "first_name"] == "Mary"  # "Hi Mary", never "Hi MARY"


def test_profile_links_go_to_their_columns_and_the_rest_are_kept():
    frame = merge_people([{"name": "Ana Lima", "links": {"other": [
        "https://uk.linkedin.com/in/ana", "https://social.example/@ana", "https://www.facebook.com/ana", "https://ana.example/"]}}])
    ana = frame.iloc[0]
    assert (ana["linkedin"], ana["mastodon"]) == ("https://uk.linkedin.com/in/ana", "https://social.example/@ana")
    assert ana["other_links"] == "https://www.facebook.com/ana\nhttps://ana.example/"


def test_follow_profiles_reads_linked_person_pages(fetcher, web):
    event = read_event("http://harbordata.example/speakers/", fetcher=fetcher, follow_profiles=True)
    assert len(event.people) == 44  # profile pages enrich, they do not duplicate
    assert web.log.count(("harbordata.example", "/speakers/ava-jansen/")) == 1
    ava = event.people.set_index("name").loc["Ava Jansen"]
    assert "http://harbordata.example/speakers/ava-jansen/" in ava["source_url"]


def test_profile_pages_without_json_ld_enrich_only_their_own_person(fetcher, web):
    from prep.fetch.localweb import Reply

    base = "http://plain.example/speakers/"
    cards = "".join(f"<div class='speaker'><img src='/p.jpg'><h3><a href='/speakers/{slug}/'>{name}</a></h3><p>{title}</p></div>"
                    for slug, name, title in [("ana", "Ana Lima", "Data Engineer, Quayside"), ("bo", "Bo Chen", "Analyst, Acme")])
    web.route(base, Reply(200, f"<html><body><div class='grid'>{cards}</div></body></html>", {"Content-Type": "text/html"}))
    profile = ("<html><body><article class='speaker-profile'><h1>Ana Lima</h1><p>Data Engineer, Quayside</p>"
               "<p class='bio'>Ana builds the barge-tracking pipelines at Quayside and teaches SQL to port planners.</p>"
               "<a href='https://www.linkedin.com/in/ana-lima'>LinkedIn</a></article>"
               "<aside><h2>More speakers</h2><div class='speaker'><h3>Zed Unlisted</h3></div>"
               "<div class='speaker'><h3>Yara Unlisted</h3></div></aside></body></html>")
    web.route(base + "ana/", Reply(200, profile, {"Content-Type": "text/html"}))
    web.route(base + "bo/", Reply(404, "gone", {"Content-Type": "text/plain"}))
    event = read_event(base, fetcher=fetcher, follow_profiles=True)
    people = event.people.set_index("name")
    assert sorted(people.index) == ["Ana Lima", "Bo Chen"]
    assert people.loc["Ana Lima", "linkedin"] == "https://www.linkedin.com/in/ana-lima"
    assert "barge-tracking" in people.loc["Ana Lima", "bio"]
    assert [f["source"] for f in event.failures] == [base + "bo/"]
