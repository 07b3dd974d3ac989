"""Pure parsers for company web pages and feeds: text in, plain records out (no fetching here).

``parse_company_page`` reads what a company says about itself on one page: schema.org
Organization JSON-LD, OpenGraph and meta tags, social profile links, feeds, about/careers links
and job postings. ``parse_feed`` reads an RSS/Atom feed into dated posts. Every URL in the output
is absolute http(s); anything else found on a page is dropped.
"""
from __future__ import annotations

import json
import math
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import feedparser
from rapidfuzz import fuzz

from ..errors import ParseError
from ..htmltree import html_tree
from ..names import clean_space, normalize_company
from ..social import social_network
from ..urls import follow
from .site_words import page_description

ORG_TYPES = {"Organization", "Corporation", "LocalBusiness", "NGO", "OnlineBusiness", "NewsMediaOrganization",
             "EducationalOrganization", "GovernmentOrganization", "ResearchOrganization", "MedicalOrganization",
             "SportsOrganization", "Project", "Consortium", "FundingScheme"}
_NOT_PROFILE = re.compile(r"/(share|sharer|intent|plugins|dialog|hashtag|search|watch|status|posts?|story\.php|"
                          r"p|pin|login|home|explore|embed|\d{4})(/|\.php|$|\?)", re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
_ABOUT = re.compile(r"^(about|about[- ]us|company|who[- ]we[- ]are|our[- ]story|over[- ]ons|ueber[- ]uns|qui[- ]sommes)", re.I)
_CAREERS = re.compile(r"(careers?|jobs?|join[- ]us|work[- ]with[- ]us|vacatures|vacancies|werken[- ]bij|hiring|"
                      r"open[- ]positions|karriere|stellen)", re.I)
_ATS = ("greenhouse.io", "lever.co", "workable.com", "recruitee.com", "personio.de", "personio.com",
        "ashbyhq.com", "smartrecruiters.com", "teamtailor.com", "join.com", "workday.com", "bamboohr.com")
_JOB_CLASS = re.compile(r"\b(job|jobs|position|opening|vacanc\w*|posting|role)\b", re.I)
_SOCIAL_CLASS = re.compile(r"social|follow", re.I)
_GENERIC_TITLE = re.compile(r"^(home|homepage|start|startseite|welcome|willkommen|accueil|inicio|benvenuti|"
                            r"index|main page)$", re.I)
SIZE_BANDS = ((10, "1-10"), (50, "11-50"), (200, "51-200"), (500, "201-500"), (1000, "501-1,000"),
              (5000, "1,001-5,000"), (10000, "5,001-10,000"))


def parse_company_page(text: str, url: str) -> dict:
    """Everything one page says about the company that runs the site.

    Returns a dict with name, site_name, description, logo, website, founded, employees,
    headquarters, industry, socials ({network: url}), feeds, about_url, careers_url, jobs
    (titles), is_article, title.
    """
    doc = html_tree(text)
    meta = _meta(doc)
    base = _base(doc, url, meta)
    items = _jsonld_items(doc)
    org = _pick_org([i for i in items if _types(i) & ORG_TYPES or any(t.endswith("Organization") for t in _types(i))],
                    base)
    title = clean_space(doc.findtext(".//title") or "")
    name = _text(org.get("name")) or meta.get("og:site_name", "") or _logo_alt(doc) or _title_name(title, base)
    about_page = bool(_ABOUT.match(urlsplit(base).path.strip("/").split("/")[-1]))
    is_article = not about_page and (
        meta.get("og:type", "").lower() in {"article", "video.episode", "video.other", "music.song"} or
        base.startswith(("http://", "https://")) and urlsplit(base).path.strip("/").count("/") >= 1)  # (not a saved file)
    description = _text(org.get("description"))
    if not description and not is_article:
        description = page_description(doc, meta)
    out = {
        "name": clean_space(name), "site_name": clean_space(meta.get("og:site_name", "")),
        "title": title, "description": description.strip(), "logo": _logo(org, base), "website": "",
        "founded": _text(org.get("foundingDate")), "employees": employees(org.get("numberOfEmployees")),
        "headquarters": _address(org.get("address") or org.get("location")),
        "industry": _text(org.get("industry")), "socials": {}, "feeds": [], "about_url": "", "careers_url": "",
        "jobs": [], "is_article": is_article,
    }
    own_network = social_network(base)
    if own_network and _is_profile(base):  # the page itself is the company's profile (e.g. on LinkedIn)
        out["socials"][own_network] = meta.get("og:url") or base
    org_url = follow(_text(org.get("url")), base) or ""
    for link in [org_url] + [follow(u, base) or "" for u in _as_list(org.get("sameAs"))]:
        network = social_network(link)
        if network and _is_profile(link):
            out["socials"].setdefault(network, link)
        elif link and not network and not out["website"]:
            out["website"] = link
    if not out["website"] and base.startswith(("http://", "https://")) and not (own_network or _is_platform(base)):
        parts = urlsplit(base)  # the site the page is on (its canonical address, for a saved page) is the company's
        out["website"] = f"{parts.scheme}://{parts.netloc}/"
    _body_socials(doc, base, out["name"] or out["site_name"], out["socials"])
    handle = meta.get("twitter:site", "").lstrip("@")
    if handle and "x" not in out["socials"] and _names_match(handle, out["name"] or out["site_name"]):
        out["socials"]["x"] = f"https://twitter.com/{handle}"
    out["feeds"] = _feeds(doc, base)
    out["about_url"], out["careers_url"] = _nav_links(doc, base)
    out["jobs"] = [clean_space(_text(i.get("title"))) for i in items if "JobPosting" in _types(i) and _text(i.get("title"))]
    return out


def parse_careers_page(text: str, url: str) -> list[str]:
    """Open roles on a careers page: JobPosting JSON-LD, else list items marked as jobs."""
    doc = html_tree(text)
    roles = [clean_space(_text(i.get("title"))) for i in _jsonld_items(doc) if "JobPosting" in _types(i)]
    if not roles:
        for el in doc.iter("li", "article", "div", "a", "tr", "h3"):
            if _JOB_CLASS.search(el.get("class", "") + " " + el.get("id", "")):
                title = clean_space(el.text_content())
                if 3 <= len(title) <= 120:
                    roles.append(title)
    return list(dict.fromkeys(r for r in roles if r))


def parse_feed(content: bytes | str, url: str, limit: int = 20) -> list[dict]:
    """Dated posts of an RSS/Atom feed, newest first: title, url, published (ISO date), summary."""
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)  # plain text is kept
    if parsed.bozo and not parsed.entries:
        raise ParseError(url, f"not a readable feed: {parsed.get('bozo_exception')}")
    posts = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*when[:6], tzinfo=timezone.utc).date().isoformat() if when else ""
        summary = _plain(entry.get("summary", ""))
        posts.append({"title": clean_space(_plain(entry.get("title", ""))), "url": follow(entry.get("link", ""), url) or "",
                      "published": published, "summary": summary[:400]})
    posts.sort(key=lambda p: p["published"], reverse=True)
    return posts[:limit]


def names_company(page: dict, company: str) -> bool:
    """Does a parsed page name ``company`` (in its organisation data, site name or title)?"""
    return any(_names_match(value, company) for value in (page["name"], page["site_name"], page["title"]) if value)


def employees(value) -> int | None:
    """numberOfEmployees as a number: an int, "1,200", "51-200" (upper bound) or a QuantitativeValue."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("value") or value.get("maxValue") or value.get("minValue")
    if isinstance(value, (int, float)):
        return int(value) if math.isfinite(value) and 0 <= value < 10**9 else None  # 1e999 is not a head count
    digits = re.findall(r"\d[\d,.]*", str(value or ""))
    count = int(re.sub(r"[,.]", "", digits[-1])[:10]) if digits else None
    return count if count is not None and count < 10**9 else None


def size_band(count: int | None) -> str:
    if count is None:
        return ""
    return next((band for limit, band in SIZE_BANDS if count <= limit), "10,001+")


def _is_profile(url: str) -> bool:
    """A profile or channel URL, not a post, share button, plugin or a person's LinkedIn page."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if not path or _NOT_PROFILE.search(path) or (parts.hostname or "").startswith(("apps.", "m.", "api.")):
        return False
    if social_network(url) == "linkedin":
        return bool(re.match(r"^/(company|school|showcase)/[^/]+$", path))
    if social_network(url) == "youtube":
        return bool(re.match(r"^/(channel|user|c)/[^/]+$|^/@[^/]+$", path))
    return path.count("/") <= 2


def _body_socials(doc, base: str, name: str, socials: dict) -> None:
    """Social links in the page body, kept when they name the company or sit in a social-links block, or
    beside such a link in a small block of icons (a row of profiles, one of which is surely the company's)."""
    kept, rest = [], []
    for a in doc.iter("a"):
        link = follow(a.get("href", ""), base)
        network = social_network(link or "")
        if not network or network in socials or not _is_profile(link):
            continue
        handle = urlsplit(link).path.strip("/").split("/")[-1].lstrip("@")
        if (name and _names_match(handle, name)) or _in_social_block(a):
            socials[network] = link
            kept.append(a)
        else:
            rest.append((a, network, link))
    for a, network, link in rest:
        if network not in socials and _beside(a, kept):
            socials[network] = link


def _beside(a, kept: list, depth: int = 7, max_links: int = 12) -> bool:
    """Is ``a`` in a small block (at most ``max_links`` links) with one of the ``kept`` links?"""
    el = a.getparent()
    while el is not None and depth > 0:
        links = list(el.iter("a"))
        if len(links) > max_links:
            return False
        if any(k in links for k in kept):
            return True
        el, depth = el.getparent(), depth - 1
    return False


def _is_platform(url: str) -> bool:
    return bool(re.search(r"(^|\.)(medium\.com|substack\.com|wordpress\.com|blogspot\.com|github\.io|wixsite\.com)$",
                          urlsplit(url).hostname or ""))


def _logo_alt(doc) -> str:
    """The site's name as its logo's alt text says it (an image in the header whose class or file says logo)."""
    for img in doc.iter("img"):
        marks = f"{img.get('class', '')} {img.get('id', '')} {img.get('src', '')}".lower()
        alt = clean_space(img.get("alt") or "")
        if "logo" in marks and 2 <= len(alt) <= 60 and not re.search(r"\blogo\b", alt, re.I):
            return alt
    return ""


def _title_name(title: str, base: str) -> str:
    """The site's name in its <title>: the part that spells the domain, else the one part when there is one
    ("Hunde Verein Kreis Unna 1990 e. V."), never "Home"."""
    parts = [p.strip() for p in re.split(r"\s+[|–—·•»:-]\s+|\s*\|\s*", title) if p.strip()]
    parts = [p for p in parts if not _GENERIC_TITLE.match(p)]
    host = host_of(base).split(".")[0] if base.startswith(("http://", "https://")) else ""
    for part in parts:
        if host and _names_match(host, part):
            return part
    return parts[0] if len(parts) == 1 and len(parts[0]) <= 80 else ""


def _in_social_block(el, depth: int = 6) -> bool:
    while el is not None and depth >= 0:
        if _SOCIAL_CLASS.search(f"{el.get('class', '')} {el.get('id', '')} {el.get('aria-label', '')}"):
            return True
        el, depth = el.getparent(), depth - 1
    return False


def _names_match(handle_or_name: str, company: str) -> bool:
    a, b = _compact(handle_or_name), _compact(company)
    if len(a) < 3 or len(b) < 3:
        return False
    return b in a or (len(a) >= 4 and a in b) or fuzz.ratio(a, b) >= 85


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", normalize_company(text) or "")


def _feeds(doc, base: str) -> list[str]:
    feeds = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in _FEED_TYPES:
            url = follow(link.get("href", ""), base)
            if url:
                feeds.append((("comment" in (link.get("title") or "").lower() or "/comments/" in url), url))
    feeds.sort(key=lambda pair: pair[0])  # the site's main feed before comment feeds
    return list(dict.fromkeys(url for _, url in feeds))


def _nav_links(doc, base: str) -> tuple[str, str]:
    host = host_of(base)
    about, careers = "", ""
    for a in doc.iter("a"):
        url = follow(a.get("href", ""), base)
        if not url:
            continue
        label = clean_space(a.text_content()).lower()
        path = urlsplit(url).path.strip("/").lower()
        same_site = host_of(url) == host
        if not about and same_site and (_ABOUT.match(label) or _ABOUT.match(path.split("/")[-1] if path else "")):
            about = url
        if not careers and ((same_site and (_CAREERS.search(label) or _CAREERS.search(path)))
                            or any((urlsplit(url).hostname or "").endswith(ats) for ats in _ATS)):
            careers = url
    return about, careers


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _meta(doc) -> dict[str, str]:
    meta = {}
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        if key and el.get("content") and key not in meta:
            meta[key] = clean_space(el.get("content")) if key != "description" else el.get("content").strip()
    return meta


def _base(doc, url: str, meta: dict) -> str:
    """Where relative links resolve: <base>, else the page URL; a local file falls back to canonical/og:url."""
    if not url.startswith(("http://", "https://")):
        for el in doc.iter("link"):
            if (el.get("rel") or "").lower() == "canonical" and el.get("href", "").startswith(("http://", "https://")):
                url = el.get("href")
                break
        else:
            url = meta.get("og:url", "") or url
    for el in doc.iter("base"):
        return follow(el.get("href", ""), url) or url
    return url


def _jsonld_items(doc) -> list[dict]:
    """Top-level JSON-LD items (and members of @graph); nested objects stay inside their parents."""
    items = []
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):  # malformed or absurdly deep: the page's other data still counts
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                graph = item.get("@graph")
                items.extend(g for g in (graph if isinstance(graph, list) else []) if isinstance(g, dict))
                if "@type" in item:
                    items.append(item)
    return items


def _types(item: dict) -> set[str]:
    value = item.get("@type") or []
    return {str(t).rsplit("/", 1)[-1] for t in (value if isinstance(value, list) else [value])}


def _pick_org(orgs: list[dict], base: str) -> dict:
    """The organisation that runs this site: the one whose url is this site, else the first."""
    host = host_of(base)
    for org in orgs:
        if host and host_of(_text(org.get("url"))) == host:
            return org
    return orgs[0] if orgs else {}


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("url") or value.get("@id") or ""
    return str(value or "").strip()


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _logo(org: dict, base: str) -> str:
    logo = org.get("logo") or org.get("image")
    if isinstance(logo, list):
        logo = logo[0] if logo else None
    if isinstance(logo, dict):
        logo = logo.get("contentUrl") or logo.get("url") or ""
    return follow(str(logo or ""), base) or ""


def _address(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        if "address" in value:  # a Place
            return _address(value["address"])
        parts = [_text(value.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
        return ", ".join(dict.fromkeys(p for p in parts if p))
    return clean_space(str(value or ""))


def _plain(html: str) -> str:
    if not html or "<" not in html:
        return clean_space(html)
    return clean_space(html_tree(f"<div>{html}</div>").text_content())
