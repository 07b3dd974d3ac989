"""schema.org in JSON-LD, microdata and RDFa (via extruct): Event, its performers, attendees,
organizers, sponsors, sub-events and location, and standalone Person and Organization items."""
from __future__ import annotations

from ..htmltree import html_tree
from ..names import clean_space
from . import Parsed, register
from .taglines import split_tagline

_PERSONISH = ("Person", "MusicGroup", "PerformingGroup")
_ROLE_KEYS = {"performer": "speaker", "performers": "speaker", "actor": "speaker", "attendee": "attendee",
              "attendees": "attendee", "organizer": "organizer", "sponsor": "sponsor contact", "funder": "sponsor contact",
              "contributor": "speaker"}
_ORG_KINDS = {"organizer": "organizer", "sponsor": "sponsor", "funder": "sponsor", "exhibitor": "exhibitor"}


def detect(text: str, url: str, kind: str) -> float:
    if kind != "html":
        return 0.0
    return 0.8 if ("application/ld+json" in text or "itemscope" in text or 'typeof="' in text) else 0.0


@register("schema.org", detect)
def parse(text: str, url: str) -> Parsed:
    syntaxes = ["json-ld", "microdata"] + (["rdfa"] if 'typeof="' in text else [])
    import extruct  # here, not at the top: it loads rdflib (~0.25 s), which CSV and frab events never need

    tree = html_tree(text)
    data = extruct.extract(tree, base_url=url if url.startswith("http") else None, syntaxes=syntaxes,
                           uniform=True, errors="ignore")
    items = [item for syntax in syntaxes for top in data.get(syntax, []) for item in _flatten(top)]
    parsed = Parsed(reader="schema.org")
    people: dict[str, dict] = {}
    for item in items:
        types = _types(item)
        if any(t.endswith("Event") for t in types):
            _event(item, url, parsed, people, top_level=not parsed.info)
    if not people:  # people listed on their own: top-level, in an ItemList, or inside a page's mainEntity
        for item in items:
            for person in _people_within(item):
                _person(person, "speaker", url, people)
        parsed.tentative = bool(people)
    parsed.people = list(people.values())
    return parsed


def _flatten(item):
    if isinstance(item, list):
        for sub in item:
            yield from _flatten(sub)
    elif isinstance(item, dict):
        if "@graph" in item:
            yield from _flatten(item["@graph"])
        else:
            yield item


def _people_within(node, depth: int = 0):
    """Person items in ``node`` or anywhere below it, in document order."""
    if depth > 6:
        return
    if isinstance(node, list):
        for sub in node:
            yield from _people_within(sub, depth + 1)
    elif isinstance(node, dict):
        if "Person" in _types(node):
            yield node
            return
        for value in node.values():
            if isinstance(value, (dict, list)):
                yield from _people_within(value, depth + 1)


def _types(item) -> list[str]:
    if not isinstance(item, dict):
        return []
    value = item.get("@type", [])
    return [str(v).rsplit("/", 1)[-1] for v in (value if isinstance(value, list) else [value])]


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url") or ""
    return clean_space(str(value)) if value is not None else ""


def _event(item: dict, url: str, parsed: Parsed, people: dict, top_level: bool) -> None:
    if top_level:
        location = item.get("location")
        location = location[0] if isinstance(location, list) and location else location
        address = location.get("address", {}) if isinstance(location, dict) else {}
        address = address if isinstance(address, dict) else {"streetAddress": address}
        parsed.info = {"name": _text(item.get("name")), "start": _text(item.get("startDate")),
                       "end": _text(item.get("endDate")), "description": _text(item.get("description")),
                       "url": _text(item.get("url")) or url, "venue": _text(location) if isinstance(location, (dict, str)) else "",
                       "city": _text(address.get("addressLocality")), "country": _text(address.get("addressCountry")),
                       "organizer": _text(item.get("organizer"))}
    for key, role in _ROLE_KEYS.items():
        values = item.get(key) or []
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str) and role == "speaker":
                people.setdefault(value.casefold(), {"name": clean_space(value), "role": role, "source_url": url, "talks": []})
            elif any(t in _PERSONISH for t in _types(value)):
                record = _person(value, role, url, people)
                if record is not None and not top_level and _text(item.get("name")):
                    record["talks"].append(_text(item.get("name")))
            elif _types(value) and key in _ORG_KINDS:
                parsed.organizations.append({"name": _text(value.get("name")), "kind": _ORG_KINDS[key],
                                             "url": _text(value.get("url")), "logo_url": _text(value.get("logo")),
                                             "source_url": url})
    for sub in item.get("subEvent") or []:
        if isinstance(sub, dict):
            _event(sub, url, parsed, people, top_level=False)
            parsed.sessions.append({"title": _text(sub.get("name")), "abstract": _text(sub.get("description")),
                                    "start": _text(sub.get("startDate")), "end": _text(sub.get("endDate")),
                                    "day": _text(sub.get("startDate"))[:10], "room": _text(sub.get("location")),
                                    "speakers": [_text(p) for p in _as_list(sub.get("performer"))], "source_url": url})


def _as_list(value) -> list:
    return value if isinstance(value, list) else ([value] if value else [])


def _person(value: dict, role: str, url: str, people: dict) -> dict | None:
    name = _text(value.get("name")) or clean_space(f"{_text(value.get('givenName'))} {_text(value.get('familyName'))}")
    if not name:
        return None
    record = people.get(name.casefold())
    if record is None:
        title, company = _text(value.get("jobTitle")), _text(value.get("worksFor") or value.get("affiliation"))
        if not title and not company and value.get("description") and len(_text(value.get("description"))) < 100:
            title, company = split_tagline(_text(value.get("description")))
        same_as = [_text(v) for v in _as_list(value.get("sameAs"))]
        record = people[name.casefold()] = {
            "name": name, "title": title, "company": company, "role": role, "source_url": url, "talks": [],
            "bio": _text(value.get("description")), "image_url": _text(value.get("image")),
            "profile_url": _text(value.get("url")), "email": _text(value.get("email")).removeprefix("mailto:"),
            "links": {"other": same_as} if same_as else {}}
    return record
