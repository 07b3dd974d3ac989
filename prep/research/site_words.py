"""What a company's page says it is, in its own words: the meta or OpenGraph description, unless it sells
(a phone number, "Call now") or was cut ("... Read More"); then the page's own sentence it quotes, or its
first real paragraph. Pure functions of a parsed page (used by :mod:`prep.research.sites`).
"""
from __future__ import annotations

import re

from ..names import clean_space

# A description that sells rather than says: a phone number or a call to action ("Call Now: 90294 69931 | ...").
_MARKETING = re.compile(r"\+?\d[\d ()./-]{7,}\d|\b(call (now|us)|whats ?app|book (now|a)|get a (free )?quote|"
                        r"order now|contact us today)\b", re.I)
_TRUNCATED = re.compile(r"(\.\.\.|…|\bread more\W*|\bmore\s*»)\s*[\"”]?[^.!?]{0,40}$", re.I)

_NOT_ABOUT_US = re.compile(r"cookie|javascript|browser|privacy|copyright|©|all rights reserved|newsletter|subscribe", re.I)


def _lead_paragraph(doc) -> str:
    """What a home page without a description says first about itself: its first paragraph of a
    sentence or more, outside navigation, footers, forms and cookie banners."""
    for p in doc.iter("p"):
        if any(a.tag in ("nav", "footer", "form", "aside") for a in p.iterancestors()):
            continue
        text = clean_space(p.text_content())
        if 60 <= len(text) <= 600 and len(text.split()) >= 8 and not _NOT_ABOUT_US.search(text):
            return text
    return ""

def page_description(doc, meta: dict) -> str:
    """What the site says it is: the meta or OpenGraph description, unless it sells (a phone number, "Call
    now") or was cut ("... Read More"); then the page's own paragraph it quotes, or its first paragraph."""
    given = meta.get("og:description") or meta.get("description", "")
    if given and not _MARKETING.search(given) and not _TRUNCATED.search(given):
        return given
    if given and _MARKETING.search(given):
        quoted = _quoted_sentences(doc, given)
        if quoted:
            return quoted
    return _lead_paragraph(doc) or given


def _quoted_sentences(doc, given: str) -> str:
    """The sentences of the page's first paragraph that the description quotes word for word."""
    folded = clean_space(given).casefold()
    for p in doc.iter("p"):
        sentences = re.split(r"(?<=[.!?])\s+", clean_space(p.text_content()))
        quoted = [s for s in sentences if len(s.split()) >= 6 and s.casefold() in folded]
        if quoted:
            return " ".join(quoted)
    return ""
