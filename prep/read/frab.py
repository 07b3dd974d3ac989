"""frab / pentabarf schedule XML (FOSDEM, CCC "Fahrplan"), parsed with defusedxml."""
from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ..errors import ParseError
from ..names import clean_space
from . import Parsed, register


def detect(text: str, url: str, kind: str) -> float:
    head = text[:4000]
    return 0.95 if "<schedule" in head and ("<day" in text[:20000] or "<conference" in head) else 0.0


@register("frab", detect)
def parse(text: str, url: str) -> Parsed:
    try:
        root = ElementTree.fromstring(text.encode("utf-8"), forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException as err:
        raise ParseError(url, f"refused: the XML declares entities ({type(err).__name__}), a known attack") from err
    except XMLSyntaxError as err:
        line, column = err.position
        raise ParseError(url, f"malformed XML: {err}", position=f"line {line}, column {column}") from err
    conference = root.find("conference")
    info = {}
    if conference is not None:
        info = {"name": _text(conference, "title"), "start": _text(conference, "start"),
                "end": _text(conference, "end"), "url": url if url.startswith("http") else "",
                "timezone": _text(conference, "time_zone_name")}
    people: dict[str, dict] = {}
    sessions = []
    for day in root.iter("day"):
        for room in day.iter("room"):
            for event in room.iter("event"):
                speakers = []
                for person in event.iter("person"):
                    name = clean_space(person.text)
                    if not name:
                        continue
                    speakers.append(name)
                    record = people.setdefault(name.casefold(), {"name": name, "role": "speaker", "talks": [],
                                                                  "source_url": url, "source_key": person.get("id")})
                    record["talks"].append(_text(event, "title"))
                start, end = _times(event, day.get("date", ""))
                sessions.append({
                    "session_id": event.get("guid") or event.get("id"), "title": _text(event, "title"),
                    "abstract": _text(event, "abstract") or _text(event, "description"),
                    "start": start, "end": end, "day": day.get("date", "")[:10],
                    "room": _text(event, "room") or room.get("name", ""), "track": _text(event, "track"),
                    "type": _text(event, "type"), "speakers": speakers, "source_url": url})
    return Parsed(info=info, people=list(people.values()), sessions=sessions)


def _text(node, tag: str) -> str:
    child = node.find(tag)
    return clean_space(child.text) if child is not None and child.text else ""


def _times(event, day: str) -> tuple[str, str]:
    stamp = _text(event, "date")
    try:
        start = datetime.fromisoformat(stamp) if stamp else datetime.fromisoformat(f"{day[:10]}T{_text(event, 'start')}")
    except ValueError:
        return "", ""
    hours, _, minutes = _text(event, "duration").partition(":")
    try:
        end = start + timedelta(hours=int(hours or 0), minutes=int((minutes or "0")[:2]))
    except ValueError:
        end = start
    return start.isoformat(), end.isoformat()
