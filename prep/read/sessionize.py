"""Sessionize public API JSON: "All" (sessions + speakers + rooms), speakers, and sessions views."""
from __future__ import annotations

from . import Parsed, register
from ._json import json_detect, load_json
from .taglines import split_tagline

_LINK_KINDS = {"linkedin": "linkedin", "twitter": "x", "x": "x", "github": "github", "blog": "website",
               "company_website": "website", "mastodon": "mastodon"}


def detect(text: str, url: str, kind: str) -> float:
    if "sessionize.com/api" in url:
        return 1.0
    if json_detect(text, '"fullName"') or json_detect(text, '"startsAt"', '"speakers"'):
        return 0.9
    return 0.0


@register("sessionize", detect)
def parse(text: str, url: str) -> Parsed:
    data = load_json(text, url)
    speakers, sessions, rooms = [], [], {}
    if isinstance(data, dict):
        speakers, sessions = data.get("speakers", []), data.get("sessions", [])
        rooms = {r.get("id"): r.get("name", "") for r in data.get("rooms", [])}
    elif data and isinstance(data[0], dict) and "fullName" in data[0]:
        speakers = data
    elif data and isinstance(data[0], dict) and "sessions" in data[0]:
        sessions = [s for group in data for s in group.get("sessions", [])]
    titles = {str(s.get("id")): s.get("title", "") for s in sessions}
    people = {}
    for sp in speakers:
        name = sp.get("fullName") or " ".join(filter(None, (sp.get("firstName"), sp.get("lastName"))))
        if not name:
            continue
        title, company = split_tagline(sp.get("tagLine"))
        answers = _answers(sp)
        title = title or answers.get("title", "")
        company = company or answers.get("company", "")
        record = {"name": name, "first_name": sp.get("firstName", ""), "last_name": sp.get("lastName", ""),
                  "title": title, "company": company, "bio": sp.get("bio") or "", "role": "speaker",
                  "image_url": sp.get("profilePicture") or "", "source_url": url, "links": {},
                  "talks": [titles.get(str(s if not isinstance(s, dict) else s.get("id")), "")
                            or (s.get("name", "") if isinstance(s, dict) else "") for s in sp.get("sessions", [])]}
        for link in sp.get("links") or []:
            kind = _LINK_KINDS.get(str(link.get("linkType", "")).lower(), "other")
            record["links"].setdefault(kind, link.get("url", ""))
        people[sp.get("id") or name] = record
    out = []
    for s in sessions:
        ids = [sid if isinstance(sid, str) else sid.get("id") for sid in s.get("speakers", [])]
        names = [people[i]["name"] if i in people else (sid.get("name", "") if isinstance(sid, dict) else "")
                 for i, sid in zip(ids, s.get("speakers", []))]
        out.append({"session_id": str(s.get("id", "")), "title": s.get("title", ""), "abstract": s.get("description") or "",
                    "start": s.get("startsAt") or "", "end": s.get("endsAt") or "", "day": (s.get("startsAt") or "")[:10],
                    "room": rooms.get(s.get("roomId")) or s.get("room") or "", "speakers": [n for n in names if n],
                    "type": "plenum" if s.get("isPlenumSession") else "talk", "source_url": url})
    return Parsed(people=list(people.values()), sessions=out, reader="sessionize")


def _answers(speaker: dict) -> dict:
    """Job title and company from the speaker's answers to custom questions ("Company", "Job Title")."""
    out = {}
    for qa in speaker.get("questionAnswers") or []:
        if not isinstance(qa, dict) or not isinstance(qa.get("answer"), str) or not qa["answer"].strip():
            continue
        question = str(qa.get("question") or qa.get("questionText") or "").lower()
        if any(w in question for w in ("company", "organization", "organisation", "employer", "affiliation")):
            out.setdefault("company", qa["answer"].strip())
        elif any(w in question for w in ("job title", "position", "role", "title")):
            out.setdefault("title", qa["answer"].strip())
    return out
