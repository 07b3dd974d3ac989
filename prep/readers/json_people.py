"""Generic JSON people lists: any list (or object keyed by id) of person-like objects.

Covers conference-site data files such as GDG Hoverboard ``speakers.json`` and hand-made
exports without a reader of their own.
"""
from __future__ import annotations

from urllib.parse import urljoin

from ..names import clean_space, looks_like_person_name, split_tagline
from . import Parsed, register
from ._json import json_detect, load_json

NAME_KEYS = ("name", "fullName", "full_name", "displayName", "display_name", "public_name", "speakerName")
FIRST_KEYS, LAST_KEYS = ("firstName", "first_name", "givenName"), ("lastName", "last_name", "familyName", "surname")
TITLE_KEYS = ("jobTitle", "job_title", "title", "position", "role")
COMPANY_KEYS = ("company", "organization", "organisation", "affiliation", "employer", "companyName", "worksFor")
BIO_KEYS = ("bio", "biography", "about", "description", "shortBio")
IMAGE_KEYS = ("photoUrl", "photo", "avatar", "image", "picture", "profilePicture", "avatar_url")
TAGLINE_KEYS = ("tagline", "tagLine", "headline", "subtitle")
LINK_LISTS = ("socials", "social", "links", "socialLinks", "social_links", "profiles", "accounts")
LINK_KEYS = ("linkedin", "twitter", "x", "github", "mastodon", "website", "homepage", "blog")
_MARKERS = tuple(f'"{k.lower()}"' for k in NAME_KEYS + FIRST_KEYS)


def detect(text: str, url: str, kind: str) -> float:
    return 0.3 if json_detect(text) and any(m in text[:200_000].lower() for m in _MARKERS) else 0.0


@register("json-people", detect)
def parse(text: str, url: str) -> Parsed:
    best: list[dict] = []
    for collection in _collections(load_json(text, url)):
        people = [p for p in (_person(_unwrap(item), url) for item in collection) if p]
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


def _unwrap(item: dict) -> dict:
    """GraphQL-style ``{"node": {...}}`` wrappers: the object inside."""
    while len(item) == 1 and isinstance(value := next(iter(item.values())), dict):
        item = value
    return item


def _text(value) -> str:
    """A string, or the name (url, English text) of an object: {"company": {"name": "Acme"}}."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("name", "url", "en", "value", "title") if isinstance(value.get(k), str)), "")
    return clean_space(value) if isinstance(value, str) else ""


def _first(item: dict, keys) -> str:
    """The first non-empty value among ``keys``, matched without regard to case."""
    lowered = {k.lower(): v for k, v in item.items() if isinstance(k, str)}
    for key in keys:
        value = _text(lowered.get(key.lower()))
        if value:
            return value
    return ""


def _links(item: dict) -> list[str]:
    lowered = {k.lower(): v for k, v in item.items() if isinstance(k, str)}
    found = [lowered.get(k) for k in LINK_KEYS]
    for key in (k.lower() for k in LINK_LISTS):
        value = lowered.get(key)
        if isinstance(value, dict):  # {"linkedin": "https://...", "twitter": "..."}
            found += list(value.values())
        elif isinstance(value, list):  # [{"name": "LinkedIn", "link": "https://..."}] or ["https://..."]
            found += [v.get("link") or v.get("url") or v.get("href") if isinstance(v, dict) else v for v in value]
    return list(dict.fromkeys(v.strip() for v in found if isinstance(v, str) and v.strip().startswith(("http://", "https://"))))


def _image(image: str, url: str) -> str:
    """An http(s) address for the photo: relative paths against the document's URL; data: and others dropped."""
    if image.startswith(("http://", "https://")):
        return image
    if not image or ":" in image.split("/", 1)[0]:
        return ""
    return urljoin(url, image) if url.startswith(("http://", "https://")) else ""


def _person(item: dict, url: str) -> dict | None:
    name = _first(item, NAME_KEYS)
    if not name:
        name = clean_space(f"{_first(item, FIRST_KEYS)} {_first(item, LAST_KEYS)}")
    if not name or not looks_like_person_name(name):
        return None
    title, company = _first(item, TITLE_KEYS), _first(item, COMPANY_KEYS)
    if not title and not company:
        title, company = split_tagline(_first(item, TAGLINE_KEYS))
    image = _first(item, IMAGE_KEYS)
    return {"name": name, "title": title, "company": company, "bio": _first(item, BIO_KEYS), "role": "speaker",
            "image_url": _image(image, url),
            "links": {"other": links} if (links := _links(item)) else {}, "source_url": url, "talks": []}
