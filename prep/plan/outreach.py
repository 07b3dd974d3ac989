"""Brief outreach: drafting a note from facts, and a lint that checks any draft against the coaches' rules.

The rules (each one a check in :func:`lint_outreach`):

* a specific subject line (not "Hello" or "Quick question"), at most 78 characters;
* at most four sentences before the signature;
* names at least one interest you share (when your interests are known);
* an offer comes before any ask;
* the ask is small: a 15-minute call or a hello at the event; no coffee, lunch or long meetings;
* your LinkedIn profile URL is included;
* no attachments (no CV, résumé, "attached", PDFs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import sentences
from .profile import Offer, Profile

GENERIC_SUBJECTS = {"hi", "hello", "hey", "quick question", "question", "networking", "connecting", "lets connect",
                    "let s connect", "meeting", "introduction", "intro", "catch up", "following up", "follow up",
                    "coffee", "request", "opportunity", "hi there"}
LINKEDIN = re.compile(r"https?://([a-z]{2,3}\.)?(www\.)?linkedin\.com/in/[^\s)>\]]+", re.I)
ATTACHMENT = re.compile(r"\battach|\benclos|\bCV\b|\bcurriculum vitae|\br[ée]sum[ée]\b|\.pdf\b|\.docx?\b|\bslide deck\b", re.I)
SMALL_ASK = re.compile(r"\b(15|fifteen)[- ]?min(ute)?s?\b|\b(say|saying|said) hello\b|\bhello (at|after|during)\b", re.I)
BIG_ASK_ANYWHERE = re.compile(r"\bcoffee|\blunch\b|\bdinner\b|\bdrinks?\b|\bpick your brain", re.I)
BIG_ASK_IN_ASK = re.compile(r"\b(20|30|thirty|45|60|sixty|90)[- ]?min|\b(an|one|half an) hour\b|\ba job\b|\brefer me\b|"
                            r"\bhire me\b|\breview my\b", re.I)
OFFER = re.compile(r"\b(happy to|glad to|I can|I could|I'd be glad|I would be glad|I'm happy|I am happy|"
                   r"introduce you|share (my|the|a|our)|send you|if (it|that)('s| is)? (useful|helpful)|if it helps)\b", re.I)
ASK_START = re.compile(r"^(could|would|can|may|might|shall|do you|are you|will you|is there)\b", re.I)


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def lint_outreach(subject: str, body: str, *, interests=(), linkedin: str | None = None) -> list[str]:
    """Problems with a draft, as sentences a person can act on; an empty list means it passes."""
    problems = []
    words = re.sub(r"[^\w\s]", " ", subject.lower()).split()
    if not subject.strip():
        problems.append("subject: empty; name the topic you share (e.g. your talk's title)")
    elif " ".join(words) in GENERIC_SUBJECTS or len(words) < 3:
        problems.append(f"subject: {subject!r} is generic; name the specific topic (at least three words)")
    elif len(subject) > 78:
        problems.append(f"subject: {len(subject)} characters; keep it under 78 so it is not cut off")
    text, signature = split_signature(body)
    said = sentences(" ".join(text.split()))
    if len(said) > 4:
        problems.append(f"body: {len(said)} sentences; keep it to four at most")
    if not LINKEDIN.search(body):
        problems.append("body: add your LinkedIn profile URL (linkedin.com/in/...)")
    elif linkedin and linkedin.rstrip("/").lower() not in body.lower():
        problems.append(f"body: the LinkedIn URL is not yours ({linkedin})")
    if ATTACHMENT.search(body) or ATTACHMENT.search(subject):
        problems.append("body: no attachments, CV or résumé in a first note; your LinkedIn says enough")
    coffee = BIG_ASK_ANYWHERE.search(text)
    if coffee:
        problems.append(f"ask: {coffee.group(0)!r} asks too much of a stranger; ask for a 15-minute call or a hello at the event")
    asks = [s for s in said if s.rstrip().endswith("?") or ASK_START.match(s)]
    for ask in asks:
        big = BIG_ASK_IN_ASK.search(ask)
        if big:
            problems.append(f"ask: {big.group(0)!r} is too big; keep it to a 15-minute call or a hello at the event")
    small = SMALL_ASK.search(text)
    if not small:
        problems.append("ask: make a small, concrete ask: a 15-minute call or a hello at the event")
    offer = OFFER.search(text)
    if not offer:
        problems.append("offer: say what you can offer them (help, a resource, an introduction) before you ask")
    elif small and offer.start() > small.start():
        problems.append("offer: put your offer before the ask")
    if interests and not any(i.lower() in text.lower() for i in interests):
        problems.append("interest: name one interest you share (from your profile) so the note is about them and you")
    return problems


def split_signature(body: str) -> tuple[str, str]:
    """The note and its signature block (the last paragraph when it holds only a name and links)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    if len(paragraphs) > 1:
        last = paragraphs[-1]
        lines = [l.strip() for l in last.splitlines() if l.strip()]
        if len(lines) <= 4 and all(len(l) < 100 and not l.endswith(("?", ".")) or l.startswith("http") for l in lines):
            return "\n\n".join(paragraphs[:-1]), last
    return body.strip(), ""


def offer_sentence(offer: Offer) -> str:
    """One first-person sentence body for an offer: "I'm happy to review a streaming design"."""
    detail = offer.detail.strip().rstrip(".")
    if detail:
        lowered = detail[0].lower() + detail[1:]
        for prefix, lead in (("happy to ", "I'm happy to "), ("glad to ", "I'd be glad to "), ("can ", "I can "),
                             ("could ", "I could ")):
            if lowered.startswith(prefix):
                return lead + lowered[len(prefix):]
        return f"I'm happy to help: {lowered}"
    what = offer.what.rstrip(".")
    return {"skill": f"I'm happy to help with {what}", "resource": f"I'd be glad to send you {what}",
            "introduction": f"I could introduce you to {what}"}.get(offer.kind, f"I'm happy to help: {what}")


def draft_outreach(profile: Profile, *, first_name: str, event_name: str, interest: str, talk: str = "",
                   company: str = "", offer: Offer | None = None, speaking: bool = False) -> Draft:
    """A four-sentence note: who you are, the shared interest, your offer, a small ask; then your LinkedIn."""
    event = event_name or "the event"
    if talk:
        subject = _fit(f"{_upper_first(interest)}: your talk “{talk}”")
        hook = f"I'm looking forward to “{talk}” at {event}, because {interest} is what I work on too."
    else:
        subject = _fit(f"{_upper_first(interest)} at {company or event}")
        hook = f"I read about your work{f' at {company}' if company else ''}, and {interest} is what I work on too."
    intro = f"Hi {first_name}, I'm {profile.name}" + (f", {_lower_first(profile.headline.rstrip('.'))}." if profile.headline else ".")
    give = (offer_sentence(offer) + ", if that is useful.") if offer else "I'm happy to share what has worked for me, if that is useful."
    ask = ("Could I say hello after your session, or would a 15-minute call suit you better?" if speaking
           else f"Could I say hello at {event}, or would a 15-minute call suit you better?")
    signature = "\n".join(x for x in (profile.name, profile.linkedin) if x)
    return Draft(subject, f"{intro} {hook} {give} {ask}\n\n{signature}")


def _fit(subject: str, limit: int = 78) -> str:
    if len(subject) <= limit:
        return subject
    cut = subject[: limit - 2].rsplit(" ", 1)[0].rstrip(",:;")
    return cut + ("…”" if "“" in cut and "”" not in cut else "…")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
