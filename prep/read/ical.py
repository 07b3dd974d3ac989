"""iCalendar schedules (``.ics``: pretalx, Sessionize, Indico and calendar exports), one session per VEVENT.

Speakers come from the event's ATTENDEE and CHAIR names where the calendar has them, else, in a
pretalx export (its PRODID says so), from the summary ("Title - Ada Lovelace, Alan Turing"), else from
a "Speaker(s):" or "by ..." line of the description, else from ORGANIZER names when they change from
session to session (a calendar of one organiser names its owner there, not speakers). Parsed with
icalendar.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..errors import ParseError
from ..names import PLACEHOLDERS, clean_space, looks_like_person_name
from ..urls import follow
from . import Parsed, register

SPEAKER_LINE = re.compile(r"^\s*(?:speakers?|presenters?|presented by|hosts?|by|with)\s*[:\-–]?\s+(.+)$", re.I | re.M)


def detect(text: str, url: str, kind: str) -> float:
    return 0.95 if "BEGIN:VCALENDAR" in text[:2000].upper() else 0.0


@register("ical", detect)
def parse(text: str, url: str) -> Parsed:
    from icalendar import Calendar  # here, not at the top: only calendars need it

    try:
        calendar = Calendar.from_ical(text)
    except ValueError as err:
        raise ParseError(url, f"malformed iCalendar: {err}") from err
    people: dict[str, dict] = {}
    sessions = []
    pretalx = "//pretalx//" in str(calendar.get("PRODID", "")).lower()
    events = calendar.walk("VEVENT")
    hosts = _hosts_by_organizer(events)
    for event in events:
        start, end = _when(event)
        summary = clean_space(str(event.get("SUMMARY", "")))
        title, speakers = _speakers(event, summary, pretalx)
        speakers = speakers or (_organizer_names(event) if hosts else [])
        for name in speakers:
            record = people.setdefault(name.casefold(), {"name": name, "role": "speaker", "talks": [], "source_url": url})
            record["talks"].append(title)
        categories = event.get("CATEGORIES")
        sessions.append({"session_id": str(event.get("UID", "")), "title": title,
                         "abstract": clean_space(str(event.get("DESCRIPTION", ""))), "start": start, "end": end,
                         "day": start[:10], "room": clean_space(str(event.get("LOCATION", ""))),
                         "track": ", ".join(_categories(categories)), "type": "", "speakers": speakers,
                         "source_url": follow(str(event.get("URL", "")), url) or url})  # http(s) only
    days = sorted(s["day"] for s in sessions if s["day"])
    info = {"name": clean_space(str(calendar.get("X-WR-CALNAME", ""))), "start": days[0] if days else "",
            "end": days[-1] if days else "", "url": url if url.startswith("http") else "",
            "timezone": clean_space(str(calendar.get("X-WR-TIMEZONE", "")))}
    return Parsed(info=info, people=list(people.values()), sessions=sessions, reader="ical")


def _when(event) -> tuple[str, str]:
    try:
        start = event.decoded("DTSTART", None)
        end = event.decoded("DTEND", None)
        if end is None and start is not None and event.get("DURATION") is not None:
            end = start + event.decoded("DURATION")
    except (ValueError, TypeError):  # one unreadable time leaves that session without one
        return "", ""
    start, end = (v if isinstance(v, date) else None for v in (start, end))  # icalendar keeps broken values as text
    if isinstance(start, date) and not isinstance(start, datetime) and isinstance(end, date):
        end = end - timedelta(days=1)  # an all-day event's DTEND is the day after
    return (start.isoformat() if start is not None else "", end.isoformat() if end is not None else "")


def _speakers(event, summary: str, pretalx: bool) -> tuple[str, list[str]]:
    """(the session's title, its speakers' names)."""
    named = []
    attendees = event.get("ATTENDEE") or []
    for value in attendees if isinstance(attendees, list) else [attendees]:
        if str(value.params.get("ROLE", "REQ-PARTICIPANT")).upper() in ("CHAIR", "REQ-PARTICIPANT"):
            name = clean_space(str(value.params.get("CN", "")).strip('"'))
            if looks_like_person_name(name):
                named.append(name)
    if named:
        return summary, list(dict.fromkeys(named))
    title, sep, tail = summary.rpartition(" - ")
    if pretalx and sep and title and (names := _names(tail)):
        return title.strip(), names
    match = SPEAKER_LINE.search(str(event.get("DESCRIPTION", "")))
    if match and (names := _names(match.group(1))):
        return summary, names
    return summary, []


def _organizer_names(event) -> list[str]:
    """The people in an event's ORGANIZER name ("Ann Lee, Bob Ray"), without the literal "\\n" some exports
    leave. A CN is a name by construction, so aliases stay as given ("fabio carletti aka Ryuw")."""
    value = event.get("ORGANIZER")
    cn = getattr(value, "params", {}).get("CN", "")
    parts = cn if isinstance(cn, list) else re.split(r",|;|\band\b|\bund\b|&", str(cn))
    names = [clean_space(str(p).strip().strip('"').replace("\\n", " ")) for p in parts]
    return [n for n in names if n and n.casefold() not in PLACEHOLDERS and len(n.split()) <= 8
            and re.search(r"[^\W\d_]", n) and not re.search(r"https?:|@|\w\.\w{2,4}$", n)]


def _hosts_by_organizer(events) -> bool:
    """Does this calendar name each session's host in ORGANIZER? Yes when the organisers vary from event to
    event (a calendar of one organiser names the event's owner there, not its speakers)."""
    names = [tuple(_organizer_names(e)) for e in events]
    distinct = {n for n in names if n}
    return len(distinct) >= 3 and len(distinct) >= len(events) / 4


def _names(text: str) -> list[str]:
    """ "Ada Lovelace, Alan Turing and Grace Hopper" -> the three names; [] unless every part is a name."""
    parts = [clean_space(p) for p in re.split(r",|;|&|\band\b|\bund\b", text) if clean_space(p)]
    return parts if parts and all(looks_like_person_name(p) and len(p.split()) <= 4 for p in parts) else []


def _categories(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value is not None else []
    out = []
    for item in values:
        cats = getattr(item, "cats", None)
        out += [clean_space(str(c)) for c in (cats if cats is not None else [item])]
    return [c for c in out if c]
