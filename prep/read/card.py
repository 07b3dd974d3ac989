"""One person card, read: its name, the lines under it (title, company), bio, talks, photo and links.

A card is an element :mod:`prep.read.html_cards` found repeated on a page. Class-name hints
("name", "job-title", "company", "bio") are read first; without them, the card is read line by line as
a browser shows it, since title and company are whatever short lines follow the name.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from ..names import TALK_LABEL, clean_space, is_titleish, looks_like_person_name, split_name_org
from ..social import social_network
from ..urls import follow
from .taglines import split_tagline

NAME_HINT = re.compile(r"(^|[-_ ])(name|fn|full-?name|speaker-?name|person-?name|p-name)($|[-_ ])", re.I)
JOB_HINT = re.compile(r"job|position|role|jobtitle|job-title|occupation|designation|p-job", re.I)
ORG_HINT = re.compile(r"company|org|affiliation|employer|institution|p-org", re.I)
# A line that names an academic or public institution (an affiliation), whatever else it holds.
_AFFILIATION = re.compile(r"\b(universit\w*|universidad|universidade|università|institut\w*|instituto|college|school|"
                          r"academ\w*|department|dept\.?|faculty|facultad|laborator\w*|labs?|centre|center|"
                          r"hospital|ministry|agency)\b", re.I)
# A role the person held before: "Former VP of Engineering at Dropbox", "Ex-Googler", "Anteriormente ...".
PAST_ROLE = re.compile(r"\s*(former(ly)?|ex[- ]|previously|past|retired|antes|anteriormente|ehemal\w*|ancien(ne)?|"
                       r"anciennement|già|ex$)\b", re.I)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TAGLINE_HINT = re.compile(r"tagline|subtitle|description|headline|byline|meta|caption|info|title", re.I)
BIO_HINT = re.compile(r"bio|abstract|about|summary|excerpt|p-note", re.I)
TALK_HINT = re.compile(r"talk|session|presentation", re.I)
LABELS = re.compile(r"^(view|read|more|see|profile|details|bio|close|show|learn)\b", re.I)
SPONSORISH = re.compile(r"sponsor|partner|exhibitor|supporter|logo", re.I)
SPONSOR_BLOCK = re.compile(r"sponsor|partner|exhibitor|supporter", re.I)  # "wp-custom-logo" on <body> is not one
BLOCKS = ("div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "section", "article", "figure", "table")


def own_texts(el) -> list[tuple[object, str]]:
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
                    # a link around blocks is a clickable card, not a link line: its lines still count
                    wraps = child.tag == "a" and any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in child.iter())
                    walk(child, block, in_link or (child.tag == "a" and not wraps))
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
    level = _heading_level(name_node)
    for block, text, plain in lines:
        if level and _heading_level(block) and _heading_level(block) <= level:
            continue  # a heading as big as the name's is another item (the talk), not the person's line
        if plain and len(text) < 160 and text != bio and not _is_talk(block) and not _in_bio(block, card) \
                and not LABELS.match(text) and not TALK_LABEL.match(text) and (block.tag != "li" or block is card):
            out.append(text)
    return [t for t in (t.strip(" —–-:|,") for t in out) if t]


def _heading_level(node) -> int:
    """1-6 for a heading (or a node inside one), 0 otherwise."""
    for el in [node, *list(node.iterancestors())[:2]] if node is not None else []:
        if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag):
            return int(el.tag[1])
    return 0


def classes(node) -> str:
    return " ".join(filter(None, (node.get("class"), node.get("itemprop"), node.get("id"))))


def find_name(card) -> tuple | None:
    """(name node, name, company given with the name, where the name sits, the rest of the name's line)
    or None when the card names nobody."""
    if any("logo" in (img.get("alt", "") + img.get("src", "") + img.get("class", "")).lower() for img in card.iter("img")) \
            or SPONSORISH.search(classes(card)) \
            or any(SPONSOR_BLOCK.search(classes(a)) for a in list(card.iterancestors())[:4] if a.tag not in ("body", "html")):
        return None  # a sponsor or partner tile, not a person
    name_node, name, company_from_name = None, "", ""
    candidates = [n for n in card.iter() if isinstance(n.tag, str) and NAME_HINT.search(classes(n))]
    candidates += [n for n in card.iter("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "a")
                   if not any(c.tag in BLOCKS for c in n)]  # a link around a whole card is not its name
    rest = ""
    for node in candidates:
        raw = clean_space(node.text_content())
        own = clean_space(node.text or "")
        if own and any(isinstance(c.tag, str) and (JOB_HINT.search(classes(c)) or ORG_HINT.search(classes(c)))
                       for c in node):  # "<p class=name>Ann Lee <span class=position>CTO, Acme</span></p>"
            raw = own
        person, org = split_name_org(raw)
        if looks_like_person_name(person):
            name_node, name, company_from_name = node, person, org
            if not org:  # "Ada Lovelace, Babbage & Co" or "Ada Lovelace | Analyst" in the heading
                name, company_from_name, rest = _name_then_more(person)
            break
    if not name:  # no hint, no heading: the first short text that reads as a name
        lines = own_texts(card)[:3]
        for i, (node, text) in enumerate(lines):
            person, org = split_name_org(text)
            # "Mario Berta (Imperial College London, GB)" in a list item names a person by its very form
            by_form = i == 0 and bool(org) and len(person.split()) >= 2 and not is_titleish(person) \
                and not re.search(r",|&|\band\b|\by\b", person)  # "Ann Lee, Bob Ray (Acme)" is two people
            if len(text) < (120 if by_form else 80) and looks_like_person_name(person) and (node.tag not in ("li", "p") or by_form or
                                                                        i == 0 and _photo_then_job(card, person, lines)):
                name_node, name, company_from_name = node, person, _without_country(org)
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


def _without_country(org: str) -> str:
    """"Imperial College London, GB" -> "Imperial College London": a trailing country code is a place."""
    return re.sub(r",\s*[A-Z]{2}(?:/[A-Z]{2})*$", "", org).strip()


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


def read_card(card, url: str, hit: tuple) -> dict:
    name_node, name, company_from_name, _, rest = hit
    order = {id(el): i for i, el in enumerate(card.iter())}
    texts = [(n, t) for n, t in own_texts(card)
             if n is not name_node and not _inside(n, name_node) and t != name and not LABELS.match(t)
             # a short heading above the name is the section's ("Voluntarios"), not the person's
             and not (n.tag in HEADINGS and len(t.split()) <= 3 and order.get(id(n), 0) < order.get(id(name_node), 0))]
    job = next((t for n, t in texts if JOB_HINT.search(classes(n)) and len(t) < 150), "")
    org = next((t for n, t in texts if ORG_HINT.search(classes(n)) and len(t) < 120 and t != job), "")
    bio = next((t for n, t in texts if BIO_HINT.search(classes(n)) and len(t) >= 40), "")
    bio = bio or next((t for n, t in texts if "description" in classes(n) and len(t) >= 160), "")
    if not bio:
        long = [t for n, t in texts if len(t) >= 80]
        bio = max(long, key=len) if long else ""
    tagline = job
    if rest and not job and not org:
        tagline = rest
    elif not job and not org:
        tagline = _best_tagline([full for n, _ in texts if TAGLINE_HINT.search(classes(n)) and not _is_talk(n)
                                 and len(full := clean_space(n.text_content())) < 160 and full != bio])
        if not tagline:  # the lines after the name, such as "CTO, Acme" or "CTO" then "Acme"
            short = _lines_after_name(card, name_node, name, bio)
            short = [line for line in short if not PAST_ROLE.match(line)] or short
            tagline = short[0] if short else ""
            if len(short) > 1 and _AFFILIATION.search(short[0]) and not _AFFILIATION.search(short[1]) \
                    and len(short[1].split()) <= 5 and not LABELS.match(short[1]):
                # "IIS, Academia Sinica" then "General chair": the affiliation, whole, then the role
                tagline = f"{short[1]} | {short[0]}"
            # (a short lower-case tag such as a language, "it", "eng", is a label, not a company)
            if len(short) > 1 and not all(split_tagline(tagline)) and _one_phrase(short[1]) \
                    and not re.fullmatch(r"[a-z]{1,4}", short[1]) and (is_titleish(tagline) or is_titleish(short[1])):
                tagline = f"{tagline} | {short[1]}"
    if tagline.casefold().startswith(name.casefold()):  # "Kirsten Hunter, API Evangelist"
        tagline = tagline[len(name):].lstrip(" ,:-–|")
    if _prose(tagline):  # "is a long time open source contributor. Originally ..., he ...": a bio, not a tagline
        tagline = ""
    if company_from_name:  # "Name (Company)": the tagline only holds the title, maybe "Title @ Company"
        title, company = _strip_company(tagline, company_from_name), company_from_name
    elif org:  # the title may sit in a line named only vaguely ("description", "subtitle"): a short job phrase
        title, company = job or next((t for n, t in texts if TAGLINE_HINT.search(classes(n)) and t != org
                                      and _one_phrase(t) and is_titleish(t) and not _is_talk(n)), ""), org
    else:
        title, company = split_tagline(tagline)
    record = {"name": name, "title": title, "company": company, "bio": bio if bio not in (title, company) else "",
              "role": "speaker", "source_url": url, "links": {}, "talks": []}
    if company and not title and not company_from_name and not org and company == clean_space(tagline):
        record["_bare"] = True  # one line, no separator, read as an employer: the page decides (columns.motto_column)
    if job and tagline == job and not (title and company and _balanced(title) and _balanced(company)):
        record["_job"] = job  # a line marked as the job: the page's column decides (see columns.job_column)
    _links(card, url, name_node, record)
    image = next((img.get("src") or img.get("data-src") for img in card.iter("img") if img.get("src") or img.get("data-src")), "")
    if image and not image.startswith("data:"):
        record["image_url"] = urljoin(url, image) if url.startswith("http") else image
    talks = [t for n, t in texts if n is not card and (n.tag == "li" or TALK_HINT.search(classes(n))) and not _in_bio(n, card)
             and t not in (title, company, bio) and len(t) > 3]
    record["talks"] = [t for t in dict.fromkeys(talks) if not record["links"] or t not in _link_labels(card)]
    return record


# a sentence that goes on from the person's name, in lower case: "is a long time contributor", "arbeitet bei ..."
_PROSE_START = re.compile(r"^(is|was|has|have|works|worked|lives|loves|leads|helps|builds|began|started|joined|"
                          r"spent|ist|war|arbeitet|es|est|était|è|trabaja|lavora)\b")


def _prose(text: str) -> bool:
    """A sentence about the person rather than a tagline: it goes on from their name ("is a ..."), or it
    runs to two sentences or more."""
    return bool(text) and bool(_PROSE_START.match(text) or len(re.findall(r"[.!?](\s|$)", text)) >= 2
                               and len(text.split()) >= 12)


def _best_tagline(lines: list[str]) -> str:
    """Of a card's tagline lines, the current role ("Former VP at Dropbox" is not), and the one that says
    both role and company ("Research Software Engineer, Project Jupyter") over a phrase before it."""
    lines = [line for line in dict.fromkeys(lines) if line]
    current = [line for line in lines if not PAST_ROLE.match(line)] or lines
    if not current:
        return ""
    if not all(split_tagline(current[0])):
        return next((line for line in current[1:3] if all(split_tagline(line))), current[0])
    return current[0]


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")")


def _one_phrase(text: str) -> bool:
    """A company or a title, not a sentence: a few words without a full stop or question mark."""
    return len(text.split()) <= 6 and not re.search(r"[.?!]\s|[.?!]$", text)


def _inside(node, ancestor) -> bool:
    return ancestor is not None and any(a is ancestor for a in node.iterancestors())


def _in_bio(node, card) -> bool:
    for ancestor in node.iterancestors():
        if ancestor is card:
            return False
        if BIO_HINT.search(classes(ancestor)):
            return True
    return False


def _is_talk(node) -> bool:
    return bool(TALK_HINT.search(classes(node))) or any(TALK_HINT.search(classes(a)) for a in list(node.iterancestors())[:3])


def _link_labels(card) -> set[str]:
    return {clean_space(a.text_content()) for a in card.iter("a") if social_network(a.get("href", ""))}


def _strip_company(text: str, company: str) -> str:
    """"CTO @ Clickslide" -> "CTO"; "Director, API Partner Development SmartBear Software" -> up to the company."""
    pos = text.lower().find(company.lower())
    if pos > 0:
        text = re.sub(r"(\s+(at|@|of|for|bei|-|–)|[,@|-])\s*$", "", text[:pos].strip(), flags=re.I).strip()
        if not re.search(r",|@|\s(at|bei|chez)\s", text, re.I):  # "Director - API Architecture": all title now
            return text
    title, other = split_tagline(text)
    return title if title and other else text


def _links(card, url: str, name_node, record: dict) -> None:
    site = urlsplit(url).hostname
    named = next((a for a in card.iter("a") if clean_space(a.text_content()) == record["name"]
                  or (name_node is not None and (a is name_node or _inside(name_node, a) or _inside(a, name_node)))), None)
    if named is not None and "#" not in named.get("href", ""):  # the link on the person's name is their page
        target = follow(named.get("href", ""), url) if url.startswith("http") else None
        if target and urlsplit(target).hostname == site and not social_network(target):
            record["profile_url"] = target
    for a in card.iter("a"):
        target = follow(a.get("href", ""), url) if url.startswith("http") else (
            a.get("href") if (a.get("href") or "").startswith(("http://", "https://")) else None)
        if not target:
            continue
        kind = social_network(target)
        if kind:
            record["links"].setdefault(kind, target)
        elif urlsplit(target).hostname == site and not record.get("profile_url") and "#" not in a.get("href", ""):
            record["profile_url"] = target
        elif urlsplit(target).hostname != site and ("me" in (a.get("rel") or "") or "website" in a.text_content().lower()):
            record["links"].setdefault("website", target)
        elif urlsplit(target).hostname != site:
            record["links"].setdefault("other", []).append(target)
