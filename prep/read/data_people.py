"""People in structured data of any shape: JSON, JavaScript data, YAML, TOML or XML, at any depth.

Conference sites keep their speakers in data files (Hoverboard ``speakers.json``, Jekyll
``_data/speakers.yml``, Hugo ``speakers.toml``, ``var speakers = {...};``, schedule JSON of days ->
rooms -> talks -> speakers, custom XML archives). This reader loads any of them into one tree
(:mod:`prep.read.trees`) and reads it the way a person skims it:

1. every object in the tree is looked at as a possible person (a name under a name-like key, or
   first + last name parts; keys in any case, with language suffixes such as ``name_en``, or
   language blocks ``{"zh": {...}, "en": {...}}``); a plain string under a speaker-like key
   (``"speakers": ["Ann Lee"]``) counts as a person's name;
2. objects at the same place in the tree (the same path of keys, list positions and slug-keyed
   maps left out) are one *column set*, judged together: it holds people when most of its names
   look like people's and either its fields are a person's (bio, company, photo, social links,
   name parts) or its path says so (speakers, authors, members, ...). Rooms, venues, tracks and
   sessions, which also have names, fail that test;
3. the people of every set that passes are merged by name, keeping the richest value of each field.
   A set whose "title" values read like talk titles rather than job titles gives no job titles.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from ..names import PLACEHOLDERS, clean_space, is_titleish, looks_like_typed_name, normalize_name
from . import Parsed, register
from .taglines import (
    names_a_department,
    only_departments,
    split_glued,
    split_tagline,
    split_trailing_org,
    tidy_company,
    unpack_cjk_name,
)
from .trees import load_tree, syntax

# Keys are compared lower-cased with everything but letters and digits removed.
NAME_KEYS = ("name", "fullname", "displayname", "publicname", "speakername", "personname", "presentername",
             "authorname", "membername", "attendeename", "participantname", "realname", "nombre", "nom", "nome")
FIRST_KEYS = ("firstname", "first", "givenname", "given", "fname", "forename", "vorname", "prenom")
LAST_KEYS = ("lastname", "last", "surname", "familyname", "family", "lname", "apellido", "apellidos", "nachname")
TITLE_KEYS = ("jobtitle", "speakertitle", "position", "occupation", "cargo", "puesto", "poste", "funktion", "role",
              "titel", "title")  # the ambiguous ones last: "title" is often the talk's
COMPANY_KEYS = ("company", "organization", "organisation", "affiliation", "employer", "companyname", "worksfor",
                "speakercompany", "community", "institution", "empresa", "firma", "entreprise", "azienda")
BIO_KEYS = ("bio", "biography", "about", "description", "shortbio", "bioshort", "profile", "speakerbio", "abstract")
IMAGE_KEYS = ("photourl", "photo", "avatar", "image", "picture", "profilepicture", "avatarurl", "thumbnail",
              "speakerprofilepic", "headshot")
TAGLINE_KEYS = ("tagline", "headline", "subtitle", "caption", "subheading", "byline")
LINK_LISTS = ("socials", "social", "links", "sociallinks", "profiles", "accounts")
LINK_KEYS = ("linkedin", "twitter", "x", "github", "mastodon", "website", "homepage", "blog", "url")
# A bare handle under a network's key ("twitter_handle": "@ann", "linkedin_handle": "/in/ann"): that network's URL.
HANDLE_URLS = {"twitter": "https://x.com/{}", "x": "https://x.com/{}", "github": "https://github.com/{}",
               "linkedin": "https://www.linkedin.com/in/{}", "instagram": "https://www.instagram.com/{}",
               "youtube": "https://www.youtube.com/@{}", "bluesky": "https://bsky.app/profile/{}"}
_HANDLE_KEY = re.compile(r"^(?P<network>%s)(?:handle|username|user)?$" % "|".join(HANDLE_URLS))
_HANDLE = re.compile(r"@?(?P<handle>[\w.-]{1,60})|/?(?P<path>in/[\w%.-]+)/?")
# The record's role, from the last people word of its path: "hosts", "team" -> organizer; "guests" -> attendee.
_ROLE_PATH = re.compile(r"(host|organi[sz]er|team|committee|staff|volunteer|crew)|(attendee|participant|guest)|"
                        r"(speaker|presenter|author|panelist|performer|artist|lecturer|instructor|moderator)")
PERSON_FIELDS = set(FIRST_KEYS + LAST_KEYS + COMPANY_KEYS + BIO_KEYS + IMAGE_KEYS + TAGLINE_KEYS + LINK_LISTS
                    + ("jobtitle", "twitter", "linkedin", "github", "email", "mastodon", "speakertitle"))
PERSON_PATH = re.compile(r"speaker|person|people|author|presenter|member|attendee|participant|host|moderator|"
                         r"organi[sz]er|team|guest|artist|performer|profile|committee|chair|staff|volunteer|"
                         r"panelist|lecturer|instructor|mentor|judge|crew|relator|ponente|referent|intervenant",
                         re.I)
# A key whose plain string values are people's names: "speakers": ["Ann Lee"], <speaker>Ann Lee</speaker>.
NAME_LIST_KEY = re.compile(r"(?:speaker|person|people|author|presenter|host|moderator|organi[sz]er|member|panelist|"
                           r"instructor|lecturer|chair|guest|performer|artist|participant|attendee|ponente|relatore)s?")
_LANG_SUFFIX = re.compile(r"^(?P<base>[a-z]+?)(?P<lang>en|ja|zh|de|fr|es|it|pt|ko|ru|nl|tw|cn|hant|hans)$")
_LANG_KEY = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2,4})?$", re.I)
_KEY = re.compile(r"[^a-z0-9]")
_KNOWN = set(NAME_KEYS + FIRST_KEYS + LAST_KEYS + TITLE_KEYS + COMPANY_KEYS + BIO_KEYS + IMAGE_KEYS + TAGLINE_KEYS
             + LINK_LISTS + LINK_KEYS) | PERSON_FIELDS


def detect(text: str, url: str, kind: str) -> float:
    return 0.25 if syntax(text, url, kind) else 0.0


@register("data-people", detect)
def parse(text: str, url: str) -> Parsed:
    tree = load_tree(text, url)
    people = people_in(tree, url)
    return Parsed(people=people, reader="data-people",
                  note="" if people else "structured data with no list of people-like records")


def people_in(tree, url: str) -> list[dict]:
    """Every person in a data tree (see the module docstring), in document order, merged by name."""
    groups: dict[str, list] = {}  # path -> [objects seen, [(person, fields)]]
    _walk(tree, "", groups, url)
    merged: dict[str, dict] = {}
    accepted = [path for path, (seen, found) in groups.items()
                if _holds_people(path, seen, [f for f in found if not f[0].get("_handle")])]
    for path in accepted:
        seen, found = groups[path]
        if any(path.startswith(parent + "/") and not NAME_LIST_KEY.search(path[len(parent):]) for parent in accepted):
            continue  # objects inside people (their badges, their talks) are not more people
        talk_titles = _titles_are_talks([p["title"] for p, _ in found])
        # no company anywhere in the set: its title column is a tagline ("CTO Kony, Inc.", "CMO, Fenergo")
        taglines = not any(p["company"] for p, _ in found)
        # ... and when many of its lines glue the company to the title ("Managing Director Slalom"), all do
        glued = taglines and sum(bool(split_trailing_org(p["title"])[1])
                                 or all(split_glued(p["title"])) and not split_tagline(p["title"])[1]
                                 for p, _ in found if p["title"]) >= max(3, 0.25 * sum(bool(p["title"]) for p, _ in found))
        role = _role(path)
        handles_welcome = bool(PERSON_PATH.search(path)) and sum(not p.get("_handle") for p, _ in found) >= len(found) / 2
        found = [(p, f) for p, f in found if not p.pop("_handle", False) or handles_welcome]
        for person, _ in found:
            person["role"] = role
            if talk_titles:
                person["title"] = ""
            elif taglines and person["title"]:
                title, company = split_tagline(person["title"])
                trailing = split_trailing_org(person["title"]) if glued else ("", "")
                if trailing[1] and (not company or trailing[1] == company or names_a_department(company)):
                    title, company = trailing  # the employer at the end of a glued line, as the column writes it
                elif not company and glued:
                    title, company = split_glued(person["title"])
                if glued and company and only_departments(company):
                    title, company = person["title"], ""  # "Technical Advisor, Software Engineering": no employer
                company = tidy_company(company)
                if company:
                    person["title"], person["company"] = title, company
            key = normalize_name(person["name"])
            if key in merged:
                for field, value in person.items():
                    if value and not merged[key].get(field):
                        merged[key][field] = value
            else:
                merged[key] = person
    return list(merged.values())


def _role(path: str) -> str:
    words = list(_ROLE_PATH.finditer(path))
    if not words:
        return "speaker"
    last = words[-1]
    return "organizer" if last[1] else "attendee" if last[2] else "speaker"


def _walk(node, path: str, groups: dict, url: str, depth: int = 0) -> None:
    if depth > 40:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, path, groups, url, depth + 1)
    elif isinstance(node, dict):
        fields = _fields(node)
        group = groups.setdefault(path, [0, []])
        group[0] += 1
        person = _person(fields, url)
        if person:
            group[1].append((person, fields))
        keyed = _keyed_map(node)
        for key, value in node.items():
            _walk(value, f"{path}/{'*' if keyed else _norm(key)}", groups, url, depth + 1)
    elif isinstance(node, str) and path and NAME_LIST_KEY.fullmatch(path.rsplit("/", 1)[-1]):
        name = clean_space(node)  # "speakers": ["Ann Lee", ...] or <speaker>Ann Lee</speaker>
        # a lower-case token with dashes is a reference to a record ("ann-lee"); "TBA" holds a place
        if re.fullmatch(r"[a-z0-9]+(?:[-_.][a-z0-9]+)+|\d*", name) or name.casefold() in PLACEHOLDERS:
            return
        group = groups.setdefault(path + "/#name", [0, []])
        group[0] += 1
        if looks_like_typed_name(name):
            group[1].append((_blank(name, url), {"name": name}))


def _norm(key) -> str:
    return _KEY.sub("", str(key).lower())


def _keyed_map(node: dict) -> bool:
    """An object keyed by slug, id or time ({"ada-lovelace": {...}, "grace-hopper": {...}}), not a record."""
    values = [v for v in node.values() if isinstance(v, dict)]
    if len(values) < 2 or len(values) < len(node) / 2:
        return False
    return sum(1 for k in node if _norm(k) in _KNOWN) < len(node) / 2


def _fields(node: dict) -> dict:
    """The object's scalar fields by normalised key; ``name_en`` counts as ``name`` (the first language
    given wins), and a language block (``{"zh": {"name": ...}}``) fills what the object lacks."""
    fields: dict = {}
    blocks = []
    for key, value in node.items():
        if isinstance(value, dict) and _LANG_KEY.match(str(key)) and _norm(key) not in _KNOWN:
            blocks.append(value)
            continue
        norm = _norm(key)
        match = _LANG_SUFFIX.match(norm)
        if norm not in _KNOWN and match and match["base"] in _KNOWN:
            norm = match["base"]
        fields.setdefault(norm, value)
    for block in blocks:
        for key, value in _fields(block).items():
            fields.setdefault(key, value)
    return fields


def _text(value) -> str:
    """A string, or the name (url, English text) of an object: {"company": {"name": "Acme"}}."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("name", "url", "en", "value", "title", "#text") if isinstance(value.get(k), str)), "")
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        value = ", ".join(value)
    return clean_space(value) if isinstance(value, str) else ""


def _first(fields: dict, keys) -> str:
    return next((text for key in keys if (text := _text(fields.get(key)))), "")


def _person(fields: dict, url: str) -> dict | None:
    name = _first(fields, NAME_KEYS) or _text(fields.get("#text"))
    first, last = _first(fields, FIRST_KEYS), _first(fields, LAST_KEYS)
    if first and last:  # {"first": "G. H.", "last": "Hardy"}; {"name": "Ana", "surname": "Moreno"}
        # "Doe, John" with its parts given (Indico's fullName) reads as the person writes it: "John Doe"
        name = f"{first} {last}" if not name or name == first or "," in name else name
    elif name and last and not name.endswith(last):
        name = f"{name} {last}"
    name, packed_title, packed_company = unpack_cjk_name(name) or (clean_space(name), "", "")
    weak = not looks_like_typed_name(name)
    if weak and not _handle(name):
        return None
    person = _blank(name, url)
    if weak:  # a handle ("eri24816"): a person only where the data says these are people (see people_in)
        person["_handle"] = True
    person["title"] = _first(fields, TITLE_KEYS) or packed_title
    person["company"] = _first(fields, COMPANY_KEYS) or packed_company
    if not person["company"] and (tagline := _first(fields, TAGLINE_KEYS)):
        title, person["company"] = split_tagline(tagline)
        person["title"] = person["title"] or title
    person["bio"] = _first(fields, BIO_KEYS) if not _first(fields, BIO_KEYS).startswith("http") else ""
    person["image_url"] = _image(_first(fields, IMAGE_KEYS), url)
    if links := _links(fields):
        person["links"] = {"other": links}
    return person


def _handle(name: str) -> bool:
    """A public handle given as a speaker's name ("eri24816", "JustinLin099", "何仁義 Vincent66"): letters with
    digits or inner capitals, never a placeholder, a number, a slug or a sentence."""
    words = name.split()
    return (1 <= len(words) <= 3 and name.casefold() not in PLACEHOLDERS and not re.fullmatch(r"[\d\W_]+", name)
            and all(re.fullmatch(r"[^\W_][\w.'’-]{1,29}", w) for w in words)
            and any(re.search(r"[A-Za-z]\d|[a-z][A-Z]", w) for w in words) and not re.search(r"[-_.]\w+[-_.]", name))


def _blank(name: str, url: str) -> dict:
    return {"name": name, "title": "", "company": "", "bio": "", "role": "speaker", "image_url": "", "links": {},
            "source_url": url, "talks": []}


def _holds_people(path: str, seen: int, found: list) -> bool:
    """Do the objects at ``path`` hold people? Most must have a person's name, and either a person's
    fields or a path that names people; a name alone ("Room A", "Keynote Hall") is not enough."""
    if not found or len(found) < seen / 2:
        return False
    if PERSON_PATH.search(path):
        return True
    with_fields = sum(1 for _, fields in found if PERSON_FIELDS & {k for k, v in fields.items() if v})
    return with_fields >= len(found) / 2


def _titles_are_talks(titles: list[str]) -> bool:
    """A "title" column of talk titles ("Clear is better than clever"), not job titles."""
    given = [t for t in titles if t]
    if not given:
        return False
    talks = sum(1 for t in given if not is_titleish(t) and (len(t.split()) >= 3 or re.search(r"[?!:«»\"“]", t)))
    return talks > len(given) / 2


def _links(fields: dict) -> list[str]:
    found = [fields.get(k) for k in LINK_KEYS]
    for key, value in fields.items():
        network = _HANDLE_KEY.match(key)
        handle = _HANDLE.fullmatch(value.strip()) if network and isinstance(value, str) else None
        if handle:
            base = HANDLE_URLS[network["network"]]
            found.append(f"https://www.linkedin.com/{handle['path']}" if handle["path"] else base.format(handle["handle"]))
    for key in LINK_LISTS:
        value = fields.get(key)
        if isinstance(value, dict):  # {"linkedin": "https://...", "twitter": "..."}
            found += list(value.values())
        elif isinstance(value, list):  # [{"name": "LinkedIn", "link": "https://..."}] or ["https://..."]
            found += [v.get("link") or v.get("url") or v.get("href") if isinstance(v, dict) else v for v in value]
    for value in fields.values():  # a bio field holding only a profile URL
        if isinstance(value, str) and re.fullmatch(r"https?://\S+", value.strip()) and "linkedin.com/in/" in value:
            found.append(value)
    return list(dict.fromkeys(v.strip() for v in found if isinstance(v, str) and v.strip().startswith(("http://", "https://"))))


def _image(image: str, url: str) -> str:
    """An http(s) address for the photo: relative paths against the document's URL; data: and others dropped."""
    if image.startswith(("http://", "https://")):
        return image
    if not image or ":" in image.split("/", 1)[0]:
        return ""
    return urljoin(url, image) if url.startswith(("http://", "https://")) else ""
