"""Briefs end to end: papermill runs the notebooks on the demo web, nbconvert exports self-contained HTML."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from prep.demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES
from prep.errors import RenderError
from prep.render import notebook as render
from prep.render.brief import build_brief

SECTIONS = ("The event at a glance", "Your plan", "Outside your industry", "Everyone", "Companies", "Schedule",
            "After the event", "Sources")


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("briefs")
    return build_brief(DEMO_SOURCES, out_dir=out, profile=str(DEMO_PROFILE), contacts=str(DEMO_CONTACTS),
                       cache_dir=str(out / "cache"), demo=True, progress=False)


def test_demo_brief_has_every_section_and_file(brief):
    html = brief.html.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}", html), heading
    assert "<title>Harbor Data Summit 2027</title>" in html
    assert "Ava Jansen" in html and "王芳" in html and "Tidewater Analytics" in html
    assert 'class="card"' in html and "Conversation starters" in html and "Outreach draft" in html
    assert re.search(r"King(&#x27;|')s Day", html)  # the holiday four days after the event
    assert 'class="chart"' in html and re.search(r"People by their company(&#x27;|')s industry", html)
    assert "data:image/svg+xml;base64," in html  # planned people's photos are embedded
    assert "import prep" not in html  # code is hidden
    assert {p.name for p in brief.directory.iterdir()} >= {
        "brief.html", "event_brief.ipynb", "people.csv", "sessions.csv", "organizations.csv", "companies.csv",
        "company_news.csv", "priorities.csv", "brief.xlsx", "inputs.json", "event.json"}
    assert not [p for p in brief.directory.parent.iterdir() if p.name.startswith(".brief-")]  # no build folder left
    priorities = pd.read_csv(brief.directory / "priorities.csv")
    assert len(priorities) == 20 and priorities.iloc[0]["name"] == "Ava Jansen"


def test_html_is_self_contained_and_linkedin_is_never_scraped(brief):
    html = brief.html.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html), "no external scripts"
    assert not re.search(r"<link[^>]+stylesheet", html) and "@import" not in html and "@font-face" not in html
    assert not re.search(r"<img[^>]+src=\"https?:", html), "no images from the web"
    images = re.findall(r"<img[^>]*>", html)
    assert images and all(re.search(r'alt="[^"]+"', img) for img in images), "every photo has a text alternative"
    assert not re.search(r"https?://[^\s\"'<>]*(cdn|unpkg|jsdelivr)", html.lower())  # tables work offline
    assert "linkedin.com/search/results/people/?keywords=" in html  # a search link where no profile is known
    assert "<h2" in html and 'href="#Your-plan"' in html  # a table of contents that works
    ids = set(re.findall(r'id="([^"]+)"', html))
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target


def test_workbook_has_the_plan_and_a_follow_up_sheet(brief):
    book = openpyxl.load_workbook(brief.directory / "brief.xlsx", read_only=True)
    assert book.sheetnames == ["Plan", "Follow-ups", "People", "Companies", "News", "Sessions"]
    header = [c.value for c in next(book["Follow-ups"].iter_rows(max_row=1))]
    assert header[:3] == ["name", "company", "why"] and "next_due" in header and "you_promised" in header
    assert book["Plan"].max_row == 21


def test_failed_run_keeps_previous_brief(brief, monkeypatch):
    before = brief.html.read_text(encoding="utf-8")
    monkeypatch.setattr(render, "NOTEBOOKS", brief.directory)  # render a deliberately broken notebook from here
    broken = brief.directory / "broken.ipynb"
    broken.write_text('{"cells": [{"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "source": "x = 1",'
                      ' "outputs": [], "execution_count": null}, {"cell_type": "code", "id": "b", "metadata": {}, '
                      '"source": "raise ValueError(\\"boom\\")", "outputs": [], "execution_count": null}],'
                      ' "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},'
                      ' "nbformat": 4, "nbformat_minor": 5}')
    with pytest.raises(RenderError, match="boom") as info:
        render.build("broken.ipynb", brief.directory.parent, brief.directory.name, {"x": 2})
    assert info.value.notebook and info.value.notebook.endswith(".failed.ipynb")
    assert Path(info.value.notebook).is_file()
    assert brief.html.read_text(encoding="utf-8") == before
    broken.unlink()


HOSTILE_PAGE = """<html><body><div class="grid">
<div class="card"><h3>Eve <script>alert(1)</script>Hacker</h3><p class="role">CEO at <img src=x onerror=alert(2)>Evil Corp</p>
 <p class="bio">Eve works on stream processing <b onmouseover=alert(4)>and</b> open data.</p>
 <img src="javascript:alert(5)"><a href="javascript:alert(3)">site</a><a href="https://github.com/eve">gh</a></div>
<div class="card"><h3>Mallory &lt;/script&gt;&lt;script&gt;alert(6)&lt;/script&gt; Jones</h3>
 <p class="role">CTO at "Quotes" &lt;b&gt;Inc&lt;/b&gt;</p><p class="bio">Mallory tests data pipelines <iframe src=//evil></iframe></p>
 <a href="file:///etc/passwd" rel="me">site</a><a href="data:text/html,<script>alert(7)</script>">x</a></div>
<div class="card"><h3>Trent Smith</h3><p class="role">Engineer at Good Co</p><p class="bio">Trent builds open data portals.</p>
<div class="broken"><span>unclosed <b>markup <i>everywhere</div></div>
</div></body></html>"""


def test_hostile_event_leaves_nothing_active_in_the_whole_brief(tmp_path):
    source = tmp_path / "hostile.html"
    source.write_text(HOSTILE_PAGE, encoding="utf-8")
    brief = build_brief([str(source)], out_dir=tmp_path / "out", profile=str(DEMO_PROFILE), offline=True,
                        cache_dir=str(tmp_path / "cache"), progress=False)
    html = brief.html.read_text(encoding="utf-8")
    assert "Eve" in html and "Trent Smith" in html
    for bad in ("alert(", "onerror", "onmouseover", "javascript:", "file:///", "data:text/html", "<iframe"):
        for tag in re.findall(r"<[^>]+>", html):  # no tag or attribute carries it
            assert bad not in tag, (bad, tag)
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert scripts and all("_itables_" in s or "itables_" in s for s in scripts)  # only the tables' own code
    assert not any("alert(" in s or "onerror" in s for s in scripts)  # scraped text reaches them escaped
    assert "Eve &lt;script&gt;" in html or "Eve Hacker" in html


def test_company_brief_notebook_runs(tmp_path):
    from prep.render.notebook import build

    brief = build("company_brief.ipynb", tmp_path, "tidewater",
                  {"company": "Tidewater Analytics", "cache_dir": str(tmp_path / "cache")})
    html = brief.html.read_text(encoding="utf-8")
    assert "<title>Tidewater Analytics B.V.</title>" in html or "<title>Tidewater Analytics</title>" in html
    for text in ("News", "Quaystream 2.0", "Hiring", "Senior Data Engineer (streaming)", "People from it at the event",
                 "Ava Jansen", "Ruben Okoye"):
        assert text in html, text


EVENTS = """
- name: Alpha Meetup
  sources: [alpha.csv]
- name: Broken Meetup
  sources: [missing.csv]
- name: Beta Meetup
  sources: alpha.csv; beta.csv
  top: 5
"""


def test_batch_builds_skips_and_reports(tmp_path):
    people = "First Name,Last Name,Company,Job Title,Email\n" + "".join(
        f"Ann{k},Lee,Corp {k % 3},Engineer,ann{k}@corp{k % 3}.example\n" for k in range(12))
    (tmp_path / "alpha.csv").write_text(people, encoding="utf-8")
    (tmp_path / "beta.csv").write_text(people.replace("Lee", "Kim"), encoding="utf-8")
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    command = [sys.executable, "-m", "prep.cli", "batch", str(tmp_path / "events.yaml"), "--out", str(tmp_path / "out"),
               "--jobs", "2", "--offline", "--cache-dir", str(tmp_path / "cache"), "--profile", str(DEMO_PROFILE)]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 1, first.stderr  # one event failed...
    assert "3 events: 2 built, 0 up to date, 1 failed" in first.stderr
    assert "failed: Broken Meetup:" in first.stderr and "missing.csv" in first.stderr
    out = tmp_path / "out"
    assert (out / "alpha-meetup" / "brief.html").is_file() and (out / "beta-meetup" / "brief.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="alpha-meetup/brief.html"' in index and "failed" in index and "missing.csv" in index
    assert len(pd.read_csv(out / "beta-meetup" / "people.csv")) == 24 and len(pd.read_csv(out / "beta-meetup" / "priorities.csv")) == 5
    stamp = (out / "alpha-meetup" / "brief.html").stat().st_mtime_ns
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "2 up to date" in second.stderr and (out / "alpha-meetup" / "brief.html").stat().st_mtime_ns == stamp
    (tmp_path / "alpha.csv").write_text(people + "Zed,Young,Corp 9,Founder,zed@corp9.example\n", encoding="utf-8")
    third = subprocess.run(command + ["--force"], capture_output=True, text=True, timeout=300)
    assert "2 built" in third.stderr and len(pd.read_csv(out / "alpha-meetup" / "people.csv")) == 13


def test_batch_file_errors_name_the_event(tmp_path):
    from prep.errors import SchemaError
    from prep.render.batch import read_events_file

    path = tmp_path / "events.yaml"
    path.write_text("- name: A\n- name: B\n  sources: [x.csv]\n  colour: red\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"events.yaml: event 1: 'sources' is missing"):
        read_events_file(path)
    path.write_text("- name: B\n  sources: [x.csv]\n  colour: red\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"event 1: unknown field\(s\) colour"):
        read_events_file(path)


def test_event_notebook_runs_on_its_own_with_its_defaults(tmp_path):
    """Opened in JupyterLab and run top to bottom, the notebook reads, researches and plans the demo event
    step by step, each step's frames shown as tables to sort and filter."""
    from prep.render.notebook import NOTEBOOKS, execute

    out = tmp_path / "run.ipynb"
    execute(NOTEBOOKS / "event_brief.ipynb", out, {"cache_dir": str(tmp_path / "cache"), "output_dir": str(tmp_path / "csv")})
    cells = {c.get("id"): json.dumps(c.get("outputs", [])) for c in json.loads(out.read_text(encoding="utf-8"))["cells"]}
    assert "Harbor Data Summit 2027" in cells["read"] and "itables" in cells["read"] and "People" in cells["read"]
    assert "Companies" in cells["research"] and "Your plan" in cells["plan"] and "Ava Jansen" in cells["plan"]
    assert "Traceback" not in "".join(cells.values())
    assert (tmp_path / "csv" / "priorities.csv").is_file() and (tmp_path / "csv" / "event.json").is_file()


def test_the_saved_notebook_runs_again_from_its_brief_folder(brief, tmp_path):
    """It was built in a temporary folder; saved, it writes to its own folder and answers from the cache,
    wherever the folder is moved."""
    from prep.render.notebook import execute

    moved = tmp_path / "moved"
    shutil.copytree(brief.directory, moved)
    (moved / "priorities.csv").unlink()
    source = json.loads((moved / "event_brief.ipynb").read_text(encoding="utf-8"))
    injected = "".join(next(c for c in source["cells"] if "injected-parameters" in c["metadata"].get("tags", []))["source"])
    assert 'output_dir = "."' in injected and re.search(r"(?m)^offline = True", injected)
    execute(moved / "event_brief.ipynb", tmp_path / "again.ipynb", {}, cwd=moved)
    outputs = json.dumps(json.loads((tmp_path / "again.ipynb").read_text(encoding="utf-8"))["cells"])
    assert "Ava Jansen" in outputs and "Traceback" not in outputs
    assert "page/s" not in (moved / "event_brief.ipynb").read_text(encoding="utf-8")  # bars went to prep's terminal
    assert len(pd.read_csv(moved / "priorities.csv")) == 20  # written again, into its own folder


def test_batch_reads_a_csv_events_file(tmp_path):
    from prep.render.batch import read_events_file

    path = tmp_path / "events.csv"
    path.write_text("name,sources,profile,top\nCSV Meetup,a.csv; https://example.org/speakers,me.yaml,5\n",
                    encoding="utf-8")
    [event] = read_events_file(path)
    assert event["name"] == "CSV Meetup" and event["top"] == 5
    assert event["sources"] == [str(tmp_path / "a.csv"), "https://example.org/speakers"]
    assert event["profile"] == str(tmp_path / "me.yaml")


def test_a_kept_kernel_forgets_the_previous_notebook(tmp_path, monkeypatch):
    from prep.render import notebook as render

    def notebook(name: str, source: str) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps({"cells": [
            {"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "source": "x = 1", "outputs": [],
             "execution_count": None},
            {"cell_type": "code", "id": "a", "metadata": {}, "source": source, "outputs": [], "execution_count": None}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
        return path

    monkeypatch.setattr(render, "_kept_kernel", {"enabled": True, "km": None})
    try:
        render.execute(notebook("first.ipynb", "import os\nleftover = os.getpid()\nprint(leftover)"), tmp_path / "1.ipynb", {})
        render.execute(notebook("second.ipynb", "import os\nprint(os.getpid(), 'leftover' in dir())"),
                       tmp_path / "2.ipynb", {})
    finally:
        render._stop_kept_kernel()
    first = json.loads((tmp_path / "1.ipynb").read_text())["cells"][-1]["outputs"][0]["text"]
    second = json.loads((tmp_path / "2.ipynb").read_text())["cells"][-1]["outputs"][0]["text"]
    pid, leaked = "".join(second).split()
    assert "".join(first).strip() == pid  # the same kernel process ran both...
    assert leaked == "False"               # ...and the second notebook did not see the first one's variables


def test_kernel_clients_see_every_output_and_notice_a_dead_kernel():
    """The ready check that replaces jupyter_client's 0.2 s IOPub drain (see render._kernel_manager_class)."""
    import asyncio

    async def run():
        km = render._kernel_manager_class()(kernel_name="python3")
        await km.start_kernel(extra_arguments=render.KERNEL_ARGUMENTS)
        try:
            for _ in range(3):  # a new client each time, as papermill and the kept kernel's reset make them
                client = km.client()
                assert type(client).__name__ == "ReadyClient"
                client.start_channels()
                await client.wait_for_ready(timeout=60)
                seen = []
                reply = await client.execute_interactive(
                    "print('hello'); 6 * 7", timeout=30,
                    output_hook=lambda msg: seen.append(msg["content"].get("text") or
                                                        msg["content"].get("data", {}).get("text/plain")))
                client.stop_channels()
                assert reply["content"]["status"] == "ok"
                assert [s for s in seen if s] == ["hello\n", "42"]
            await km.shutdown_kernel(now=True)
            client = km.client()
            client.start_channels()
            with pytest.raises(RuntimeError, match="died"):
                await client.wait_for_ready(timeout=10)
            client.stop_channels()
        finally:
            if km.has_kernel:
                await km.shutdown_kernel(now=True)

    asyncio.run(run())


def test_papermill_gives_sources_as_text_and_the_notebook_reads_them_as_a_list(tmp_path):
    from prep.render.brief import source_list

    assert source_list('["http://a.example/", "b.csv"]') == ["http://a.example/", "b.csv"]
    assert source_list("http://a.example/") == ["http://a.example/"]
    assert source_list(["x", Path("y")]) == ["x", "y"]
    # the README's commands, as a user types them: papermill's CLI passes the list as text
    out, csv = tmp_path / "my-brief.ipynb", tmp_path / "my-brief"
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "papermill", "notebooks/event_brief.ipynb", out, "--cwd", "notebooks",
                    "-p", "sources", json.dumps([str(s) for s in DEMO_SOURCES]), "-p", "profile", str(DEMO_PROFILE),
                    "-p", "cache_dir", str(tmp_path / "cache"), "-p", "output_dir", str(csv)],
                   cwd=render.NOTEBOOKS.resolve().parent, check=True, capture_output=True)
    subprocess.run([bin_dir / "jupyter", "nbconvert", "--to", "html", "--no-input", out], check=True, capture_output=True)
    assert "Harbor" in out.with_suffix(".html").read_text(encoding="utf-8")
    assert len(pd.read_csv(csv / "priorities.csv")) == 20


def test_an_ampersand_in_the_event_name_is_escaped_once_and_the_folder_says_which_file_is_which(tmp_path):
    source = tmp_path / "speakers.html"
    source.write_text("<html><head><title>R&amp;D Days 2027</title></head><body><h1>R&amp;D Days 2027</h1>"
                      "<p>March 3, 2027 in Oslo</p>" + "".join(f"<div class='s'><h3>{n}</h3><p>CTO at Acme</p></div>"
                                                             for n in ("Ann Lee", "Bob Ray", "Cy Ng")) + "</body></html>",
                      encoding="utf-8")
    brief = build_brief([str(source)], out_dir=tmp_path / "out", offline=True, cache_dir=str(tmp_path / "cache"),
                        progress=False)
    html = brief.html.read_text(encoding="utf-8")
    assert "<title>R&amp;D Days 2027</title>" in html and "&amp;amp;" not in html
    assert brief.directory.name == "r-d-days-2027"
    assert "spreadsheet" in (brief.directory / "FILES.txt").read_text(encoding="utf-8")
    renamed = build_brief([str(source)], out_dir=tmp_path / "out", offline=True, cache_dir=str(tmp_path / "cache"),
                          progress=False, name="Nordic R&D Summit")  # --name wins over the page
    assert renamed.directory.name == "nordic-r-d-summit"
    assert "<title>Nordic R&amp;D Summit</title>" in renamed.html.read_text(encoding="utf-8")
