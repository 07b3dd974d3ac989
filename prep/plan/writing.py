"""The plan's sentences for one person: why meet them, how to approach them, where to catch them, what to
ask, and a brief outreach draft. Every line ends with ``— source: URL`` (the page its fact came from);
quotes are whole sentences or whole phrases, never cut ones. The job title is read here, and only here,
to tailor the approach (a very senior person is best reached through a warm introduction).
"""
from __future__ import annotations

import re
from datetime import datetime

import numpy as np

from ..names import normalize_company
from ..schema import SOURCE
from ..text import sentences, similarity, stems, whole_phrase
from .index import CEREMONY, PERSONAL, Fact, Index, first_line, text_of
from .outreach import draft_outreach
from .profile import Offer

# Words of a goal that say what you want to do, not what about: never a reason on their own.
GENERIC = frozenset(stems("meet meeting find learn learning people person get make talk know work new use help want "
                          "like others someone way ways good better"))


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



def approach(ix: Index, row: dict, facts: list[Fact]) -> list[str]:
    lines, first = [], _first_name(row)
    title = text_of(row.get("title"))
    paths = ix.warm_paths(row)
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

def where_to_meet(ix: Index, row: dict, facts: list[Fact]) -> list[str]:
    own = ix.talks.get(row.get("person_id") or "", [])
    lines = [f"{_session_label(s)}, {_when(s)}{_room(s)}{SOURCE}{first_line(s.get('source_url'))}"
             for s in sorted(own, key=lambda s: s.get("start") or "")]
    if not own:
        topic = _closest_session(ix, " ".join(f.text for f in facts if f.kind in ("bio", "company")))
        if topic is not None:
            lines.append(f"Not speaking; likely at the {_session_kind(topic).lower()} on their topic, "
                         f"“{topic.get('title')}”, {_when(topic)}{_room(topic)}{SOURCE}{first_line(topic.get('source_url'))}")
    kind = ix.sponsors.get(normalize_company(row.get("company") or ""))
    if kind:
        lines.append(f"{row.get('company')} is a {kind} of the event: try its stand between sessions.")
    if not lines:
        listed = {"speaker": "Listed as a speaker, but no session of theirs is on the schedule you gave: look for "
                             "them around the talks and in the breaks",
                  "organizer": "One of the organisers: they are at the welcome desk and the openings, and know "
                               "who else is coming; ask them for an introduction",
                  "sponsor contact": "Here for a sponsor: find them at its stand or its slot in the programme",
                  }.get(row.get("role") or "", "On the attendee list: look for them in the breaks and at the social events")
        lines.append(f"{listed}{SOURCE}{first_line(row.get('source_url'))}")
    return lines

def _closest_session(ix: Index, text: str):
    if not text.strip() or not ix.sessions:
        return None
    if ix._session_vectors is None:
        ix._session_vectors = [stems(f"{s.get('title') or ''} {s.get('abstract') or ''}") for s in ix.sessions]
    sims = similarity(ix._session_vectors, stems(text))
    preferred = np.array([0.02 if str(s.get("type") or "").lower() in {"breakout", "workshop", "panel"} else 0
                          for s in ix.sessions])
    best = int(np.argmax(sims + preferred))
    return ix.sessions[best] if sims[best] > 0.05 else None

def starters(ix: Index, row: dict, facts: list[Fact], matched) -> list[str]:
    out, company = [], text_of(row.get("company"))
    for fact in facts:
        if fact.kind == "talk" and fact.label and not CEREMONY.match(fact.label):  # "Opening" is no one's work
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


def why_meet(ix: Index, row: dict, facts: list[Fact], matched, outside: bool) -> list[tuple[str, str]]:
    """Why meet them: (sentence, source URL) pairs, your explicit targets first, then what they said or
    built that touches your interests, then the view from another industry."""
    profile, reasons = ix.profile, []
    if ix.is_target_person(row):
        reasons.append(("On your list of people to meet", profile.source))
    if ix.is_target_company(row):
        reasons.append((f"Works at {row['company']}, on your list of companies", profile.source))
    company_reasons = 0
    for interest, fact, sentence in matched:
        if fact.kind not in PERSONAL:
            company_reasons += 1
            if company_reasons > 2:
                continue
        where = {"bio": "Their bio", "talk": f"Their talk “{fact.label}”", "company": f"{fact.label}'s description",
                 "news": f"{row.get('company')} news “{fact.label}”", "hiring": f"{row.get('company')} is hiring"}[fact.kind]
        quote = whole_phrase(sentence, 140)
        reasons.append((f"{where} touches your interest in {interest}" + (f": “{quote}”" if quote else ""), fact.url))
    if outside:
        record = ix.company_of(row) or {}
        reasons.append((f"Outside your industries ({ix.industry(row)}): a view you would not get at home",
                        text_of(record.get("website"))))
    if not facts:
        return [(f"No facts found about {row.get('name')} beyond the listing", first_line(row.get("source_url")))]
    if not reasons and (close := closest_words(ix, facts)):
        sentence, fact, shared = close
        where = "Their bio" if fact.kind == "bio" else f"Their talk “{fact.label}”"
        quote = whole_phrase(sentence, 140)
        reasons.append((f"{where} shares words with your interests and goals ({', '.join(shared[:4])})"
                        + (f": “{quote}”" if quote else ""), fact.url))
    return reasons or [("Nothing they published touches your interests yet; listed for what they do", facts[0].url)]


def closest_words(ix: Index, facts: list[Fact]) -> tuple[str, Fact, list[str]] | None:
    """The sentence of what they said (bio, talks) that shares the most words with your interests and goals:
    the words the ranking found, shown when no interest appears there as a whole phrase."""
    wanted: dict[str, str] = {}
    for phrase in ix.profile.interests + ix.profile.goals:
        for word in re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", phrase):
            for stem in stems(word):
                if stem not in GENERIC:
                    wanted.setdefault(stem, word.lower())
    best = None
    for fact in (f for f in facts if f.kind in PERSONAL):
        for sentence in sentences(fact.text):
            shared = sorted({wanted[s] for s in stems(sentence) if s in wanted})
            if shared and (best is None or len(shared) > len(best[2])):
                best = (sentence, fact, shared)
    return best


def offer_line(row: dict, offer) -> str:
    """What you can offer them and the need of theirs it answers, cited; or how to find a need."""
    if not offer:
        return "No specific need found in what they published: ask what they are working on and listen for one."
    what, fact, sentence = offer
    need = {"hiring": f"{row.get('company')} is hiring a {fact.label}", "talk": f"their talk “{fact.label}”",
            "news": f"{row.get('company')} news “{fact.label}”"}.get(
                fact.kind, f"“{whole_phrase(sentence, 100)}”" if whole_phrase(sentence, 100)
                else f"what their {fact.kind} says about it")
    return fact.cite(f"{_offer_text(what)} (because of {need})")


def outreach_draft(ix: Index, row: dict, facts: list[Fact], matched, offer) -> tuple[str | None, str | None]:
    """A brief note grounded in the interest they touch (their talk first), or nothing when nothing is shared."""
    talks = [f for f in facts if f.kind == "talk"]
    pick = (next((m for m in matched if m[1].kind == "talk"), None)
            or next((m for m in matched if m[1].kind in PERSONAL), None) or (matched[0] if matched else None))
    if not facts or not pick:
        return None, None
    talk = pick[1].label if pick[1].kind == "talk" else (talks[0].label if talks else "")
    draft = draft_outreach(ix.profile, first_name=_first_name(row), event_name=text_of(ix.event.info.get("name")),
                           interest=pick[0], talk=talk, company=text_of(row.get("company")),
                           offer=offer[0] if offer else None, speaking=bool(talks))
    return draft.subject, draft.body


def plan_row(ix: Index, row: dict, facts: list[Fact], matched, common: list[str], offer, score: float,
             outside: bool) -> dict:
    """One row of the priorities frame (see :data:`prep.schema.PRIORITIES`)."""
    reasons = why_meet(ix, row, facts, matched, outside)
    questions = (starters(ix, row, facts, matched) if facts
                 else ["No facts found to ground a starter: ask what brought them to the event."])
    subject, body = outreach_draft(ix, row, facts, matched, offer)
    return {"person_id": row["person_id"], "name": row["name"], "company": row.get("company"), "score": score,
            "industry": ix.industry(row) or None, "why": reasons[0][0], "why_source": reasons[0][1] or None,
            "reasons": "\n".join(f"{text}{SOURCE}{url}" if url else text for text, url in reasons),
            "commonalities": "\n".join(common), "offer": offer_line(row, offer),
            "approach": "\n".join(approach(ix, row, facts)), "where_to_meet": "\n".join(where_to_meet(ix, row, facts)),
            "starters": "\n".join(questions), "outreach_subject": subject, "outreach_body": body,
            "outside_industry": outside, "evidence": "\n".join(sorted({f.url for f in facts if f.url}))}


def _offer_text(offer: Offer) -> str:
    detail = offer.detail or ""
    return f"{offer.what}: {detail}" if detail else f"{offer.kind.capitalize()}: {offer.what}"


def _first_name(row: dict) -> str:
    first = text_of(row.get("first_name"))
    return first or (text_of(row.get("name")).split() or ["there"])[0]


def _session_kind(session: dict) -> str:
    return (text_of(session.get("type")) or "session").capitalize()


def _session_label(session: dict) -> str:
    """Talk “Title”, or just “Breakout: Title” when the title already says what kind of session it is."""
    kind, title = _session_kind(session), text_of(session.get("title"))
    return f"“{title}”" if title.lower().startswith(kind.lower()) else f"{kind} “{title}”"


def _when(session: dict) -> str:
    start = text_of(session.get("start"))
    try:
        moment = datetime.fromisoformat(start)
        return f"{moment:%a %d %b %H:%M}"
    except ValueError:
        return start or text_of(session.get("day")) or "time not given"


def _room(session: dict) -> str:
    return f", {session['room']}" if text_of(session.get("room")) else ""
