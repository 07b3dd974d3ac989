"""The brief as one verb: read the event, then render the notebook into a shareable folder."""
from __future__ import annotations

import dataclasses
import os
from contextlib import ExitStack, contextmanager
from pathlib import Path

from . import render
from .event import Event, read_event
from .fetch import Fetcher
from .settings import Settings


def _settings(offline: bool, cache_dir: str | None, proxy: str | None) -> Settings:
    changes = {"offline": offline, "proxy": proxy}
    if cache_dir:
        changes["cache_path"] = Path(cache_dir).expanduser() / "http_cache.sqlite"
    return Settings.from_env(**changes)


def load_event(sources, *, offline: bool = False, cache_dir: str | None = None, demo: bool = False,
               progress: bool = True) -> Event:
    """Read an event for a notebook. ``demo=True`` serves the bundled demo web while reading."""
    with ExitStack() as stack:
        proxy = None
        if demo:
            from .demo import demo_web

            proxy = stack.enter_context(demo_web())
        settings = dataclasses.replace(_settings(offline, cache_dir, proxy), progress=progress)
        with Fetcher(settings) as fetcher:
            return read_event(sources, fetcher=fetcher)


def build_brief(sources, *, out_dir: str | Path = "briefs", profile: str | None = None, contacts: str | None = None,
                top: int = 20, offline: bool = False, cache_dir: str | None = None, demo: bool = False) -> render.Brief:
    """Read the event (filling the cache), then execute ``event_brief.ipynb`` into ``out_dir/<slug>/``."""
    sources = [str(s) for s in ([sources] if isinstance(sources, (str, Path)) else sources)]
    event = load_event(sources, offline=offline, cache_dir=cache_dir, demo=demo)
    parameters = {"sources": sources, "profile": str(profile) if profile else None,
                  "contacts": str(contacts) if contacts else None, "top": top,
                  "offline": offline, "cache_dir": cache_dir, "demo": demo}
    frames = {"people": event.people, "sessions": event.sessions, "organizations": event.organizations}
    with _env(PREP_PROGRESS="0"):
        return render.build("event_brief.ipynb", Path(out_dir), event.slug, parameters, frames)


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
