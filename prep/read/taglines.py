"""Taglines read as (title, company): "Principal Engineer at Tidewater Analytics", "CTO, Acme",
"MVP | ACP IT Solutions GMBH, Lead Cloud Architect", "Managing Director Slalom" (a glued column), with
slogans, badges, technologies and former roles kept out. Pure functions of text; the words they know
(job words, organisation words) are in :mod:`prep.names`.
"""
from __future__ import annotations

import re

from ..names import TITLE_FRAGMENTS, TITLE_WORDS, clean_space, is_slogan, is_titleish

_BADGE = re.compile(r"\b(Google Developers? Experts?(?: (?:in|for) [\w .&+-]+)?|MVP|GDE|Regional Director|RD|Ambassador|"
                    r"Champion|Java Champion|Insider|Expert)\b", re.I)
_AT = re.compile(r"\s+(?:at|@|an der|am|bei|chez|presso|en|na|w|at the)\s+|\s*@\s*(?=\S)", re.I)
_ACRONYM_TITLE = re.compile(r"^(CEO|CTO|CFO|COO|CIO|CMO|CPO|VP|MD)\s+(?!(?:and|&|of|for|EMEA|APAC|LATAM|DACH|Europe|"
                            r"Americas|Global|Sales|Marketing|Engineering|Product|Operations|Finance|Research)\b)"
                            r"(?P<org>[^,&]+)$", re.I)


# Technologies, which follow a dash as often as a company does ("Web developer - Angular SpringBoot").
TECH_WORDS = set("""
angular react reactjs vue vuejs svelte ember jquery spring springboot boot java kotlin scala groovy python go golang
rust javascript js typescript ts node nodejs deno flutter dart android ios swift swiftui objective-c php laravel symfony
ruby rails django flask fastapi c c++ c# .net dotnet elixir erlang haskell clojure r julia matlab sql nosql graphql
aws azure gcp kubernetes k8s docker terraform devops frontend front-end backend back-end fullstack full-stack ml ai
llm genai cloud web mobile serverless microservices blockchain iot embedded unity unreal wordpress drupal salesforce
sap oracle linux and & / +
""".split())


# An award or certification worn with the job: "Microsoft 365 MVP", "MVP Identity & Access", "MCT".
_AWARD = re.compile(r"(?:^|\s*(?:,|&|\||\band\b|[-–])\s*)(?:[A-Z0-9][\w+]*\s){0,4}(?:MVP|MCT)"
                    r"(?:\s+(?:in\s+|for\s+)?[A-Z][\w]*(?:\s*&\s*[A-Z]\w*)?)?(?=\s*(?:,|&|\||[-–]|\band\b|$))")


def _without_awards(text: str) -> str:
    """"Microsoft MVP & Partner & Solution Architect" -> "Partner & Solution Architect"; a line that is only
    awards stays as it is (the reader decides what it is)."""
    if not text:
        return text
    kept = _AWARD.sub("", text).strip(" ,&|-–")
    kept = re.sub(r"^(?:and|&)\s+", "", kept).strip()
    return kept if kept else text


def _only_technologies(text: str) -> bool:
    tokens = [t for t in re.split(r"[\s,]+", text.lower()) if t]
    return bool(tokens) and all(t in TECH_WORDS for t in tokens)


def split_glued(text: str) -> tuple[str, str]:
    """("Managing Director", "Slalom") from "Managing Director Slalom": a title that ends in a job word, then
    capitalised words that are no job; ("", "") when the line does not read so. Only for a column where
    many values read so (see data_people), since "Engineering Manager Platform Team" reads so too."""
    words = clean_space(text).split()
    for cut in range(len(words) - 1, 0, -1):
        lead, rest = words[:cut], words[cut:]
        last = re.sub(r"[^\w&]", "", lead[-1]).lower()
        if (last in TITLE_WORDS or re.fullmatch(r"[A-Z]{2,4}", lead[-1].strip(",")) and is_titleish(lead[-1])) \
                and rest[0][:1].isupper() and not is_titleish(" ".join(rest)) and not lead[-1].endswith(","):
            return " ".join(lead), " ".join(rest)
    return "", ""


# What a job title's department or scope is called ("VP, Partner Development", "Head of Retail Banking"): never
# the employer's name, however it is capitalised. Short forms too ("Sr. Dir Prod Mgmt").
DEPARTMENT_WORDS = set("""
strategy marketing product products management development partnership partnerships services
service banking business retail commercial insight insights digital technology technologies information engineering
software sales operations finance financial research innovation customer customers success experience platform
platforms solutions data analytics security infrastructure cloud mobile design communications growth transformation
consulting delivery enterprise global channel channels alliances ecosystem talent human resources legal compliance risk
payments lending wealth team teams group application applications prod mgmt mktg
dev eng ops dir sr jr ux ui it qa ai ml hr pr devops mobility integration ecommerce e-commerce of and the for in & / - –
""".split())
_LEGAL_WORD = re.compile(r"^(?:inc|llc|ltd|limited|gmbh|ag|plc|llp|corp|co|sa|nv|bv|oy|ab)\.?$", re.I)


_LINKING = {"of", "and", "the", "for", "in", "&", "/", "-", "–"}


def names_a_department(text: str) -> bool:
    """Whether a would-be employer holds a department word ("Strategy & Marketing Kony DBX")."""
    return any(w.strip(",.;:").lower() in DEPARTMENT_WORDS - _LINKING for w in clean_space(text).split())


def tidy_company(company: str) -> str:
    """"Slalom." -> "Slalom": a sentence's full stop, not an abbreviation ("Kony, Inc.", "J.D. Power" keep theirs)."""
    last = company.split()[-1] if company.split() else ""
    return company[:-1] if company.endswith(".") and last.count(".") == 1 and not _LEGAL_WORD.match(last) else company


def only_departments(text: str) -> bool:
    """"Software Engineering", "Serving Application Development": a department or scope, not an employer."""
    words = [w.strip(",.;:").lower() for w in clean_space(text).split()]
    return bool(words) and all(w in DEPARTMENT_WORDS for w in words)


def split_trailing_org(text: str) -> tuple[str, str]:
    """("SVP, Strategy & Marketing", "Kony DBX") from "SVP, Strategy & Marketing Kony DBX": the employer is the run of
    capitalised words at the end that are neither job nor department words ("Partner Development Microsoft",
    "Retail Banking Fenergo", "Prod Mgmt Kony, Inc."); ("", "") when the line ends in one ("VP, Product Marketing").
    Only for a column where titles are glued to companies (see data_people)."""
    words = clean_space(text).split()
    cut = len(words)
    while cut > 1:
        word = words[cut - 1]
        bare = word.strip(",.;:").lower()
        if word.endswith(",") and cut < len(words) and not _LEGAL_WORD.match(words[cut]):
            break  # "Manager Integration & Mobility, Oceaneering": the comma ends the title
        if _LEGAL_WORD.match(word.strip(",")) or \
                word[:1].isupper() and bare not in DEPARTMENT_WORDS and bare not in TITLE_WORDS and not is_titleish(word):
            cut -= 1
            continue
        break
    title, company = " ".join(words[:cut]).rstrip(" ,;:-–"), " ".join(words[cut:])
    job = is_titleish(title) or all(w.strip(",.").lower() in DEPARTMENT_WORDS | TITLE_WORDS for w in title.split())
    if not company or not title or not job or _LEGAL_WORD.match(company):
        return "", ""
    return title, company if _LEGAL_WORD.match(words[-1]) else company.rstrip(".")


def split_tagline(tagline: str | None) -> tuple[str, str]:
    """Split a free-form tagline into ``(title, company)``; either may be empty.

    A "company" that is only technologies ("Web developer - Angular SpringBoot") belongs to the title."""
    title, company = _split_tagline(tagline)
    title = _without_awards(title)  # "Microsoft MVP & Partner" is a partner
    if company and not _AWARD.sub("", company).strip(" ,&|-–"):
        company = ""  # "Security MVP" is no employer
    if company and _only_technologies(company) and not _AT.search(clean_space(tagline)):
        return clean_space(tagline).strip(" ,|-–—"), ""
    return title, company


def _split_tagline(tagline: str | None) -> tuple[str, str]:
    """Split a free-form tagline into ``(title, company)``; either may be empty.

    >>> split_tagline("Principal Engineer at Tidewater Analytics")
    ('Principal Engineer', 'Tidewater Analytics')
    >>> split_tagline("MVP | ACP IT Solutions GMBH, Lead Cloud Architect")
    ('Lead Cloud Architect', 'ACP IT Solutions GMBH')
    """
    text = clean_space(tagline).strip(" ,|-–—")
    if not text or is_slogan(text):
        return "", ""
    separators = r"\s+[|•·/]\s+|\s*\|\s*"
    if not _AT.search(text):  # "Software Engineer - Google"; but "Director - API Architecture at WSO2" is one title
        separators += r"|\s+[–—-]\s+"
    segments = [s.strip() for s in re.split(separators, text) if s.strip()]
    if len(segments) == 1 and not _AT.search(text) and (glued := _split_glued(text)):
        return glued
    if len(segments) > 1:
        kept = [s for s in segments if not (_BADGE.search(s) and not is_titleish(_BADGE.sub("", s)))]
        segments = kept or segments
    for segment in segments:  # an explicit "Title at Company" wins wherever it is
        title, company = _split_at(segment)
        if company:
            return title, company
    if len(segments) >= 2:
        first, second = segments[0], segments[1]
        if is_titleish(second) and not is_titleish(first):
            first, second = second, first
        if "," in first and not is_titleish(second):
            return first, second
        sub_title, sub_company = _split_comma(first)
        if sub_company and not is_titleish(second):
            return sub_title, sub_company
        return first, second
    return _split_comma(segments[0])


_QUOTED_ORG = re.compile(r"^[“\"《「『](?P<org>[^”\"》」』]{1,60})[”\"》」』]\s*(?P<title>\S.*)$")
_LATIN_THEN_CJK = re.compile(r"^(?P<org>[A-Za-z0-9][\w .&'’+-]*?)\s*(?P<title>[\u3400-\u9fff].*)$")


def _split_glued(text: str) -> tuple[str, str] | None:
    """Organisation and title written together, as Chinese and Japanese lines do: "《故事FM》声音设计",
    "Himalaya Media内容总监", "轻芒联合创始人 CEO" -> (title, organisation); None when it does not read so."""
    for pattern in (_QUOTED_ORG, _LATIN_THEN_CJK):
        match = pattern.match(text)
        if match and is_titleish(match["title"]) and not is_titleish(match["org"]):
            return match["title"].strip(), match["org"].strip()
    starts = [(text.find(f), -len(f)) for f in TITLE_FRAGMENTS if text.find(f) > 0]
    if starts and re.match(r"[\u3400-\u9fff]", text):
        at = min(starts)[0]
        org, title = text[:at].strip(), text[at:].strip()
        if org and not is_titleish(org):
            return title, org
    return None


def _split_at(text: str) -> tuple[str, str]:
    parts = list(_AT.finditer(text))
    if not parts:
        return text, ""
    last = parts[-1]
    title, company = text[: last.start()].strip(" ,-"), text[last.end():].strip(" ,-")
    # "at the Harvard Center": the article belongs to the sentence (but "at The Guardian" is its name)
    company = _company_only(re.sub(r"^(the|la|el|le|der|die|das|il|lo)\s+(?=[A-ZÀ-Ý])", "", company))
    strong = last.group(0).strip().lower() in ("at", "@")
    plausible = strong and len(title.split()) <= 6 and company[:1].isupper()
    if not title or not company or not (is_titleish(title) or plausible):
        return text, ""
    return title, company


def _company_only(company: str) -> str:
    """"Acme, Google Developer Expert" -> "Acme"; "Acme, former Beta" -> "Acme"; "Acme (Berlin)" -> "Acme"."""
    parts = company.split(", ")
    for i, part in enumerate(parts[1:], 1):
        if is_titleish(part) or re.match(r"(former|formerly|ex-|ex |previously|and )", part, re.I) \
                or re.search(r"\b(MVP|Regional|Ambassador)\b", part):
            company = ", ".join(parts[:i])
            break
    return re.sub(r"\s*\([^()]*\)$", "", company).strip() or company


_OF = re.compile(r"^(?P<title>.*\b(?:ceo|cto|cfo|coo|founder|co-?founder|president|owner))\s+of\s+(?P<org>[A-Z].*)$", re.I)


_ORG_WORDS = re.compile(r"\b(inc|llc|ltd|gmbh|ag|sa|labs?|group|systems|technologies|solutions|software|university|"
                        r"universidad|universit[àäé]t?|institute|instituto|foundation|fundación|bank|studio|consulting)\b|"
                        r"\.(com|io|ai|org|net|dev|co)\b", re.I)


def _names_an_org(text: str) -> bool:
    """Does a line name an organisation rather than say something about a person? An acronym ("EPAM"),
    a word that organisations use ("Labs", "University", ".io"), or two or more capitalised words."""
    words = text.split()
    if not words or len(words) > 5 or is_slogan(text):
        return False
    return bool(re.fullmatch(r"[A-Z0-9&]{2,8}", text) or _ORG_WORDS.search(text)
                or sum(w[:1].isupper() for w in words) >= 2 and len(words) >= 2)


_LEGAL_TAIL = re.compile(r"^(?P<head>.*?\S)(?P<suffix>,\s*(?:inc|llc|ltd|limited|gmbh|ag|s\.?a\.?s?|s\.?l\.?|s\.?r\.?l\.?|"
                         r"s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|plc|llp|lp|corp|co|pty\.? ltd|oy|ab|as|kk)\.?)$", re.I)


def _split_comma(text: str) -> tuple[str, str]:
    legal = _LEGAL_TAIL.match(text)
    if legal:  # "Anaconda, Inc" is one company; "Chairman & CEO Kony, Inc." is a title, then "Kony, Inc."
        head, suffix = legal["head"], legal["suffix"]
        title, org = _split_comma(head)
        if org:
            return title, org + suffix
        words = head.split()
        for cut in range(len(words) - 1, 0, -1):  # the longest leading title phrase before the name
            lead, rest = " ".join(words[:cut]), " ".join(words[cut:])
            if is_titleish(lead) and not is_titleish(rest):
                return lead, rest + suffix
        return "", head + suffix
    of = _OF.match(text)
    if of and "," not in text and not is_titleish(of.group("org")):  # "CEO of Acme", not "Head of Data"
        return of.group("title"), of.group("org")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    acronym = _ACRONYM_TITLE.match(parts[0]) if parts else None
    if acronym and not is_titleish(acronym.group("org")):
        return acronym.group(1), acronym.group("org").strip()
    if len(parts) == 1:
        return (text, "") if is_titleish(text) else ("", "") if is_slogan(text) else ("", text)
    titleish = [is_titleish(p) for p in parts]
    if len(parts) == 2:
        if titleish[0] and not titleish[1]:
            return parts[0], parts[1]
        if titleish[1] and not titleish[0]:
            return parts[1], parts[0]
        return (text, "") if all(titleish) else (parts[0], parts[1])
    if titleish[0]:
        rest = [p for p, t in zip(parts[1:], titleish[1:]) if not t and not _BADGE.search(p)]
        return parts[0], rest[0] if rest else ""
    if titleish[1] and _names_an_org(parts[0]):  # "EPAM, Chief Software Engineer, Flutter and Dart GDE"
        return parts[1], parts[0]
    return text, ""


_HAN = "\u3400-\u9fff"
_PANEL_LABEL = re.compile(r"^\s*(?:主持人|與談人|与谈人|主講人|主讲人|講者|讲者|引言人|moderator|panel(?:ist)?|discussant)"
                          r"\s*[-–—:：]\s*", re.I)
_HAN_NAME = re.compile(rf"([{_HAN}]{{2,4}}?)(教授|博士|律師|律师|老師|老师|先生|女士|醫師|医师)?")
_HAN_ORG = re.compile(rf"[{_HAN}A-Za-z]+(?:科技|公司|大學|大学|學院|学院|集團|集团|銀行|银行|協會|协会|基金會|基金会|研究院|實驗室|实验室)")
_ROLE_SEPARATOR = re.compile(r"\s*(?:暨|及|、|，|,|&|/|\band\b)\s*")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def unpack_cjk_name(text: str) -> tuple[str, str, str] | None:
    """(name, title, company) from a Chinese name field that packs roles and labels around the person's name:
    "台灣大哥大總經理 暨 AppWorks 董事長 & 合夥人 林之晨" -> ("林之晨", "總經理", "台灣大哥大"); "與談人 - 張嘉淵博士
    廣達電腦技術長" -> ("張嘉淵", "技術長", "廣達電腦"). The name is the last token of two to four Han characters (an
    honorific glued to it dropped), with an English name written just before it ("Spot Guo 郭振忠"); the title and
    company come from the first current role (a former one, "前 …", is none). ``None`` when the field is a plain
    name, or holds no role, label or organisation to take apart ("何仁義 Vincent66" stays as given)."""
    text = clean_space(text)
    if not re.search(f"[{_HAN}]", text):
        return None
    labelled = bool(_PANEL_LABEL.match(text))
    tokens = _PANEL_LABEL.sub("", text).split()
    for i in range(len(tokens) - 1, -1, -1):
        match = _HAN_NAME.fullmatch(tokens[i])
        if match and not is_titleish(match[1]) and not any(f in match[1] for f in TITLE_FRAGMENTS):
            break
    else:
        return None
    start = i
    while start > 0 and _LATIN_WORD.fullmatch(tokens[start - 1]):
        start -= 1
    before, after = " ".join(tokens[:start]), " ".join(tokens[i + 1:])
    roles = [r for part in (before, after) if part and not re.match(r"^(前|前任|原)(?=\s|[" + _HAN + "])", part)
             for r in _ROLE_SEPARATOR.split(part) if r]
    with_title = [r for r in roles if any(f in r for f in TITLE_FRAGMENTS)]
    orgs = [m[0] for r in roles if (m := _HAN_ORG.search(r))]
    if not (labelled or match[2] or with_title or orgs or re.match(r"^(前|前任|原)(?=\s)", before)):
        return None
    name = " ".join(tokens[start:i] + [match[1]])
    if with_title:
        title, company = split_tagline(with_title[0])
        return name, title, company
    return name, "", orgs[0] if orgs else ""
