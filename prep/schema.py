"""The one place where every DataFrame prep produces is defined: columns, dtypes and meaning.

Every frame-producing function ends with :func:`conform`, so frames always have all their
columns in this order with these dtypes, even when empty. Multi-valued text fields (talks,
source URLs, reasons) are joined with newlines, which survive CSV round trips.
"""
from __future__ import annotations

import pandas as pd

S = "string"

#: One row per person at the event (speakers, attendees, organizers, sponsor contacts).
PEOPLE = {
    "person_id": S,    # stable hash of normalised name + company; the same across runs
    "name": S,         # as the page shows it, minus "(Company)" / "[Org]" suffixes
    "first_name": S,
    "last_name": S,
    "title": S,        # job title, from a structured field or a "Title at Company" tagline
    "company": S,
    "bio": S,
    "role": S,         # speaker | attendee | organizer | sponsor contact
    "talks": S,        # talk titles, one per line
    "email": S,
    "website": S,
    "linkedin": S,
    "x": S,            # X / Twitter profile URL
    "github": S,
    "mastodon": S,
    "other_links": S,  # further profile URLs, one per line
    "image_url": S,
    "profile_url": S,  # the person's page on the event site
    "source_url": S,   # every page the row was read from, one per line
}

#: One row per session (talk, keynote, workshop, breakout, panel).
SESSIONS = {
    "session_id": S,
    "title": S,
    "abstract": S,
    "start": S,        # ISO 8601 with UTC offset when the source gives one
    "end": S,
    "day": S,          # YYYY-MM-DD
    "room": S,
    "track": S,
    "type": S,         # talk | keynote | workshop | breakout | panel | ... as the source says
    "speakers": S,     # speaker names, one per line
    "speaker_ids": S,  # person_id of each speaker, one per line
    "source_url": S,
}

#: One row per organisation named by the event (sponsors, exhibitors, partners, organizer).
ORGANIZATIONS = {
    "org_id": S,
    "name": S,
    "kind": S,         # sponsor | exhibitor | partner | organizer
    "tier": S,
    "url": S,
    "domain": S,
    "logo_url": S,
    "source_url": S,
}

#: One row per researched company (see prep.research).
COMPANIES = {
    "company_id": S, "name": S, "normalized_name": S, "domain": S, "website": S, "description": S,
    "industry": S, "employees": "Int64", "size_band": S, "founded": S, "headquarters": S,
    "linkedin": S, "x": S, "github": S, "other_socials": S, "feed_url": S, "careers_url": S,
    "open_roles": S, "open_roles_count": "Int64", "domain_source": S, "sources": S, "fetched_at": S, "error": S,
}

#: Dated posts from each company's feed.
COMPANY_NEWS = {"company_id": S, "title": S, "url": S, "published": S, "summary": S}

#: The meeting plan (see prep.plan).
PRIORITIES = {
    "person_id": S, "name": S, "company": S, "score": "float64", "reasons": S, "commonalities": S,
    "offer": S, "approach": S, "where_to_meet": S, "starters": S, "outreach_subject": S,
    "outreach_body": S, "outside_industry": "boolean", "evidence": S,
}

SCHEMAS = {"people": PEOPLE, "sessions": SESSIONS, "organizations": ORGANIZATIONS,
           "companies": COMPANIES, "company_news": COMPANY_NEWS, "priorities": PRIORITIES}


def empty(entity: str) -> pd.DataFrame:
    """An empty frame with every column of ``entity`` and the right dtypes."""
    return conform(pd.DataFrame(), entity)


def conform(frame: pd.DataFrame | list[dict], entity: str) -> pd.DataFrame:
    """Return ``frame`` with exactly the columns of ``entity``, in order, with their dtypes.

    Missing columns are added empty; unknown columns are dropped; text is stripped.
    """
    schema = SCHEMAS[entity]
    frame = pd.DataFrame(frame) if not isinstance(frame, pd.DataFrame) else frame
    out = pd.DataFrame(index=frame.index)
    for column, dtype in schema.items():
        values = frame[column] if column in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="object")
        if dtype == S:
            values = values.astype("object").where(values.notna(), None).astype(S).str.strip()
            values = values.mask(values == "", pd.NA)
        elif dtype == "boolean":
            values = values.astype("boolean")
        else:
            values = pd.to_numeric(values, errors="coerce").astype(dtype)
        out[column] = values
    return out.reset_index(drop=True)
