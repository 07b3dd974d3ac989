"""The one place where every DataFrame prep produces is defined: columns, dtypes and meaning.

Every frame-producing function ends with :func:`conform`, so frames always have all their
columns in this order with these dtypes, even when empty. Multi-valued text fields (talks,
source URLs, reasons) are joined with newlines, which survive CSV round trips.
"""
from __future__ import annotations

import pandas as pd

S = "string"
SOURCE = " — source: "  # ends every line of a plan that rests on a scraped fact: "... — source: URL"

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
    "edition": S,      # "" for this edition; a year or "past" for people under a past edition's heading
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

#: One row per researched company (see prep.research.companies). Unresolved companies stay, with the reason in ``error``.
COMPANIES = {
    "company_id": S,         # stable hash of the normalised name; joins company_news
    "name": S,               # as the event pages spell it (or the site's own name when only a URL was given)
    "normalized_name": S,    # join key: "Acme, Inc." == "ACME Inc" == "acme" (cleanco + fuzzy matching)
    "domain": S,             # host of the site, without "www."
    "website": S,            # the home page that was read
    "description": S,        # schema.org Organization, else the home page's own meta/OpenGraph description
    "industry": S,           # the site's Organization data, else Wikidata (--wikipedia), else read from its words
    "industry_evidence": S,  # the company's own sentence that decided its industry, when classified from its words
    "employees": "Int64",    # numberOfEmployees (a range gives its upper bound), else Wikidata
    "size_band": S,          # LinkedIn-style band of employees: 1-10, 11-50, ..., 10,001+
    "founded": S,            # foundingDate, else Wikidata inception (year)
    "headquarters": S,       # "City, Region, Country" from the Organization address
    "linkedin": S,           # company page URL (never a person's profile)
    "x": S,                  # X / Twitter profile URL
    "github": S,             # GitHub organisation URL
    "other_socials": S,      # further profiles (facebook, youtube, mastodon, ...), one per line
    "feed_url": S,           # the site's main RSS/Atom feed (<link rel="alternate">)
    "careers_url": S,        # careers page linked from the home page (or an applicant-tracking host)
    "open_roles": S,         # job titles (JobPosting JSON-LD or job-marked list items), one per line
    "open_roles_count": "Int64",  # number of open roles; 0 = the careers page lists none; empty = not known
    "domain_source": S,      # how the site was found: given | mapping | card link | card e-mail |
                             # event sponsor link | guessed, confirmed by page
    "sources": S,            # every page read, one per line
    "fetched_at": S,         # when the newest of those pages was fetched (UTC, ISO 8601)
    "error": S,              # why the company could not be (fully) researched
}

#: Dated posts from each company's feed, newest first.
COMPANY_NEWS = {
    "company_id": S,         # joins companies
    "title": S,
    "url": S,                # http(s) only
    "published": S,          # YYYY-MM-DD
    "summary": S,            # plain text (markup removed), at most 400 characters
}

#: The meeting plan (see prep.plan.meetings): one row per person to meet, best first. Every line of reasons,
#: commonalities, offer and starters ends with " — source: URL", the page the fact came from.
PRIORITIES = {
    "person_id": S,          # joins people
    "name": S,
    "company": S,
    "score": "float64",      # relevance (TF-IDF of what they said and do against your interests and goals)
                             # + targets + commonalities + an offer that fits; never the job title
    "industry": S,           # their company's industry, when known
    "why": S,                # the first reason, as plain text
    "why_source": S,         # the page it came from
    "reasons": S,            # why meet them, one per line, each ending "— source: URL"
    "commonalities": S,      # shared employers, schools, places, languages, communities, interests
    "offer": S,              # what you can offer them, and the need it answers
    "approach": S,           # warm introduction, congratulations, considerate notes
    "where_to_meet": S,      # their sessions (time, room) or the session on their topic; sponsor stand
    "starters": S,           # open questions about their work, one per line
    "outreach_subject": S,   # a draft that passes prep.plan.outreach.lint_outreach (empty: nothing shared yet)
    "outreach_body": S,
    "outside_industry": "boolean",  # their company's industry is known and not one of yours
    "evidence": S,           # every source URL the row draws on, one per line
}

SCHEMAS = {"people": PEOPLE, "sessions": SESSIONS, "organizations": ORGANIZATIONS,
           "companies": COMPANIES, "company_news": COMPANY_NEWS, "priorities": PRIORITIES}


def text(value) -> str:
    """A frame cell as text: "" for None, NA and NaN (missing values in any dtype)."""
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text: scraped text starting with = + - @ (or a tab or carriage return)
    would otherwise run as a formula (OWASP's CSV injection advice: prefix it with an apostrophe)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def spreadsheet_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a frame made :func:`spreadsheet_safe` (for CSV files opened in a spreadsheet)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith("string"):
            out[column] = out[column].map(spreadsheet_safe, na_action="ignore")
    return out


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
            values = values.astype(S).str.strip().replace("", pd.NA)  # None, NaN, NA and "" become <NA>
        elif dtype == "boolean":
            values = values.astype("boolean")
        else:
            values = pd.to_numeric(values, errors="coerce").astype(dtype)
        out[column] = values
    return out.reset_index(drop=True)
