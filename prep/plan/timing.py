"""Timing: public holidays around the event, in its country (the holidays library), so that notes and
follow-ups are not sent into a long weekend."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .index import text_of


def holiday_notes(info: dict, window: int = 7) -> list[str]:
    """Public holidays within ``window`` days of the event, in the event's country (holidays library)."""
    import holidays
    from holidays.registry import COUNTRIES

    country = text_of(info.get("country"))
    start, end = _date(info.get("start")), _date(info.get("end")) or _date(info.get("start"))
    if not country or not start:
        return []
    code = country.upper() if len(country) in (2, 3) and country.isalpha() else None
    if code is None:
        wanted = re.sub(r"[^a-z]", "", country.lower())
        code = next((v[1] for v in COUNTRIES.values() if v[0].lower() == wanted), None)
    try:
        calendar = holidays.country_holidays(code, years=sorted({start.year, end.year, (end + timedelta(window)).year}))
    except (NotImplementedError, KeyError, TypeError):
        return []
    notes = []
    for day, name in sorted(calendar.items()):
        if start - timedelta(window) <= day <= end + timedelta(window):
            if start <= day <= end:
                where = "during the event"
            elif day < start:
                where = f"{(start - day).days} day{'s' if (start - day).days > 1 else ''} before the event"
            else:
                where = f"{(day - end).days} day{'s' if (day - end).days > 1 else ''} after the event"
            notes.append(f"{name} ({day:%A %d %B %Y}) is a public holiday in {country}, {where}: people may be away "
                         f"around it, so send notes and follow-ups before it or wait until after.")
    return notes


def _date(value) -> date | None:
    text = text_of(value)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None
