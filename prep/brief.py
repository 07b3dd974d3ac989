"""The brief as one verb: read the event, research its companies, plan, then render the notebook.

``prepare`` does the data work once (fetching through the cache). ``build_brief`` saves what it
prepared beside the notebook run, so the notebook only loads and displays it; opened on its own in
JupyterLab, the notebook calls ``prepare`` itself. Either way the same code makes the same brief.
"""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PrepError, RenderError

if TYPE_CHECKING:  # kept out of the import path: a notebook showing prepared sections needs neither
    import pandas as pd

    from .model import Event
    from .settings import Settings

SECTIONS = "sections.json"
MAX_PHOTO_BYTES = 300_000


@dataclass
class Prepared:
    """Everything a brief shows. Frames follow :mod:`prep.schema`."""

    event: Event
    companies: pd.DataFrame
    news: pd.DataFrame
    priorities: pd.DataFrame
    outside_industry: pd.DataFrame
    ranking: pd.DataFrame
    timing: list[str] = field(default_factory=list)
    photos: dict[str, str] = field(default_factory=dict)  # person_id -> data: URI
    profile_name: str = ""

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        return {"people": self.event.people, "sessions": self.event.sessions, "organizations": self.event.organizations,
                "companies": self.companies, "company_news": self.news, "priorities": self.priorities}


def _settings(offline: bool, cache_dir: str | None, proxy: str | None) -> Settings:
    from .settings import Settings

    changes = {"offline": offline, "proxy": proxy}
    if cache_dir:
        changes["cache_path"] = Path(cache_dir).expanduser() / "http_cache.sqlite"
    return Settings.from_env(**changes)


@contextmanager
def _fetcher(offline: bool, cache_dir: str | None, demo: bool, progress: bool):
    from .fetch import Fetcher

    with ExitStack() as stack:
        proxy = None
        if demo:
            from .demo import demo_web

            proxy = stack.enter_context(demo_web())
        settings = dataclasses.replace(_settings(offline, cache_dir, proxy), progress=progress)
        if demo:  # the demo web is a server on this machine: its .example hosts are served over http
            settings = dataclasses.replace(settings, guess_urls="http://{slug}.example/", delay=settings.local_delay)
        yield stack.enter_context(Fetcher(settings))


def load_event(sources, *, offline: bool = False, cache_dir: str | None = None, demo: bool = False,
               progress: bool = True) -> Event:
    """Read an event for a notebook. ``demo=True`` serves the bundled demo web while reading."""
    from .event import read_event

    with _fetcher(offline, cache_dir, demo, progress) as fetcher:
        return read_event(source_list(sources), fetcher=fetcher, follow_profiles=True)


def prepare(sources, *, profile=None, contacts=None, top: int = 20, offline: bool = False, cache_dir: str | None = None,
            demo: bool = False, domains=None, research: bool = True, progress: bool = True,
            name: str | None = None) -> Prepared:
    """Read the event, research its companies, plan whom to meet and fetch their photos."""
    import pandas as pd

    from . import schema
    from .event import read_event
    from .plan import plan_meetings
    from .research import research_companies

    from .profile import Profile, load_profile

    sources = source_list(sources)
    if profile is not None and not isinstance(profile, Profile):
        profile = load_profile(profile)  # read (and checked) once, before any fetching
    with _fetcher(offline, cache_dir, demo, progress) as fetcher:
        event = read_event(sources, fetcher=fetcher, follow_profiles=True)  # each speaker's own page, as a person would
        if name:  # the user's name for the event wins over what its pages say
            event.info["name"] = name
        found = (research_companies(event, domains=_domains(demo, domains), fetcher=fetcher)
                 if research else None)
        companies = found.companies if found else schema.empty("companies")
        news = found.news if found else schema.empty("company_news")
        if profile:
            plan = plan_meetings(event, found, profile, contacts, top=top)
            priorities, outside, ranking, timing = plan.priorities, plan.outside_industry, plan.ranking, plan.timing
        else:
            priorities = outside = schema.empty("priorities")
            ranking, timing = pd.DataFrame({"person_id": event.people["person_id"], "score": 0.0}), []
        photos = _photos(fetcher, event.people, priorities)
    return Prepared(event, companies, news, priorities, outside, ranking, timing, photos,
                    profile.name if profile else "")


def _domains(demo: bool, domains):
    """The user's domain mapping; for the demo event, the bundled one."""
    if demo and domains is None:
        from .demo import DEMO_DIR

        return DEMO_DIR / "domains.csv"
    return domains


def _photos(fetcher, people: "pd.DataFrame", priorities: "pd.DataFrame") -> dict[str, str]:
    """Photos of the people in the plan, embedded as data: URIs so the HTML works offline."""
    wanted = {}
    planned = set(priorities["person_id"]) if len(priorities) else set()
    for pid, url in zip(people["person_id"], people["image_url"]):
        if pid in planned and isinstance(url, str) and url.startswith(("http://", "https://")):
            wanted[url] = pid
    if not wanted:
        return {}
    pages, _ = fetcher.fetch_many(list(wanted), desc="photos")
    photos = {}
    for url, page in pages.items():
        kind = page.content_type.lower()
        if kind.startswith("image/") and len(page.content) <= MAX_PHOTO_BYTES:
            photos[wanted[url]] = f"data:{kind};base64,{base64.b64encode(page.content).decode('ascii')}"
    return photos


def brief_sections(sources, *, profile=None, contacts=None, top: int = 20, offline: bool = False, cache_dir=None,
                   demo: bool = False, data_dir=None, output_dir=None, wait: float = 6 * 3600) -> dict:
    """The brief's sections as HTML, for the notebook.

    Given ``data_dir`` (``prep brief`` passes it), wait for the sections it is preparing there and
    load them: the kernel then needs no pandas at all. Run on its own, the notebook prepares the data
    here; ``output_dir``, if given, also receives the frames as CSV and brief.xlsx. The result's
    ``prepared`` key holds the frames in that case, for exploring further.
    """
    if data_dir:
        from .render import FAILED_MARK

        folder, deadline = Path(data_dir), time.monotonic() + wait
        if not folder.is_dir():
            raise RenderError(f"data_dir {folder} does not exist: set data_dir = None to read the event again")
        while not (folder / SECTIONS).is_file():
            if (folder / FAILED_MARK).exists():
                raise RenderError("preparing the brief's data failed; see the error where prep brief ran")
            if time.monotonic() > deadline:
                raise RenderError(f"no {SECTIONS} in {folder} after {wait:.0f} s")
            time.sleep(0.02)
        return json.loads((folder / SECTIONS).read_text(encoding="utf-8"))
    from .report import sections

    prepared = prepare(sources, profile=profile, contacts=contacts, top=top, offline=offline, cache_dir=cache_dir,
                       demo=demo, progress=False)
    if output_dir:
        folder = Path(output_dir) / prepared.event.slug
        folder.mkdir(parents=True, exist_ok=True)
        write_frames(prepared, folder)
    return {**sections(prepared), "prepared": prepared}


FILES_NOTE = """What is in this folder (made by prep):

brief.html          the brief: open it in a browser; self-contained, safe to share
brief.xlsx          the tables for a spreadsheet (Excel, LibreOffice, Numbers): every cell is text,
                    never a formula, so it is safe to open whatever the scraped pages said
*.csv               the same tables exactly as found, for pandas and other tools. Do not open them in
                    a spreadsheet: a scraped cell starting with = could run as a formula there
event_brief.ipynb   the executed notebook: open it in JupyterLab and run it again (offline)
sections.json       what the notebook shows; inputs.json: what the brief was made from
"""


def write_frames(prepared: Prepared, folder: Path) -> None:
    for name, frame in prepared.frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    write_workbook(prepared, folder / "brief.xlsx")
    (folder / "FILES.txt").write_text(FILES_NOTE, encoding="utf-8")


@dataclass
class CompanyBrief:
    company: dict
    news: pd.DataFrame
    people: pd.DataFrame
    priorities: pd.DataFrame
    photos: dict
    sources: list
    failures: list


def company_data(company: str, sources=(), *, profile=None, contacts=None, offline: bool = False, cache_dir=None,
                 demo: bool = False) -> CompanyBrief:
    """One company in depth, and its people at the event (planned against your profile when given)."""
    from . import schema
    from .event import read_event
    from .names import normalize_company
    from .plan import plan_meetings
    from .research import research_companies

    sources = [str(s) for s in ([sources] if isinstance(sources, (str, Path)) else sources)]
    with _fetcher(offline, cache_dir, demo, progress=False) as fetcher:
        event = read_event(source_list(sources), fetcher=fetcher) if sources else None
        organizations = event.organizations if event is not None else None
        found = research_companies([company], organizations=organizations, domains=_domains(demo, None),
                                   fetcher=fetcher)
        row = found.companies.iloc[0].to_dict()
        people = schema.empty("people")
        if event is not None:
            keys = {normalize_company(company), row.get("normalized_name") or ""}
            people = event.people[[normalize_company(c) in keys for c in event.people["company"].fillna("")]]
            people = people.reset_index(drop=True)
        priorities = schema.empty("priorities")
        if profile and len(people):
            plan = plan_meetings(dataclasses.replace(event, people=people), found, profile, contacts, top=len(people),
                                 min_outside=0)
            priorities = plan.priorities
        photos = _photos(fetcher, people, priorities)
    return CompanyBrief(row, found.news, people, priorities, photos,
                        sources + [s for s in str(row.get("sources") or "").split("\n") if s],
                        event.failures if event is not None else [])


def build_brief(sources, *, out_dir: str | Path = "briefs", profile: str | None = None, contacts: str | None = None,
                top: int = 20, offline: bool = False, cache_dir: str | None = None, demo: bool = False,
                domains=None, slug: str | None = None, progress: bool = True, owner: str = "", name: str | None = None):
    """Prepare the data and execute ``event_brief.ipynb`` into ``out_dir/<slug>/``.

    The folder gets brief.html, the executed notebook, people/sessions/organizations/companies/
    company_news/priorities as CSV, brief.xlsx, inputs.json and sections.json (what the notebook
    displays, so that it runs again from its folder). The notebook's kernel starts while
    the data is prepared here. The folder is swapped in atomically; a failed run leaves the previous
    brief in place and names the executed notebook that holds the error.
    """
    from . import render
    from .report import sections

    # Absolute paths: papermill changes the working directory while the kernel runs beside the data step.
    sources = [_absolute(s) for s in source_list(sources)]
    profile, contacts, cache_dir = _absolute(profile), _absolute(contacts), _absolute(cache_dir)
    domains = _absolute(domains) if isinstance(domains, (str, Path)) else domains
    parameters = {"sources": sources, "profile": str(profile) if profile else None,
                  "contacts": str(contacts) if contacts else None, "top": top,
                  "offline": offline, "cache_dir": cache_dir, "demo": demo}

    def prepare_work(work: Path) -> str:
        prepared = prepare(sources, profile=profile, contacts=contacts, top=top, offline=offline, cache_dir=cache_dir,
                           demo=demo, domains=domains, progress=progress, name=name)
        write_frames(prepared, work)
        (work / "inputs.json").write_text(json.dumps({"parameters": parameters, "fingerprint": fingerprint(parameters)},
                                                     indent=1), encoding="utf-8")
        ready = work / (SECTIONS + ".tmp")
        ready.write_text(json.dumps(sections(prepared), ensure_ascii=False), encoding="utf-8")
        ready.replace(work / SECTIONS)  # atomic: the waiting notebook never reads half a file
        return slug or prepared.event.slug

    with _env(PREP_PROGRESS="0"):
        brief = render.build("event_brief.ipynb", Path(out_dir), slug, parameters, prepare_work=prepare_work,
                             owner=owner)
    _read_data_from_own_folder(brief.notebook)
    return brief


def _read_data_from_own_folder(notebook: Path) -> None:
    """Point the saved notebook's ``data_dir`` at its own folder, where sections.json stays.

    It ran with the temporary folder the brief was built in, which is gone once the brief is swapped
    in; with ``data_dir = "."`` the notebook, opened in its brief folder, runs again from the brief's
    own data, offline, and the folder can be moved.
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = re.sub(r"(?m)^data_dir = .*$", 'data_dir = "."', source)
    tmp = notebook.with_suffix(".tmp")
    tmp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(notebook)


def source_list(sources) -> list[str]:
    """The event's sources as a list, however they arrive: a list, one URL or path, or the text of a list
    (``papermill -p sources '["https://a", "b.csv"]'`` passes the list as a string)."""
    if isinstance(sources, (str, Path)):
        text = str(sources).strip()
        if text.startswith("["):
            import yaml  # JSON or YAML list syntax

            try:
                parsed = yaml.safe_load(text)
            except yaml.YAMLError as err:
                raise PrepError(f"sources {text[:80]!r}: not a list: {err}") from err
            return [str(s) for s in (parsed if isinstance(parsed, list) else [parsed])]
        return [text]
    return [str(s) for s in sources]


def _absolute(value):
    """Local paths made absolute; URLs, None and objects (a Profile) unchanged."""
    if value is None or not isinstance(value, (str, Path)) or str(value).startswith(("http://", "https://")):
        return value
    return str(Path(value).expanduser().resolve())


def write_workbook(prepared: Prepared, path: Path) -> None:
    """brief.xlsx: Plan, Follow-ups (to fill in), People, Companies, News, Sessions."""
    import pandas as pd

    from .schema import SOURCE

    priorities = prepared.priorities
    follow = pd.DataFrame({"name": priorities["name"], "company": priorities["company"],
                           "why": priorities["reasons"].fillna("").str.split("\n").str[0].str.split(SOURCE, regex=False).str[0],
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


def fingerprint(parameters: dict) -> str:
    """A hash of a brief's inputs: its parameters and the contents of the local files it reads."""
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str).encode())
    for value in [*parameters.get("sources", []), parameters.get("profile"), parameters.get("contacts")]:
        if value and not str(value).startswith(("http://", "https://")) and Path(value).is_file():
            digest.update(Path(value).read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _env(**values):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
