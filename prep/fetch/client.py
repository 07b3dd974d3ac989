"""The one HTTP client every scraper uses: cache, retries, timeouts, robots.txt, per-host delay, size cap.

With :mod:`prep.fetch.transport`, the only modules that import ``requests`` (at the first request: reading
local files needs none of it). A re-run answers from the SQLite cache (requests-cache) without touching
the network; throttling lives in the transport adapter, so cache hits never wait.
"""
from __future__ import annotations

import ipaddress
import logging
import os
import re
import socket
import sqlite3
import threading
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

from ..errors import FetchError, OfflineMiss, PrepError, RobotsDisallowed, UnsafeURL
from ..settings import Settings
from ..urls import check_url
from .page import Page, decode_charset
from .politeness import HostThrottle, MachineSlots, RobotsCache, is_loopback

log = logging.getLogger("prep")

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class Fetcher:
    """Fetch pages politely. Use one per run; it is safe to share across threads.

    >>> fetcher = Fetcher(Settings.from_env())
    >>> page = fetcher.get("https://example.org/speakers")
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        s = self.settings
        # Beside the cache: processes that share a cache (a batch's workers on one machine) share the rule.
        machine = MachineSlots(Path(s.cache_path).parent / "hosts") if s.host_locks else None
        self.throttle = HostThrottle(lambda host: s.local_delay if is_loopback(host) else s.delay, machine)
        self.robots = RobotsCache(s.user_agent, self._robots_text)
        self._no_proxy = os.environ.get("no_proxy") or os.environ.get("NO_PROXY") or ""
        self._session = None  # built at the first request: reading local files needs no HTTP cache
        self.named_hosts: set[str] = set()  # hosts the user named: they may be on this machine or network
        self._session_lock = threading.Lock()
        self.network_requests = 0  # pages that were not answered from the cache
        self._count_lock = threading.Lock()

    @property
    def session(self):
        """The one configured ``requests`` session: SQLite cache, politeness adapter, proxies."""
        with self._session_lock:
            if self._session is None:
                self._session = self._new_session()
            return self._session

    def _new_session(self):
        import requests_cache  # 0.1 s to import, with requests: only when something is fetched

        from .transport import PoliteAdapter

        s = self.settings
        s.cache_path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(20):
            try:
                session = requests_cache.CachedSession(
                    str(s.cache_path), backend="sqlite", expire_after=s.cache_ttl,
                    allowable_codes=(200,), stale_if_error=True, fast_save=True,
                    # several processes share one cache (a batch's workers): readers never block the writer,
                    # and a writer waits its turn (up to 30 s) instead of failing with "database is locked"
                    wal=True, busy_timeout=30_000,
                )
                break
            except sqlite3.OperationalError as err:
                # switching a new cache to WAL wants it alone, and does not wait: two processes that open
                # a fresh cache at once (a batch's workers) take turns
                if "locked" not in str(err) or attempt == 19:
                    raise
                time.sleep(0.05 * (attempt + 1))
        session.max_redirects = s.max_redirects
        session.headers["User-Agent"] = s.user_agent
        # Read the environment's proxy and CA settings once, not on every request (requests
        # re-reads os.environ per request when trust_env is on: ~0.3 ms each).
        import urllib.request

        environ_proxies = {k: v for k, v in urllib.request.getproxies().items() if k in ("http", "https")}
        session.trust_env = False
        session.proxies = {"http": s.proxy, "https": s.proxy} if s.proxy else environ_proxies
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            session.verify = bundle
        gate = self._obey_robots if s.obey_robots and not s.offline else None
        adapter = PoliteAdapter(self.throttle, s.max_bytes, pool=max(s.max_workers, 10), gate=gate,
                                 local_web=s.local_web and bool(s.proxy), guard=self._refuse_internal,
                                 deadline=s.deadline)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    # -- single documents -------------------------------------------------------------------
    def get(self, url: str) -> Page:
        """Fetch an http(s) URL, raising a :class:`FetchError` subclass on failure."""
        import requests

        check_url(url)
        s = self.settings
        if s.offline and not self.session.cache.contains(url=url):
            raise OfflineMiss(url)  # the 504 that requests-cache would build says the same, ten times slower
        attempt = 0
        while True:
            try:
                response = self.session.get(url, timeout=(s.connect_timeout, s.read_timeout), proxies=self._proxies_for(url),
                                            only_if_cached=s.offline)
            except FetchError:  # our own: too large, robots.txt, a body that is not what it says
                raise
            except requests.TooManyRedirects as err:
                raise FetchError(url, f"more than {s.max_redirects} redirects (a redirect loop?)") from err
            except (requests.ConnectionError, requests.Timeout) as err:
                if attempt >= s.retries:
                    raise FetchError(url, f"{network_reason(err)} (after {attempt + 1} attempts)") from err
                self._sleep_before_retry(url, attempt, None)
                attempt += 1
                continue
            except requests.RequestException as err:
                raise FetchError(url, str(err)) from err
            if s.offline and response.status_code == 504 and response.reason == "Not Cached":
                raise OfflineMiss(url)
            if not getattr(response, "from_cache", False):
                with self._count_lock:
                    self.network_requests += 1
            if response.status_code in RETRY_STATUSES and attempt < s.retries:
                self._sleep_before_retry(url, attempt, response.headers.get("Retry-After"))
                attempt += 1
                continue
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason or ''}".strip(),
                                 status=response.status_code)
            return self._page(response)

    def _proxies_for(self, url: str) -> dict | None:
        """``{}`` (go direct) for hosts listed in the environment's no_proxy, else the session's proxies."""
        if self.settings.proxy or not self._no_proxy or not self.session.proxies:
            return None
        host = (urlsplit(url).hostname or "").lower()
        for entry in (e.strip().lower().lstrip(".") for e in self._no_proxy.split(",")):
            if entry == "*" or (entry and (host == entry or host.endswith("." + entry))):
                return {"http": None, "https": None}
        return None

    def _sleep_before_retry(self, url: str, attempt: int, retry_after: str | None) -> None:
        wait = self.settings.backoff * (2 ** attempt)
        if retry_after:
            wait = max(wait, _parse_retry_after(retry_after))
        wait = min(wait, self.settings.max_retry_after)
        log.info("retrying %s in %.1f s (attempt %d)", url, wait, attempt + 2)
        self.throttle.push_back(urlsplit(url).hostname or "", wait)
        time.sleep(wait)

    def _page(self, response) -> Page:
        content_type = response.headers.get("Content-Type", "")
        created = getattr(response, "created_at", None)
        when = created if isinstance(created, datetime) else datetime.now(timezone.utc)
        return Page(url=response.url, status=response.status_code, content_type=content_type.split(";")[0].strip(),
                    content=response.content, encoding=decode_charset(response.content, content_type),
                    from_cache=bool(getattr(response, "from_cache", False)),
                    fetched_at=when.astimezone(timezone.utc).isoformat(timespec="seconds"))

    def _refuse_internal(self, url: str, proxied: bool) -> None:
        """Refuse addresses on this machine or its private network (cloud metadata at 169.254.169.254, a
        database on 127.0.0.1:6379, a router at 192.168.1.1) that a page's link or redirect points at: only
        hosts the user named may be there. Through a proxy, the proxy resolves names and decides."""
        host = (urlsplit(url).hostname or "").lower()
        if proxied or host in self.named_hosts:
            return
        try:
            infos = socket.getaddrinfo(host, urlsplit(url).port or 80, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, OSError):
            return  # unresolvable: the connection itself will fail with a clear message
        for *_, sockaddr in infos:
            address = ipaddress.ip_address(sockaddr[0].split("%")[0])
            if not address.is_global:
                raise UnsafeURL(url, f"refused: {host} is an address on this machine or a private network "
                                     f"({address}); only addresses you name yourself are fetched there")

    def _obey_robots(self, url: str) -> None:
        """Raise :class:`RobotsDisallowed` unless robots.txt lets us fetch ``url`` (checked before the network only);
        a host that cannot be reached at all is reported as such, not as a robots.txt refusal."""
        if urlsplit(url).path != "/robots.txt" and not self.robots.allowed(url):
            robots_url = RobotsCache.robots_url(url)
            if robots_url in self.robots.unreachable:
                raise FetchError(url, network_reason(self.robots.unreachable[robots_url]))
            raise RobotsDisallowed(url, robots_url)

    def _robots_text(self, robots_url: str) -> tuple[int, str]:
        s = self.settings
        response = self.session.get(robots_url, timeout=(s.connect_timeout, s.read_timeout))
        return response.status_code, response.text if response.status_code < 400 else ""

    def read(self, source: str | Path) -> Page:
        """Read a source the *user* named: an http(s) URL, a local path or a ``file://`` URL."""
        text = str(source)
        if text.startswith(("http://", "https://")):
            self.named_hosts.add((urlsplit(text).hostname or "").lower())
            return self.get(text)
        path = Path(unquote(urlsplit(text).path)) if text.startswith("file://") else Path(text)
        if not path.is_file():
            raise UnsafeURL(text, "is neither an http(s) URL nor an existing local file")
        content = path.read_bytes()
        return Page(url=str(path), status=200, content_type="", content=content,
                    encoding=decode_charset(content, ""),
                    fetched_at=datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds"))

    # -- many documents ---------------------------------------------------------------------
    def fetch_many(self, urls, *, desc: str = "fetching",
                   then: Callable[[str, Page], Iterable[str]] | None = None) -> tuple[dict[str, Page], dict[str, PrepError]]:
        """Fetch many URLs concurrently across hosts, one at a time per host.

        Returns ``(pages, errors)`` keyed by the requested URL; one failure never stops the rest.
        Workers always pick the pending host that becomes ready soonest, so the pool stays busy
        while per-host delays run. ``then(url, page)`` may return more URLs to fetch (say, the
        pages a home page links to); they join the queue at once instead of waiting for the
        whole first round.
        """
        from .scheduler import Crawl

        return Crawl(self, desc=desc, then=then).run(urls)

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def network_reason(err: Exception) -> str:
    """What went wrong on the network, in words: timeout, DNS, refused connection, unreachable, TLS."""
    import requests

    text = f"{type(err).__name__}: {err}"
    deadline = re.search(r"the response took longer than [\d.]+ s in all \(PREP_DEADLINE\)", text)
    if deadline:
        return deadline.group(0)
    if isinstance(err, requests.Timeout) or "timed out" in text.lower():
        return "timed out"
    if re.search(r"NameResolution|Name or service not known|nodename nor servname|getaddrinfo|No address associated",
                 text):
        return "the host name could not be resolved (DNS): check the address"
    if "Connection refused" in text or "ConnectionRefused" in text:
        return "connection refused: nothing answers at that address and port"
    if re.search(r"Network is unreachable|No route to host", text):
        return "the host is unreachable from this machine"
    if "SSL" in text or "CERTIFICATE" in text:
        return f"the secure connection failed: {err}"
    return f"connection failed: {err}"


def _parse_retry_after(value: str) -> float:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return 0.0


def forget_pages(cache_path: Path, urls) -> list[str]:
    """Delete the cached pages of ``urls`` (a person's own pages, when they ask to be forgotten); one line
    saying what went."""
    if not Path(cache_path).is_file():
        return []
    import requests_cache

    cache = requests_cache.SQLiteCache(str(cache_path))
    try:
        present = [u for u in urls if cache.contains(url=u)]
        if present:
            cache.delete(urls=present)
    finally:
        cache.close()
    return [f"HTTP cache: {len(present)} page(s) about them ({', '.join(sorted(present)) or 'none'})"]
