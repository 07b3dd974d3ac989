"""Your follow-ups for other tools: a calendar (ICS, all-day events with an alarm), a task list (CSV that
Trello, Asana and spreadsheets import; cells that a spreadsheet would run as formulas are defused) and
an address book (vCard). Each file is written atomically."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..layout import write_atomically
from ..schema import spreadsheet_safe

if TYPE_CHECKING:
    from .store import Tracker


def to_ics(tracker: Tracker, path: str | Path, *, today: date | str | None = None) -> int:
    """Open reminders (dormant contacts left out) as all-day calendar events with a 9:00 alarm."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//prep//follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "prep follow-ups")
    items = tracker.due(today=today, everything=True)
    for item in items:
        event = Event()
        event.add("uid", f"prep-followup-{item.id}@{tracker.path.stem}")
        event.add("dtstamp", datetime.now(timezone.utc))
        event.add("dtstart", date.fromisoformat(item.due))
        event.add("dtend", date.fromisoformat(item.due) + timedelta(days=1))
        event.add("summary", f"{item.kind.replace('-', ' ').capitalize()}: {item.name}")
        event.add("description", item.what + (f"\n{item.email}" if item.email else ""))
        event.add("categories", ["prep", item.kind])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.what)
        alarm.add("trigger", timedelta(hours=9))
        event.add_component(alarm)
        calendar.add_component(event)
    write_atomically(Path(path), calendar.to_ical())
    return len(items)


def to_csv(tracker: Tracker, path: str | Path, *, today: date | str | None = None) -> int:
    """Open reminders as CSV with the columns Trello, Asana and spreadsheets import (Name, Description, Due Date)."""
    items = tracker.due(today=today, everything=True)
    buffer = io.StringIO()
    out = csv.writer(buffer)
    out.writerow(["Name", "Description", "Due Date", "Status", "Contact", "Company", "Email", "Kind", "ID"])
    for item in items:
        out.writerow([spreadsheet_safe(v) for v in (f"{item.kind.replace('-', ' ').capitalize()}: {item.name}", item.what, item.due,
                      "overdue" if item.overdue else "open", item.name, item.company, item.email, item.kind, item.id)])
    write_atomically(Path(path), buffer.getvalue().encode("utf-8"))
    return len(items)


def to_vcard(tracker: Tracker, path: str | Path) -> int:
    """Every contact as a vCard 3.0 entry (name, organisation, title, e-mail, links, why and where you met)."""
    import vobject
    from nameparser import HumanName

    cards = []
    for c in tracker.contacts():
        card = vobject.vCard()
        card.add("fn").value = c["name"]
        parsed = HumanName(c["name"])
        card.add("n").value = vobject.vcard.Name(family=parsed.last or "", given=parsed.first or c["name"],
                                                  additional=parsed.middle or "")
        if c["company"]:
            card.add("org").value = [c["company"]]
        if c["title"]:
            card.add("title").value = c["title"]
        if c["email"]:
            email = card.add("email")
            email.value, email.type_param = c["email"], "INTERNET"
        for url in [c["linkedin"], *c["links"].split("\n")]:
            if url.startswith(("http://", "https://")):
                card.add("url").value = url
        note = "; ".join(x for x in (c["why"], f"met at {c['where_met']}" if c["where_met"] else "", c["notes"]) if x)
        if note:
            card.add("note").value = note
        cards.append(card.serialize())
    write_atomically(Path(path), "".join(cards).encode("utf-8"))
    return len(cards)
