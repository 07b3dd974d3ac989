"""Guessing a company's site when nothing names it: candidate domains, kept only when their page names
the company; bounded, and remembered when they fail (see :func:`guess_sites`)."""
from __future__ import annotations

import json
import logging
import re
import time
from urllib.parse import urlsplit

from ..fetch.client import Fetcher
from ..settings import Settings
from .sites import names_company, parse_company_page

log = logging.getLogger("prep")


def home_url(domain_or_url: str, scheme: str = "https") -> str:
    """The home page URL of a domain (tried over ``scheme``) or of any URL on the site."""
    text = domain_or_url.strip()
    if not text.startswith(("http://", "https://")):
        text = f"{scheme}://" + text.lstrip("/")
    parts = urlsplit(text)
    return f"{parts.scheme}://{parts.netloc.lower()}/"


def guess_sites(fetcher: Fetcher, targets: list) -> None:
    """Try candidate domains; keep the first (in template order) whose page names the company.

    At most ``max_guesses`` companies, those with the most people here first, and never again a company
    whose guesses all failed within the cache's lifetime (remembered beside the cache), so a 300-company
    page costs at most a few hundred requests once, not thousands every run."""
    templates = [t.strip() for t in fetcher.settings.guess_urls.split(",") if "{slug}" in t]
    memory = _GuessMemory(fetcher.settings)
    ranked = sorted(targets, key=lambda t: -sum(t.names.values()))
    skipped = [t for t in ranked if memory.failed(t.key)]
    chosen = [t for t in ranked if not memory.failed(t.key)][:max(fetcher.settings.max_guesses, 0)]
    for target in skipped:
        target.error = "no website found: guessed before and no candidate named the company (the guesses are " \
                       "remembered for the cache's lifetime)"
    for target in [t for t in ranked if t not in chosen and t not in skipped]:
        target.error = f"no website found: not guessed (only the {fetcher.settings.max_guesses} companies with the " \
                       "most people are; PREP_MAX_GUESSES)"
    targets = chosen
    candidates: dict[str, list[str]] = {}
    for target in targets:
        words = re.sub(r"[^a-z0-9 ]", "", target.key).split()
        if not words:
            continue
        slugs = list(dict.fromkeys(["".join(words), "-".join(words)]))
        candidates[target.key] = [t.format(slug=s) for t in templates for s in slugs]
    pages, _ = fetcher.fetch_many([u for urls in candidates.values() for u in urls], desc="guessing sites")
    for target in targets:
        for url in candidates.get(target.key, []):
            page = pages.get(url)
            if page and page.kind == "html" and names_company(parse_company_page(page.text, page.url), target.name):
                target.home, target.domain_source = home_url(page.url), "guessed, confirmed by page"
                break
        else:
            if candidates.get(target.key):
                memory.remember(target.key)
    memory.save()


class _GuessMemory:
    """Companies whose guessed sites all failed, with when: a JSON file beside the HTTP cache."""

    def __init__(self, settings: Settings):
        self.path = settings.cache_path.with_name(settings.cache_path.stem + ".guesses.json")
        self.ttl = settings.cache_ttl
        try:
            self.failures = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.failures = {}
        self.changed = False

    def failed(self, key: str) -> bool:
        when = self.failures.get(key)
        return isinstance(when, (int, float)) and (self.ttl < 0 or time.time() - when < self.ttl)

    def remember(self, key: str) -> None:
        self.failures[key], self.changed = time.time(), True

    def save(self) -> None:
        if not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.failures), encoding="utf-8")
            tmp.replace(self.path)
        except OSError as err:  # forgetting costs only requests on the next run
            log.info("could not remember failed guesses in %s: %s", self.path, err)
