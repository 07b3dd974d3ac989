"""Remember who you met: a local SQLite tracker of contacts, interactions and follow-ups.

The coaches' rules, each enforced here (and tested):

* a thank-you is due the day after a meeting;
* every promise you made becomes a follow-up; when someone introduced you, a follow-up to thank
  them is due after you meet the person they introduced;
* keep in touch on a cadence set by relationship strength (``Tracker.cadence``);
* after ``stop_after`` unanswered follow-ups (default 2) the contact goes dormant: their open
  reminders are paused and no new ones are made until they reply.

Storage: one SQLite file (WAL mode, foreign keys, a busy timeout so two processes can write at
once), its schema versioned by ``PRAGMA user_version`` with ordered migrations. Every change is one
``BEGIN IMMEDIATE`` transaction, so a crash mid-way leaves the database as it was. Importing a
brief never duplicates a contact and never overwrites what you wrote.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..errors import PrepError
from ..names import normalize_company, normalize_name
from .migrations import MIGRATIONS

STRENGTHS = ("strong", "medium", "weak")
DEFAULT_CADENCE = {"strong": 30, "medium": 90, "weak": 180}  # days between keep-in-touch notes
OUTREACH = ("thank-you", "promise", "thank-introducer", "keep-in-touch")  # notes you send and wait on
KINDS = OUTREACH + ("their-promise",)


def default_path() -> Path:
    import platformdirs

    configured = os.environ.get("PREP_TRACKER")
    return Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("prep")) / "tracker.sqlite"


def person_key(name: str, company: str | None = "") -> str:
    return f"{normalize_name(name)}|{normalize_company(company or '')}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _day(value: date | str | None) -> date:
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PrepError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


@dataclass
class Due:
    id: int
    due: str
    kind: str
    what: str
    name: str
    company: str
    email: str
    overdue: bool


class Tracker:
    """The follow-up tracker in one SQLite file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path | None = None, *, cadence: dict[str, int] | None = None, stop_after: int = 2,
                 promise_days: int = 7):
        self.path = Path(path).expanduser() if path else default_path()
        self.cadence = {**DEFAULT_CADENCE, **(cadence or {})}
        self.stop_after, self.promise_days = stop_after, promise_days
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():  # private from the start: who you met, and your notes on them
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=30000")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise PrepError(f"{self.path}: not a usable tracker database: {err}") from err
        except OSError as err:
            raise PrepError(f"{self.path}: cannot create or open the tracker database here: "
                            f"{err.strerror or err}") from err

    # -- plumbing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self):
        """One atomic write: everything inside happens, or (on any error or crash) nothing does."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _migrate(self) -> None:
        with self.transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise PrepError(f"{self.path}: made by a newer prep (schema {version}); upgrade prep to use it")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in (s.strip() for s in script.split(";")):
                    if statement:
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Tracker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- contacts -------------------------------------------------------------------------------
    def find(self, name: str, company: str | None = None) -> sqlite3.Row | None:
        """The contact called ``name`` (at ``company`` when given); an error if the name is ambiguous."""
        rows = self.db.execute("SELECT * FROM contacts WHERE person_key LIKE ? ESCAPE '\\'",
                               (_like_prefix(normalize_name(name)) + "|%",)).fetchall()
        if company:  # the same company, or a contact whose company was not known yet
            rows = ([r for r in rows if r["person_key"] == person_key(name, company)]
                    or [r for r in rows if not r["company"]])
        if len(rows) > 1:
            options = "; ".join(f"{r['name']} ({r['company'] or 'no company'})" for r in rows)
            raise PrepError(f"{name!r} matches {len(rows)} contacts ({options}); add --company to say which")
        return rows[0] if rows else None

    def _contact(self, db, name: str, company: str = "", **fields) -> sqlite3.Row:
        row = self.find(name, company)
        if row is None:
            stamp = _now()
            db.execute("INSERT INTO contacts (person_key, name, company, strength, how_met, where_met, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (person_key(name, company), name.strip(), company.strip(), fields.get("strength") or "weak",
                        fields.get("how_met", ""), fields.get("where_met", ""), stamp, stamp))
            row = self.find(name, company)
        return row

    def add_note(self, name: str, text: str, company: str | None = None) -> None:
        """Append to your own notes about a contact (imports never touch them)."""
        with self.transaction() as db:
            row = self._require(name, company)
            notes = f"{row['notes']}\n{text}".strip()
            db.execute("UPDATE contacts SET notes = ?, updated_at = ? WHERE id = ?", (notes, _now(), row["id"]))

    def contacts(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM contacts ORDER BY name").fetchall()

    def set_strength(self, name: str, strength: str, company: str | None = None) -> None:
        if strength not in STRENGTHS:
            raise PrepError(f"strength must be one of {', '.join(STRENGTHS)}, got {strength!r}")
        with self.transaction() as db:
            row = self._require(name, company)
            db.execute("UPDATE contacts SET strength = ?, updated_at = ? WHERE id = ?", (strength, _now(), row["id"]))

    def _require(self, name: str, company: str | None = None) -> sqlite3.Row:
        row = self.find(name, company)
        if row is None:
            raise PrepError(f"no contact called {name!r} in {self.path} (log a meeting with: prep met {name!r} --event ...)")
        return row

    # -- importing a brief (prep.track.imports) ------------------------------------------------------------
    def import_brief(self, folder: str | Path) -> dict[str, int]:
        from .imports import import_brief

        return import_brief(self, folder)

    def upsert_contact(self, db, record: dict) -> str:
        key = person_key(record["name"], record["company"])
        row = db.execute("SELECT * FROM contacts WHERE person_id = ? OR person_key = ?",
                         (record["person_id"], key)).fetchone()
        stamp = _now()
        if row is None:
            db.execute("INSERT INTO contacts (person_key, person_id, name, company, title, email, linkedin, links, why,"
                       " source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (key, record["person_id"], record["name"], record["company"], record["title"], record["email"],
                        record["linkedin"], record["links"], record["why"], record["source"], stamp, stamp))
            return "added"
        fill = {k: record[k] for k in ("person_id", "company", "title", "email", "linkedin", "links", "why")
                if record[k] and not row[k]}
        if not fill:
            return "unchanged"
        sets = ", ".join(f"{k} = ?" for k in fill)
        db.execute(f"UPDATE contacts SET {sets}, updated_at = ? WHERE id = ?", (*fill.values(), stamp, row["id"]))
        return "updated"

    # -- the rules ----------------------------------------------------------------------------------
    def met(self, name: str, *, event: str = "", day: date | str | None = None, company: str = "", note: str = "",
            signal: str | None = None, promises: list[str] = (), their_promises: list[str] = (),
            introduced_by: str | None = None, channel: str = "in person", strength: str | None = None) -> int:
        """Log a meeting and schedule what follows from it. Returns the interaction id."""
        if signal not in (None, "positive", "negative"):
            raise PrepError(f"--signal must be positive or negative, got {signal!r}")
        if strength not in (None, *STRENGTHS):
            raise PrepError(f"strength must be one of {', '.join(STRENGTHS)}, got {strength!r}")
        when = _day(day)
        with self.transaction() as db:
            contact = self._contact(db, name, company, where_met=event, how_met=channel, strength=strength)
            intro = self._contact(db, introduced_by) if introduced_by else None
            cur = db.execute("INSERT INTO interactions (contact_id, day, kind, event, channel, notes, signal, i_promised,"
                             " they_promised, introduced_by, created_at) VALUES (?, ?, 'met', ?, ?, ?, ?, ?, ?, ?, ?)",
                             (contact["id"], when.isoformat(), event, channel, note, signal, "\n".join(promises),
                              "\n".join(their_promises), intro["id"] if intro else None, _now()))
            interaction = cur.lastrowid
            updates = {"unanswered": 0, "dormant": 0, "updated_at": _now()}
            if strength:
                updates["strength"] = strength
            if not contact["where_met"] and event:
                updates["where_met"] = event
            if not contact["how_met"]:
                updates["how_met"] = channel
            if company and not contact["company"]:
                updates.update(company=company.strip(), person_key=person_key(name, company))
            db.execute(f"UPDATE contacts SET {', '.join(f'{k} = ?' for k in updates)} WHERE id = ?",
                       (*updates.values(), contact["id"]))
            db.execute("UPDATE followups SET status = 'open' WHERE contact_id = ? AND status = 'paused'", (contact["id"],))
            at = f" at {event}" if event else ""
            self._add(db, contact["id"], interaction, when + timedelta(days=1), "thank-you",
                      f"Thank {name} for the conversation{at}; mention something they said")
            for promise in promises:
                self._add(db, contact["id"], interaction, when + timedelta(days=self.promise_days), "promise",
                          f"Do what you promised {name}: {promise}")
            for promise in their_promises:
                self._add(db, contact["id"], interaction, when + timedelta(days=14), "their-promise",
                          f"Check whether {name} sent what they offered: {promise}")
            if intro is not None:
                self._add(db, intro["id"], interaction, when + timedelta(days=1), "thank-introducer",
                          f"Circle back to thank {intro['name']} for introducing you to {name}; say how it went")
            self._keep_in_touch(db, contact["id"], when, strength or contact["strength"])
        return interaction

    def replied(self, name: str, *, day: date | str | None = None, company: str | None = None, note: str = "",
                signal: str | None = None) -> None:
        """They answered: the unanswered count resets, a dormant contact wakes up, paused reminders resume."""
        when = _day(day)
        with self.transaction() as db:
            contact = self._require(name, company)
            db.execute("INSERT INTO interactions (contact_id, day, kind, notes, signal, created_at)"
                       " VALUES (?, ?, 'replied', ?, ?, ?)", (contact["id"], when.isoformat(), note, signal, _now()))
            db.execute("UPDATE contacts SET unanswered = 0, dormant = 0, updated_at = ? WHERE id = ?", (_now(), contact["id"]))
            db.execute("UPDATE followups SET status = 'open' WHERE contact_id = ? AND status = 'paused'", (contact["id"],))
            self._keep_in_touch(db, contact["id"], when, contact["strength"])

    def done(self, followup_id: int, *, day: date | str | None = None) -> sqlite3.Row:
        """Mark a follow-up done. A note you sent counts as unanswered until they reply; after
        ``stop_after`` of them the contact goes dormant and their open reminders pause."""
        when = _day(day)
        with self.transaction() as db:
            item = db.execute("SELECT * FROM followups WHERE id = ?", (followup_id,)).fetchone()
            if item is None:
                raise PrepError(f"no follow-up with id {followup_id} (see prep due --all)")
            if item["status"] == "done":
                return item
            db.execute("UPDATE followups SET status = 'done', attempts = attempts + 1, done_at = ? WHERE id = ?",
                       (when.isoformat(), followup_id))
            contact = db.execute("SELECT * FROM contacts WHERE id = ?", (item["contact_id"],)).fetchone()
            db.execute("INSERT INTO interactions (contact_id, day, kind, notes, created_at) VALUES (?, ?, 'sent', ?, ?)",
                       (contact["id"], when.isoformat(), item["what"], _now()))
            if item["kind"] in OUTREACH:
                unanswered = contact["unanswered"] + 1
                dormant = unanswered >= self.stop_after
                db.execute("UPDATE contacts SET unanswered = ?, dormant = ?, updated_at = ? WHERE id = ?",
                           (unanswered, int(dormant), _now(), contact["id"]))
                if dormant:
                    db.execute("UPDATE followups SET status = 'paused' WHERE contact_id = ? AND status = 'open'",
                               (contact["id"],))
                elif item["kind"] == "keep-in-touch":
                    self._keep_in_touch(db, contact["id"], when, contact["strength"])
            return item

    def _add(self, db, contact_id: int, interaction_id: int | None, due: date, kind: str, what: str) -> None:
        db.execute("INSERT INTO followups (contact_id, interaction_id, due, kind, what, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   (contact_id, interaction_id, due.isoformat(), kind, what, _now()))

    def _keep_in_touch(self, db, contact_id: int, after: date, strength: str) -> None:
        """One open keep-in-touch per contact, ``cadence[strength]`` days after the last contact."""
        db.execute("UPDATE followups SET status = 'cancelled' WHERE contact_id = ? AND kind = 'keep-in-touch'"
                   " AND status IN ('open', 'paused')", (contact_id,))
        name = db.execute("SELECT name FROM contacts WHERE id = ?", (contact_id,)).fetchone()["name"]
        days = self.cadence.get(strength, DEFAULT_CADENCE["weak"])
        self._add(db, contact_id, None, after + timedelta(days=days), "keep-in-touch",
                  f"Keep in touch with {name}: share something useful or ask how it is going ({strength} tie, every {days} days)")

    # -- reading ------------------------------------------------------------------------------------
    def due(self, *, today: date | str | None = None, days: int = 0, everything: bool = False) -> list[Due]:
        """Open follow-ups due by ``today + days`` (all open ones with ``everything``); dormant contacts are left out."""
        today = _day(today)
        limit = "9999-12-31" if everything else (today + timedelta(days=days)).isoformat()
        rows = self.db.execute(
            "SELECT f.id, f.due, f.kind, f.what, c.name, c.company, c.email FROM followups f JOIN contacts c"
            " ON c.id = f.contact_id WHERE f.status = 'open' AND c.dormant = 0 AND f.due <= ? ORDER BY f.due, f.id",
            (limit,)).fetchall()
        return [Due(r["id"], r["due"], r["kind"], r["what"], r["name"], r["company"], r["email"],
                    r["due"] < today.isoformat()) for r in rows]

    def dormant(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM contacts WHERE dormant = 1 ORDER BY name").fetchall()

    def timeline(self, name: str | None = None) -> list[sqlite3.Row]:
        """Every interaction (and open follow-up) per contact, oldest first."""
        query = ("SELECT c.name, c.company, i.day, i.kind AS what_kind, i.event, i.notes, i.signal, i.i_promised,"
                 " i.they_promised FROM interactions i JOIN contacts c ON c.id = i.contact_id"
                 " UNION ALL SELECT c.name, c.company, f.due, 'due: ' || f.kind, '', f.what, NULL, '', ''"
                 " FROM followups f JOIN contacts c ON c.id = f.contact_id WHERE f.status = 'open'")
        rows = self.db.execute(f"SELECT * FROM ({query}) ORDER BY name, day").fetchall()
        return [r for r in rows if name is None or normalize_name(r["name"]) == normalize_name(name)]

    # -- exports (prep.track.exports) ----------------------------------------------------------------------
    def to_ics(self, path: str | Path, *, today: date | str | None = None) -> int:
        from .exports import to_ics

        return to_ics(self, path, today=today)

    def to_csv(self, path: str | Path, *, today: date | str | None = None) -> int:
        from .exports import to_csv

        return to_csv(self, path, today=today)

    def to_vcard(self, path: str | Path) -> int:
        from .exports import to_vcard

        return to_vcard(self, path)

    # -- keeping and forgetting -----------------------------------------------------------------------
    def backup(self, target: str | Path, *, overwrite: bool = False) -> Path:
        """A consistent copy of the database, even while other processes write to it. An existing file is
        replaced only with ``overwrite``; a folder gets ``tracker-backup-<date>.sqlite`` inside it."""
        target = Path(target).expanduser()
        if target.is_dir():
            target = target / f"tracker-backup-{date.today().isoformat()}.sqlite"
        if target.exists() and not overwrite:
            raise PrepError(f"{target}: already exists; choose another name (or pass --force to replace it)")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise PrepError(f"{target}: cannot write the backup there: {err.strerror or err}") from err
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(partial)
        try:
            self.db.backup(copy)
        finally:
            copy.close()
        os.replace(partial, target)
        return target

    def forget_contact(self, name: str, company: str | None = None) -> list[dict]:
        """Delete everyone called ``name`` (at ``company``) with their interactions and follow-ups."""
        rows = self.db.execute("SELECT * FROM contacts WHERE person_key LIKE ? ESCAPE '\\'",
                               (_like_prefix(normalize_name(name)) + "|%",)).fetchall()
        if company:
            rows = [r for r in rows if r["person_key"] == person_key(name, company)]
        removed = []
        with self.transaction() as db:
            for row in rows:
                counts = {t: db.execute(f"SELECT COUNT(*) FROM {t} WHERE contact_id = ?", (row["id"],)).fetchone()[0]
                          for t in ("interactions", "followups")}
                db.execute("DELETE FROM contacts WHERE id = ?", (row["id"],))
                removed.append({"name": row["name"], "company": row["company"], **counts,
                                "urls": [u for u in [row["linkedin"], *row["links"].split("\n")] if u]})
        return removed


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
