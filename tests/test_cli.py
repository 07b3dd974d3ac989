"""The command line, called as a user would, against the local web."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from conftest import DEMO


def run(*args, env_proxy=None, cache=None):
    cmd = [sys.executable, "-m", "prep.cli", *args]
    if env_proxy:
        cmd += ["--proxy", env_proxy, "--delay", "0", "--cache", str(cache)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_people_csv_on_stdout(web, tmp_path):
    result = run("people", "http://harbordata.example/speakers/", env_proxy=web.proxy, cache=tmp_path / "c.sqlite")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 44 and {"person_id", "name", "title", "company", "linkedin"} <= set(rows[0])


def test_sessions_json_to_file(web, tmp_path):
    out = tmp_path / "sessions.json"
    result = run("sessions", "http://harbordata.example/schedule.xml", "--format", "json", "-o", str(out),
                 env_proxy=web.proxy, cache=tmp_path / "c.sqlite")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(out.read_text())) == 29


def test_orgs_from_local_file(tmp_path):
    result = run("orgs", str(DEMO / "harbordata.example" / "sponsors" / "index.html"), "--cache", str(tmp_path / "c.sqlite"))
    assert result.returncode == 0, result.stderr
    assert "Kelp Climate Labs" in result.stdout


def test_errors_are_one_clear_line(tmp_path):
    result = run("people", str(tmp_path / "missing.html"), "--cache", str(tmp_path / "c.sqlite"))
    assert result.returncode == 1
    assert result.stderr.startswith("prep: error:") and "missing.html" in result.stderr
    assert "Traceback" not in result.stderr


def test_people_parquet_needs_a_file_and_writes_one(web, tmp_path):
    import pandas as pd

    out = tmp_path / "people.parquet"
    result = run("people", "http://harbordata.example/speakers/", "--format", "parquet", "-o", str(out),
                 env_proxy=web.proxy, cache=tmp_path / "c.sqlite")
    assert result.returncode == 0, result.stderr
    assert len(pd.read_parquet(out)) == 44


def test_careless_input_gets_one_clear_line_never_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("PREP_TRACKER", str(tmp_path / "t.sqlite"))
    monkeypatch.setenv("PREP_CACHE_PATH", str(tmp_path / "c.sqlite"))
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    attendees = str(DEMO / "attendees.csv")
    cases = [
        (["people", attendees, "-o", str(tmp_path / "missing" / "dir" / "p.csv")], "No such file or directory"),
        (["lint", str(tmp_path / "missing.txt")], "No such file or directory"),
        (["company", ""], "a company is needed"),
        (["rank", attendees, "--profile", str(DEMO / "profile.yaml"), "--top", "0", "--offline"], "at least 1"),
        (["rank", attendees, "--profile", str(DEMO / "profile.yaml"), "--top", "-5", "--offline"], "at least 1"),
        (["met", ""], "a name is needed"),
        (["backup", str(a_file)], "already exists"),
        (["due", "--db", str(a_file / "t.sqlite")], "cannot create or open"),
    ]
    for args, expected in cases:
        done = run(*args)
        assert done.returncode != 0, args
        last = done.stderr.strip().splitlines()[-1]  # (argparse prints its usage above a bad option's line)
        assert expected in last and "Traceback" not in done.stderr, (args, done.stderr[-500:])


def test_excel_safe_csv_and_the_raw_default(tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("name,company\nAnn Lee,=HYPERLINK(\"http://evil.example\")\nBob Ray,@SUM(A1)\n", encoding="utf-8")
    raw = run("people", str(source), "--no-profiles")
    safe = run("people", str(source), "--no-profiles", "--excel-safe")
    assert raw.returncode == safe.returncode == 0
    raw_rows = {r["name"]: r["company"] for r in csv.DictReader(io.StringIO(raw.stdout))}
    safe_rows = {r["name"]: r["company"] for r in csv.DictReader(io.StringIO(safe.stdout))}
    assert raw_rows["Ann Lee"].startswith("=") and safe_rows["Ann Lee"].startswith("'=")
    assert safe_rows["Bob Ray"] == "'@SUM(A1)"


def test_a_tracker_damaged_mid_file_is_one_clear_line(tmp_path):
    db = tmp_path / "t.sqlite"
    assert run("met", "Ann Lee", "--db", str(db), "--note", "x" * 20000).returncode == 0
    data = bytearray(db.read_bytes())
    for i in range(4096, len(data)):  # keep the header page, damage the rest
        data[i] = 0xA5
    db.write_bytes(bytes(data))
    (tmp_path / "t.sqlite-wal").unlink(missing_ok=True)
    done = run("due", "--db", str(db))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "database" in done.stderr.strip().splitlines()[-1]
