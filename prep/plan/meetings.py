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

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from .. import schema
from ..errors import SchemaError
from ..text import similarity, stems
from .index import PERSONAL, Index
from .profile import Profile, load_contacts, load_profile
from .timing import holiday_notes
from .writing import plan_row

SCORE_WEIGHTS = {"relevance": 1.0, "target_person": 0.5, "target_company": 0.25, "commonality": 0.05, "offer": 0.1}


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
    ctx = Index(event, companies, news, profile, contacts)
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
        out.append(plan_row(ctx, rows[i], facts[i], matched[i], common[i], offers[i], float(score[i]), bool(outside[i])))
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
