"""The brief's steps: read the event, research its companies, plan, gather; then run the notebook.

``notebooks/event_brief.ipynb`` calls the steps one per cell (:class:`Session`, :func:`read`,
:func:`research`, :func:`plan`, :func:`finish`, :func:`save`) and shows each step's frames;
``prepare`` runs the same steps in one call for scripts. ``build_brief`` (``prep brief``) is papermill
running that notebook plus the HTML export of the result, so the executed notebook in the brief's
folder is the record of the run, and runs again.
"""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PrepError

if TYPE_CHECKING:  # kept out of the import path: a notebook showing prepared sections needs neither
    import pandas as pd

    from ..settings import Settings
    from ..shape.model import Event

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
    from ..settings import Settings

    changes = {"offline": offline, "proxy": proxy}
    if cache_dir:
        changes["cache_path"] = Path(cache_dir).expanduser() / "http_cache.sqlite"
    return Settings.from_env(**changes)


@contextmanager
def _fetcher(offline: bool, cache_dir: str | None, demo: bool, progress: bool | None):
    from ..fetch.client import Fetcher

    with ExitStack() as stack:
        proxy = None
        if demo:
            from ..demo import demo_web

            proxy = stack.enter_context(demo_web())
        settings = _settings(offline, cache_dir, proxy)
        if progress is not None:  # else PREP_PROGRESS decides
            settings = dataclasses.replace(settings, progress=progress)
        if demo:  # the demo web is a server on this machine: its .example hosts are served over http
            settings = dataclasses.replace(settings, guess_urls="http://{slug}.example/", delay=settings.local_delay)
        yield stack.enter_context(Fetcher(settings))


class Session:
    """What the steps of a brief share: one fetcher (HTTP cache, politeness) and, for the demo event, the
    demo web served on this machine. A notebook opens it in its first cell; :func:`finish` closes it."""

    def __init__(self, *, offline: bool = False, cache_dir: str | None = None, demo: bool = False,
                 progress: bool | None = None):
        self.demo = demo
        self._stack = ExitStack()
        self.fetcher = self._stack.enter_context(_fetcher(offline, cache_dir, demo, progress))

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def load_event(sources, *, offline: bool = False, cache_dir: str | None = None, demo: bool = False,
               progress: bool = True) -> Event:
    """Read an event for a notebook. ``demo=True`` serves the bundled demo web while reading."""
    with Session(offline=offline, cache_dir=cache_dir, demo=demo, progress=progress) as session:
        return read(sources, session)


# -- the steps, in the order the notebook runs them -----------------------------------------------------
def read(sources, session: Session, *, name: str | None = None) -> Event:
    """The event from its pages, each speaker's own page included, as a person would read it; ``name``
    (the user's name for the event) wins over what its pages say."""
    from ..shape.event import read_event

    event = read_event(source_list(sources), fetcher=session.fetcher, follow_profiles=True)
    if name:
        event.info["name"] = name
    return event


def research(event: Event, session: Session, *, domains=None, enabled: bool = True):
    """The companies of the event's people and organisations (``Research``; empty frames when disabled)."""
    from .. import schema
    from ..research.companies import Research, research_companies

    if not enabled:
        return Research(schema.empty("companies"), schema.empty("company_news"))
    return research_companies(event, domains=_domains(session.demo, domains), fetcher=session.fetcher)


def plan(event: Event, found, profile, contacts=None, *, top: int = 20):
    """Whom to meet and why (``Plan``); without a profile, everyone unranked and no plan."""
    import pandas as pd

    from .. import schema
    from ..plan.meetings import Plan, plan_meetings

    if profile is None:
        return Plan(schema.empty("priorities"), schema.empty("priorities"), [],
                    pd.DataFrame({"person_id": event.people["person_id"], "score": 0.0}))
    return plan_meetings(event, found, profile, contacts, top=top)


def finish(session: Session, event: Event, found, planned, profile=None) -> Prepared:
    """Fetch the photos of the people in the plan, close the session and gather what the brief shows."""
    try:
        photos = _photos(session.fetcher, event.people, planned.priorities)
    finally:
        session.close()
    return Prepared(event, found.companies, found.news, planned.priorities, planned.outside_industry,
                    planned.ranking, planned.timing, photos, profile.name if profile else "")


def profile_of(profile):
    """The user's profile, read and checked once before any fetching (``None`` stays ``None``)."""
    from ..plan.profile import Profile, load_profile

    return profile if profile is None or isinstance(profile, Profile) else load_profile(profile)


def prepare(sources, *, profile=None, contacts=None, top: int = 20, offline: bool = False, cache_dir: str | None = None,
            demo: bool = False, domains=None, research_companies: bool = True, progress: bool = True,
            name: str | None = None) -> Prepared:
    """The notebook's steps in one call: read the event, research its companies, plan, fetch photos."""
    profile = profile_of(profile)
    session = Session(offline=offline, cache_dir=cache_dir, demo=demo, progress=progress)
    try:
        event = read(sources, session, name=name)
        found = research(event, session, domains=domains, enabled=research_companies)
        planned = plan(event, found, profile, contacts, top=top)
    except BaseException:
        session.close()
        raise
    return finish(session, event, found, planned, profile)


def _domains(demo: bool, domains):
    """The user's domain mapping; for the demo event, the bundled one."""
    if demo and domains is None:
        from ..demo import DEMO_DIR

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
    from .. import schema
    from ..names import normalize_company
    from ..plan.meetings import plan_meetings
    from ..research.companies import research_companies
    from ..shape.event import read_event

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
    """Run ``event_brief.ipynb`` with papermill into ``out_dir/<slug>/`` and export its HTML.

    The notebook does the work in its cells (read, research, plan, sections) and writes the tables
    into the new folder: people/sessions/organizations/companies/company_news/priorities as CSV,
    brief.xlsx, event.json; here go inputs.json, brief.html and the executed notebook, which opened in
    its folder runs again offline from the HTTP cache. The folder is swapped in atomically; a failed
    run leaves the previous brief in place and names the executed notebook that holds the error.
    """
    from . import notebook as render

    profile_of(profile)  # a broken profile fails here, in one line, before a kernel starts
    # Absolute paths: the kernel runs in the notebooks' folder, and the saved notebook runs again from anywhere.
    parameters = {"sources": [_absolute(s) for s in source_list(sources)], "profile": _absolute(profile),
                  "contacts": _absolute(contacts), "top": top, "offline": offline, "cache_dir": _absolute(cache_dir),
                  "demo": demo, "name": name,
                  "domains": _absolute(domains) if isinstance(domains, (str, Path)) else domains}

    def inputs(work: Path) -> None:
        (work / "inputs.json").write_text(json.dumps({"parameters": parameters, "fingerprint": fingerprint(parameters)},
                                                     indent=1), encoding="utf-8")

    with _env(PREP_PROGRESS="1" if progress else "0", PREP_PROGRESS_TERMINAL="1"):
        brief = render.build("event_brief.ipynb", Path(out_dir), slug, parameters, before=inputs, owner=owner)
    _rerun_from_own_folder(brief.notebook)
    return brief


def _rerun_from_own_folder(notebook: Path) -> None:
    """Make the saved notebook a record that runs again where it lies: its tables go to its own folder
    (``output_dir = "."``; the temporary folder it was built in is gone) and it answers from the HTTP
    cache (``offline = True``), so the folder can be moved and re-run with no network."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            source = re.sub(r"(?m)^output_dir = .*$", 'output_dir = "."', source)
            cell["source"] = re.sub(r"(?m)^offline = .*$",
                                    "offline = True  # a re-run answers from the HTTP cache; False fetches again", source)
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
