"""--render: a page that builds its people with JavaScript, read in the system's headless Chromium, with every
request the page makes going through prep's fetcher (robots, politeness, cache)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from browser import chromium

from prep.fetch.localweb import Reply

pytest.importorskip("playwright")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(chromium() is None and not os.environ.get("PREP_REQUIRE_BROWSER"),
                                                      reason="chromium is not installed")]

SHELL = """<!DOCTYPE html><html><head><title>Speakers · Harbor JS Conf</title>
<script src="/static/vendor.js"></script></head><body><div id="root"></div>
<noscript>You need to enable JavaScript to run this app.</noscript>
<script>
fetch("/api/speakers.json").then(r => r.json()).then(list => {
  document.getElementById("root").innerHTML = "<h1>Speakers</h1>" + list.map(s =>
    `<div class="speaker"><h3>${s.name}</h3><p class="tagline">${s.role} at ${s.company}</p></div>`).join("");
});
</script></body></html>"""
SPEAKERS = [{"name": "Amara Okafor", "role": "Head of Data", "company": "Lumen Analytics"},
            {"name": "Ben Strauss", "role": "Staff Engineer", "company": "Kettle Labs"},
            {"name": "Chiara Romano", "role": "Product Lead", "company": "Orbital Foods"}]


def _people(web, tmp_path, *extra):
    done = subprocess.run([sys.executable, "-m", "prep.cli", "people", "http://jsconf.example/speakers/", "--format",
                           "json", "--proxy", web.proxy, "--cache", str(tmp_path / "c.sqlite"), "--delay", "0", *extra],
                          capture_output=True, text=True, timeout=120)
    return done


def test_an_app_shell_is_rendered_in_chromium_through_the_fetcher_and_its_cache(web, tmp_path):
    web.route("http://jsconf.example/speakers/", Reply(200, SHELL))
    web.route("http://jsconf.example/static/vendor.js", Reply(200, "window.vendor = 1;", {"Content-Type": "text/javascript"}))
    web.route("http://jsconf.example/api/speakers.json", Reply(200, json.dumps(SPEAKERS), {"Content-Type": "application/json"}))
    plain = _people(web, tmp_path)
    assert plain.returncode == 1 and "--render" in plain.stderr and "Traceback" not in plain.stderr
    done = _people(web, tmp_path, "--render")
    assert done.returncode == 0, done.stderr
    people = {p["name"]: (p["title"], p["company"]) for p in json.loads(done.stdout)}
    assert people == {s["name"]: (s["role"], s["company"]) for s in SPEAKERS}
    assert ("jsconf.example", "/api/speakers.json") in web.log and ("jsconf.example", "/robots.txt") in web.log
    web.log.clear()
    again = _people(web, tmp_path, "--render", "--offline")  # rendered again from the cache alone
    assert again.returncode == 0 and len(json.loads(again.stdout)) == 3 and not web.log


def test_render_names_what_is_missing_in_one_line(web, tmp_path):
    web.route("http://jsconf.example/speakers/", Reply(200, SHELL))
    done = subprocess.run([sys.executable, "-m", "prep.cli", "people", "http://jsconf.example/speakers/", "--render",
                           "--proxy", web.proxy, "--cache", str(tmp_path / "c.sqlite")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PREP_CHROMIUM": str(tmp_path / "no-such-chromium")})
    assert done.returncode == 1 and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "PREP_CHROMIUM" in done.stderr and "no such file" in done.stderr
