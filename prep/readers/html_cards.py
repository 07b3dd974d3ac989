"""Generic HTML people lists: find repeated "person card" structures on any speaker, attendee or
team page and read name, title, company, bio, links, image and talks from each card.

No per-site configuration. Cards are found by repetition (many elements sharing one tag+class
signature, or runs that start at a heading or ``<dt>``), scored by how many of them hold a plausible,
distinct person name, and read with class-name hints first and, after those, line by line as a
browser shows the card. Cards of the same template elsewhere on the page (keynotes) join the best
group, and a "Next" page on the same site is handed back for reading. A YAML recipe (see
``recipe.py``) can override the heuristics for a page they get wrong.
"""
from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..fetch import follow
from ..names import clean_space, is_titleish, looks_like_person_name, split_name_org, split_tagline
from ..htmltree import html_tree
from . import Parsed, register

DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "head", "form", "select")
NAME_HINT = re.compile(r"(^|[-_ ])(name|fn|full-?name|speaker-?name|person-?name|p-name)($|[-_ ])", re.I)
JOB_HINT = re.compile(r"job|position|role|jobtitle|job-title|occupation|designation|p-job", re.I)
ORG_HINT = re.compile(r"company|org|affiliation|employer|institution|p-org", re.I)
TAGLINE_HINT = re.compile(r"tagline|subtitle|description|headline|byline|meta|caption|info|title", re.I)
BIO_HINT = re.compile(r"bio|abstract|about|summary|excerpt|p-note", re.I)
TALK_HINT = re.compile(r"talk|session|presentation", re.I)
SOCIAL = {"linkedin.com": "linkedin", "twitter.com": "x", "x.com": "x", "github.com": "github"}
LABELS = re.compile(r"^(view|read|more|see|profile|details|bio|close|show|learn)\b", re.I)


def detect(text: str, url: str, kind: str) -> float:
    return 0.2 if kind == "html" else 0.0


@register("html-cards", detect)
def parse(text: str, url: str) -> Parsed:
    root = html_tree(re.sub(r"^\s*<\?xml[^>]*>", "", text))
    next_links = _next_links(root)  # before navigation is dropped: pagination often sits in a <nav>
    _strip(root)
    best, best_score, scored = [], 0.0, []
    for items in _groups(root):
        # Cheap pass: only names. Real cards of one list hold the name in the same place;
        # mixed groups (cards plus modals, cards plus talk lists) do not.
        found = [(item, hit) for item in items if (hit := _find_name(item))]
        paths = Counter(hit[3] for _, hit in found)
        if not paths:
            continue
        main_path = paths.most_common(1)[0][0]
        found = [(item, hit) for item, hit in found if hit[3] == main_path]
        names = {hit[1].casefold() for _, hit in found}
        if len(names) < 2 and not (names and _marked_as_person(*found[0])):
            continue  # one name alone counts only when the markup says it is a person (a list's last page)
        richness = sum(bool(item.find(".//img") is not None) + (len(item.text_content()) > len(hit[1]) + 20)
                       for item, hit in found) / len(found)
        score = len(names) * (len(found) / len(items)) ** 2 * (1 + richness / 3)
        if _fields_of_cards(found):
            score /= 2
        scored.append((found, main_path))
        if score > best_score:
            best, best_score = found, score
    people: dict[tuple, dict] = {}
    cards = best + _more_of_the_same(best, scored)
    if len(cards) > len(best):  # keep the page's order
        order = {id(el): i for i, el in enumerate(root.iter())}
        cards.sort(key=lambda card: order.get(id(card[0]), 0))
    for item, hit in cards:  # a person may appear twice (card + modal, two sections)
        record = _read_card(item, url, hit)
        if record:
            people.setdefault((record["name"].casefold(), record["company"].casefold()), record)
    parsed = Parsed(people=list(people.values()), reader="html-cards")
    parsed.profile_pages = [p["profile_url"] for p in parsed.people if p.get("profile_url")]
    parsed.next_pages = _same_site(next_links, url) if parsed.people else []
    return parsed


PERSON_CARD = re.compile(r"speaker|person|people|member|attendee|presenter|panelist|profile", re.I)


def _marked_as_person(card, hit: tuple) -> bool:
    name_node = hit[0]
    return (name_node is not None and bool(NAME_HINT.search(_classes(name_node)))) or bool(PERSON_CARD.search(_classes(card)))


def _more_of_the_same(best: list, scored: list) -> list:
    """Cards of the same template elsewhere on the page: keynote speakers above the speaker grid
    share the grid's name markup (same tag and class) but not its card markup."""
    if not best or not best[0][1][3][1]:  # a bare <h3> says nothing about the template
        return []
    path, taken = best[0][1][3], {id(item) for item, _ in best}
    covered = {id(node) for item, _ in best for node in item.iter()}
    extra = []
    for found, main_path in scored:
        if main_path != path:
            continue
        for item, hit in found:
            if id(item) in covered or any(id(a) in taken for a in item.iterancestors()) \
                    or any(id(n) in taken for n in item.iter()):
                continue  # inside a card already read, or around one (the grid itself)
            extra.append((item, hit))
            covered.update(id(node) for node in item.iter())
            taken.add(id(item))
    return extra


NEXT_LABEL = re.compile(r"^(next( page)?|older|more speakers|weiter|suivant|siguiente)?\s*[›»→>]*$", re.I)


def _next_links(root) -> list[str]:
    """Where the list goes on: ``rel="next"`` (a ``<link>`` in the head or an anchor), or an anchor
    labelled "Next" or "›" in something named for pagination."""
    hrefs = [el.get("href", "") for el in root.iter("link", "a") if "next" in (el.get("rel") or "").lower().split()]
    for a in root.iter("a"):
        label = clean_space(a.text_content())
        if label and len(label) < 20 and NEXT_LABEL.match(label) and \
                re.search(r"pag|next", " ".join(_classes(n) for n in [a, *list(a.iterancestors())[:2]]), re.I):
            hrefs.append(a.get("href", ""))
    return hrefs


def _same_site(hrefs: list[str], url: str) -> list[str]:
    """The first link that stays on the page's site (http or https only) and leads elsewhere."""
    if not url.startswith(("http://", "https://")):
        return []
    for href in hrefs:
        target = follow(href, url)
        if target and urlsplit(target).hostname == urlsplit(url).hostname and target.split("#")[0] != url.split("#")[0]:
            return [target]
    return []


def _fields_of_cards(found) -> bool:
    """Bare lines, several to a parent: the name, title and company lines of cards whose own markup
    is not repeated (plain ``<div>`` lines inside an ``<a>`` card), not one person each."""
    if any(len(item) for item, _ in found):
        return False
    parents = Counter(id(item.getparent()) for item, _ in found)
    return len(parents) >= 2 and len(found) >= 2 * len(parents)


def _strip(root) -> None:
    """Drop what never holds people (scripts, navigation, forms, comments); ``<br>`` reads as a space."""
    for br in root.iter("br"):  # "Ada<br>Lovelace" reads "Ada Lovelace", not "AdaLovelace"
        br.tail = " " + (br.tail or "")
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    etree.strip_elements(root, etree.Comment, with_tail=False)


def _classes_of(el) -> list[str]:
    return sorted(c for c in (el.get("class") or "").split() if not re.search(r"\d{2,}|^(active|odd|even|first|last)$", c))


SPONSORISH = re.compile(r"sponsor|partner|exhibitor|supporter|logo", re.I)
SEGMENT_STARTS = ("dt", "h2", "h3", "h4", "h5")
BLOCKS = ("div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "section", "article", "figure", "table")
INLINE = ("html", "body", "br", "hr", "img", "a", "span", "b", "i", "em", "strong", "p", "h1", "h2", "h3", "h4", "h5", "h6")


def _groups(root):
    """Repeated elements: siblings sharing a signature, same-signature elements page-wide, and
    people without a card element of their own (see :func:`_segments`)."""
    page_wide: dict[tuple, list] = defaultdict(list)
    parents = []
    for el in root.iter():
        if isinstance(el.tag, str) and (el.tag not in INLINE or el.tag == "a" and len(el) >= 2):  # a link can be a card
            classes = _classes_of(el)
            page_wide[(el.tag, " ".join(classes))].append(el)
            if classes:  # "speaker featured" is still a "speaker" card
                for cls in classes:
                    page_wide[(el.tag, cls, "token")].append(el)
        if isinstance(el.tag, str) and len(el) >= 2:
            parents.append(el)
    for key, items in page_wide.items():
        if len(items) >= 2 or PERSON_CARD.search(key[1]):  # one card alone when named for a person
            yield items
    for parent in parents:
        yield from _segments(parent)


def _segments(parent):
    """Flat lists, where a heading (or a ``<dt>``) starts each person and the elements after it, up
    to the next one of its kind, describe them: each run is copied into a card of its own."""
    children = [c for c in parent if isinstance(c.tag, str)]
    counts = Counter(c.tag for c in children)
    for start in SEGMENT_STARTS:
        if counts[start] < 2:
            continue
        cards, card = [], None
        for child in children:
            if child.tag == start:
                card = parent.makeelement("div", {"class": "prep-segment"})
                cards.append(card)
            elif card is None or not _continues(start, child.tag):
                card = None  # before the first start, or after a heading that ends the run
                continue
            card.append(copy.deepcopy(child))
        if len(cards) >= 2:
            yield cards


def _continues(start: str, tag: str) -> bool:
    if start == "dt":
        return tag == "dd"
    return not (re.fullmatch(r"h[1-6]", tag) and tag <= start)  # an h2 ends a run of h3 people


def _texts(el) -> list[tuple[object, str]]:
    """(element, text) for each element that directly carries text, in document order."""
    out = []
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        own = clean_space(" ".join([node.text or ""] + [c.tail or "" for c in node]))
        if own:
            out.append((node, own))
    return out


BLOCK_TAGS = set(BLOCKS) | {"dl", "dt", "dd", "header", "footer", "main", "aside", "figcaption", "tr", "td", "th",
                             "blockquote", "address", "tbody", "thead"}


def _visual_lines(card) -> list[tuple[object, str, bool]]:
    """The card as it reads: (block, line, has text outside links) for each line. Inline markup joins
    ("<em>CTO</em> at <b>Acme</b>" is one line); blocks and ``<br>`` break lines."""
    lines, parts, plain = [], [], [False]

    def flush(block) -> None:
        text = clean_space("".join(parts))
        if text:
            lines.append((block, text, plain[0]))
        parts.clear()
        plain[0] = False

    def add(text: str | None, in_link: bool) -> None:
        if text:
            parts.append(text)
            plain[0] = plain[0] or (not in_link and bool(text.strip()))

    def walk(node, block, in_link: bool) -> None:
        add(node.text, in_link)
        glued = False  # the previous child was an element with no text after it
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    flush(block)
                elif child.tag in BLOCK_TAGS:
                    flush(block)
                    walk(child, child, in_link)
                    flush(child)
                else:
                    if glued and parts and not parts[-1][-1:].isspace():
                        flush(block)  # "<span>CTO</span><span>Acme</span>": styled as lines, never "CTOAcme"
                    walk(child, block, in_link or child.tag == "a")
            add(child.tail, in_link)
            glued = isinstance(child.tag, str) and not (child.tail or "").strip()

    walk(card, card, card.tag == "a" and len(card) == 0)
    flush(card)
    return lines


def _lines_after_name(card, name_node, name: str, bio: str) -> list[str]:
    """Short lines that follow the name's line (and the rest of that line: "Ada Lovelace – Analyst"),
    leaving out badges above the name, bios, talks and lines that are only links."""
    lines = _visual_lines(card)

    def of_name(block, text: str) -> bool:
        return name_node is not None and (block is name_node or _inside(block, name_node)) or \
            name.casefold() in text.casefold()

    first = next((i for i, (block, text, _) in enumerate(lines) if of_name(block, text)), None)
    out = []
    if first is not None:
        last = first
        while last + 1 < len(lines) and name_node is not None and \
                (lines[last + 1][0] is name_node or _inside(lines[last + 1][0], name_node)):
            last += 1  # "Ada<br>Lovelace": one name over two lines
        text = lines[first][1]
        at = text.casefold().find(name.casefold())
        if at >= 0:
            out.append(clean_space(text[:at] + " " + text[at + len(name):]))
        lines = lines[last + 1:]
    for block, text, plain in lines:
        if plain and len(text) < 160 and text != bio and not _is_talk(block) and not _in_bio(block, card) \
                and not LABELS.match(text) and (block.tag != "li" or block is card):
            out.append(text)
    return [t for t in (t.strip(" —–-:|,") for t in out) if t]


def _classes(node) -> str:
    return " ".join(filter(None, (node.get("class"), node.get("itemprop"), node.get("id"))))


def _find_name(card) -> tuple | None:
    """(name node, name, company in the name, where the name sits) or None when the card names nobody."""
    if any("logo" in (img.get("alt", "") + img.get("src", "") + img.get("class", "")).lower() for img in card.iter("img")) \
            or any(SPONSORISH.search(_classes(a)) for a in [card, *list(card.iterancestors())[:4]]):
        return None  # a sponsor or partner tile, not a person
    name_node, name, company_from_name = None, "", ""
    candidates = [n for n in card.iter() if isinstance(n.tag, str) and NAME_HINT.search(_classes(n))]
    candidates += [n for n in card.iter("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "a")
                   if not any(c.tag in BLOCKS for c in n)]  # a link around a whole card is not its name
    rest = ""
    for node in candidates:
        raw = clean_space(node.text_content())
        person, org = split_name_org(raw)
        if looks_like_person_name(person):
            name_node, name, company_from_name = node, person, org
            if not org:  # "Ada Lovelace, Babbage & Co" or "Ada Lovelace | Analyst" in the heading
                name, company_from_name, rest = _name_then_more(person)
            break
    if not name:  # no hint, no heading: the first short text that reads as a name
        lines = _texts(card)[:3]
        for i, (node, text) in enumerate(lines):
            person, org = split_name_org(text)
            if len(text) < 80 and looks_like_person_name(person) and (node.tag not in ("li", "p") or
                                                                       i == 0 and _photo_then_job(card, person, lines)):
                name_node, name, company_from_name = node, person, org
                break
            person, rest = _name_and_rest(text)
            if i == 0 and person:  # "Ada Lovelace, Analyst at Babbage & Co" on one line
                name_node, name = node, person
                break
    if not name:
        for img in card.iter("img"):
            person, org = split_name_org(re.sub(r"^(photo|picture|portrait|image|avatar) of\s+", "", img.get("alt") or img.get("title") or "", flags=re.I))
            if looks_like_person_name(person) and len(person.split()) >= 2:
                name, company_from_name = person, org
                break
    if not name:
        return None
    where = (name_node.tag, name_node.get("class")) if name_node is not None else ("img", None)
    return name_node, name, company_from_name, where, rest


def _photo_then_job(card, person: str, lines: list) -> bool:
    """A plain paragraph names a person only in a card with a photo, followed by a job title: a grid of
    topics, cities or sponsors in paragraphs has the same shape otherwise."""
    following = lines[1][1] if len(lines) > 1 else ""
    return (card.find(".//img") is not None and len(person.split()) <= 4 and not is_titleish(person)
            and (is_titleish(following) or bool(re.search(r"\s(at|@)\s", following))))


NAME_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv|phd|ph\.d|md|mba|msc|mph|dds)\.?$", re.I)


def _name_then_more(text: str) -> tuple[str, str, str]:
    """(name, company, title) from a heading that may add one of them after the name."""
    for separator in (" | ", " – ", " — ", " - ", ", "):
        head, found, tail = text.partition(separator)
        tail = tail.strip()
        if found and tail and 2 <= len(head.split()) <= 4 and not is_titleish(head) and not NAME_SUFFIX.match(tail):
            return (head.strip(), "", tail) if is_titleish(tail) else (head.strip(), tail, "")
    return text, "", ""


def _name_and_rest(line: str) -> tuple[str, str]:
    """("Ada Lovelace", "Analyst at Babbage & Co") from one line that starts with a name and goes on
    with a job title; ("", "") when it does not read so (a talk title, a list of topics)."""
    for separator in (" – ", " — ", " - ", " | ", ", ", ": "):
        head, found, rest = line.partition(separator)
        if found and 2 <= len(head.split()) <= 4 and looks_like_person_name(head) and not is_titleish(head) \
                and (is_titleish(rest) or re.search(r"\s(at|@)\s", rest)):
            return head.strip(), rest.strip()
    return "", ""


def _read_card(card, url: str, hit: tuple) -> dict:
    name_node, name, company_from_name, _, rest = hit
    texts = [(n, t) for n, t in _texts(card)
             if n is not name_node and not _inside(n, name_node) and t != name and not LABELS.match(t)]
    job = next((t for n, t in texts if JOB_HINT.search(_classes(n)) and len(t) < 150), "")
    org = next((t for n, t in texts if ORG_HINT.search(_classes(n)) and len(t) < 120 and t != job), "")
    bio = next((t for n, t in texts if BIO_HINT.search(_classes(n)) and len(t) >= 40), "")
    bio = bio or next((t for n, t in texts if "description" in _classes(n) and len(t) >= 160), "")
    if not bio:
        long = [t for n, t in texts if len(t) >= 80]
        bio = max(long, key=len) if long else ""
    tagline = job
    if rest and not job and not org:
        tagline = rest
    elif not job and not org:
        tagline = next((t for n, t in texts if TAGLINE_HINT.search(_classes(n)) and len(t) < 160 and t != bio
                        and not _is_talk(n)), "")
        if not tagline:  # the lines after the name, such as "CTO, Acme" or "CTO" then "Acme"
            short = _lines_after_name(card, name_node, name, bio)
            tagline = short[0] if short else ""
            if len(short) > 1 and not all(split_tagline(tagline)) and _one_phrase(short[1]) \
                    and (is_titleish(tagline) or is_titleish(short[1])):
                tagline = f"{tagline} | {short[1]}"
    if tagline.casefold().startswith(name.casefold()):  # "Kirsten Hunter, API Evangelist"
        tagline = tagline[len(name):].lstrip(" ,:-–|")
    if company_from_name:  # "Name (Company)": the tagline only holds the title, maybe "Title @ Company"
        title, company = _strip_company(tagline, company_from_name), company_from_name
    elif org:
        title, company = job, org
    else:
        title, company = split_tagline(tagline)
    record = {"name": name, "title": title, "company": company, "bio": bio if bio not in (title, company) else "",
              "role": "speaker", "source_url": url, "links": {}, "talks": []}
    _links(card, url, name_node, record)
    image = next((img.get("src") or img.get("data-src") for img in card.iter("img") if img.get("src") or img.get("data-src")), "")
    if image and not image.startswith("data:"):
        record["image_url"] = urljoin(url, image) if url.startswith("http") else image
    talks = [t for n, t in texts if n is not card and (n.tag == "li" or TALK_HINT.search(_classes(n))) and not _in_bio(n, card)
             and t not in (title, company, bio) and len(t) > 3]
    record["talks"] = [t for t in dict.fromkeys(talks) if not record["links"] or t not in _link_labels(card)]
    return record


def _one_phrase(text: str) -> bool:
    """A company or a title, not a sentence: a few words without a full stop or question mark."""
    return len(text.split()) <= 6 and not re.search(r"[.?!]\s|[.?!]$", text)


def _inside(node, ancestor) -> bool:
    return ancestor is not None and any(a is ancestor for a in node.iterancestors())


def _in_bio(node, card) -> bool:
    for ancestor in node.iterancestors():
        if ancestor is card:
            return False
        if BIO_HINT.search(_classes(ancestor)):
            return True
    return False


def _is_talk(node) -> bool:
    return bool(TALK_HINT.search(_classes(node))) or any(TALK_HINT.search(_classes(a)) for a in list(node.iterancestors())[:3])


def _link_labels(card) -> set[str]:
    return {clean_space(a.text_content()) for a in card.iter("a") if _social_kind(a.get("href", ""))}


def _social_kind(href: str) -> str:
    host = (urlsplit(href).hostname or "").removeprefix("www.")
    if host in SOCIAL:
        return SOCIAL[host]
    if re.match(r"^/@\w+", urlsplit(href).path or ""):
        return "mastodon"
    return ""


def _strip_company(text: str, company: str) -> str:
    """"CTO @ Clickslide" -> "CTO"; "Director, API Partner Development SmartBear Software" -> up to the company."""
    pos = text.lower().find(company.lower())
    if pos > 0:
        text = re.sub(r"(\s+(at|@|of|for|bei|-|–)|[,@|-])\s*$", "", text[:pos].strip(), flags=re.I).strip()
    title, other = split_tagline(text)
    return title if title and other else text


def _links(card, url: str, name_node, record: dict) -> None:
    site = urlsplit(url).hostname
    for a in card.iter("a"):
        target = follow(a.get("href", ""), url) if url.startswith("http") else (
            a.get("href") if (a.get("href") or "").startswith(("http://", "https://")) else None)
        if not target:
            continue
        kind = _social_kind(target)
        if kind:
            record["links"].setdefault(kind, target)
        elif urlsplit(target).hostname == site and not record.get("profile_url") and "#" not in a.get("href", ""):
            record["profile_url"] = target
        elif urlsplit(target).hostname != site and ("me" in (a.get("rel") or "") or "website" in a.text_content().lower()):
            record["links"].setdefault("website", target)
        elif urlsplit(target).hostname != site:
            record["links"].setdefault("other", []).append(target)
