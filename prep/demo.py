"""The bundled offline demo event: its sources and a local web that serves them."""
from __future__ import annotations

from contextlib import contextmanager

from .fetch.localweb import LocalWeb
from .layout import package_data

DEMO_DIR = package_data("demo_web")  # package data: a link to the top-level data/demo/
DEMO_SOURCES = [
    "http://harbordata.example/",
    "http://harbordata.example/speakers/",
    "http://harbordata.example/schedule.xml",
    "http://harbordata.example/sponsors/",
    str(DEMO_DIR / "attendees.csv"),
]
DEMO_PROFILE = DEMO_DIR / "profile.yaml"
DEMO_CONTACTS = DEMO_DIR / "contacts.csv"


@contextmanager
def demo_web(latency: float = 0.0):
    """Serve ``data/demo/<hostname>/`` on 127.0.0.1; yields the proxy URL to give the fetcher."""
    with LocalWeb(DEMO_DIR, latency=latency) as web:
        yield web.proxy
