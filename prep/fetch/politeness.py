"""Per-host politeness: one request at a time per host, spaced by a minimum delay, and robots.txt."""
from __future__ import annotations

import hashlib
import ipaddress
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the rule holds per process only
    fcntl = None


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Host:
    __slots__ = ("lock", "next_at", "ttfb")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.ttfb = float("inf")  # the quickest answer seen from the host: its latency, without our own delays


class MachineSlots:
    """The per-host rule across the processes of one machine (a batch's workers, two ``prep`` commands):
    one lock file per host in ``folder``, held with ``flock`` while a request runs (the system lets go
    of it when a process dies), holding the time the host may next be asked."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _open(self, host: str) -> int | None:
        if fcntl is None:
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return os.open(self.folder / (hashlib.sha1(host.encode()).hexdigest()[:20] + ".lock"),
                           os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a read-only or missing cache folder: the per-process rule still holds
            return None

    @contextmanager
    def hold(self, host: str, delay: float):
        """Wait for the host's turn on this machine; yields ``later(seconds)``, which moves the next turn back."""
        fd = self._open(host)
        if fd is None:
            yield lambda seconds: None
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                next_at = float(os.pread(fd, 32, 0).decode("ascii").strip() or 0)
            except (ValueError, UnicodeDecodeError):
                next_at = 0.0
            wait = next_at - time.time()
            if wait > 0:
                time.sleep(min(wait, delay))  # never longer than the delay, whatever a clock change wrote
            next_at = time.time() + delay
            os.pwrite(fd, f"{next_at:<32.6f}".encode("ascii"), 0)

            def later(seconds: float) -> None:
                os.pwrite(fd, f"{next_at + seconds:<32.6f}".encode("ascii"), 0)

            yield later
        finally:
            os.close(fd)  # releases the lock


class HostThrottle:
    """Serialises requests per host and spaces their starts by ``delay_for(host)`` seconds; with
    ``machine``, across this machine's processes too."""

    def __init__(self, delay_for: Callable[[str], float], machine: MachineSlots | None = None):
        self._delay_for = delay_for
        self._machine = machine
        self._quickest = float("inf")  # the quickest answer of any host
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(host, _Host())

    def ready_at(self, host: str) -> float:
        """Monotonic time at which ``host`` may be asked again (0 if never asked)."""
        with self._lock:
            state = self._hosts.get(host)
        return state.next_at if state else 0.0

    def push_back(self, host: str, seconds: float) -> None:
        """Make the host wait at least ``seconds`` more (used for Retry-After)."""
        state = self._host(host)
        state.next_at = max(state.next_at, time.monotonic() + seconds)

    @contextmanager
    def slot(self, host: str):
        """Hold the host's turn for one request; yields ``answered()``, to call when its answer begins.

        The delay runs from the request's start as the server sees it, which is later than ours when this
        process is busy (a new connection, threads waiting for the GIL): when the answer comes slower than
        the host's quickest, the next turn moves back by the difference."""
        state = self._host(host)
        with state.lock:
            wait = state.next_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            delay = self._delay_for(host)
            started = time.monotonic()
            state.next_at = started + delay
            with (self._machine.hold(host, delay) if self._machine else _no_machine()) as later:
                def answered() -> None:
                    took = time.monotonic() - started
                    # a host's first answer is compared with the quickest of any host (once per host, at most
                    # the difference of two hosts' latencies); later ones with the host's own quickest
                    quickest = min(state.ttfb if state.ttfb < float("inf") else self._quickest, took)
                    state.ttfb, self._quickest = min(state.ttfb, took), min(self._quickest, took)
                    if delay and took > quickest:
                        state.next_at += took - quickest
                        later(took - quickest)

                yield answered


@contextmanager
def _no_machine():
    yield lambda seconds: None


class RobotsCache:
    """robots.txt rules per host, read once through a caller-supplied fetch function.

    ``fetch_text(url) -> (status, text)``; a 4xx means "no rules" (allow all), a 5xx or an
    unreachable host means "assume disallowed" (RFC 9309, section 2.3.1.4).
    """

    def __init__(self, user_agent: str, fetch_text: Callable[[str], tuple[int, str]]):
        self._agent = user_agent.split("/")[0]
        self._fetch_text = fetch_text
        self._parsers: dict = {}  # robots.txt URL -> urllib.robotparser.RobotFileParser
        self.unreachable: dict[str, Exception] = {}  # robots.txt URL -> why the host could not be asked
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    @staticmethod
    def robots_url(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}/robots.txt"

    def known(self, url: str) -> bool:
        """Has robots.txt for this URL's host been read already?"""
        return self.robots_url(url) in self._parsers

    def allowed(self, url: str) -> bool:
        robots_url = self.robots_url(url)
        with self._lock:
            lock = self._host_locks.setdefault(robots_url, threading.Lock())
        with lock:  # one robots.txt fetch per host even when many threads ask at once
            parser = self._parsers.get(robots_url)
            if parser is None:
                import urllib.robotparser  # with the first robots.txt: a run on local files reads none

                parser = urllib.robotparser.RobotFileParser(robots_url)
                try:
                    status, text = self._fetch_text(robots_url)
                except Exception as err:  # unreachable: assume the worst, like a 5xx, and remember why
                    status, text = 503, ""
                    self.unreachable[robots_url] = err
                if status >= 500:
                    parser.disallow_all = True
                elif status >= 400:
                    parser.allow_all = True
                else:
                    parser.parse(text.splitlines())
                self._parsers[robots_url] = parser
        return parser.can_fetch(self._agent, url)
