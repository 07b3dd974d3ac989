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
