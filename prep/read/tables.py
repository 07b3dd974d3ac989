"""People in HTML tables, read by their columns: committee lists, attendee grids, speaker tables.

A table is read as a grid (``rowspan`` and ``colspan`` filled in, so "PC Chairs" spanning three rows
is every one of those rows' position). Each column gets one role for the whole table: from its header
("Name", "Position", "Affiliation", "Rolle", "Afiliación"...), else from its cells: the column whose
cells mostly read as people's names is the name, a column of job words is the title, another column
of short phrases is the company. Pure functions of the parsed page.
"""
from __future__ import annotations

import re

from ..names import clean_space, is_titleish, looks_like_org, looks_like_person_name, split_name_org

_EMAIL = re.compile(r"\S+@\S+\.\w+")
HEADERS = {
    "name": re.compile(r"^(full )?name|^speaker|^member|^person|^nombre|^nom\b|^nome|^participant|^attendee|^who", re.I),
    "title": re.compile(r"position|role|title|job|function|cargo|rôle|rolle|funktion|ruolo|chair", re.I),
    "company": re.compile(r"affiliation|company|organi[sz]ation|institution|employer|empresa|entreprise|firma|"
                          r"azienda|afiliaci[oó]n|affiliazione|université|university", re.I),
}


def people_in_tables(root, url: str) -> list[dict]:
    people = []
    for table in root.iter("table"):
        if any(t is not table for t in table.iter("table")):
            continue  # a layout table around other tables
        people += _read(table, url)
    return people


def _grid(table) -> list[list[str]]:
    """The table's text as rows of equal meaning: a cell spanning rows or columns repeats in each."""
    rows, spans = [], {}  # column -> [rows it still covers, its text]
    for tr in table.iter("tr"):
        row: list[str] = []

        def spanned() -> None:  # cells above that reach down into this row, at the current column
            while len(row) in spans:
                left_text = spans[len(row)]
                row.append(left_text[1])
                left_text[0] -= 1
                if not left_text[0]:
                    del spans[len(row) - 1]

        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            spanned()
            text = clean_space(_EMAIL.sub("", cell.text_content()))  # "PC Chairs program@..." is "PC Chairs"
            for _ in range(_int(cell.get("colspan"))):
                if _int(cell.get("rowspan")) > 1:
                    spans[len(row)] = [_int(cell.get("rowspan")) - 1, text]
                row.append(text)
        spanned()
        if any(row):
            rows.append(row)
    return rows


def _int(value) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _read(table, url: str) -> list[dict]:
    rows = _grid(table)
    header = rows[0] if rows and table.find(".//th") is not None and len(set(rows[0])) > 1 else []
    body = rows[1:] if header or (rows and len(set(rows[0])) == 1) else rows  # a caption row spanning the table
    width = max((len(r) for r in body), default=0)
    if len(body) < 2 or width < 2:
        return []
    columns = [[r[i] if i < len(r) else "" for r in body] for i in range(width)]
    talk_columns = _talk_columns(table, width)
    roles = {}
    for i, title in enumerate(header[:width]):
        role = next((role for role, pattern in HEADERS.items() if pattern.search(title)), None)
        if role and role not in roles.values():
            roles[i] = role
    share = [sum(looks_like_person_name(split_name_org(c)[0]) and len(c.split()) >= 2 and not looks_like_org(c)
                 and not is_titleish(c) for c in col) / len(col) for col in columns]
    if "name" not in roles.values() and sum(s >= 0.6 for s in share) >= 2:
        return []  # names in several columns: a grid of people (an attendee wall), read as cards
    if "name" not in roles.values():
        best = max(range(width), key=lambda i: share[i])
        if share[best] < 0.6 or best in roles:
            return []
        roles[best] = "name"
    for i, col in enumerate(columns):
        if i in talk_columns and i not in roles:
            roles[i] = "talks"
        if i in roles or share[i] >= 0.5:
            continue
        given = [c for c in col if c]
        if not given or sum(len(c) > 80 for c in given) > len(given) / 2:
            continue
        titleish = sum(is_titleish(c) for c in given) / len(given)
        if titleish >= 0.6 and "title" not in roles.values():
            roles[i] = "title"
        elif titleish < 0.3 and "company" not in roles.values():
            roles[i] = "company"
    out = []
    for row in body:
        record = {role: (row[i] if i < len(row) else "") for i, role in roles.items()}
        name, extra = split_name_org(record.get("name", ""))
        if not looks_like_person_name(name):
            continue
        title, company = record.get("title", ""), record.get("company", "")
        if extra:  # "Jim Dinan (Chair)" is a role; "Ali Jelveh (Protonet)" a company
            title, company = (title or extra, company) if is_titleish(extra) else (title, company or extra)
        out.append({"name": name, "title": title, "company": company, "bio": "", "role": "speaker",
                    "source_url": url, "links": {}, "talks": [record["talks"]] if record.get("talks") else []})
    return out


_SESSION_PATH = re.compile(r"/(events?|sessions?|talks?|programm?e?|schedule|vortr(a|ä)ge?|ponencias?|charlas?|"
                           r"interventi|conf[ée]rences?|lectures?|contributions?)/", re.I)


def _talk_columns(table, width: int) -> set[int]:
    """Columns whose cells list the person's talks: links to session pages, or a list of items per cell."""
    counts = [[0, 0] for _ in range(width)]  # [cells, cells of talks]
    for tr in table.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for i, cell in enumerate(cells[:width]):
            if not clean_space(cell.text_content()):
                continue
            counts[i][0] += 1
            links = [a for a in cell.iter("a") if clean_space(a.text_content())]
            counts[i][1] += bool(cell.find(".//li") is not None
                                 or links and all(_SESSION_PATH.search(a.get("href") or "") for a in links))
    return {i for i, (cells, talks) in enumerate(counts) if cells and talks / cells >= 0.6}
