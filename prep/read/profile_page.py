"""A speaker's own page, read as a visitor reads it: their talk (title and abstract) and their bio.

On a per-speaker page the card at the top gives name and tagline (read by
:func:`prep.read.html_cards.read_person`); the body below gives what the listing cut: the talk's
title (a heading other than the name), its abstract (the paragraphs under that heading) and the bio
(the paragraphs under a heading such as "Bio", "About", "Speaker Bio:", "Biografia", or, without
one, the longest paragraph that is not an abstract). Pure functions of the page's text.
"""
from __future__ import annotations

import re

from ..htmltree import html_tree
from ..names import clean_space, normalize_name

BIO_HEADING = re.compile(r"^(speaker\s+)?(bio(graphy|grafia|graf[íi]a|graphie)?|about( me| the speaker)?|"
                         r"[uü]ber (mich|den referenten)|chi sono|sobre (m[ií]|el ponente)|[àa] propos|profile|"
                         r"who am i)\s*:?$", re.I)
NOT_TALK = re.compile(r"^(speaker|speakers|talks?|sessions?|schedule|agenda|social|links?|follow|contact|share|"
                      r"related|more|other speakers|ponentes|relatori|sponsors?)\b", re.I)
HEADINGS = ("h1", "h2", "h3", "h4", "h5")


def read_profile(text: str, name: str, site_lines: frozenset[str] = frozenset()) -> dict:
    """``{"bio", "talks", "abstracts", "lines"}`` from a person's own page ("" and [] where the page says
    nothing). ``lines`` are the page's lines long enough to be a bio; ``site_lines`` (case-folded) are lines
    the caller knows the site repeats on every such page (a footer drawn without <footer>): never a bio."""
    root = html_tree(text)
    for br in root.iter("br"):  # "audience?<br><br>Accessibility" reads as two sentences
        br.tail = " " + (br.tail or "")
    for junk in root.xpath("//script|//style|//noscript|//template|//nav|//footer|//header|//aside|//form"):
        junk.drop_tree()
    target = normalize_name(name)
    name_node = next((h for h in root.iter(*HEADINGS) if normalize_name(clean_space(h.text_content())) == target), None)
    if name_node is None:
        return {"bio": "", "talks": [], "abstracts": [], "lines": []}
    scope = _scope(name_node)
    bio, talks, abstracts, longest = "", [], [], ""
    heading, after, lines = None, [], []
    card = True  # headings right after the name, before any paragraph, are the person's lines (title, company)
    for el in scope.iter(*HEADINGS, "p", "div"):
        if el.tag in HEADINGS:
            _close(heading, after, talks, abstracts)
            bio = bio or (_paragraphs(after) if heading is not None and BIO_HEADING.match(heading) else "")
            label = clean_space(el.text_content())
            mine = el is name_node or _inside(el, name_node) or _inside(name_node, el)
            heading, after = (None if mine or card else label), []
            continue
        if el.tag == "div" and any(c.tag in ("p", "div", *HEADINGS) for c in el):
            continue  # only text blocks: a wrapping div is read through its children
        line = clean_space(el.text_content())
        if line and not _inside(el, name_node):
            card = False  # the card's headings end at its first line of text
        if len(line) >= 40 and not _inside(el, name_node):
            lines.append(line)
            if line.casefold() in site_lines:
                continue
            after.append(line)
            longest = max(longest, line, key=len)
    _close(heading, after, talks, abstracts)
    if len(talks) > 2:  # many headed paragraphs are an interview or a page's sections, not talks
        talks, abstracts = [], []
    bio = bio or (_paragraphs(after) if heading is not None and BIO_HEADING.match(heading) else "")
    if not bio and longest not in abstracts and len(longest) >= 80:
        bio = longest
    return {"bio": bio, "talks": talks, "abstracts": abstracts, "lines": lines}


def _close(heading: str | None, after: list[str], talks: list, abstracts: list) -> None:
    """A heading that is not the name, a label or the bio's, with text under it, is a talk."""
    if heading and after and not BIO_HEADING.match(heading) and not NOT_TALK.match(heading) and 3 <= len(heading) <= 200:
        talks.append(heading.rstrip(":"))
        abstracts.append(_paragraphs(after))


def _paragraphs(lines: list[str]) -> str:
    return "\n".join(dict.fromkeys(lines))


def _scope(name_node):
    """The part of the page about the person: the smallest ancestor of their name with enough text."""
    node = name_node
    while node.getparent() is not None and node.tag not in ("body", "main", "article"):
        node = node.getparent()
        if len(clean_space(node.text_content())) >= 400 and node.tag in ("main", "article", "section"):
            break
    return node


def _inside(node, ancestor) -> bool:
    return node is ancestor or any(a is ancestor for a in node.iterancestors())
