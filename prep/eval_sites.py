"""Score prep on whole real event websites: ``python -m prep.eval --sites [REALSITES_DIR]``.

Each site of ``../shared/realsites/<site>/`` is served on 127.0.0.1 from its ``web/`` folder (by
hostname, through :class:`prep.fetch.localweb.LocalWeb` as a proxy), and the real command line is run on
the URLs its ``site.yaml`` lists, as a user would: ``prep people``, ``prep sessions``, ``prep orgs`` and
``prep event``, all as JSON, sharing one HTTP cache (with ``--home-only``, on the first URL alone:
the home page, from which prep must find the rest). Then, against the hand-checked
``people.expected.csv``, ``sessions.expected.csv`` and ``orgs.expected.csv``:

* people: name precision, recall and F1; title and company agreement where the truth has them; the
  names found that are nobody's (menu items, films, companies: "not people");
* sessions: title precision and recall, and speaker and start agreement of the matched ones;
* organisations: name precision and recall;
* the event: its name, first day and city.
"""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .fetch.localweb import LocalWeb
from .names import clean_space

DEFAULT_SITES = Path(__file__).resolve().parents[1].parent / "shared" / "realsites"


@dataclass
class SiteScore:
    site: str
    people: dict = field(default_factory=dict)  # expected, found, matched, title/company total/agree
    sessions: dict = field(default_factory=dict)  # expected, found, matched, speakers_agree, start_total, start_agree
    orgs: dict = field(default_factory=dict)  # expected, found, matched
    event: dict = field(default_factory=dict)  # name_ok, date_ok, city_ok, found (what prep said)
    not_people: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def key(text) -> str:
    """Compare names and titles as a person would: case, accents' composition, punctuation and spacing aside."""
    text = unicodedata.normalize("NFC", clean_space(str(text or ""))).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _run(command: str, sources: list[str], env: dict) -> tuple[object, str]:
    """Run ``prep COMMAND SOURCES --format json``; (parsed JSON or None, stderr's last line)."""
    done = subprocess.run([sys.executable, "-m", "prep.cli", command, *sources, "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=600)
    error = done.stderr.strip().splitlines()[-1] if done.returncode and done.stderr.strip() else ""
    try:
        return (json.loads(done.stdout) if done.stdout.strip() else None), error
    except json.JSONDecodeError:
        return None, error or "output was not JSON"


def score_site(folder: Path, home_only: bool = False) -> SiteScore:
    """Score one site; ``home_only`` gives the CLI only the first URL of ``site.yaml`` (the home page), as
    a user who pastes the one link they have."""
    config = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
    if home_only:
        config["sources"] = config["sources"][:1]
    score = SiteScore(folder.name)
    with LocalWeb(folder / "web") as web, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PREP_PROXY": web.proxy, "PREP_CACHE_PATH": str(Path(tmp) / "cache.sqlite"),
               "PREP_DELAY": "0", "PREP_PROGRESS": "0", "PREP_LOCAL_WEB": "1", "PYTHONWARNINGS": "ignore"}
        found = {}
        for command in ("people", "sessions", "orgs", "event"):  # one after another: they share the cache
            found[command], error = _run(command, config["sources"], env)
            if error:
                score.errors.append(f"{command}: {error}")
    _score_people(score, _read_csv(folder / "people.expected.csv"), found["people"] or [])
    _score_sessions(score, _read_csv(folder / "sessions.expected.csv"), found["sessions"] or [])
    _score_orgs(score, _read_csv(folder / "orgs.expected.csv"), found["orgs"] or [])
    _score_event(score, config, found["event"] or {})
    return score


def _score_people(score: SiteScore, truth: list[dict], found: list[dict]) -> None:
    want = {key(r["name"]): r for r in truth}
    got = {key(r.get("name")): r for r in found}
    matched = set(want) & set(got)
    s = {"expected": len(want), "found": len(got), "matched": len(matched),
         "title_total": 0, "title_agree": 0, "company_total": 0, "company_agree": 0}
    for name in matched:
        for f in ("title", "company"):
            if key(want[name].get(f)):
                s[f"{f}_total"] += 1
                s[f"{f}_agree"] += key(want[name].get(f)) == key(got[name].get(f))
    score.people = s
    score.not_people = sorted(got[k]["name"] for k in set(got) - set(want))


def _score_sessions(score: SiteScore, truth: list[dict], found: list[dict]) -> None:
    want = {}
    for r in truth:
        want.setdefault(key(r["title"]), r)
    got = {}
    for r in found:
        got.setdefault(key(r.get("title")), r)
    matched = set(want) & set(got)
    s = {"expected": len(want), "found": len(got), "matched": len(matched), "speakers_agree": 0,
         "start_total": 0, "start_agree": 0}
    for title in matched:
        speakers = {key(n) for n in want[title]["speakers"].split(";") if key(n)}
        s["speakers_agree"] += speakers == {key(n) for n in str(got[title].get("speakers") or "").split("\n") if key(n)}
        if want[title]["start"]:
            s["start_total"] += 1
            s["start_agree"] += str(got[title].get("start") or "")[:16] == want[title]["start"][:16]
    score.sessions = s


def _score_orgs(score: SiteScore, truth: list[dict], found: list[dict]) -> None:
    want = {key(r["name"]) for r in truth}
    got = {key(r.get("name")) for r in found}
    score.orgs = {"expected": len(want), "found": len(got), "matched": len(want & got)}


def _score_event(score: SiteScore, config: dict, found: dict) -> None:
    name = set(key(found.get("name")).split())  # "Explore DDD Conference 2018" names "Explore DDD 2018"
    score.event = {
        "name_ok": bool(name) and set(key(config["event"]).split()) <= name,
        "date_ok": str(found.get("start") or "")[:10] == str(config.get("start_date") or ""),
        "city_ok": not config.get("city") or key(config["city"]) in key(found.get("city")),
        "found": {k: found.get(k) for k in ("name", "start", "end", "city", "country")},
    }


def score_sites(root: Path = DEFAULT_SITES, jobs: int = 2, home_only: bool = False) -> list[SiteScore]:
    folders = sorted(p for p in root.iterdir() if (p / "site.yaml").is_file())
    with ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(lambda folder: score_site(folder, home_only), folders))


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _f1(s: dict) -> float:
    p, r = _ratio(s["matched"], s["found"]) if s["found"] else 0.0, _ratio(s["matched"], s["expected"])
    return 2 * p * r / (p + r) if p + r else 0.0


def site_totals(scores: list[SiteScore]) -> dict[str, float]:
    """Overall figures over all sites (pooled counts)."""
    def pooled(attr: str, *names: str) -> dict:
        return {n: sum(getattr(s, attr).get(n, 0) for s in scores) for n in names}

    people = pooled("people", "expected", "found", "matched", "title_total", "title_agree", "company_total",
                    "company_agree")
    sessions = pooled("sessions", "expected", "found", "matched")
    orgs = pooled("orgs", "expected", "found", "matched")
    return {"people_f1": _f1(people), "title": _ratio(people["title_agree"], people["title_total"]),
            "company": _ratio(people["company_agree"], people["company_total"]),
            "sessions_recall": _ratio(sessions["matched"], sessions["expected"]),
            "sessions_precision": _ratio(sessions["matched"], sessions["found"]) if sessions["found"] else 0.0,
            "orgs_recall": _ratio(orgs["matched"], orgs["expected"]),
            "orgs_precision": _ratio(orgs["matched"], orgs["found"]) if orgs["found"] else 0.0,
            "events_right": sum(all(s.event.get(k) for k in ("name_ok", "date_ok", "city_ok")) for s in scores),
            "not_people": sum(len(s.not_people) for s in scores)}


def report(scores: list[SiteScore]) -> str:
    lines = [f"{'site':26} {'people F1':>9} {'title':>9} {'company':>9} {'sessions r/p':>13} {'spk/start':>11} "
             f"{'orgs r/p':>11} {'event n/d/c':>11} {'not people':>10}"]
    for s in scores:
        p, se, o, e = s.people, s.sessions, s.orgs, s.event
        lines.append(
            f"{s.site:26} {_f1(p):9.3f} {p['title_agree']:>4}/{p['title_total']:<4} {p['company_agree']:>4}/{p['company_total']:<4}"
            f" {_ratio(se['matched'], se['expected']):6.2f}/{(_ratio(se['matched'], se['found']) if se['found'] else 0):<6.2f}"
            f" {se['speakers_agree']:>3}/{se['start_agree']:<3}   "
            f" {_ratio(o['matched'], o['expected']):5.2f}/{(_ratio(o['matched'], o['found']) if o['found'] else 0):<5.2f}"
            f" {'  '.join('y' if e[k] else 'n' for k in ('name_ok', 'date_ok', 'city_ok')):>11} {len(s.not_people):>10}")
        for error in s.errors:
            lines.append(f"    ! {error[:150]}")
        if s.not_people:
            lines.append(f"    not people: {', '.join(s.not_people[:12])}{' ...' if len(s.not_people) > 12 else ''}")
        lines.append(f"    event: {e['found']}")
    t = site_totals(scores)
    lines.append(f"\noverall: people F1 {t['people_f1']:.3f}, title {t['title']:.3f}, company {t['company']:.3f}; "
                 f"sessions recall {t['sessions_recall']:.3f} precision {t['sessions_precision']:.3f}; "
                 f"orgs recall {t['orgs_recall']:.3f} precision {t['orgs_precision']:.3f}; "
                 f"event right on {t['events_right']}/{len(scores)} sites; {t['not_people']} not people")
    return "\n".join(lines)
