"""The tracker's schema, as ordered migrations: ``PRAGMA user_version`` says how many have run, and each
new one runs once on every existing database, all that are due in one transaction (never edit a released one)."""
from __future__ import annotations

MIGRATIONS = [
    # 1: the first schema
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        person_key TEXT NOT NULL UNIQUE,            -- normalised name | normalised company
        person_id TEXT,                             -- from a brief, when imported from one
        name TEXT NOT NULL,
        company TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        linkedin TEXT NOT NULL DEFAULT '',
        links TEXT NOT NULL DEFAULT '',             -- further profile URLs, one per line
        how_met TEXT NOT NULL DEFAULT '',
        where_met TEXT NOT NULL DEFAULT '',
        why TEXT NOT NULL DEFAULT '',               -- why you wanted to meet (from the brief's plan)
        strength TEXT NOT NULL DEFAULT 'weak' CHECK (strength IN ('strong', 'medium', 'weak')),
        notes TEXT NOT NULL DEFAULT '',             -- yours: imports never touch it
        source TEXT NOT NULL DEFAULT 'manual',      -- manual | brief:<slug>
        unanswered INTEGER NOT NULL DEFAULT 0,      -- follow-ups sent since they last replied
        dormant INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE interactions (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('met', 'replied', 'sent')),
        event TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        signal TEXT CHECK (signal IN ('positive', 'negative')),
        i_promised TEXT NOT NULL DEFAULT '',        -- one promise per line
        they_promised TEXT NOT NULL DEFAULT '',
        introduced_by INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE followups (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        interaction_id INTEGER REFERENCES interactions(id) ON DELETE SET NULL,
        due TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('thank-you', 'promise', 'thank-introducer', 'keep-in-touch', 'their-promise')),
        what TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'paused', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        done_at TEXT
    );
    CREATE INDEX followups_due ON followups(status, due);
    CREATE INDEX interactions_contact ON interactions(contact_id, day);
    """,
    # 2: importing a brief looks contacts up by person_id: without an index, 300k rows took minutes
    """
    CREATE INDEX contacts_person_id ON contacts(person_id);
    """,
]
