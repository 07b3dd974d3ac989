"""Attendee CSV exports (Eventbrite, Luma, Meetup, generic), mapped by header names."""
from __future__ import annotations

import csv
import io
import re

from ..errors import ParseError
from ..names import clean_space, split_name_org
from . import Parsed, register

#: Canonical field -> header names seen in exports (compared lower-cased, without punctuation).
COLUMNS = {
    "name": ["name", "full name", "attendee name", "guest name", "attendee", "participant", "display name"],
    "first_name": ["first name", "firstname", "first_name", "given name", "attendee first name", "vorname"],
    "last_name": ["last name", "lastname", "last_name", "surname", "family name", "attendee last name", "nachname"],
    "email": ["email", "e-mail", "email address", "attendee email", "mail"],
    "title": ["job title", "title", "position", "role", "jobtitle", "what is your job title"],
    "company": ["company", "organization", "organisation", "company name", "employer", "affiliation", "org"],
    "website": ["website", "url", "homepage"],
    "linkedin": ["linkedin", "linkedin url", "linkedin profile"],
    "status": ["attendee status", "approval status", "status", "rsvp", "approval_status", "response"],
}


def _key(header: str) -> str:
    text = header.lower().replace("_", " ").replace("#", " number ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w ]+", " ", text)).strip()


_LOOKUP = {_key(alias): field for field, aliases in COLUMNS.items() for alias in aliases}
# "Order Name" is the buyer, who may not come; "Ticket Full Name" is the person who holds the ticket.
NOT_A_PERSON = {"event", "order", "session", "talk", "user", "username", "screen", "nick", "nickname",
                "badge", "promo", "discount", "host", "team", "table"}


_HONORIFIC = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|mx|miss|sir|dame)\.?\s+)+(?=\S+\s)", re.I)


def _field(header: str) -> str | None:
    """The field a column holds: a known header, else by its words ("Registrant First Name",
    "Company / Organization", "Job Title (optional)", "Attendee LinkedIn profile URL")."""
    key = _key(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    words = set(key.split())
    if words & NOT_A_PERSON or "ticket" in words and not words & {"full", "first", "last", "given", "family", "holder",
                                                                   "email", "mail"}:
        return None  # "Ticket Name" is the ticket type; "Ticket Full Name" its holder
    if "linkedin" in key:
        return "linkedin"
    if words & {"website", "homepage", "url", "site"}:
        return "website"
    if "mail" in key and not words & {"opt", "optin", "consent", "marketing", "subscribe"}:
        return "email"
    if words & {"company", "organization", "organisation", "employer", "affiliation", "org", "firm", "institution"}:
        return "company"
    if "name" in words and words & {"first", "given", "fore"}:
        return "first_name"
    if "name" in words and words & {"last", "family"} or "surname" in words:
        return "last_name"
    if words & {"job", "title", "position", "role", "jobtitle"}:
        return "title"
    if words & {"status", "rsvp"}:
        return "status"
    if "name" in words:
        return "name"
    return None


def detect(text: str, url: str, kind: str) -> float:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if kind == "csv" or url.lower().endswith((".csv", ".tsv")):
        return 0.95
    if kind in ("json", "xml") or first.lstrip().startswith(("<", "{", "[")):
        return 0.0
    if first.count(",") >= 2 and any(_field(h) for h in first.split(",")):
        return 0.6
    return 0.0


@register("attendee-csv", detect)
def parse(text: str, url: str) -> Parsed:
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ParseError(url, "empty CSV: no header row") from None
    mapping = {}
    for index, column in enumerate(header):
        field = _field(column)
        if field and field not in mapping:
            mapping[field] = index
    if "name" not in mapping and not {"first_name", "last_name"} & mapping.keys():
        raise ParseError(url, "no name column: need one of 'Name', 'Full Name', 'First Name'/'Last Name'; "
                              f"found columns {', '.join(repr(h) for h in header)}", position="line 1")
    people = []
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) + 1:
            raise ParseError(url, f"row has {len(row)} fields but the header has {len(header)}", position=f"line {line_no}")
        get = lambda f: clean_space(row[mapping[f]]) if f in mapping and mapping[f] < len(row) else ""  # noqa: E731
        first, last, name = get("first_name"), get("last_name"), get("name")
        if not name:
            name = clean_space(f"{first} {last}")
        elif "," in name and not first and not last:  # "Okafor, Chidi"
            last, _, first = (p.strip() for p in name.partition(","))
            name = f"{first} {last}".strip()
        name, org = split_name_org(name)  # "Ben Okafor (Acme GmbH)"
        name = _HONORIFIC.sub("", name)
        if not name:
            continue
        people.append({"name": name, "first_name": first, "last_name": last, "email": get("email"),
                       "title": get("title"), "company": get("company") or org, "role": "attendee",
                       "links": {k: get(k) for k in ("website", "linkedin") if get(k)},
                       "status": get("status"), "source_url": url})
    return Parsed(people=people, reader="attendee-csv")
