"""The meeting plan: whom to meet, why, what you can offer, how to approach, where to find them, what to say.

Scoring is title-blind by construction: a person's score comes only from what they said, wrote or
built (bio, talks, their company's description, news and open roles), compared with your interests
and goals by TF-IDF over Snowball stems, plus your explicit targets and real commonalities. The
job title is never read by the score; it is read only to tailor the *approach* (a very senior
person is best reached through a warm introduction).

Every reason, starter and offer line ends with `` — source: URL``: the page the fact came from.
When nothing is known about a person, the plan says so instead of inventing lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from .. import schema
from ..errors import SchemaError
from ..names import normalize_company, normalize_name
from ..research.industries import TAXONOMY, group
from ..schema import SOURCE
from ..text import phrase_in, sentences, similarity, stems, whole_phrase
from .outreach import draft_outreach
from .profile import Offer, Profile, load_contacts, load_profile

VERY_SENIOR = re.compile(r"\b(ceo|cto|cfo|coo|cio|cdo|cmo|cpo|chief|founder|co-founder|cofounder|president|"
                         r"vice president|vp|executive director|managing director|general manager|partner|chair|"
                         r"board member|owner|minister|mayor|secretary general|director general)\b", re.I)
NEW_ROLE = re.compile(r"\b(recently joined|just joined|newly joined|new role|newly appointed|recently appointed|"
                      r"was appointed|has been appointed|just started|recently started|joined [^.]{0,60}\b(in|this) "
                      r"(january|february|march|april|may|june|july|august|september|october|november|december|"
                      r"year|month|spring|summer|autumn|fall|winter)\b)", re.I)
DIFFICULT = re.compile(r"\b(layoffs?|laid off|lay off|redundanc\w*|restructur\w*|job cuts|cuts? jobs|workforce reduction|"
                       r"reduce (its|our|the) workforce|bankrupt\w*|insolven\w*|data breach|breach|lawsuit|sued|recall\w*|"
                       r"investigation|fined|closes? (its|our)|closure|shut(s|ting)? down|strike)\b", re.I)
PERSONAL = ("bio", "talk")
SCORE_WEIGHTS = {"relevance": 1.0, "target_person": 0.5, "target_company": 0.25, "commonality": 0.05, "offer": 0.1}


@dataclass
class Fact:
    kind: str   # bio | talk | company | news | hiring
    text: str
    url: str
    label: str = ""  # talk title, news title, role: what to call the fact in a sentence
    when: str = ""

    def cite(self, sentence: str) -> str:
        return f"{sentence}{SOURCE}{self.url}" if self.url else sentence


@dataclass
class Plan:
    """``priorities`` follows :data:`prep.schema.PRIORITIES`; ``ranking`` scores everyone (for sorting)."""

    priorities: pd.DataFrame
    outside_industry: pd.DataFrame
    timing: list[str] = field(default_factory=list)
    ranking: pd.DataFrame | None = None

    def __repr__(self) -> str:
        return (f"<Plan: {len(self.priorities)} people to meet, {len(self.outside_industry)} outside your industries, "
                f"{len(self.timing)} timing notes>")


def plan_meetings(event, companies=None, profile: Profile | str | dict | None = None, contacts=None, top: int = 20,
                  *, news: pd.DataFrame | None = None, min_outside: int | None = None,
                  today: date | None = None) -> Plan:
    """Rank the event's people against your profile and plan how to meet the ``top`` of them.

    ``companies`` is a :class:`~prep.research.companies.Research` or a ``companies`` frame (then pass
    ``news``); ``contacts`` a CSV path or frame (see :func:`prep.plan.profile.load_contacts`).
    At least ``min_outside`` (default: the profile's ``min_outside_industry``) of the people
    chosen work outside your industries, picked by relevance.
    """
    if profile is None:
        raise SchemaError("plan_meetings needs your profile (a YAML path, a mapping or a Profile)")
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    if hasattr(companies, "companies"):
        news = companies.news if news is None else news
        companies = companies.companies
    companies = schema.conform(companies if companies is not None else schema.empty("companies"), "companies")
    news = schema.conform(news if news is not None else schema.empty("company_news"), "company_news")
    contacts = load_contacts(contacts) if not (isinstance(contacts, pd.DataFrame) and "strength" in contacts) else contacts
    min_outside = profile.min_outside_industry if min_outside is None else min_outside
    ctx = _Context(event, companies, news, profile, contacts)
    people = ctx.people
    if people.empty:
        empty = schema.empty("priorities")
        return Plan(empty, empty, holiday_notes(event.info), _ranking(people, np.zeros(0), []))

    facts = [ctx.facts(row) for row in people.to_dict("records")]
    personal = [" ".join(f.text for f in fs if f.kind in PERSONAL) for fs in facts]
    company_level = [" ".join(f.text for f in fs if f.kind not in PERSONAL) for fs in facts]
    relevance = _relevance(personal, company_level, profile)
    matched = [ctx.matched_interests(fs) for fs in facts]
    rows = people.to_dict("records")
    common = [ctx.commonalities(row, fs, m) for row, fs, m in zip(rows, facts, matched)]
    offers = [ctx.best_offer(fs) for fs in facts]
    score = (SCORE_WEIGHTS["relevance"] * relevance
             + SCORE_WEIGHTS["target_person"] * np.array([ctx.is_target_person(r) for r in rows], dtype=float)
             + SCORE_WEIGHTS["target_company"] * np.array([ctx.is_target_company(r) for r in rows], dtype=float)
             + SCORE_WEIGHTS["commonality"] * np.array([len([c for c in cs if not c.startswith("Shared interest")])
                                                        for cs in common], dtype=float)
             + SCORE_WEIGHTS["offer"] * np.array([o is not None for o in offers], dtype=float))
    score = np.round(score, 6)
    outside = np.array([ctx.outside_industry(r) for r in rows], dtype=bool)
    # This edition's people first: someone under "Last year's speakers" may not be there at all.
    order = sorted(range(len(rows)), key=lambda i: (bool(rows[i].get("edition")), -score[i], rows[i]["person_id"]))
    chosen = _choose(order, outside, top, min_outside, protected={i for i in range(len(rows)) if ctx.is_target_person(rows[i])})

    out = []
    for i in chosen:
        out.append(ctx.plan_row(rows[i], facts[i], matched[i], common[i], offers[i], float(score[i]), bool(outside[i])))
    priorities = schema.conform(out, "priorities") if out else schema.empty("priorities")
    outside_picks = priorities[priorities["outside_industry"].fillna(False).astype(bool)].reset_index(drop=True)
    return Plan(priorities, outside_picks, holiday_notes(event.info), _ranking(people, score, outside))


def _ranking(people: pd.DataFrame, score, outside) -> pd.DataFrame:
    frame = pd.DataFrame({"person_id": people.get("person_id", pd.Series(dtype="string")),
                          "score": score, "outside_industry": outside})
    return frame.sort_values(["score", "person_id"], ascending=[False, True]).reset_index(drop=True)


def _relevance(personal: list[str], company_level: list[str], profile: Profile) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors (Snowball stems) with your interests and goals.

    What the person said (bio, talks) weighs three times what their company says, so colleagues
    are told apart by their own work.
    """
    query = " ".join(profile.interests + profile.goals)
    n = len(personal)
    if not query.strip() or not any(d.strip() for d in personal + company_level):
        return np.zeros(n)
    sims = similarity([stems(d) for d in personal + company_level], stems(query))
    return 0.75 * sims[:n] + 0.25 * sims[n:]


def _choose(order: list[int], outside: np.ndarray, top: int, minimum: int, protected: set[int]) -> list[int]:
    """The top by score, then swap the lowest inside-industry picks for the best outside-industry people."""
    chosen = order[:top]
    need = min(minimum, top) - int(outside[chosen].sum()) if chosen else 0
    if need > 0:
        extra = [i for i in order[top:] if outside[i]][:need]
        removable = [i for i in reversed(chosen) if not outside[i] and i not in protected][:len(extra)]
        chosen = [i for i in chosen if i not in removable] + extra[:len(removable)]
        chosen.sort(key=order.index)
    return chosen


# Slots that are the programme's, not a talk someone made: no starter is asked about them.
_CEREMONY = re.compile(r"^\W*(opening|closing|welcome|introduction|intro|keynote( by\b.*)?|registration|check-?in|"
                       r"lunch|break|coffee|apertura|cierre|clausura|bienvenida|inauguraci[óo]n|registro|almuerzo|"
                       r"ouverture|cl[ôo]ture|accueil|er[öo]ffnung|begr[üu][ßs]ung|abschluss|chiusura|"
                       r"benvenuto)( (remarks|session|ceremony|talk|keynote|words))?\W*$", re.I)


class _Context:
    """Everything the plan reads, indexed once."""

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
        source = _first_line(row.get("profile_url")) or _first_line(row.get("source_url"))
        facts = []
        if _text(row.get("bio")):
            facts.append(Fact("bio", row["bio"], source))
        for talk in self.talks.get(row.get("person_id") or "", []):
            if _CEREMONY.match(_text(talk.get("title"))) and not _text(talk.get("abstract")):
                continue  # opening the event says nothing of what the person works on
            facts.append(Fact("talk", f"{talk.get('title') or ''}\n{talk.get('abstract') or ''}",
                              _first_line(talk.get("source_url")) or source, label=_text(talk.get("title"))))
        company = self.company_of(row)
        if company:
            site = _text(company.get("website"))
            if _text(company.get("description")):
                facts.append(Fact("company", company["description"], site, label=company["name"]))
            for item in self.news.get(company["company_id"], [])[:5]:
                facts.append(Fact("news", f"{item.get('title') or ''}\n{item.get('summary') or ''}",
                                  _text(item.get("url")) or site, label=_text(item.get("title")),
                                  when=_text(item.get("published"))))
            for role in _text(company.get("open_roles")).split("\n"):
                if role:
                    facts.append(Fact("hiring", role, _text(company.get("careers_url")) or site, label=role))
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
        bio = _text(row.get("bio"))
        source = _first_line(row.get("profile_url")) or _first_line(row.get("source_url"))
        company = _text(row.get("company"))
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
        elif city and record and city.lower() in _text(record.get("headquarters")).lower():
            out.append(f"{company} is based in {city}, like you{SOURCE}{_text(record.get('website'))}")
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
        return _text(record.get("industry")) if record else ""

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

    def approach(self, row: dict, facts: list[Fact]) -> list[str]:
        lines, first = [], _first_name(row)
        title = _text(row.get("title"))
        paths = self.warm_paths(row)
        if VERY_SENIOR.search(title):
            if paths:
                lines.append(f"Very senior ({title}): seek a warm introduction through {paths[0]}; "
                             f"ask them first, and let {first} opt in before you write.")
            else:
                lines.append(f"Very senior ({title}): seek a warm introduction. None of your contacts is at "
                             f"{row.get('company') or 'their company'}; ask the people you meet there, or keep it "
                             f"to one specific question after their session.")
        elif paths:
            lines.append(f"Warm path: {paths[0]}; they could introduce you (double opt-in).")
        bio_fact = next((f for f in facts if f.kind == "bio"), None)
        if bio_fact:
            hit = next((s for s in sentences(bio_fact.text) if NEW_ROLE.search(s)), None)
            if hit:
                quote = whole_phrase(hit, 120)  # whole sentences or clauses only, never a cut one
                lines.append(bio_fact.cite(f"New in role (“{quote}”): congratulate {first} on it." if quote
                                           else f"New in role: congratulate {first} on it."))
        for fact in facts:
            if fact.kind == "news" and DIFFICULT.search(fact.text):
                when = f" on {fact.when}" if fact.when else ""
                lines.append(fact.cite(f"Be considerate: {row.get('company')} announced “{fact.label}”{when}. "
                                       f"Do not open with it; let {first} bring it up, and leave any job talk out."))
                break
        if not lines:
            lines.append("No special timing: a short, friendly hello at the event works.")
        return lines

    def where_to_meet(self, row: dict, facts: list[Fact]) -> list[str]:
        own = self.talks.get(row.get("person_id") or "", [])
        lines = [f"{_session_label(s)}, {_when(s)}{_room(s)}{SOURCE}{_first_line(s.get('source_url'))}"
                 for s in sorted(own, key=lambda s: s.get("start") or "")]
        if not own:
            topic = self._closest_session(" ".join(f.text for f in facts if f.kind in ("bio", "company")))
            if topic is not None:
                lines.append(f"Not speaking; likely at the {_session_kind(topic).lower()} on their topic, "
                             f"“{topic.get('title')}”, {_when(topic)}{_room(topic)}{SOURCE}{_first_line(topic.get('source_url'))}")
        kind = self.sponsors.get(normalize_company(row.get("company") or ""))
        if kind:
            lines.append(f"{row.get('company')} is a {kind} of the event: try its stand between sessions.")
        if not lines:
            listed = {"speaker": "Listed as a speaker, but no session of theirs is on the schedule you gave: look for "
                                 "them around the talks and in the breaks",
                      "organizer": "One of the organisers: they are at the welcome desk and the openings, and know "
                                   "who else is coming; ask them for an introduction",
                      "sponsor contact": "Here for a sponsor: find them at its stand or its slot in the programme",
                      }.get(row.get("role") or "", "On the attendee list: look for them in the breaks and at the social events")
            lines.append(f"{listed}{SOURCE}{_first_line(row.get('source_url'))}")
        return lines

    def _closest_session(self, text: str):
        if not text.strip() or not self.sessions:
            return None
        if self._session_vectors is None:
            self._session_vectors = [stems(f"{s.get('title') or ''} {s.get('abstract') or ''}") for s in self.sessions]
        sims = similarity(self._session_vectors, stems(text))
        preferred = np.array([0.02 if str(s.get("type") or "").lower() in {"breakout", "workshop", "panel"} else 0
                              for s in self.sessions])
        best = int(np.argmax(sims + preferred))
        return self.sessions[best] if sims[best] > 0.05 else None

    def starters(self, row: dict, facts: list[Fact], matched) -> list[str]:
        out, company = [], _text(row.get("company"))
        for fact in facts:
            if fact.kind == "talk" and fact.label and not _CEREMONY.match(fact.label):  # "Opening" is no one's work
                if re.match(r"(panel|breakout|discussion|round ?table|birds of a feather)\b", fact.label, re.I):
                    out.append(fact.cite(f"Which question do you most want the room to take on in “{fact.label}”?"))
                else:
                    out.append(fact.cite(f"What was the hardest part of the work behind “{fact.label}”?"))
                break
        for interest, fact, sentence in matched:
            if fact.kind == "bio":
                quote = whole_phrase(sentence, 110)
                out.append(fact.cite(f"Your bio says “{quote}”: what has that taught you about {interest}?" if quote
                                     else f"What has your work taught you about {interest} lately?"))
                break
        for fact in facts:
            if fact.kind == "news" and not DIFFICULT.search(fact.text):
                out.append(fact.cite(f"How has “{fact.label}” changed the day-to-day work of your team?"))
                break
        for fact in facts:
            if fact.kind == "hiring":
                out.append(fact.cite(f"What should the {fact.label} who joins {company} get right in their first months?"))
                break
        if not out:
            bio = next((f for f in facts if f.kind == "bio"), None)
            quote = whole_phrase(sentences(bio.text)[0]) if bio and sentences(bio.text) else ""
            if quote:  # whole sentences or a whole clause, never a cut one
                out.append(bio.cite(f"Your event profile says “{quote}”: what are you most curious about in that work "
                                    "right now?"))
        return out[:3]

    def plan_row(self, row: dict, facts: list[Fact], matched, common: list[str], offer, score: float,
                 outside: bool) -> dict:
        p, first = self.profile, _first_name(row)
        reasons = []
        if self.is_target_person(row):
            reasons.append(f"On your list of people to meet{SOURCE}{p.source}")
        if self.is_target_company(row):
            reasons.append(f"Works at {row['company']}, on your list of companies{SOURCE}{p.source}")
        company_reasons = 0
        for interest, fact, sentence in matched:
            if fact.kind not in PERSONAL:
                company_reasons += 1
                if company_reasons > 2:
                    continue
            where = {"bio": "Their bio", "talk": f"Their talk “{fact.label}”", "company": f"{fact.label}'s description",
                     "news": f"{row.get('company')} news “{fact.label}”", "hiring": f"{row.get('company')} is hiring"}[fact.kind]
            quote = whole_phrase(sentence, 140)
            reasons.append(fact.cite(f"{where} touches your interest in {interest}" + (f": “{quote}”" if quote else "")))
        if outside:
            record = self.company_of(row) or {}
            reasons.append(f"Outside your industries ({self.industry(row)}): a view you would not get at home"
                           f"{SOURCE}{_text(record.get('website'))}")
        has_facts = bool(facts)
        if not has_facts:
            note = f"No facts found about {row.get('name')} beyond the listing{SOURCE}{_first_line(row.get('source_url'))}"
            reasons, starters = [note], ["No facts found to ground a starter: ask what brought them to the event."]
        else:
            if not reasons:
                reasons.append(f"Nothing they published touches your interests yet; listed for what they do"
                               f"{SOURCE}{facts[0].url}")
            starters = self.starters(row, facts, matched)
        if offer:
            what, fact, sentence = offer
            need = {"hiring": f"{row.get('company')} is hiring a {fact.label}", "talk": f"their talk “{fact.label}”",
                    "news": f"{row.get('company')} news “{fact.label}”"}.get(
                        fact.kind, f"“{whole_phrase(sentence, 100)}”" if whole_phrase(sentence, 100)
                        else f"what their {fact.kind} says about it")
            offer_text = fact.cite(f"{_offer_text(what)} (because of {need})")
        else:
            offer_text = "No specific need found in what they published: ask what they are working on and listen for one."
        talks = [f for f in facts if f.kind == "talk"]
        pick = (next((m for m in matched if m[1].kind == "talk"), None)
                or next((m for m in matched if m[1].kind in PERSONAL), None) or (matched[0] if matched else None))
        subject = body = None
        if has_facts and pick:
            talk = pick[1].label if pick[1].kind == "talk" else (talks[0].label if talks else "")
            draft = draft_outreach(p, first_name=first, event_name=_text(self.event.info.get("name")), interest=pick[0],
                                   talk=talk, company=_text(row.get("company")),
                                   offer=offer[0] if offer else None, speaking=bool(talks))
            subject, body = draft.subject, draft.body
        evidence = sorted({f.url for f in facts if f.url})
        return {"person_id": row["person_id"], "name": row["name"], "company": row.get("company"), "score": score,
                "reasons": "\n".join(reasons), "commonalities": "\n".join(common), "offer": offer_text,
                "approach": "\n".join(self.approach(row, facts)), "where_to_meet": "\n".join(self.where_to_meet(row, facts)),
                "starters": "\n".join(starters), "outreach_subject": subject, "outreach_body": body,
                "outside_industry": outside, "evidence": "\n".join(evidence)}


def speaks(language: str, text: str) -> bool:
    """Whether `text` uses `language` as a language ("speaks Dutch", "talks in Dutch", "Dutch-speaking"),
    not as a nationality ("a Dutch company")."""
    lang = re.escape(language)
    before = r"\b(?:speak\w*|fluent|native|bilingual|multilingual|languages?)\b[^.;:!?]{0,40}?|\bin\s+"
    after = r"(?:-speaking|\s+(?:speaker|language|fluently|natively))"
    return bool(re.search(rf"(?:{before})\b{lang}\b|\b{lang}{after}", text, re.I))


def _offer_text(offer: Offer) -> str:
    detail = offer.detail or ""
    return f"{offer.what}: {detail}" if detail else f"{offer.kind.capitalize()}: {offer.what}"


def holiday_notes(info: dict, window: int = 7) -> list[str]:
    """Public holidays within ``window`` days of the event, in the event's country (holidays library)."""
    import holidays
    from holidays.registry import COUNTRIES

    country = _text(info.get("country"))
    start, end = _date(info.get("start")), _date(info.get("end")) or _date(info.get("start"))
    if not country or not start:
        return []
    code = country.upper() if len(country) in (2, 3) and country.isalpha() else None
    if code is None:
        wanted = re.sub(r"[^a-z]", "", country.lower())
        code = next((v[1] for v in COUNTRIES.values() if v[0].lower() == wanted), None)
    try:
        calendar = holidays.country_holidays(code, years=sorted({start.year, end.year, (end + timedelta(window)).year}))
    except (NotImplementedError, KeyError, TypeError):
        return []
    notes = []
    for day, name in sorted(calendar.items()):
        if start - timedelta(window) <= day <= end + timedelta(window):
            if start <= day <= end:
                where = "during the event"
            elif day < start:
                where = f"{(start - day).days} day{'s' if (start - day).days > 1 else ''} before the event"
            else:
                where = f"{(day - end).days} day{'s' if (day - end).days > 1 else ''} after the event"
            notes.append(f"{name} ({day:%A %d %B %Y}) is a public holiday in {country}, {where}: people may be away "
                         f"around it, so send notes and follow-ups before it or wait until after.")
    return notes


def _date(value) -> date | None:
    text = _text(value)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _text(value) -> str:
    return schema.text(value).strip()


def _first_line(value) -> str:
    return _text(value).split("\n")[0].strip()


def _first_name(row: dict) -> str:
    first = _text(row.get("first_name"))
    return first or (_text(row.get("name")).split() or ["there"])[0]


def _session_kind(session: dict) -> str:
    return (_text(session.get("type")) or "session").capitalize()


def _session_label(session: dict) -> str:
    """Talk “Title”, or just “Breakout: Title” when the title already says what kind of session it is."""
    kind, title = _session_kind(session), _text(session.get("title"))
    return f"“{title}”" if title.lower().startswith(kind.lower()) else f"{kind} “{title}”"


def _when(session: dict) -> str:
    start = _text(session.get("start"))
    try:
        moment = datetime.fromisoformat(start)
        return f"{moment:%a %d %b %H:%M}"
    except ValueError:
        return start or _text(session.get("day")) or "time not given"


def _room(session: dict) -> str:
    return f", {session['room']}" if _text(session.get("room")) else ""
