"""Sponsors, partners, exhibitors and organisers shown on any HTML page: logo grids, link lists, tiers.

A visitor knows a sponsor block by its heading ("Gold sponsors", "Partner", "Patrocinadores",
"Organized by") or by a page about sponsors (its address or title says so). Inside such a block,
each link to another site, or each logo, is one organisation: its name is the logo's alt text or
title, else the link's own short text, else its caption, else the logo's file name
("homeadvisor.png" -> "homeadvisor"); its website is the link. The nearest heading gives the tier
and the kind (sponsor, partner, exhibitor, organizer). "Become a sponsor" tiles are left out.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from ..htmltree import html_tree
from ..names import clean_space
from ..social import social_network
from ..urls import bare_host, follow
from . import Parsed, register

# Words that mark sponsors, partners and organisers, in several languages. detect() looks for them as plain
# strings (a 1 MB page without one is ruled out in milliseconds; a regex took 0.1 s); elsewhere one regex.
_SPONSOR_LITERALS = ("sponsor", "partner", "patrocin", "auspici", "exhibitor", "aussteller", "exposant", "backer",
                     "supporter", "sostenitor", "soutien", "unterstütz", "unterstutz", "förder", "organized by",
                     "organised by", "organizado", "organisado", "organizza", "organisateur", "veranstalter",
                     "hosted by", "in collaboration", "powered by", "media partner", "friends of")
SPONSOR_WORDS = re.compile("|".join(map(re.escape, _SPONSOR_LITERALS)), re.I)
KINDS = (("organizer", re.compile(r"organi[sz]ed by|organi[sz]ado|organizza|organisateur|veranstalter|hosted by|"
                                  r"^organi[sz]ers?$|^organizadores$", re.I)),
         ("partner", re.compile(r"partner|patrocinio|collaboration|friends|media", re.I)),
         ("exhibitor", re.compile(r"exhibitor|aussteller|exposant", re.I)),
         ("sponsor", re.compile(r".", re.I)))
PLACEHOLDER = re.compile(r"become|want to (?:be|sponsor)|your (?:logo|company)|sponsor us|diventa|sé patrocinador|"
                         r"werden sie|devenez|contact us|more info|learn more|read more|información|informazioni|^sponsors?$|"
                         r"^partners?$", re.I)
OTHER_TOPICS = re.compile(r"speaker|schedule|agenda|programm?e?|ticket|venue|about|contact|news|blog|team|"
                          r"ponentes|relatori|referenten|orateurs|cronograma|sessions?|talks?|workshops?", re.I)
_LOGO_WORDS = re.compile(r"\b(logo|logotipo|logotype|image|img|banner)\b|[-_ ]?logo$", re.I)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")





def detect(text: str, url: str, kind: str) -> float:
    if kind != "html":
        return 0.0
    lowered = text[:2_000_000].lower()
    return 0.3 if any(word in lowered for word in _SPONSOR_LITERALS) else 0.0


@register("sponsors", detect)
def parse(text: str, url: str) -> Parsed:
    root = html_tree(text)
    for junk in root.xpath("//script|//style|//noscript|//template|//nav|//form"):
        junk.drop_tree()
    return Parsed(organizations=organizations_on(root, url), reader="sponsors")


def organizations_on(root, url: str) -> list[dict]:
    """Every organisation shown in a sponsor block of the page, in page order."""
    site = bare_host(url)
    page_is_about_sponsors = bool(SPONSOR_WORDS.search(urlsplit(url).path)) or \
        bool(SPONSOR_WORDS.search(clean_space(root.findtext(".//title") or "")))
    found: dict[str, dict] = {}
    heading = ""
    in_block = page_is_about_sponsors
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in HEADINGS or _named_block(el):
            label = clean_space(el.text_content()) if el.tag in HEADINGS else _block_label(el)
            if el.tag in HEADINGS:
                if SPONSOR_WORDS.search(label) or _tier_word(label):
                    heading, in_block = label, True
                elif (not page_is_about_sponsors or OTHER_TOPICS.search(label)) and len(label) < 80:
                    heading, in_block = "", False  # a heading about something else ends the block
            elif SPONSOR_WORDS.search(label):
                heading, in_block = heading or label, True
        if el.tag == "a" and _LEAD_IN.search(_text_before(el)):  # "Organized by <a>GDG Venezia</a>" in running text
            org = _organization(el, url, site)
            if org and not PLACEHOLDER.search(org["name"]):
                org.update(kind=_kind(_text_before(el)), tier="", source_url=url)
                found.setdefault(org["name"].casefold(), org)
            continue
        if not in_block and not _inside_named_block(el):
            continue
        org = _organization(el, url, site)
        if org and not PLACEHOLDER.search(org["name"]) and not _NOT_A_NAME.search(org["name"]):
            org.update(kind=_kind(heading or _inside_named_block(el)), tier=heading, source_url=url)
            found.setdefault(org["name"].casefold(), org)
    merged: dict[str, dict] = {}
    for org in found.values():  # "home advisor" (a file name) and "HomeAdvisor" (an alt text) are one sponsor
        key = re.sub(r"[\W_]+", "", org["name"].casefold())
        if key not in merged or org["name"] != org["name"].lower() and merged[key]["name"] == merged[key]["name"].lower():
            merged[key] = {**merged.get(key, {}), **{k: v for k, v in org.items() if v}}
    return [{**org, "name": _capitalized(org["name"])} for org in merged.values()]


_LEAD_IN = re.compile(r"(organi[sz]ed by|organizzato da|organizado por|organisé par|veranstaltet von|hosted by|"
                      r"sponsored by|powered by|in partnership with|presented by)\s*:?\s*$", re.I)


def _text_before(a) -> str:
    """The running text just before a link: its previous sibling's tail, else its parent's own text."""
    previous = a.getprevious()
    text = (previous.tail if previous is not None else a.getparent().text if a.getparent() is not None else "") or ""
    return clean_space(text)[-60:]


def _named_block(el) -> bool:
    return el.tag in ("section", "div", "ul", "aside", "footer") and bool(SPONSOR_WORDS.search(_block_label(el)))


def _block_label(el) -> str:
    return " ".join(filter(None, (el.get("id"), el.get("class"), el.get("aria-label"))))


def _inside_named_block(el) -> str:
    for ancestor in el.iterancestors():
        if ancestor.tag in ("section", "div", "ul", "li", "aside", "footer"):
            label = _block_label(ancestor)
            if SPONSOR_WORDS.search(label):
                return label
    return ""


_TIERS = re.compile(r"^(platinum|gold|silver|bronze|diamond|titanium|venue|diversity|travel|internet|party|media|"
                    r"hosting|sprint|transportation|community|coffee|lunch|video|reception|main|premium|"
                    r"oro|plata|bronce|argento|bronzo|or|argent)\b", re.I)


def _tier_word(label: str) -> bool:
    return bool(_TIERS.match(label)) and len(label.split()) <= 4


def _organization(el, url: str, site: str) -> dict | None:
    """One organisation for a logo or a link to another site; None for anything else."""
    if el.tag == "a":
        target = follow(el.get("href", ""), url) if url.startswith(("http://", "https://")) else \
            (el.get("href") if (el.get("href") or "").startswith(("http://", "https://")) else None)
        if not target or social_network(target):
            return None
        external = bare_host(target) != site
        img = next(iter(el.iter("img")), None)
        if not external and img is None:
            return None  # a link within the site, such as the menu
        name = _logo_name(img) if img is not None else ""
        text = clean_space(el.text_content())
        name = name or (text if 1 <= len(text.split()) <= 6 and len(text) <= 60 else "")
        weak = not name
        if not name and img is not None:
            name = _logo_file_name(img.get("src") or img.get("data-src") or "", target if external else "")
            if not name and _NOT_A_NAME.search(PurePosixPath(urlsplit(img.get("src") or "").path).stem):
                return None  # a placeholder tile ("placeholder.png"), not a sponsor yet
        if not name and external:
            name = bare_host(target).split(".")[0]
        # a name read from a file or an address ("progressive.png") gives way to a better one (see event.py)
        return {"name": name, "url": target if external else "", "_weak_name": weak,
                "logo_url": follow(img.get("src", ""), url) or "" if img is not None else ""} if name else None
    if el.tag == "img" and not any(a.tag == "a" for a in el.iterancestors()):
        name = _logo_name(el) or _caption(el)
        return {"name": name, "url": "", "logo_url": follow(el.get("src", ""), url) or ""} if name else None
    return None


_NOT_A_NAME = re.compile(r"^(placeholder|default|blank|image|img|logo|banner|sponsor|partner|photo|picture)s?\d*$|"
                         r"^(photo|image|picture) (by|credit)\b|^credit", re.I)


def _logo_name(img) -> str:
    text = clean_space(img.get("alt") or img.get("title") or "")
    text = clean_space(_LOGO_WORDS.sub(" ", text)).strip(" -_|")
    return text if text and len(text) <= 80 and not _NOT_A_NAME.search(text) else ""


def _caption(img) -> str:
    figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
    caption = figure.find(".//figcaption") if figure is not None else None
    return clean_space(caption.text_content()) if caption is not None else ""


def _file_name(src: str) -> str:
    stem = PurePosixPath(unquote(urlsplit(src).path)).stem
    stem = re.sub(r"(?i)[-_ ]?(logo|color|colour|white|black|dark|light|small|big|\d+x\d+|@2x|v\d)$", "", stem)
    stem = re.sub(r"(?i)^(logo|sponsor|partner)[-_ ]?", "", stem)
    name = stem.replace("_", " ").replace("-", " ").strip()
    return name if len(name) >= 2 and not _NOT_A_NAME.search(name) else ""


def _logo_file_name(src: str, target: str) -> str:
    """A logo with no alt text is named by its file, or by the folder it sits in when that spells the
    sponsor's site better ("/sponsors/growth-acceleration-partners/GAP.svg" linking
    growthaccelerationpartners.com is "growth acceleration partners")."""
    path = PurePosixPath(unquote(urlsplit(src).path))
    candidates = [name for name in (_file_name(src), _file_name(path.parent.name + ".x")) if name]
    if not candidates:
        return ""
    labels = [label for label in bare_host(target).split(".")[:-1] if len(label) >= 3] if target else []

    def fit(name: str) -> int:
        squeezed = re.sub(r"[^a-z0-9]", "", name.lower())
        if any(squeezed == label for label in labels):
            return 3
        return 2 if any(label in squeezed or (len(squeezed) >= 4 and squeezed in label) for label in labels) else 0

    # of the names that spell the site, the fullest ("pontificia universidad javeriana" over "javeriana")
    def fuller(name: str) -> int:  # words, when they are words ("e-ibm" is not a fuller "ibm")
        words = name.split()
        return len(words) if fit(name) and all(len(w) >= 2 for w in words) else 0

    return max(candidates, key=lambda name: (bool(fit(name)), fuller(name), fit(name)))


def _capitalized(name: str) -> str:
    """A name read from a file, all lower case, as a name is written: "landing ai" -> "Landing AI", "ibm" -> "IBM"."""
    if not name.islower():
        return name
    words = name.split()
    return " ".join(w.upper() if len(w) <= 2 or (len(words) == 1 and len(w) <= 3) else w.capitalize() for w in words)



def _kind(label: str) -> str:
    return next(kind for kind, pattern in KINDS if pattern.search(label or "sponsor"))
