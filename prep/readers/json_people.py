"""Generic JSON people lists: any list (or object keyed by id) of person-like objects.

Covers conference-site data files such as GDG Hoverboard ``speakers.json`` and hand-made
exports without a reader of their own.
"""
from __future__ import annotations

from ..names import clean_space, looks_like_person_name, split_tagline
from . import Parsed, register
from ._json import json_detect, load_json

NAME_KEYS = ("name", "fullName", "full_name", "displayName", "display_name", "public_name", "speakerName")
TITLE_KEYS = ("jobTitle", "job_title", "title", "position", "role")
COMPANY_KEYS = ("company", "organization", "organisation", "affiliation", "employer", "companyName")
BIO_KEYS = ("bio", "biography", "about", "description", "shortBio")
IMAGE_KEYS = ("photoUrl", "photo", "avatar", "image", "picture", "profilePicture", "avatar_url")
TAGLINE_KEYS = ("tagline", "tagLine", "headline", "subtitle")


def detect(text: str, url: str, kind: str) -> float:
    return 0.3 if json_detect(text) and any(f'"{k}"' in text[:200_000] for k in NAME_KEYS) else 0.0


@register("json-people", detect)
def parse(text: str, url: str) -> Parsed:
    best: list[dict] = []
    for collection in _collections(load_json(text, url)):
        people = [p for p in (_person(item, url) for item in collection) if p]
        if len(people) > len(best) and len(people) >= max(1, len(collection) // 2):
            best = people
    return Parsed(people=best, reader="json-people")


def _collections(node, depth: int = 0):
    if depth > 6:
        return
    if isinstance(node, list):
        dicts = [x for x in node if isinstance(x, dict)]
        if dicts:
            yield dicts
        for x in dicts:
            yield from (c for v in x.values() for c in _collections(v, depth + 1))
    elif isinstance(node, dict):
        values = [v for v in node.values() if isinstance(v, dict)]
        if len(values) >= 2 and len(values) >= len(node) // 2:
            yield values  # an object keyed by slug, like Hoverboard's speakers.json
        for v in node.values():
            yield from _collections(v, depth + 1)


def _first(item: dict, keys) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return clean_space(value)
    return ""


def _person(item: dict, url: str) -> dict | None:
    name = _first(item, NAME_KEYS)
    if not name:
        first, last = _first(item, ("firstName", "first_name")), _first(item, ("lastName", "last_name"))
        name = clean_space(f"{first} {last}")
    if not name or not looks_like_person_name(name):
        return None
    title, company = _first(item, TITLE_KEYS), _first(item, COMPANY_KEYS)
    if not title and not company:
        title, company = split_tagline(_first(item, TAGLINE_KEYS))
    links = {}
    for social in item.get("socials") or item.get("links") or []:
        if isinstance(social, dict):
            link = social.get("link") or social.get("url") or ""
            if link.startswith(("http://", "https://")):
                links.setdefault("other", []).append(link)
    return {"name": name, "title": title, "company": company, "bio": _first(item, BIO_KEYS), "role": "speaker",
            "image_url": _first(item, IMAGE_KEYS), "links": links, "source_url": url, "talks": []}
