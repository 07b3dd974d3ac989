"""Many documents at once: one request at a time per host, many hosts in parallel.

A :class:`Crawl` keeps a queue per host and a heap of the idle hosts that have work, keyed by when
each host may be asked next, so workers always take the host that is ready soonest and the pool
stays busy while per-host delays run. robots.txt is read as its own turn. Cache hits are pure CPU,
where threads only fight over the GIL, so a crawl starts with one worker when everything is cached
and adds workers as soon as a request goes to the network.
"""
from __future__ import annotations

import heapq
import itertools
import logging
import sys
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Callable, Iterable
from urllib.parse import urlsplit

from ..errors import FetchError, OfflineMiss, PrepError, UnsafeURL
from ..urls import check_url
from .page import Page

if TYPE_CHECKING:
    from .client import Fetcher

log = logging.getLogger("prep")
FollowUps = Callable[[str, Page], Iterable[str]]


class Crawl:
    """One ``Fetcher.fetch_many`` run: ``run(urls)`` returns ``(pages, errors)`` keyed by the requested URL."""

    def __init__(self, fetcher: Fetcher, *, desc: str = "fetching", then: FollowUps | None = None):
        self.fetcher, self.then, self.desc = fetcher, then, desc
        self.queues: dict[str, deque[tuple[bool, str]]] = {}  # host -> (is a robots.txt read, url)
        self.ready: list[tuple[float, int, str]] = []  # heap of (ready_at, tie-break, host): idle hosts with work
        self.busy: set[str] = set()
        self.seen: set[str] = set()
        self.order = itertools.count()
        self.check_robots = fetcher.settings.obey_robots and not fetcher.settings.offline
        self.pages: dict[str, Page] = {}
        self.errors: dict[str, PrepError] = {}
        self.cond = threading.Condition()
        self.futures: list = []
        self.most = 1
        self.pool: ThreadPoolExecutor | None = None
        self.bar = None

    def run(self, urls) -> tuple[dict[str, Page], dict[str, PrepError]]:
        settings = self.fetcher.settings
        self.enqueue(urls)
        if not self.queues:  # nothing to fetch (or only unsafe links): no session, no pool, no bar
            return self.pages, self.errors
        total = sum(1 for q in self.queues.values() for is_robots, _ in q if not is_robots)
        # a bar that is not drawn is not made: tqdm takes a multiprocessing lock for every bar (0.05 s to import)
        from tqdm import tqdm

        self.bar = (tqdm(total=total, desc=self.desc, unit="page", leave=False,
                         file=sys.__stderr__ if settings.progress_terminal else None)
                    if settings.progress else _NoBar(total))
        self.most = min(settings.max_workers, max(len(self.queues), 1))
        cache = self.fetcher.session.cache
        cached = settings.offline or all(cache.contains(url=u) for u in self.seen if u not in self.errors)
        with ThreadPoolExecutor(self.most) as self.pool:
            with self.cond:
                self.futures.extend(self.pool.submit(self.worker) for _ in range(1 if cached else self.most))
            done = 0
            while done < len(self.futures):  # the list grows while we wait
                self.futures[done].result()
                done += 1
        self.bar.close()
        return self.pages, self.errors

    # -- the queues (called with the condition held, or before the workers start) --------------------
    def offer(self, host: str) -> None:
        """An idle host with work waits in the heap until it may be asked."""
        heapq.heappush(self.ready, (self.fetcher.throttle.ready_at(host), next(self.order), host))

    def enqueue(self, urls) -> int:
        added = 0
        for url in urls:
            if url in self.seen:
                continue
            self.seen.add(url)
            try:
                check_url(url)
            except UnsafeURL as err:  # never queued: one bad link must not stop the others
                self.errors[url] = err
                continue
            host = urlsplit(url).hostname or ""
            queue = self.queues.setdefault(host, deque())
            was_idle = not queue and host not in self.busy
            if self.check_robots and url.startswith(("http://", "https://")) and not self.fetcher.robots.known(url) \
                    and not any(is_robots for is_robots, _ in queue):
                queue.append((True, url))  # read robots.txt as its own turn, so the host's delay
            queue.append((False, url))     # runs while workers serve other hosts
            if was_idle:
                self.offer(host)
            added += 1
        return added

    def next_url(self) -> tuple[str, tuple[bool, str]] | None:
        with self.cond:
            while True:
                if self.ready:  # the idle host that may be asked soonest
                    host = heapq.heappop(self.ready)[2]
                    self.busy.add(host)
                    return host, self.queues[host].popleft()
                if not self.busy:
                    return None
                self.cond.wait()

    def release(self, host: str) -> None:
        with self.cond:
            self.busy.discard(host)
            if self.queues[host]:
                self.offer(host)
            self.cond.notify_all()

    def grow(self) -> None:
        """One more worker (up to the limit): a request went to the network, where waiting overlaps."""
        with self.cond:
            if len(self.futures) < self.most:
                self.futures.append(self.pool.submit(self.worker))

    # -- the workers ------------------------------------------------------------------------------------
    def worker(self) -> None:
        while (item := self.next_url()) is not None:
            host, (is_robots, url) = item
            try:
                if is_robots:
                    if not self.fetcher.session.cache.contains(url=url):  # a cached page needs no robots.txt
                        self.fetcher.robots.allowed(url)
                else:
                    self.fetch(url)
            finally:
                self.release(host)
                if not is_robots:
                    self.bar.update(1)

    def fetch(self, url: str) -> None:
        try:
            self.pages[url] = page = self.fetcher.get(url)
            if not page.from_cache:
                self.grow()
            if self.then is not None:
                self.follow(url, page)
        except OfflineMiss as err:  # answered from the cache's index: no network, no reason to add workers
            self.errors[url] = err
        except PrepError as err:
            self.errors[url] = err
            self.grow()
        except Exception as err:  # a bug in a decoder must not sink the whole run
            self.errors[url] = FetchError(url, f"unexpected {type(err).__name__}: {err}")

    def follow(self, url: str, page: Page) -> None:
        """Queue what ``then`` says to fetch after this page (a home page's links, say) at once."""
        try:
            more = list(self.then(url, page) or ())
        except Exception as err:  # a bug in a follow-up parser loses only the follow-ups
            log.warning("%s: could not read what to fetch next: %s: %s", url, type(err).__name__, err)
            more = []
        with self.cond:
            self.bar.total += self.enqueue(more)
            self.bar.refresh()


class _NoBar:
    """The part of tqdm a crawl uses, drawing nothing."""

    def __init__(self, total: int):
        self.total = total

    def update(self, n: int = 1) -> None:
        pass

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass
