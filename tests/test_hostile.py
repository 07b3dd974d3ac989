"""Hostile and broken input: user folders are never replaced, and one broken source or company never
sinks the run (each case served by a real local web server)."""
from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest
from conftest import with_settings

from prep.demo import DEMO_PROFILE, DEMO_SOURCES
from prep.errors import FetchError, ParseError
from prep.fetch.client import Fetcher
from prep.fetch.localweb import Reply
from prep.render.brief import build_brief
from prep.research.companies import research_companies
from prep.shape.event import read_event

GOOD = "http://good.example/speakers.json"
SPEAKERS = json.dumps([{"name": "Ada Lovelace", "company": "Analytical Engines"},
                       {"name": "Grace Hopper", "company": "Navy"}])


def test_a_brief_never_replaces_a_folder_that_is_not_a_brief(tmp_path):
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    (out / "data" / "thesis.txt").write_text("years of work", encoding="utf-8")
    kwargs = dict(out_dir=out, profile=str(DEMO_PROFILE), cache_dir=str(tmp_path / "cache"), demo=True,
                  progress=False, slug="data")
    first = build_brief(DEMO_SOURCES, **kwargs)
    assert (out / "data" / "thesis.txt").read_text(encoding="utf-8") == "years of work"
    assert first.directory == out / "data-2" and first.html.is_file()
    second = build_brief(DEMO_SOURCES, **kwargs)  # a brief of that name already exists: it is replaced
    assert second.directory == out / "data-2"
    assert sorted(p.name for p in out.iterdir()) == ["data", "data-2"]  # no third folder, nothing left over
    assert (out / "data" / "thesis.txt").is_file()


def _broken_bodies(web):
    deep = "[" * 5000 + "]" * 5000
    web.route(GOOD, Reply(200, SPEAKERS, {"Content-Type": "application/json"}))
    return {
        "lone surrogate": Reply(200, '[{"name": "Eve \\ud800 Smith", "company": "X"}, {"name": "Bob Ray"}]',
                                {"Content-Type": "application/json"}),
        "nested 5000 deep": Reply(200, deep, {"Content-Type": "application/json"}),
        "charset=idna": Reply(200, "<h3>Ann Lee</h3><p>Acme</p>" * 3, {"Content-Type": "text/html; charset=idna"}),
        "charset=undefined": Reply(200, "<p>x</p>", {"Content-Type": "text/html; charset=undefined"}),
        "truncated": Reply(200, SPEAKERS[:20], {"Content-Type": "application/json", "Content-Length": "900"},
                           close=True),
        "bad chunk": Reply(200, b"zz\r\nabc\r\n0\r\n\r\n", {"Content-Type": "application/json", "Content-Length": "",
                                                              "Transfer-Encoding": "chunked"}),
        "not gzip": Reply(200, b"plain text, not gzip", {"Content-Type": "application/json",
                                                          "Content-Encoding": "gzip"}),
        "pretalx next 12": Reply(200, json.dumps({"count": 1, "next": 12, "previous": None, "results": [
            {"code": "AB12CD", "name": "Lin Qiu", "biography": "", "submissions": []}]}),
            {"Content-Type": "application/json"}),
    }


@pytest.mark.parametrize("case", ["lone surrogate", "nested 5000 deep", "charset=idna", "charset=undefined",
                                  "truncated", "bad chunk", "not gzip", "pretalx next 12"])
def test_one_broken_source_is_skipped_and_the_run_goes_on(settings, web, case):
    bad = f"http://bad.example/{case.replace(' ', '-')}"
    web.route(bad, _broken_bodies(web)[case])
    event = read_event([GOOD, bad], settings=with_settings(settings, retries=1))
    assert {"Ada Lovelace", "Grace Hopper"} <= set(event.people["name"])
    for failure in event.failures:
        assert failure["source"] == bad and failure["error"]
    event.people.to_csv(settings.cache_path.parent / "people.csv", encoding="utf-8")  # writable as UTF-8


def test_body_errors_are_fetch_errors_and_retried(settings, web):
    calls = []

    def flaky(host, path, headers):
        calls.append(path)
        if len(calls) == 1:
            return Reply(200, SPEAKERS[:10], {"Content-Type": "application/json", "Content-Length": "500"}, close=True)
        return Reply(200, SPEAKERS, {"Content-Type": "application/json"})

    web.route("http://flaky.example/s.json", flaky)
    with Fetcher(with_settings(settings, retries=2)) as fetcher:
        assert fetcher.get("http://flaky.example/s.json").content == SPEAKERS.encode()
        assert len(calls) == 2
        web.route("http://gz.example/", Reply(200, b"not gzip at all", {"Content-Encoding": "gzip"}))
        with pytest.raises(FetchError, match="Content-Encoding"):
            fetcher.get("http://gz.example/")
        web.route("http://gz.example/real", Reply(200, gzip.compress(b"<p>fine</p>"), {"Content-Encoding": "gzip"}))
        assert "fine" in fetcher.get("http://gz.example/real").text


def test_a_single_broken_source_is_one_clear_error(settings, web):
    web.route("http://bad.example/deep", Reply(200, "[" * 5000, {"Content-Type": "application/json"}))
    with pytest.raises(ParseError, match="bad.example/deep"):
        read_event("http://bad.example/deep", settings=settings)


def test_one_hostile_company_site_gets_its_error_and_the_others_are_researched(settings, web):
    deep = '<script type="application/ld+json">' + '{"a":' * 3000 + "1" + "}" * 3000 + "</script>"
    web.route("http://deep.example/", Reply(200, f"<html><title>Deep</title>{deep}</html>"))
    huge = json.dumps({"@context": "https://schema.org", "@type": "Organization", "name": "Huge",
                       "numberOfEmployees": 1e999}).replace("Infinity", "1e999")
    web.route("http://huge.example/", Reply(200, f'<html><title>Huge</title><script type="application/ld+json">'
                                                 f"{huge}</script><p>Huge makes big things.</p></html>"))
    research = research_companies(["Deep", "Huge", "Tidewater Analytics"], settings=settings, guess=False,
                                  domains={"Deep": "http://deep.example/", "Huge": "http://huge.example/",
                                           "Tidewater Analytics": "http://tidewater-analytics.example/"})
    rows = research.companies.set_index("name")
    assert rows.loc["Tidewater Analytics", "description"] and pd.isna(rows.loc["Tidewater Analytics", "error"])
    assert pd.isna(rows.loc["Huge", "employees"]) and pd.isna(rows.loc["Huge", "error"])
    assert "Deep" in rows.index


def test_a_company_name_too_long_for_a_domain_is_one_error_not_a_traceback(settings, web):
    long_name = "Github Copilot scelgo te Come l Intelligenza Artificiale ha cambiato la nostra Dev Experience"
    research = research_companies([long_name, "Tidewater Analytics"], settings=settings,
                                  domains={"Tidewater Analytics": "http://tidewater-analytics.example/"})
    rows = research.companies.set_index("name")
    assert rows.loc[long_name, "error"] and pd.isna(rows.loc["Tidewater Analytics", "error"])


def test_a_host_name_that_is_no_domain_is_refused_by_name():
    from prep.errors import UnsafeURL
    from prep.urls import check_url

    with pytest.raises(UnsafeURL, match="not a valid domain name"):
        check_url("https://" + "a" * 70 + ".com/")


def test_unreachable_hosts_say_so_and_robots_refusals_name_the_flag(tmp_path):
    import socket

    from prep.settings import Settings

    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(cache_path=tmp_path / "c.sqlite", retries=0, backoff=0.01, progress=False, delay=0)
    with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError, match="connection refused") as caught:
            fetcher.read(f"http://127.0.0.1:{port}/speakers")  # named by the user: this machine is allowed
        assert "robots" not in str(caught.value)


def test_a_robots_refusal_names_the_cli_flag(settings, web):
    from prep.errors import RobotsDisallowed

    web.route("http://closed.example/robots.txt", Reply(200, "User-agent: *\nDisallow: /", {"Content-Type": "text/plain"}))
    with Fetcher(settings) as fetcher:
        with pytest.raises(RobotsDisallowed, match="--ignore-robots"):
            fetcher.get("http://closed.example/speakers")


def test_the_local_web_serves_only_folders_directly_under_its_root(tmp_path):
    import http.client

    from prep.fetch.localweb import LocalWeb

    (tmp_path / "site.example").mkdir()
    (tmp_path / "site.example" / "index.html").write_text("<h1>ok</h1>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("top secret", encoding="utf-8")
    with LocalWeb(tmp_path) as web:
        port = int(web.proxy.rsplit(":", 1)[1])
        for host, path, status in (("site.example", "/", 200), ("/etc", "/passwd", 404), ("..", "/secret.txt", 404),
                                   (str(tmp_path), "/secret.txt", 404), ("site.example", "/../secret.txt", 403)):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path, headers={"Host": host})
            response = conn.getresponse()
            body = response.read()
            assert response.status == status, (host, path, response.status)
            assert b"secret" not in body and b"root:" not in body
            conn.close()


def test_control_characters_never_reach_the_terminal_or_the_frames():
    from prep.names import clean_space

    assert clean_space("Ann\x1b[31m Lee\x07\x9b") == "Ann[31m Lee"


def test_a_very_long_event_name_gives_a_short_folder_name():
    from prep import schema
    from prep.shape.model import Event

    event = Event(info={"name": "Data " * 80}, people=schema.empty("people"), sessions=schema.empty("sessions"),
                  organizations=schema.empty("organizations"))
    assert 0 < len(event.slug) <= 80 and not event.slug.endswith("-")


def test_links_and_redirects_never_reach_this_machine_or_private_networks_unless_named(tmp_path):
    from prep.errors import UnsafeURL
    from prep.fetch.localweb import LocalWeb
    from prep.settings import Settings

    with LocalWeb() as server:  # reached directly, without a proxy, as a user's own server would be
        port = int(server.proxy.rsplit(":", 1)[1])
        for path, target in (("/to-redis", "http://127.0.0.1:6379/"), ("/to-metadata", "http://169.254.169.254/latest/"),
                             ("/to-router", "http://192.168.1.1/admin")):
            server.route(f"http://localhost{path}", Reply(302, "", {"Location": target}))
        server.route("http://localhost/ok", Reply(200, "<h3>Ann Lee</h3>"))
        settings = Settings(cache_path=tmp_path / "c.sqlite", retries=0, progress=False, delay=0, obey_robots=False)
        with Fetcher(settings) as fetcher:
            assert "Ann Lee" in fetcher.read(f"http://localhost:{port}/ok").text  # the host the user named
            for path in ("/to-redis", "/to-metadata", "/to-router"):
                with pytest.raises(UnsafeURL, match="private network"):
                    fetcher.read(f"http://localhost:{port}{path}")
            with pytest.raises(UnsafeURL, match="private network"):  # a link found in a page, never named
                fetcher.get(f"http://127.0.0.2:{port}/ok")


def test_a_server_that_trickles_bytes_meets_the_deadline(settings, web):
    import time as clock

    web.route("http://slow.example/trickle", Reply(200, b"x" * 200, {"Content-Type": "text/html"}, trickle=0.05))
    with Fetcher(with_settings(settings, deadline=1.0, retries=0, read_timeout=5.0)) as fetcher:
        start = clock.monotonic()
        with pytest.raises(FetchError, match="longer than 1 s in all"):
            fetcher.get("http://slow.example/trickle")
        assert clock.monotonic() - start < 4


def test_batch_events_whose_names_collide_each_get_their_own_folder(tmp_path):
    from prep.demo import DEMO_DIR
    from prep.render.batch import run_batch

    sources = [str(DEMO_DIR / "attendees.csv")]  # a local file: no network, quick briefs
    events = [{"name": name, "sources": sources, "profile": None, "contacts": None, "top": 5}
              for name in ("Foo!", "Foo?", "東京 Python")]
    results = run_batch(events, tmp_path / "out", jobs=1, offline=True, cache_dir=str(tmp_path / "cache"),
                        progress=False)
    assert [r.status for r in results] == ["built"] * 3
    assert sorted(r.slug for r in results) == ["foo", "foo-2", "東京-python"]
    again = run_batch(events, tmp_path / "out", jobs=1, force=True, offline=True, cache_dir=str(tmp_path / "cache"),
                      progress=False)  # each event keeps its own folder on a re-run
    assert [r.slug for r in again] == [r.slug for r in results]


def test_people_nested_deeper_than_libxml2s_default_limit_are_found():
    from prep.read.html_cards import parse

    cards = "".join(f"<div class='s'><h3>{n}</h3><p>CTO at Acme</p></div>" for n in ("Ann Lee", "Bob Ray", "Cy Ng"))
    deep = "<html><body>" + "<div>" * 400 + cards + "</div>" * 400 + "</body></html>"
    assert [p["name"] for p in parse(deep, "http://x.example/").people] == ["Ann Lee", "Bob Ray", "Cy Ng"]


def test_impossible_settings_are_one_clear_error():
    from prep.errors import PrepError
    from prep.settings import Settings

    with pytest.raises(PrepError, match="read_timeout must be more than 0"):
        Settings.from_env({"PREP_READ_TIMEOUT": "-1"})
    with pytest.raises(PrepError, match="delay must not be negative"):
        Settings.from_env({"PREP_DELAY": "-2"})
