"""Who is who across an event's pages: one person read on several pages (a listing, a schedule that shortens
their name, their own page, a second list) is one person; a name that is a talk, a sponsor or someone not
coming is nobody to plan for. Pure functions of the records the readers return.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .. import read as readers
from ..names import clean_space, normalize_company, normalize_name
from ..urls import bare_host
from . import frames as shape


def page_key(url: str) -> str:
    parts = urlsplit(url or "")
    return (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/").lower()


def speakers_by_page(parts: list[readers.Parsed]) -> None:
    """One person's page is one person: a schedule's speaker, or a second list's card, that links to a
    person's page is that person, spelled as the first list that links it spells them ("Diego Peña
    Ramirez" in the agenda is "Diego Camilo Peña Ramirez" of /speakers/diego-pena/)."""
    owners: dict[str, str] = {}
    shared: set[str] = set()  # a page several people of one list link (the list itself, a modal): no one's
    for part in parts:
        names: dict[str, set] = {}
        for person in part.people:
            if person.get("profile_url"):
                names.setdefault(page_key(person["profile_url"]), set()).add(normalize_name(person["name"]))
        shared |= {page for page, who in names.items() if len(who) > 1}
    for person in (p for part in parts for p in part.people if p.get("profile_url")):
        page = page_key(person["profile_url"])
        if page not in shared:
            person["name"] = owners.setdefault(page, person["name"])
    for session in (s for part in parts for s in part.sessions):
        pages = session.pop("speaker_pages", None) or {}
        if pages and owners:
            session["speakers"] = list(dict.fromkeys(owners.get(page_key(pages.get(name, "")), name)
                                                     for name in session.get("speakers") or []))
            session["_pages"] = {owners.get(page_key(page), name): page for name, page in pages.items()}


def unlisted_speakers(parts: list[readers.Parsed]) -> list[dict]:
    """Speakers a schedule names who are on no people list the user gave: people too."""
    listed = {normalize_name(p["name"]) for part in parts for p in part.people}
    out: dict[str, dict] = {}
    for session in (s for part in parts for s in part.sessions):
        for name in session.get("speakers") or []:
            if isinstance(name, str) and name.strip() and normalize_name(name) not in listed:
                out.setdefault(normalize_name(name), {"name": name, "role": "speaker", "talks": [],
                                                      "source_url": session.get("source_url", ""),
                                                      "profile_url": (session.get("_pages") or {}).get(name, "")})
                out[normalize_name(name)]["talks"].append(session.get("title", ""))
    return list(out.values())


_CANCELLED = re.compile(r"\b(cancell?ed|canceled|abgesagt|entfällt|cancelado|cancelada|annulée?|annullato|annullata)\b|"
                        r"\b(won't|will not|can't|cannot|unable to|no longer)\s+(be able to\s+)?(join|attend|make it|"
                        r"come|speak|present)\b", re.I)


def _cancelled(person: dict) -> bool:
    """A speaker the page says is not coming: every talk of theirs is marked cancelled ("Back to the 16bit
    Era -- CANCELLED"), or their text says so ("Cancelled: It looks like ... won't be able to join us")."""
    talks = [t for t in person.get("talks") or [] if isinstance(t, str) and t.strip()]
    if talks and all(_CANCELLED.search(t) for t in talks):
        return True
    return bool(_CANCELLED.search(person.get("bio") or "") and re.search(
        r"\bcancell?ed\s*:|\b(won't|will not|can't|cannot|unable to)\s+(be able to\s+)?(join|attend|make it|come)\b",
        person.get("bio") or "", re.I))


def name_logos_by_people(people: list[dict], organizations: list[dict]) -> None:
    """A sponsor logo with no name of its own ("progressive.png" linking progressivepartners.pl) takes the
    company name of people whose cards link the same site and whose company spells it ("Progressive Partners")."""
    by_site: dict[str, str] = {}
    for person in people:
        company = clean_space(person.get("company") or "")
        links = person.get("links") or {}
        for link in [links.get("website", ""), *(links.get("other") or [])]:
            host = bare_host(link) if isinstance(link, str) else ""
            label = re.sub(r"[^a-z0-9]", "", host.split(".")[0]) if host else ""
            squeezed = re.sub(r"[^a-z0-9]", "", company.lower())
            if label and len(label) >= 3 and company and (label in squeezed or squeezed in label):
                by_site.setdefault(host, company)
    for org in organizations:
        host = bare_host(org.get("url") or "")
        if org.pop("_weak_name", False) and host in by_site:
            org["name"] = by_site[host]


def without_organisations(people: list[dict], organizations: list[dict]) -> list[dict]:
    """People whose "name" is an organisation of the event (a sponsor, or someone's employer) are not people:
    a company-track page lists companies in the same cards as speakers."""
    firms = {normalize_company(o.get("name")) for o in organizations} | \
            {normalize_company(p.get("company")) for p in people  # not one's own name given as one's company
             if p.get("company") and normalize_company(p.get("company")) != normalize_company(p.get("name"))}
    firms.discard("")
    return [p for p in people if normalize_company(p.get("name")) not in firms]


def _title_key(text) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", str(text or "")).casefold().split())


def off_programme(records: list[dict], sessions: list[dict]) -> set[str]:
    """Listed speakers a full programme leaves out. When the schedule names its sessions' speakers and holds
    the talks of nearly everyone listed with a talk, someone whose listed talks are none of its sessions and
    who speaks in none of them is not on this edition's programme (a talk withdrawn, a page left from the
    call for papers). A partial schedule (most listed talks missing) decides nothing."""
    titles = {_title_key(s.get("title")) for s in sessions if s.get("title")}
    if len(titles) < 10 or sum(1 for s in sessions if s.get("speakers")) < 0.9 * len(sessions):
        return set()
    speaking = {normalize_name(n) for s in sessions for n in s.get("speakers") or [] if isinstance(n, str)}
    talks: dict[str, set[str]] = {}
    for person in records:
        listed = [t for t in person.get("talks") or [] if isinstance(t, str) and t.strip()]
        if listed and (person.get("role") or "speaker") == "speaker":
            talks.setdefault(normalize_name(person["name"]), set()).update(_title_key(t) for t in listed)
    off = {name for name, theirs in talks.items() if name not in speaking and not theirs & titles}
    return off if len(talks) >= 10 and len(off) <= 0.05 * len(talks) else set()


def who_is_who(records: list[dict], sessions: list[dict]) -> list[dict]:
    """The event's people as one person each: one name for a person listed under two (in the sessions too),
    without those the pages say are not coming or a full programme leaves out, and without talk titles read
    as names ("Space Flyers" in a
    list of links; but a concert named after its performer is theirs)."""
    aliases = shape.person_aliases(records)
    for record in records:
        record["name"] = aliases.get(normalize_name(record["name"]), record["name"])
    for session in sessions:
        session["speakers"] = list(dict.fromkeys(aliases.get(normalize_name(n), n) if isinstance(n, str) else n
                                                 for n in session.get("speakers") or []))
    cancelled = {normalize_name(p["name"]) for p in records if _cancelled(p)}  # not coming: not in the plan
    cancelled |= off_programme(records, sessions)
    talks = {normalize_name(t): normalize_name(p["name"]) for p in records for t in p.get("talks") or []
             if isinstance(t, str)}
    return [p for p in records if normalize_name(p["name"]) not in cancelled
            and (talks.get(normalize_name(p["name"]), normalize_name(p["name"])) == normalize_name(p["name"])
                 or any(p.get(k) for k in ("bio", "title", "company", "image_url", "links")))]
