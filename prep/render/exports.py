"""A brief's tables as files: CSV for pandas and other tools, brief.xlsx for spreadsheets (every cell text,
never a formula), event.json, and FILES.txt saying which file is which."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .brief import Prepared

EVENT_FILE = "event.json"  # the event as read (name, dates, place, slug): written beside the tables


def save(prepared: Prepared, output_dir) -> Path | None:
    """Write the brief's tables into ``output_dir`` (CSV, brief.xlsx, event.json); ``None`` writes nothing."""
    if not output_dir:
        return None
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    write_frames(prepared, folder)
    info = {**prepared.event.info, "slug": prepared.event.slug}
    (folder / EVENT_FILE).write_text(json.dumps(info, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return folder


FILES_NOTE = """What is in this folder (made by prep):

brief.html          the brief: open it in a browser; self-contained, safe to share
brief.xlsx          the tables for a spreadsheet (Excel, LibreOffice, Numbers): every cell is text,
                    never a formula, so it is safe to open whatever the scraped pages said
*.csv               the same tables exactly as found, for pandas and other tools. Do not open them in
                    a spreadsheet: a scraped cell starting with = could run as a formula there
event_brief.ipynb   the executed notebook: open it in JupyterLab and run it again (offline, from the cache)
event.json          the event as read; inputs.json: what the brief was made from
"""


def write_frames(prepared: Prepared, folder: Path) -> None:
    for name, frame in prepared.frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    write_workbook(prepared, folder / "brief.xlsx")
    (folder / "FILES.txt").write_text(FILES_NOTE, encoding="utf-8")


def write_workbook(prepared: Prepared, path: Path) -> None:
    """brief.xlsx: Plan, Follow-ups (to fill in), People, Companies, News, Sessions."""
    import pandas as pd

    priorities = prepared.priorities
    follow = pd.DataFrame({"name": priorities["name"], "company": priorities["company"],
                           "why": priorities["why"],
                           "met_on": "", "where": "", "notes": "", "you_promised": "", "they_promised": "",
                           "thank_you_sent": "", "next_step": "", "next_due": ""})
    sheets = {"Plan": priorities, "Follow-ups": follow, "People": prepared.event.people, "Companies": prepared.companies,
              "News": prepared.news, "Sessions": prepared.event.sessions}
    import xlsxwriter

    # Scraped text stays text: no formulas (a bio starting with "=" is not run) and no URL conversion.
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False, "constant_memory": True})
    try:
        header = book.add_format({"bold": True})
        for name, frame in sheets.items():
            sheet = book.add_worksheet(name)
            sheet.freeze_panes(1, 0)
            for i, column in enumerate(frame.columns):
                longest = frame[column].head(200).astype("string").str.len().max()
                width = max(len(str(column)), 0 if pd.isna(longest) else int(longest))
                sheet.set_column(i, i, min(max(10, width + 2), 60))
            sheet.write_row(0, 0, list(frame.columns), header)
            values = frame.astype(object).where(frame.notna(), None)
            for r, row in enumerate(values.itertuples(index=False, name=None), start=1):
                sheet.write_row(r, 0, row)
    finally:
        book.close()


PROFILE_COLUMNS = ("profile_url", "image_url", "website", "linkedin", "x", "github", "mastodon")


def forget_people(briefs: Path, name: str, company: str | None = None) -> tuple[list[str], set[str]]:
    """Drop a person's rows from the frames and workbooks of the briefs in ``briefs`` (only prep's own brief
    folders, never a CSV of yours that has names). Returns what was removed, one line each, and the
    links of their pages (for the HTTP cache to forget)."""
    import pandas as pd

    from ..names import normalize_company, normalize_name
    from .notebook import is_brief

    key, report, urls = normalize_name(name), [], set()
    folders = [f for f in sorted(briefs.iterdir()) if is_brief(f)] if briefs.is_dir() else []
    for csv_path in [f / frame for f in folders for frame in ("people.csv", "priorities.csv") if (f / frame).is_file()]:
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        if "name" not in frame.columns:
            continue
        hit = frame["name"].map(normalize_name) == key
        if company and "company" in frame.columns:
            hit &= frame["company"].map(normalize_company) == normalize_company(company)
        if hit.any():
            for column in PROFILE_COLUMNS:
                if column in frame.columns:
                    urls.update(u for u in frame.loc[hit, column] if u.startswith(("http://", "https://")))
            frame[~hit].to_csv(csv_path, index=False)
            report.append(f"brief frame: {hit.sum()} row(s) from {csv_path}")
    for book in [f / "brief.xlsx" for f in folders if (f / "brief.xlsx").is_file()]:
        removed = _forget_in_workbook(book, key)
        if removed:
            report.append(f"brief workbook: {removed} row(s) from {book}")
    pages = [p for f in folders for pattern in ("brief.html", "*.ipynb", EVENT_FILE) for p in f.glob(pattern)]
    for page in sorted(pages):
        if name.lower() in page.read_text(encoding="utf-8", errors="replace").lower():
            report.append(f"still named in {page}: rebuild that brief (prep brief ...) to drop them from it")
    return report, urls


def _forget_in_workbook(path: Path, key: str) -> int:
    import openpyxl

    from ..names import normalize_name

    book = openpyxl.load_workbook(path)
    removed = 0
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        if "name" not in header:
            continue
        column = header.index("name") + 1
        for row in range(sheet.max_row, 1, -1):
            if normalize_name(str(sheet.cell(row, column).value or "")) == key:
                sheet.delete_rows(row)
                removed += 1
    if removed:
        partial = path.with_name(path.name + ".partial")
        book.save(partial)
        os.replace(partial, path)
    return removed
