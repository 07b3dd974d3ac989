"""Records -> DataFrames: normalisation, stable ids, de-duplication and merging of sources."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd
from rapidfuzz import fuzz

from .. import schema
from ..names import (
    clean_space,
    display_name,
    nicknamer,
    normalize_company,
    normalize_name,
    split_person_name,
    stable_id,
)
from ..social import social_network
from ..urls import bare_host

ROLE_RANK = {"speaker": 0, "organizer": 1, "sponsor contact": 2, "attendee": 3}
LINK_COLUMNS = ("website", "linkedin", "x", "github", "mastodon")
MULTI = ("talks", "source_url", "other_links")


def _lines(value) -> list[str]:
    if value is None or value is pd.NA:
        return []
    if isinstance(value, (list, tuple, set)):
        return [clean_space(str(v)) for v in value if v and clean_space(str(v))]
    return [line for line in (clean_space(v) for v in str(value).split("\n")) if line]


def person_record(raw: dict) -> dict:
    """Flatten one reader record (links dict, talk list) into the people schema's fields."""
    record = {k: v for k, v in raw.items() if k in schema.PEOPLE and k not in MULTI}
    record["name"] = display_name(raw.get("name"))
    links = dict(raw.get("links") or {})
    for key in LINK_COLUMNS:
        value = links.pop(key, None) or raw.get(key)
        if value:
            record[key] = value[0] if isinstance(value, list) else value
    other = []
    for value in links.values():
        other += value if isinstance(value, list) else [value]
    for url in list(other):  # sameAs lists: sort known networks into their columns
        kind = social_network(url)
        if kind in LINK_COLUMNS and not record.get(kind):
            record[kind] = url
            other.remove(url)
    record["other_links"] = _lines(other)
    record["talks"] = _lines(raw.get("talks"))
    record["source_url"] = _lines(raw.get("source_url"))
    recapitalised = record["name"] != clean_space(raw.get("name"))
    if (recapitalised or not raw.get("first_name") and not raw.get("last_name")) and record["name"]:
        record["first_name"], record["last_name"] = split_person_name(record["name"])
    record["role"] = raw.get("role") or "speaker"
    return record


def merge_people(records: list[dict]) -> pd.DataFrame:
    """De-duplicate people by normalised name and compatible company, keeping the richest values."""
    groups: dict[str, list[list[dict]]] = defaultdict(list)
    for record in (person_record(r) for r in records):
        if not record["name"]:
            continue
        key = normalize_name(record["name"])
        company = normalize_company(record.get("company"))
        for cluster in groups[key]:
            known = {normalize_company(r.get("company")) for r in cluster} - {""}
            if not company or not known or any(fuzz.token_set_ratio(company, k) >= 85 for k in known):
                cluster.append(record)
                break
        else:
            groups[key].append([record])
    merged = [_merge(cluster) for clusters in groups.values() for cluster in clusters]
    del groups  # each record is now in ``merged`` alone: a 50,000-person page holds one copy, not two
    merged.sort(key=lambda r: r["name"].casefold())  # sorted before the frame is built: no second frame
    return schema.conform(merged, "people")


def _merge(cluster: list[dict]) -> dict:
    out: dict = {}
    for field in schema.PEOPLE:
        if field in MULTI:
            out[field] = "\n".join(dict.fromkeys(v for r in cluster for v in r.get(field, [])))
        elif field == "edition":  # listed anywhere as this edition's: this edition's
            out[field] = min((str(r.get("edition") or "") for r in cluster), key=len)
        elif field == "role":
            out[field] = min((r.get("role") or "attendee" for r in cluster), key=lambda r: ROLE_RANK.get(r, 9))
        else:
            values = [clean_space(str(r[field])) for r in cluster if r.get(field)]
            out[field] = max(values, key=len) if values else ""
    out["person_id"] = stable_id(normalize_name(out["name"]), normalize_company(out["company"]))
    return out


def sessions_frame(records: list[dict], people: pd.DataFrame) -> pd.DataFrame:
    ids = dict(zip(people["name"].map(normalize_name), people["person_id"]))
    rows, seen = [], set()
    for r in records:
        speakers = _lines(r.get("speakers"))
        key = (clean_space(r.get("title")).casefold(), r.get("start") or "")
        if not r.get("title") or key in seen:
            continue
        seen.add(key)
        rows.append({**{k: v for k, v in r.items() if k in schema.SESSIONS}, "speakers": "\n".join(speakers),
                     "speaker_ids": "\n".join(ids.get(normalize_name(s), "") for s in speakers),
                     "session_id": str(r.get("session_id") or stable_id(*key, length=10)),
                     "source_url": "\n".join(_lines(r.get("source_url")))})
    frame = schema.conform(rows, "sessions")
    return frame.sort_values(["start", "room"], na_position="last", kind="stable").reset_index(drop=True)


def organizations_frame(records: list[dict]) -> pd.DataFrame:
    rows: dict[str, dict] = {}
    for r in records:
        name = clean_space(r.get("name"))
        if not name:
            continue
        key = normalize_company(name)
        row = rows.setdefault(key, {"org_id": stable_id(key, length=10), "name": name})
        for field in ("kind", "tier", "url", "logo_url", "source_url"):
            row[field] = row.get(field) or r.get(field) or ""
        row["domain"] = bare_host(row["url"]) if row.get("url") else ""
    return schema.conform(list(rows.values()), "organizations")


def person_aliases(records: list[dict]) -> dict[str, str]:
    """``{normalised name: name}`` for people an event lists under two names, read as one person:

    * the same personal profile (LinkedIn, X, GitHub) under names that share their words ("Ivan Lozano" and
      "Jose Ivan Lozano Cabral", both linking linkedin.com/in/ivanovishx);
    * the same family name with a first name and its nickname ("Michael Bayer" on the featured page, "Mike
      Bayer" in the schedule; the hand-curated nicknames list);
    * a first and family name, and a longer name with the same family name whose first name is the same
      name respelled ("John Roa" giving the opening, "Jhon Jairo Roa" on the team page).

    The spelling kept is that of the fuller record (a bio, a title), else the first one read."""
    named = {}
    for record in records:
        if record.get("name"):
            named.setdefault(normalize_name(record["name"]), record)
    keep: dict[str, str] = {}

    def richer(a: dict, b: dict) -> dict:
        weight = lambda r: sum(bool(r.get(k)) for k in ("bio", "title", "company", "profile_url", "image_url"))  # noqa: E731
        return b if weight(b) > weight(a) else a

    def join(a: dict, b: dict) -> None:
        kept = richer(a, b)
        for record in (a, b):
            if record is not kept:
                keep[normalize_name(record["name"])] = kept["name"]

    by_profile: dict[str, dict] = {}
    for one in records:  # every record of a name: the listing's card, their own page
        if not one.get("name"):
            continue
        record = named[normalize_name(one["name"])]
        links = one.get("links") or {}
        for network in ("linkedin", "x", "github"):
            url = links.get(network) if isinstance(links, dict) else ""
            if not isinstance(url, str) or not url:
                continue
            other = by_profile.setdefault(url.rstrip("/").lower(), record)
            if other is not record and _words_shared(other["name"], record["name"]):
                join(other, record)
    by_family: dict[str, list[dict]] = defaultdict(list)
    for key, record in named.items():
        words = key.split()
        if len(words) == 2:
            by_family[words[1]].append(record)
    for family in by_family.values():
        for i, a in enumerate(family):
            for b in family[i + 1:]:
                if _nicknames(normalize_name(a["name"]).split()[0], normalize_name(b["name"]).split()[0]):
                    join(a, b)
    longer: dict[str, list[tuple[str, dict]]] = defaultdict(list)  # family name -> longer names that end in it
    for key, record in named.items():
        if len(words := key.split()) > 2:
            longer[words[-1]].append((words[0], record))
    for key, record in named.items():  # "John Roa" in the schedule, "Jhon Jairo Roa" on the team page
        words = key.split()
        if len(words) == 2:
            other = next((o for first, o in longer.get(words[1], []) if _respelled(words[0], first)), None)
            if other is not None:
                join(other, record)
    return {alias: name for alias, name in keep.items() if normalize_name(name) != alias}


def _respelled(a: str, b: str) -> bool:
    """The same first name typed with two neighbouring letters swapped ("Jhon" and "John"), as a name written
    once by its owner and once by someone else often is; never two different names ("Mario" and "Maria")."""
    if len(a) != len(b) or len(a) < 4 or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _words_shared(a: str, b: str) -> bool:
    """Every word of the shorter name is in the longer one ("Ivan Lozano" in "Jose Ivan Lozano Cabral")."""
    short, long = sorted((set(normalize_name(a).split()), set(normalize_name(b).split())), key=len)
    return len(short) >= 2 and short <= long


def _nicknames(a: str, b: str) -> bool:
    """A shorter form of the longer name ("Mike" of "Michael", "Bob" of "Robert"), never a name of the same
    length from another language ("Ivan" and "John" are two people here)."""
    short, long = sorted((a, b), key=len)
    return len(short) < len(long) and short in nicknamer().nicknames_of(long)
