"""The fetcher against a real local HTTP server: cache, offline, retries, robots, caps, decoding."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
from conftest import with_settings

from prep.errors import FetchError, OfflineMiss, RobotsDisallowed, TooLarge, UnsafeURL
from prep.fetch.client import Fetcher
from prep.fetch.localweb import Reply
from prep.urls import follow

EVENT = "http://harbordata.example/"


def test_cache_hit_makes_no_request(fetcher, web):
    first = fetcher.get(EVENT)
    assert not first.from_cache and "Harbor Data Summit" in first.text and first.kind == "html"
    served = len(web.log)
    second = fetcher.get(EVENT)
    assert second.from_cache and second.content == first.content
    assert len(web.log) == served, "a cached page must not reach the server"


def test_cache_survives_a_new_fetcher(settings, web):
    with Fetcher(settings) as f:
        f.get(EVENT)
    served = len(web.log)
    with Fetcher(settings) as f:
        assert f.get(EVENT).from_cache
        assert f.network_requests == 0
    assert len(web.log) == served


def test_offline_answers_from_cache_and_names_the_miss(settings, web):
    with Fetcher(settings) as f:
        f.get(EVENT)
    served = len(web.log)
    with Fetcher(with_settings(settings, offline=True)) as f:
        assert f.get(EVENT).from_cache
        with pytest.raises(OfflineMiss, match="harbordata.example/speakers/"):
            f.get(EVENT + "speakers/")
    assert len(web.log) == served


def test_offline_fetch_many_serves_hits_and_records_each_miss(settings, web):
    with Fetcher(settings) as f:
        f.get(EVENT)
    served = len(web.log)
    misses = [f"http://company{i}.example/" for i in range(5)]
    with Fetcher(with_settings(settings, offline=True)) as f:
        pages, errors = f.fetch_many([EVENT, *misses])
    assert pages[EVENT].from_cache and set(errors) == set(misses)
    assert all(isinstance(err, OfflineMiss) for err in errors.values())
    assert len(web.log) == served


def test_retry_after_is_honoured_then_succeeds(fetcher, web):
    calls = []

    def flaky(host, path, headers):
        calls.append(time.monotonic())
        return Reply(429, "slow down", {"Retry-After": "1"}) if len(calls) == 1 else Reply(200, "<p>ok</p>")

    web.route("http://flaky.example/", flaky)
    page = fetcher.get("http://flaky.example/")
    assert page.text == "<p>ok</p>" and len(calls) == 2
    assert calls[1] - calls[0] >= 0.95, "Retry-After: 1 must be waited out"


def test_server_errors_retry_then_fail_with_status(fetcher, web):
    web.route("http://broken.example/", Reply(500, "boom"))
    with pytest.raises(FetchError) as info:
        fetcher.get("http://broken.example/")
    assert info.value.status == 500 and "broken.example" in str(info.value)
    assert web.requests_to("broken.example") == 1 + 1 + fetcher.settings.retries  # robots.txt + attempts


def test_404_is_not_retried(fetcher, web):
    with pytest.raises(FetchError, match="HTTP 404") as info:
        fetcher.get(EVENT + "missing/")
    assert info.value.status == 404
    assert web.log.count(("harbordata.example", "/missing/")) == 1


def test_robots_disallow(fetcher, web):
    with pytest.raises(RobotsDisallowed, match="robots.txt"):
        fetcher.get(EVENT + "admin/")
    assert ("harbordata.example", "/admin/") not in web.log


def test_robots_can_be_ignored_explicitly(settings, web):
    web.route("http://harbordata.example/admin/", Reply(200, "admin"))
    with Fetcher(with_settings(settings, obey_robots=False)) as f:
        assert f.get(EVENT + "admin/").text == "admin"


def test_robots_fetched_once_per_host(fetcher, web):
    fetcher.fetch_many([EVENT, EVENT + "speakers/", EVENT + "schedule/", EVENT + "sponsors/"])
    assert web.log.count(("harbordata.example", "/robots.txt")) == 1


def test_user_agent_names_the_project(fetcher, web):
    seen = {}
    web.route("http://ua.example/", lambda h, p, headers: seen.update(headers) or Reply(200, "x"))
    fetcher.get("http://ua.example/")
    assert seen["User-Agent"].startswith("prep/")


def test_size_cap_on_declared_length(settings, web):
    web.route("http://big.example/", Reply(200, b"x" * 50_000))
    with Fetcher(with_settings(settings, max_bytes=10_000)) as f:
        with pytest.raises(TooLarge, match="10,000-byte cap .raise PREP_MAX_BYTES"):
            f.get("http://big.example/")


def test_size_cap_while_streaming_without_length(settings, web):
    web.route("http://stream.example/", Reply(200, b"y" * 200_000, {"Content-Length": ""}))
    with Fetcher(with_settings(settings, max_bytes=10_000)) as f:
        with pytest.raises(TooLarge, match="stream.example"):
            f.get("http://stream.example/")
        web.route("http://stream.example/small", Reply(200, b"z" * 5_000, {"Content-Length": ""}))
        assert len(f.get("http://stream.example/small").content) == 5_000


def test_redirect_loop(fetcher, web):
    web.route("http://loop.example/a", Reply(302, "", {"Location": "http://loop.example/b"}))
    web.route("http://loop.example/b", Reply(302, "", {"Location": "http://loop.example/a"}))
    with pytest.raises(FetchError, match="redirects"):
        fetcher.get("http://loop.example/a")


def test_redirect_followed_to_final_url(fetcher, web):
    web.route("http://harbordata.example/talks", Reply(301, "", {"Location": "/schedule/"}))
    page = fetcher.get("http://harbordata.example/talks")
    assert page.url == "http://harbordata.example/schedule/" and "Schedule" in page.text


def test_read_timeout_is_retried_then_reported(settings, web):
    web.route("http://slow.example/", Reply(200, "late", delay=1.0))
    with Fetcher(with_settings(settings, read_timeout=0.3, retries=1)) as f:
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out \(after 2 attempts\)"):
            f.get("http://slow.example/")
        assert time.monotonic() - start < 5


@pytest.mark.parametrize("headers, body, expected", [
    ({"Content-Type": "text/html; charset=iso-8859-1"}, "<p>Café Zoë</p>".encode("latin-1"), "Café Zoë"),
    ({"Content-Type": "text/html"}, '<meta charset="windows-1252"><p>Café – Zoë</p>'.encode("cp1252"), "Café – Zoë"),
    ({"Content-Type": "text/html"}, "<p>Łucja Nowak, Søren Kjær, 王芳 and ليلى</p>".encode("utf-8"), "王芳 and ليلى"),
    ({"Content-Type": "text/html"}, ("<p>" + "Привет, мир! Это тест кодировки. " * 20 + "</p>").encode("cp1251"), "Привет"),
])
def test_text_decoding(fetcher, web, headers, body, expected):
    web.route("http://enc.example/", Reply(200, body, headers))
    assert expected in fetcher.get("http://enc.example/").text


def test_content_type_awareness(fetcher):
    assert fetcher.get(EVENT + "schedule.xml").kind == "xml"
    assert fetcher.get("http://fernbank.example/feed.xml").kind == "feed"
    assert fetcher.get("http://tidewater-analytics.example/feed.atom").kind == "feed"
    assert fetcher.get(EVENT + "speakers/").kind == "html"


def test_per_host_delay_spaces_requests(settings, web):
    stamps = []
    web.route("http://paced.example/1", lambda *a: stamps.append(time.monotonic()) or Reply(200, "1"))
    web.route("http://paced.example/2", lambda *a: stamps.append(time.monotonic()) or Reply(200, "2"))
    with Fetcher(with_settings(settings, delay=0.4, obey_robots=False)) as f:
        pages, errors = f.fetch_many(["http://paced.example/1", "http://paced.example/2"])
    assert not errors and len(pages) == 2
    assert stamps[1] - stamps[0] >= 0.38


def test_fetch_many_reports_errors_without_aborting(fetcher, web):
    web.route("http://broken.example/", Reply(404, "gone"))
    urls = [EVENT, "http://broken.example/", EVENT + "admin/", "http://tidewater-analytics.example/"]
    pages, errors = fetcher.fetch_many(urls)
    assert set(pages) == {EVENT, "http://tidewater-analytics.example/"}
    assert isinstance(errors[EVENT + "admin/"], RobotsDisallowed)
    assert errors["http://broken.example/"].status == 404


def test_fetch_many_is_concurrent_across_hosts(settings, web):
    web.latency = 0.2
    urls = [f"http://{c}.example/" for c in ("fernbank", "openmeadow", "vectorforge", "lumen-grid", "havenstad", "civic-stack")]
    with Fetcher(with_settings(settings, obey_robots=False)) as f:
        start = time.monotonic()
        pages, errors = f.fetch_many(urls)
        elapsed = time.monotonic() - start
    assert len(pages) == 6 and not errors
    assert elapsed < 0.2 * 6 * 0.6, f"six hosts took {elapsed:.2f} s, as if fetched one by one"


def test_local_files_only_when_named_explicitly(fetcher, tmp_path):
    local = tmp_path / "speakers.html"
    local.write_text("<p>Zoë</p>", encoding="utf-8")
    assert fetcher.read(str(local)).text == "<p>Zoë</p>"
    assert fetcher.read(local.as_uri()).text == "<p>Zoë</p>"
    with pytest.raises(UnsafeURL):
        fetcher.get(local.as_uri())  # get() is what scraped links go through
    with pytest.raises(UnsafeURL, match="neither an http"):
        fetcher.read(str(tmp_path / "nope.html"))


@pytest.mark.parametrize("link, expected", [
    ("/speakers/ava/", "http://harbordata.example/speakers/ava/"),
    ("https://x.com/ava#top", "https://x.com/ava"),
    ("file:///etc/passwd", None),
    ("javascript:alert(1)", None),
    (" JAVASCRIPT:alert(1)", None),
    ("data:text/html,hi", None),
    ("mailto:a@b.example", None),
    ("", None),
])
def test_follow_only_http_links(link, expected):
    assert follow(link, "http://harbordata.example/speakers/") == expected


def test_follow_from_local_file_base_never_reaches_disk():
    assert follow("../secret.html", "/home/user/event/speakers.html") is None


def test_one_request_at_a_time_per_host_holds_across_processes_on_one_machine(web, tmp_path):
    """Two processes sharing a cache (a batch's workers) never ask one host at once, and space their starts."""
    served = []

    def slow(host, path, headers):
        start = time.monotonic()
        time.sleep(0.15)
        served.append((start, time.monotonic()))
        return Reply(200, "<html><body>ok</body></html>")

    for who in "ab":
        for i in range(3):
            web.route(f"http://busy.example/{who}{i}", slow)
    web.route("http://busy.example/robots.txt", Reply(404, ""))
    script = ("import sys; from pathlib import Path; from prep.fetch.client import Fetcher; from prep.settings import Settings\n"
              "f = Fetcher(Settings(proxy=sys.argv[1], cache_path=Path(sys.argv[2]), delay=0.3))\n"
              "[f.get(f'http://busy.example/{sys.argv[3]}{i}') for i in range(3)]\n")
    cache = str(tmp_path / "shared" / "http_cache.sqlite")
    workers = [subprocess.Popen([sys.executable, "-c", script, web.proxy, cache, who]) for who in "ab"]
    assert [w.wait(timeout=60) for w in workers] == [0, 0]
    served.sort()
    assert len(served) == 6
    for (start, end), (next_start, _) in zip(served, served[1:]):
        assert next_start >= end - 0.01, "two requests to one host at once"
        assert next_start - start >= 0.3 - 0.02, "starts closer than the host's delay"


def test_a_slow_start_moves_the_host_s_next_turn_back_by_the_time_it_lost():
    """The delay counts from when the server saw the request: a request that left late (a busy process, a new
    connection) answers later than the quickest seen, and the next turn moves back by the difference."""
    from prep.fetch.politeness import HostThrottle

    throttle = HostThrottle(lambda host: 0.2)
    with throttle.slot("quick.example") as answered:
        answered()  # the quickest answer seen so far: at once
    starts = []
    for lag in (0.1, 0.0):
        with throttle.slot("busy.example") as answered:
            starts.append(time.monotonic())
            time.sleep(lag)  # this request reached the server 0.1 s late
            answered()
    assert starts[1] - starts[0] >= 0.29
