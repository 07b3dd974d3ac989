"""Sessions from an HTML agenda of any layout: tables, day/time/room grids, rows of divs, lists.

A visitor reads an agenda by its times: each time of day ("9:30", "10:25am", "14:00 - 14:45") that
stands alone in a cell starts a row, and what the row holds beside it are that slot's sessions, one per
cell or column. In a session the heading (or bold line) is the title, links to people's pages and
names after "by", "with" or a dash are the speakers, a short italic or small line is the room. The day
is the nearest date above the row (a day heading "Saturday, November 10", a tab "tab-2019-02-08");
its year, when the page does not say it, comes from the event (see :func:`complete_times`). Breaks,
meals and registration are not sessions.
"""
from __future__ import annotations

import re
from datetime import date

from ..htmltree import html_tree
from ..names import TALK_LABEL, clean_space, looks_like_person_name
from ..urls import follow
from . import Parsed, register
from .event_facts import _MONTH

AGENDA_WORDS = re.compile(r"schedule|agenda|program|timetable|cronograma|horaire|programma|zeitplan|fahrplan|"
                          r"calendario|horario|itinerary", re.I)
TIME = r"(?:[01]?\d|2[0-3])[:.h][0-5]\d\s*(?:[ap]\.?m\.?)?|(?:1[0-2]|0?[1-9])\s*[ap]\.?m\.?"
TIME_CELL = re.compile(rf"^\s*(?P<start>{TIME})(?:\s*(?:[-–—]|to|a|bis)\s*(?P<end>{TIME}))?\s*(?:h|uhr)?\s*$", re.I)
NOT_SESSIONS = re.compile(r"\b(registration|registro|check-?in|break|coffee|lunch|almuerzo|pausa|pause|refrigerio|"
                          r"dinner|breakfast|snack|networking break|venue (opens|closes)|doors open|cena|pranzo|"
                          r"mittag|kaffee|drinks|reception|cocktail|transfer|free time|tbd|tba)\b", re.I)
LABEL = TALK_LABEL
BY = re.compile(r"(?:^|\s)(?:by|with|con|avec|mit|di|par|por)\s+(?P<names>[^()\n]+?)(?:\s*\(|$)", re.I)
BY_PARTS = re.compile(r"(?:^|[\s|])(?:by|with|con|avec|mit|par|por)\s*\|?\s*(?P<names>[^()|\n]+)", re.I)
BY_IN_TITLE = re.compile(r"\s(?:by|por|par|von|di)\s+(?P<names>[^()\n]+?)(?:\s*\(|$)")  # "with" is part of titles
DASH_NAMES = re.compile(r"\s[—–-]\s(?P<names>[^—–()]+?)(?:\s*\(.*\))?$")
DAY_ID = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)")
_MONTHS = "|".join(sorted(_MONTH, key=len, reverse=True))
DAY_TEXT = re.compile(rf"\b(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>[0-3]?\d)\b|\b(?P<d2>[0-3]?\d)\.?\s+(?:de\s+)?(?P<m2>{_MONTHS})\b)"
                      rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?", re.I)
BLOCK = {"div", "td", "th", "li", "p", "section", "article", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"}


def detect(text: str, url: str, kind: str) -> float:
    if kind != "html" or not AGENDA_WORDS.search(url + " " + text[:3000]):
        return 0.0
    # "09:<small>00</small>" is 09:00 on screen; a cell, line or block ends a word ("2030</h2><td>09:00")
    visible = re.sub(r"<[^>]*>", "", re.sub(r"</?(?:td|th|tr|br|p|div|li|h\d|section|article)\b[^>]*>", " ",
                                          text[:500_000], flags=re.I))
    return 0.35 if len(re.findall(rf"(?<![\d:])(?:{TIME})(?![\d:])", visible)) >= 4 else 0.0


@register("agenda", detect)
def parse(text: str, url: str) -> Parsed:
    root = html_tree(text)
    for junk in root.xpath("//script|//style|//noscript|//template|//nav|//footer|//head"):
        junk.drop_tree()
    cells = [(cell, day, TIME_CELL.match(clean_space(cell.text_content()))) for cell, day in _time_cells(root)]
    # The page's clock, decided once for all its rows: any hour past 12 means 24-hour times throughout;
    # otherwise "1:15" with no am/pm is the afternoon.
    twelve_hour = not any(int(re.match(r"\d+", m[g])[0]) > 12 for _, _, m in cells for g in ("start", "end") if m[g])
    sessions = []
    for cell, day, match in cells:
        row, items = _row(cell)
        if row is None:
            continue
        start, end = _clock(match["start"], twelve_hour), _clock(match["end"], twelve_hour) if match["end"] else ""
        for item in items:
            for session in _sessions(item, url):
                session.update(_when(day, start, end))
                sessions.append(session)
    return Parsed(sessions=sessions, reader="agenda")


def complete_times(sessions: list[dict], info: dict) -> None:
    """Give sessions read without a year (or without a day, on a one-day event) the event's dates."""
    first = str(info.get("start") or "")[:10]
    one_day = first and first == str(info.get("end") or first)[:10]
    for s in sessions:
        clock, month_day = s.pop("_clock", ""), s.pop("_month_day", None)
        if s.get("start") or not clock:
            continue
        if month_day and first[:4].isdigit():
            try:
                s["day"] = date(int(first[:4]), *month_day).isoformat()
            except ValueError:
                continue
        elif one_day:
            s["day"] = first
        if s.get("day"):
            s["start"] = f"{s['day']}T{clock}"
            s["end"] = f"{s['day']}T{s.pop('_end_clock')}" if s.get("_end_clock") else ""
        s.pop("_end_clock", None)


def _time_cells(root):
    """(time cell, the day it belongs to) in page order; the day is the last date seen above it (an
    element id such as "tab-2019-02-08", or a heading such as "Saturday, November 10")."""
    day, taken = None, set()  # ids of the cells yielded, which stay alive (lxml reuses ids of dropped proxies)
    cells = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        marked = DAY_ID.search(el.get("id") or "")
        if marked:
            day = int(marked["y"]), int(marked["m"]), int(marked["d"])
        elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "caption"):
            day = _date_in(el) or day
        if el.tag in BLOCK | {"span", "strong", "b", "time", "small"}:
            text = clean_space(el.text_content())
            if len(text) <= 24 and TIME_CELL.match(text) and not any(id(a) in taken for a in el.iterancestors()):
                cells.append(el)
                taken.add(id(el))
                yield el, day


def _row(cell):
    """The row a time cell starts, and its session cells: the siblings after the time's column."""
    node = cell
    while node.getparent() is not None:
        parent = node.getparent()
        rest = [c for c in parent if c is not node and isinstance(c.tag, str) and clean_space(c.text_content())]
        if rest:
            after = [c for c in rest if _follows(c, node)] or rest
            if len(after) == 1 and after[0].tag not in ("td", "th"):
                inner = [c for c in after[0] if isinstance(c.tag, str) and c.tag in ("div", "td", "li", "article", "section")
                         and clean_space(c.text_content())]
                if len(inner) >= 2 and all(_has_title(c) for c in inner):
                    return parent, inner  # parallel tracks side by side in one cell
            return parent, after
        node = parent
        if node.tag in ("body", "table", "tbody"):
            return None, []
    return None, []


def _follows(el, anchor) -> bool:
    parent = anchor.getparent()
    return list(parent).index(el) > list(parent).index(anchor)


def _has_title(el) -> bool:
    return el.find(".//h2") is not None or el.find(".//h3") is not None or el.find(".//h4") is not None or \
        el.find(".//strong") is not None or el.find(".//b") is not None


def _sessions(item, url: str) -> list[dict]:
    """The sessions of one cell: usually one; several when the cell lists "Title by Name" more than once."""
    titles = [el for el in item.iter("a", "strong", "b", "em") if re.match(r"\s*(by|por|par|von)\s", el.tail or "")
              and not _is_person_link(el)]
    if len(titles) < 2:
        return [s] if (s := _session(item, url)) else []
    out = []
    for el in titles:
        after = el.tail.split(None, 1)[1] if len((el.tail or "").split(None, 1)) > 1 else ""
        name_el = el.getnext()
        names = _names(clean_space(after) or (clean_space(name_el.text_content()) if name_el is not None else ""))
        title = LABEL.sub("", clean_space(el.text_content()).strip(" ."))
        if title and not NOT_SESSIONS.match(title):
            out.append({"title": title, "speakers": names, "room": "", "abstract": "", "type": "", "track": "",
                        "source_url": url})
    return out


def _session(item, url: str) -> dict | None:
    title_el = _title_element(item)
    lines = [clean_space(t) for t in item.itertext() if clean_space(t)]
    title = clean_space(title_el.text_content()) if title_el is not None else (lines[0] if lines else "")
    person_links = [a for a in item.iter("a") if _is_person_link(a) and (title_el is None or not _inside(a, title_el))]
    speakers = [clean_space(a.text_content()) for a in person_links]
    # each speaker's page: the schedule may shorten a name ("Diego Peña Ramirez") that the page spells whole
    pages = {clean_space(a.text_content()): follow(a.get("href") or "", url) or "" for a in person_links}
    by, dash = BY_IN_TITLE.search(title), _labelled_dash(title)
    if by or dash:  # "Morning Keynote by Jessica McKellar", "Keynote: — Eric Evans"
        found = by or dash
        names = _names(found["names"])
        if names:
            speakers = speakers or names
            rest = clean_space(title[:found.start()]).rstrip(" :—–-")
            # "Keynote by Ann Lee" names its keynote only so: it stays whole; "Keynote: — Ann Lee" is "Keynote"
            title = title if by and rest.casefold() == "keynote" else rest or title
    if not speakers:  # "<a>Title</a> by <strong>Ann Lee</strong> <span>Main Hall</span>": text nodes as parts
        parts = " | ".join(line for line in lines if line not in title)
        speakers = next((n for m in BY_PARTS.finditer(parts) if (n := _names(m["names"]))), [])
    for speaker in speakers:  # "Error Elimination as a Design Driver — <a>Michael Feathers</a>"
        title = re.sub(rf"\s+[—–-]\s+{re.escape(speaker)}\s*$", "", title)
    title = LABEL.sub("", clean_space(title.strip(" .")))
    if not title or len(title) > 200 or TIME_CELL.match(title) or NOT_SESSIONS.match(title) \
            or (len(title.split()) <= 5 and NOT_SESSIONS.search(title)):
        return None
    room = next((clean_space(e.text_content()) for e in item.iter("em", "i", "small")
                 if 2 < len(clean_space(e.text_content())) <= 50 and clean_space(e.text_content()) != title
                 and clean_space(e.text_content()) not in speakers), "")
    return {"title": title, "speakers": list(dict.fromkeys(speakers)), "room": room.split("•")[0].strip(),
            "abstract": "", "type": "", "track": "", "source_url": url,
            "speaker_pages": {name: page for name, page in pages.items() if page and name in speakers}}


TITLE_CLASS = re.compile(r"(^|[-_ ])(title|name|subject|topic)($|[-_ ])", re.I)


def _title_element(item):
    """The session's title: an element named for it, else a heading or bold text that is not a speaker's
    link; a bold label ("<strong>Hands-On Modeling:</strong> EventStorming") stands for its whole line."""
    named = [e for e in item.iter() if isinstance(e.tag, str) and e is not item
             and TITLE_CLASS.search(e.get("class") or "") and not re.search(r"speaker|author|time|room|person", e.get("class") or "", re.I)
             and clean_space(e.text_content())]
    if named:
        return named[0]
    headings = list(item.iter("h1", "h2", "h3", "h4", "h5", "h6")) + list(item.iter("strong", "b"))
    for el in headings:
        text = clean_space(el.text_content())
        if not text or _is_person_link(el):
            continue
        parent = el.getparent()
        if text.endswith(":") and parent is not None and parent is not item and len(clean_space(parent.text_content())) > len(text):
            return parent
        return el
    return None


def _inside(node, ancestor) -> bool:
    return node is ancestor or any(a is ancestor for a in node.iterancestors())


def _labelled_dash(title: str):
    """"Keynote: — Eric Evans", "Welcome — Paul Rayner": a dash after a short label, then names."""
    match = DASH_NAMES.search(title)
    if match and re.fullmatch(r"(keynote|welcome|opening|closing|intro\w*|panel|bienvenida|apertura|cierre)\W*",
                              title[:match.start()].strip(), re.I):
        return match
    return None


def _is_person_link(el) -> bool:
    """Is ``el`` (or the link around or inside it) a link to a person's page, labelled with their name?"""
    around = next((a for a in el.iterancestors() if a.tag == "a"), None)
    link = el if el.tag == "a" else around if around is not None else el.find(".//a")
    if link is None or clean_space(link.text_content()) != clean_space(el.text_content()):
        return False
    href = link.get("href") or ""
    return looks_like_person_name(clean_space(link.text_content())) and bool(
        re.search(r"speaker|ponente|people|person|profile|relator|referent|orateur|/@|user", href, re.I))


def _names(text: str) -> list[str]:
    """People's names written out in a line ("Tim Spurway & Mazdak Rezvani"): at least two words each,
    since one capitalised word after "by" is as often a product ("by Django") as a person."""
    parts = [clean_space(p) for p in re.split(r",|&|\band\b|\by\b|\bund\b|\bet\b", text) if clean_space(p)]
    return parts if parts and all(looks_like_person_name(p) and 2 <= len(p.split()) <= 5 for p in parts) else []


def _clock(text: str, twelve_hour: bool = True) -> str:
    """"10:25am" -> "10:25", "2.30 pm" -> "14:30", "9 am" -> "09:00"; on a 12-hour page, "1:15" -> "13:15"
    ("07:30", with its leading zero, stays)."""
    text = text.lower().replace(" ", "").replace(".", ":").replace("h", ":")
    pm, am = "p" in text, "a" in text
    digits = re.sub(r"[apm:]+$", "", re.sub(r"[ap]:?m:?$", "", text))
    hour_text, _, minute = digits.partition(":")
    hour, minute = int(hour_text), int(minute or 0)
    hour = hour + 12 if pm and hour < 12 else 0 if am and hour == 12 else hour
    if twelve_hour and not (pm or am) and len(hour_text) == 1 and 1 <= hour <= 7:
        hour += 12  # "1:15 - 2:00" on a 12-hour agenda without am/pm is the afternoon; "07:30" (24-hour) stays
    return f"{hour:02d}:{minute:02d}"


def _date_in(heading) -> tuple | None:
    m = DAY_TEXT.search(clean_space(heading.text_content()))
    if not m:
        return None
    return (int(m["y"]) if m["y"] else None), _MONTH[(m["m1"] or m["m2"]).lower()], int(m["d1"] or m["d2"])


def _when(day: tuple | None, start: str, end: str) -> dict:
    if day and day[0]:
        iso = date(*day).isoformat()
        return {"day": iso, "start": f"{iso}T{start}", "end": f"{iso}T{end}" if end else ""}
    return {"day": "", "start": "", "end": "", "_clock": start, "_end_clock": end,
            "_month_day": day[1:] if day else None}
