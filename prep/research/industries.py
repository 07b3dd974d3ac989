"""One fixed industry taxonomy (the top level of LinkedIn's industry codes, V2), and a company's industry
read from its own words when its site does not state one.

:func:`classify` reads the sentences a company writes about itself (its description, about page, open
roles) and counts each industry's words in each; the industry with the most, from at least two words
(or one distinctive phrase), wins, and the sentence that counted most is kept as the evidence. Nothing
deciding gives "" (unknown): an industry is never guessed from nothing. :func:`group` puts any
free-text industry ("Data & analytics software", "Climate tech", a profile's "fintech") into the same
taxonomy, so a profile's industries and companies' industries compare.
"""
from __future__ import annotations

import re

from ..text import sentences

#: label -> words (lower case; a trailing * matches any ending) that speak for it.
TAXONOMY: dict[str, tuple[str, ...]] = {
    "Technology, Information and Media": (
        "software", "saas", "platform", "api*", "cloud", "data", "analytics", "developer*", "app", "apps", "digital",
        "internet", "web", "online", "ai", "machine learning", "artificial intelligence", "cyber*", "security",
        "it services", "telecom*", "media", "publishing", "news", "magazine", "podcast*", "broadcast*", "video",
        "streaming", "open source", "devops", "database*", "semiconductor*", "computing", "tech"),
    "Financial Services": ("bank*", "banking", "fintech", "payment*", "insurance", "insurer", "invest*", "asset management",
                           "lending", "credit", "financial", "finance", "trading", "wealth", "accounting software"),
    "Hospitals and Health Care": ("health*", "hospital*", "clinic*", "medical", "patient*", "care", "pharma*", "biotech*",
                                  "therapy", "therapeutic*", "diagnostic*", "nursing", "dental"),
    "Education": ("education*", "school*", "universit*", "college*", "learning", "students", "teaching", "academy",
                  "course*", "training", "edtech"),
    "Manufacturing": ("manufactur*", "factory", "factories", "industrial", "machinery", "robotics", "automotive",
                      "production", "plants", "hardware", "electronics", "aerospace", "chemical*"),
    "Retail": ("retail*", "e-commerce", "ecommerce", "shop*", "store*", "consumer brand*", "fashion", "grocery"),
    "Transportation, Logistics, Supply Chain and Storage": (
        "logistic*", "freight", "shipping", "supply chain*", "transport*", "warehous*", "delivery", "fleet*",
        "airline*", "rail", "ports", "maritime", "mobility"),
    "Utilities": ("energy", "electricity", "power grid", "grid", "renewable*", "solar", "wind", "utility", "utilities",
                  "water supply", "climate", "carbon", "battery", "batteries"),
    "Professional Services": ("consult*", "agency", "agencies", "law firm", "legal", "advisory", "design studio",
                              "marketing", "recruit*", "staffing", "audit*", "architecture firm", "research firm"),
    "Government Administration": ("government", "public sector", "ministry", "municipal*", "city of", "federal",
                                  "agency of", "council", "public service*"),
    "Non-profit Organizations": ("non-profit", "nonprofit", "charity", "charities", "foundation", "ngo", "volunteer*",
                                 "community-driven", "association", "civic"),
    "Construction": ("construction", "building*", "contractor*", "civil engineering", "infrastructure projects",
                     "waterproofing", "renovation"),
    "Real Estate and Equipment Rental Services": ("real estate", "property", "properties", "rental", "leasing",
                                                  "coworking"),
    "Farming, Ranching, Forestry": ("farm*", "agricultur*", "agri*", "crop*", "forestry", "livestock", "agtech"),
    "Entertainment Providers": ("entertainment", "music", "film", "games", "gaming", "sports", "events", "festival*",
                                "theatre", "theater"),
    "Accommodation Services": ("hotel*", "hospitality", "restaurant*", "travel", "tourism", "food service*"),
    "Oil, Gas, and Mining": ("oil", "gas", "mining", "minerals", "petroleum", "drilling"),
    "Consumer Services": ("consumer services", "personal care", "household", "pet care", "dog", "dogs", "club"),
    "Wholesale": ("wholesale*", "distributor*", "distribution"),
}
_PATTERNS = {label: re.compile(r"\b(?:" + "|".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)
                                                     for w in words) + r")\b", re.I)
             for label, words in TAXONOMY.items()}


def classify(*texts: str) -> tuple[str, str]:
    """(industry label, the sentence that decided it) from a company's own words; ("", "") when nothing decides."""
    totals: dict[str, int] = {}
    best_sentence: dict[str, tuple[int, str]] = {}
    for text in texts:
        for sentence in sentences(text or ""):
            for label, pattern in _PATTERNS.items():
                hits = len(set(m.group(0).lower() for m in pattern.finditer(sentence)))
                if hits:
                    totals[label] = totals.get(label, 0) + hits
                    if hits > best_sentence.get(label, (0, ""))[0]:
                        best_sentence[label] = (hits, sentence)
    if not totals:
        return "", ""
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    label, score = ranked[0]
    if score < 2 or len(ranked) > 1 and ranked[1][1] == score:
        return "", ""  # one stray word, or a tie: not decided
    return label, best_sentence[label][1]


def group(industry: str) -> str:
    """The taxonomy label for any industry name: itself when it is one, else what its words say ("")."""
    if industry in TAXONOMY:
        return industry
    hits = {label: len(pattern.findall(industry or "")) for label, pattern in _PATTERNS.items()}
    best = max(hits.items(), key=lambda kv: kv[1])
    return best[0] if best[1] else ""
