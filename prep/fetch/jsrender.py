"""Pages that build their content with JavaScript, rendered in headless Chromium (``--render``).

Only for pages that need it: a page is rendered when what the server sent is an app shell (scripts and
almost no text, see :func:`prep.shape.event.app_shell`). Playwright drives the system's Chromium (Debian's
``chromium`` package; ``PREP_CHROMIUM`` names another binary), and every request the page makes goes
through prep's own :class:`~prep.fetch.client.Fetcher`: robots.txt, per-host politeness, the cache, the size
cap and the refusal of private addresses hold for the browser too, and a re-run renders from the cache.
Images, fonts, media and stylesheets are not fetched (nothing is read from them), nor is anything but
GET (a page that must post to show its people is behind a form or a login).

Playwright is an optional extra: ``pip install 'prep[render]'``.
"""
from __future__ import annotations

import logging
import os
import shutil

from ..errors import FetchError, PrepError
from .page import Page

log = logging.getLogger("prep")
SKIPPED = {"image", "media", "font", "stylesheet", "manifest", "texttrack", "eventsource", "websocket", "ping"}


def chromium() -> str:
    """The Chromium binary to drive: ``PREP_CHROMIUM``, else the system's."""
    named = os.environ.get("PREP_CHROMIUM")
    if named and not os.path.isfile(named):
        raise PrepError(f"PREP_CHROMIUM={named}: no such file (it names the Chromium binary that --render drives)")
    found = named or shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        raise PrepError("--render needs Chromium: apt-get install chromium (or set PREP_CHROMIUM to a Chrome binary)")
    return found


def rendered(fetcher, url: str, *, timeout: float = 30.0) -> Page:
    """``url`` as a browser shows it once its scripts have run, every request made through ``fetcher``."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PrepError("--render needs Playwright: pip install 'prep[render]' (it drives the system Chromium)") from None
    binary = chromium()
    served: list[str] = []

    def handle(route) -> None:
        request = route.request
        if request.method != "GET" or request.resource_type in SKIPPED:
            route.abort()
            return
        try:
            page = fetcher.get(request.url)
        except FetchError as err:  # robots, politeness and the address guard say no: the browser gets nothing
            log.debug("render: %s not fetched: %s", request.url, err)
            route.abort()
            return
        served.append(request.url)
        route.fulfill(status=page.status, body=page.content, headers={"Content-Type": page.content_type or "text/html"})

    try:
        with sync_playwright() as playwright:
            args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
            browser = playwright.chromium.launch(executable_path=binary, args=args)
            try:
                context = browser.new_context(user_agent=fetcher.settings.user_agent, service_workers="block")
                context.route("**/*", handle)
                tab = context.new_page()
                tab.goto(url, wait_until="networkidle", timeout=timeout * 1000)
                html = tab.content()
            finally:
                browser.close()
    except PlaywrightError as err:
        raise FetchError(url, f"could not be rendered in Chromium: {str(err).splitlines()[0]}") from None
    log.info("rendered %s in Chromium (%d requests through the fetcher)", url, len(served))
    return Page(url=url, status=200, content_type="text/html", content=html.encode("utf-8"), encoding="utf-8")
