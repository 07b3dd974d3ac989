"""pretalx: the REST API (speakers, talks/submissions, paginated), the schedule widget JSON,
the frab-compatible JSON export, and the public speaker list HTML."""
from __future__ import annotations

from urllib.parse import urljoin

from ..htmltree import html_tree
from ..names import clean_space, split_name_org
from ..urls import follow
from . import Parsed, register
from ._json import i18n, json_detect, load_json


def detect_json(text: str, url: str, kind: str) -> float:
    if json_detect(text, '"results"') and ("/api/events/" in url or '"submissions"' in text or '"biography"' in text):
        return 0.9
    if json_detect(text, '"talks"', '"speakers"', '"rooms"'):
        return 0.9
    if json_detect(text, '"schedule"', '"conference"', '"days"'):
        return 0.9
    return 0.0


@register("pretalx", detect_json)
def parse(text: str, url: str) -> Parsed:
    data = load_json(text, url)
    if isinstance(data, dict) and "results" in data:
        return _api(data, url)
    if isinstance(data, dict) and "talks" in data:
        return _widget(data, url)
    return _frab_json(data.get("schedule", data), url)


def _speaker(name: str, url: str, **extra) -> dict:
    clean, org = split_name_org(name)
    return {"name": clean, "company": org, "role": "speaker", "talks": [], "source_url": url, **extra}


def _api(data: dict, url: str) -> Parsed:
    parsed = Parsed(reader="pretalx")
    if isinstance(data.get("next"), str) and (nxt := follow(data["next"], url)):
        parsed.next_pages.append(nxt)
    for item in data.get("results", []):
        if "title" in item and "speakers" in item:  # a talk / submission
            slot = item.get("slot") or {}
            room = slot.get("room")
            parsed.sessions.append({
                "session_id": item.get("code"), "title": i18n(item.get("title")), "abstract": i18n(item.get("abstract")),
                "start": slot.get("start") or "", "end": slot.get("end") or "", "day": (slot.get("start") or "")[:10],
                "room": i18n(room.get("name", room) if isinstance(room, dict) else room),  # {"en": "Main"} too
                "track": i18n((item.get("track") or {}).get("name") if isinstance(item.get("track"), dict) else item.get("track")),
                "type": i18n((item.get("submission_type") or {}).get("name") if isinstance(item.get("submission_type"), dict) else item.get("submission_type")),
                "speakers": [split_name_org(s.get("name", ""))[0] for s in item.get("speakers", []) if isinstance(s, dict)],
                "source_url": url})
            for s in item.get("speakers", []):
                if isinstance(s, dict) and s.get("name"):
                    parsed.people.append(_speaker(s["name"], url, bio=s.get("biography") or "",
                                                  image_url=s.get("avatar") or s.get("avatar_url") or "",
                                                  talks=[i18n(item.get("title"))]))
        elif item.get("name"):
            parsed.people.append(_speaker(item["name"], url, bio=item.get("biography") or "",
                                          image_url=item.get("avatar") or item.get("avatar_url") or "",
                                          email=item.get("email") or ""))
    return parsed


def _widget(data: dict, url: str) -> Parsed:
    rooms = {r.get("id"): i18n(r.get("name")) for r in data.get("rooms", [])}
    tracks = {t.get("id"): i18n(t.get("name")) for t in data.get("tracks", [])}
    people = {s.get("code"): _speaker(s.get("name", ""), url, image_url=s.get("avatar") or "",
                                      bio=s.get("biography") or "") for s in data.get("speakers", []) if s.get("name")}
    sessions = []
    for talk in data.get("talks", []):
        title = i18n(talk.get("title"))
        codes = [c if isinstance(c, str) else c.get("code") for c in talk.get("speakers", []) or []]
        for code in codes:
            if code in people:
                people[code]["talks"].append(title)
        if title:
            sessions.append({"session_id": talk.get("code") or talk.get("id"), "title": title,
                             "abstract": i18n(talk.get("abstract")), "start": talk.get("start") or "",
                             "end": talk.get("end") or "", "day": (talk.get("start") or "")[:10],
                             "room": rooms.get(talk.get("room"), ""), "track": tracks.get(talk.get("track"), ""),
                             "speakers": [people[c]["name"] for c in codes if c in people], "source_url": url})
    info = {"name": i18n(data.get("event", {}).get("name")) if isinstance(data.get("event"), dict) else "",
            "timezone": data.get("timezone", "")}
    return Parsed(info=info, people=list(people.values()), sessions=sessions, reader="pretalx")


def _frab_json(schedule: dict, url: str) -> Parsed:
    conference = schedule.get("conference", {})
    people: dict[str, dict] = {}
    sessions = []
    for day in conference.get("days", []):
        rooms = day.get("rooms", {})
        for room_name, talks in (rooms.items() if isinstance(rooms, dict) else []):
            for talk in talks:
                names = []
                for person in talk.get("persons", []):
                    raw = person.get("public_name") or person.get("name") or person.get("full_public_name") or ""
                    if not raw.strip():
                        continue
                    key = person.get("code") or person.get("guid") or raw
                    record = people.setdefault(key, _speaker(raw, url, bio=person.get("biography") or "",
                                                             image_url=person.get("avatar") or ""))
                    record["talks"].append(talk.get("title", ""))
                    names.append(record["name"])
                start = talk.get("date", "")
                sessions.append({"session_id": talk.get("guid") or talk.get("id"), "title": talk.get("title", ""),
                                 "abstract": talk.get("abstract") or "", "start": start, "end": "",
                                 "day": day.get("date", start[:10]), "room": talk.get("room") or room_name,
                                 "track": talk.get("track") or "", "type": talk.get("type") or "",
                                 "speakers": names, "source_url": url})
    info = {"name": conference.get("title", ""), "start": conference.get("start", ""),
            "end": conference.get("end", ""), "timezone": conference.get("time_zone_name", ""),
            "url": conference.get("url", "")}
    return Parsed(info=info, people=list(people.values()), sessions=sessions, reader="pretalx")


def detect_html(text: str, url: str, kind: str) -> float:
    return 0.9 if kind == "html" and "pretalx-session" in text and "/speaker/" in text else 0.0


@register("pretalx-html", detect_html)
def parse_html(text: str, url: str) -> Parsed:
    root = html_tree(text)
    parsed = Parsed(reader="pretalx-html")
    seen = set()
    for info in root.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " pretalx-session-info ")]'):
        title = info.xpath('./*[contains(concat(" ", normalize-space(@class), " "), " title ")]')
        if not title:
            continue
        name, org = split_name_org(title[0].text_content())
        if not name or name in seen:
            continue
        seen.add(name)
        abstract = info.xpath('./*[contains(@class, "abstract")]')
        link = info.xpath("ancestor::a[@href][1]/@href")
        card = info.xpath('ancestor::*[contains(concat(" ", normalize-space(@class), " "), " pretalx-session ")][1]')
        image = card[0].xpath(".//img/@src") if card else []
        profile = follow(link[0], url) if link else None
        parsed.people.append({
            "name": name, "company": org, "role": "speaker",
            "bio": clean_space(abstract[0].text_content()) if abstract else "",
            "talks": [clean_space(li.text_content()) for li in info.xpath(".//li")],
            "image_url": urljoin(url, image[0]) if image and "avatar.svg" not in image[0] else "",
            "profile_url": profile or "", "source_url": url})
        if profile:
            parsed.profile_pages.append(profile)
    return parsed
