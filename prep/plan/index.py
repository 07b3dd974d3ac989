"""What the plan knows about each person, indexed once: their facts (bio, talks, their company's description,
news and open roles, each with the page it came from), the interests those facts touch, what you have in
common, the offer of yours that fits, your targets, their industry and warm paths through your contacts.
:mod:`prep.plan.meetings` scores from it; :mod:`prep.plan.writing` writes the plan's sentences from it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from .. import schema
from ..names import normalize_company, normalize_name
from ..research.industries import TAXONOMY, group
from ..schema import SOURCE
from ..text import phrase_in, sentences, stems
from .profile import Offer, Profile

PERSONAL = ("bio", "talk")  # what the person said themselves (the rest is their company's)
# Slots that are the programme's, not a talk someone made: no starter is asked about them.
CEREMONY = re.compile(r"^\W*(opening|closing|welcome|introduction|intro|keynote( by\b.*)?|registration|check-?in|"
                       r"lunch|break|coffee|apertura|cierre|clausura|bienvenida|inauguraci[óo]n|registro|almuerzo|"
                       r"ouverture|cl[ôo]ture|accueil|er[öo]ffnung|begr[üu][ßs]ung|abschluss|chiusura|"
                       r"benvenuto)( (remarks|session|ceremony|talk|keynote|words))?\W*$", re.I)


@dataclass
class Fact:
    kind: str   # bio | talk | company | news | hiring
    text: str
    url: str
    label: str = ""  # talk title, news title, role: what to call the fact in a sentence
    when: str = ""

    def cite(self, sentence: str) -> str:
        return f"{sentence}{SOURCE}{self.url}" if self.url else sentence


class Index:
    """Everything the plan reads about the event's people, indexed once."""

    def __init__(self, event, companies: pd.DataFrame, news: pd.DataFrame, profile: Profile, contacts: pd.DataFrame):
        self.event, self.profile, self.contacts = event, profile, contacts
        self.contact_rows = contacts.sort_values("strength", ascending=False, kind="stable").to_dict("records")
        people = event.people
        keep = [not profile.skips(n, c if isinstance(c, str) else "") and normalize_name(n) != normalize_name(profile.name)
                for n, c in zip(people["name"], people["company"].fillna(""))]
        self.people = people[keep].reset_index(drop=True)
        self.companies = {k: r for k, r in zip(companies["normalized_name"].fillna(""), companies.to_dict("records")) if k}
        self.news: dict[str, list[dict]] = {}
        for item in news.to_dict("records"):
            self.news.setdefault(item["company_id"], []).append(item)
        self.sessions = event.sessions.to_dict("records")
        self.talks: dict[str, list[dict]] = {}
        for session in self.sessions:
            for pid in str(session.get("speaker_ids") or "").split("\n"):
                if pid:
                    self.talks.setdefault(pid, []).append(session)
        self.interests = [(i, stems(i)) for i in profile.interests + profile.goals]
        self.offer_stems = [(o, set(stems(o.what))) for o in profile.offers]
        self.industries = [normalize_company(i) for i in profile.industries]
        self.targets_people = {normalize_name(p) for p in profile.target_people}
        self.targets_companies = {normalize_company(c) for c in profile.target_companies}
        self.sponsors = {normalize_company(n): k for n, k in zip(event.organizations["name"].fillna(""),
                                                                 event.organizations["kind"].fillna("sponsor"))}
        self._session_vectors = None

    # -- facts ------------------------------------------------------------------------------------
    def company_of(self, row: dict) -> dict | None:
        key = normalize_company(row.get("company") or "")
        return self.companies.get(key) if key else None

    def facts(self, row: dict) -> list[Fact]:
        source = first_line(row.get("profile_url")) or first_line(row.get("source_url"))
        facts = []
        if text_of(row.get("bio")):
            facts.append(Fact("bio", row["bio"], source))
        for talk in self.talks.get(row.get("person_id") or "", []):
            if CEREMONY.match(text_of(talk.get("title"))) and not text_of(talk.get("abstract")):
                continue  # opening the event says nothing of what the person works on
            facts.append(Fact("talk", f"{talk.get('title') or ''}\n{talk.get('abstract') or ''}",
                              first_line(talk.get("source_url")) or source, label=text_of(talk.get("title"))))
        company = self.company_of(row)
        if company:
            site = text_of(company.get("website"))
            if text_of(company.get("description")):
                facts.append(Fact("company", company["description"], site, label=company["name"]))
            for item in self.news.get(company["company_id"], [])[:5]:
                facts.append(Fact("news", f"{item.get('title') or ''}\n{item.get('summary') or ''}",
                                  text_of(item.get("url")) or site, label=text_of(item.get("title")),
                                  when=text_of(item.get("published"))))
            for role in text_of(company.get("open_roles")).split("\n"):
                if role:
                    facts.append(Fact("hiring", role, text_of(company.get("careers_url")) or site, label=role))
        return facts

    def matched_interests(self, facts: list[Fact]) -> list[tuple[str, Fact, str]]:
        """(interest, fact, sentence) for each of your interests or goals a fact's sentence contains."""
        found = []
        for interest, wanted in self.interests:
            for fact in facts:
                hit = next((s for s in sentences(fact.text) if phrase_in(wanted, stems(s))), None)
                if hit:
                    found.append((interest, fact, hit))
                    break
        return found

    def commonalities(self, row: dict, facts: list[Fact], matched) -> list[str]:
        p, out = self.profile, []
        bio = text_of(row.get("bio"))
        source = first_line(row.get("profile_url")) or first_line(row.get("source_url"))
        company = text_of(row.get("company"))
        key = normalize_company(company)
        for employer in p.past_employers:
            if key and normalize_company(employer) == key:
                out.append(f"Works at {company}, where you used to work{SOURCE}{source}")
        for school in p.schools:
            if key and normalize_company(school) == key:
                out.append(f"Works at {school}, where you studied{SOURCE}{source}")
            elif school.lower() in bio.lower():
                out.append(f"Mentions {school}, where you studied{SOURCE}{source}")
        city = p.location.split(",")[0].strip()
        record = self.company_of(row)
        if city and city.lower() in bio.lower():
            out.append(f"Mentions {city}, where you live{SOURCE}{source}")
        elif city and record and city.lower() in text_of(record.get("headquarters")).lower():
            out.append(f"{company} is based in {city}, like you{SOURCE}{text_of(record.get('website'))}")
        for language in p.languages:
            if language.lower() != "english" and speaks(language, bio):
                out.append(f"Mentions {language}, which you speak{SOURCE}{source}")
        for community in p.communities:
            for fact in facts:
                if fact.kind == "bio" and fuzz.partial_token_set_ratio(community.lower(), fact.text.lower()) >= 90 \
                        and phrase_in(stems(community), stems(fact.text)):
                    out.append(f"Part of {community}, like you{SOURCE}{fact.url}")
                    break
        out += [fact.cite(f"Shared interest: {interest}") for interest, fact, _ in matched]
        return list(dict.fromkeys(out))

    def best_offer(self, facts: list[Fact]) -> tuple[Offer, Fact, str] | None:
        """Your offer that best meets a need they have shown: a role they hire for, a problem they work on."""
        best, best_hits = None, 0
        for offer, wanted in self.offer_stems:
            if not wanted:
                continue
            need = 1 if len(wanted) == 1 else 2
            for fact in sorted(facts, key=lambda f: f.kind != "hiring"):
                for sentence in sentences(fact.text):
                    hits = len(wanted & set(stems(sentence)))
                    if hits >= need and hits > best_hits:
                        best, best_hits = (offer, fact, sentence), hits
        return best

    # -- decisions --------------------------------------------------------------------------------
    def is_target_person(self, row: dict) -> bool:
        return normalize_name(row.get("name")) in self.targets_people

    def is_target_company(self, row: dict) -> bool:
        return bool(row.get("company")) and normalize_company(row["company"]) in self.targets_companies

    def industry(self, row: dict) -> str:
        record = self.company_of(row)
        return text_of(record.get("industry")) if record else ""

    def outside_industry(self, row: dict) -> bool:
        label = self.industry(row)
        industry = normalize_company(label)
        if not industry or not self.industries:
            return False  # unknown industry: never claimed as "outside"
        if label in TAXONOMY:  # read from the company's words: compare in the taxonomy, the profile's too
            return not any(group(mine) == label for mine in self.profile.industries)
        return not any(fuzz.token_set_ratio(industry, mine) >= 80 for mine in self.industries)

    def warm_paths(self, row: dict) -> list[str]:
        key = normalize_company(row.get("company") or "")
        if not key or not self.contact_rows:
            return []
        paths = []
        for c in self.contact_rows:
            strength = {3: "strong", 2: "medium", 1: "weak"}[int(c["strength"])]
            if c["company_key"] == key:
                paths.append(f"{c['name']} ({strength} contact) works at {c['company']}")
            elif key in c["past_keys"]:
                paths.append(f"{c['name']} ({strength} contact) used to work at {row['company']}")
        return paths


def speaks(language: str, text: str) -> bool:
    """Whether `text` uses `language` as a language ("speaks Dutch", "talks in Dutch", "Dutch-speaking"),
    not as a nationality ("a Dutch company")."""
    lang = re.escape(language)
    before = r"\b(?:speak\w*|fluent|native|bilingual|multilingual|languages?)\b[^.;:!?]{0,40}?|\bin\s+"
    after = r"(?:-speaking|\s+(?:speaker|language|fluently|natively))"
    return bool(re.search(rf"(?:{before})\b{lang}\b|\b{lang}{after}", text, re.I))


def text_of(value) -> str:
    return schema.text(value).strip()


def first_line(value) -> str:
    return text_of(value).split("\n")[0].strip()
