"""The transport under the fetcher: a requests adapter that waits for the host's turn, then streams the body
under the size cap and the deadline. The only module that imports ``requests`` and ``urllib3``; the client
loads it with its first request, so reading local files needs neither."""
from __future__ import annotations

import socket
import threading
from typing import Callable
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from ..errors import FetchError, TooLarge
from .politeness import HostThrottle


def cut_off(response, expired: threading.Event) -> None:
    """The deadline passed: shut the socket, which wakes the reading thread with an error."""
    expired.set()
    sock = getattr(getattr(response.raw, "connection", None), "sock", None) or \
        getattr(getattr(getattr(getattr(response.raw, "_fp", None), "fp", None), "raw", None), "_sock", None)
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class BodyError(requests.ConnectionError):
    """The connection broke while the body was read (truncated, bad chunk, stalled): retried like a refused one."""


class PoliteAdapter(HTTPAdapter):
    """Waits for the host's turn, then streams the body under the size cap while holding it."""

    def __init__(self, throttle: HostThrottle, max_bytes: int, pool: int, gate: Callable[[str], None] | None = None,
                 local_web: bool = False, guard: Callable[[str, bool], None] | None = None, deadline: float = 120.0):
        super().__init__(pool_connections=pool, pool_maxsize=pool, max_retries=0)
        self._throttle, self._max_bytes, self._gate, self._local_web = throttle, max_bytes, gate, local_web
        self._guard, self._deadline = guard, deadline

    def send(self, request, **kwargs):
        if self._guard is not None:  # every hop, redirects included, before any byte is sent
            self._guard(request.url, bool((kwargs.get("proxies") or {}).get(urlsplit(request.url).scheme)))
        if self._gate is not None:  # only requests that reach the network pass here: cache hits never wait
            self._gate(request.url)
        if self._local_web and request.url.startswith("https://") and (kwargs.get("proxies") or {}).get("https"):
            asked = request.url  # a local web serves https pages by host name over plain http, no tunnel
            request = request.copy()
            request.url = "http://" + asked[len("https://"):]
            response = self.send(request, **kwargs)
            response.url = asked
            return response
        kwargs["stream"] = True
        with self._throttle.slot(urlsplit(request.url).hostname or "") as answered:
            response = super().send(request, **kwargs)
            answered()
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self._max_bytes:
                response.close()
                raise TooLarge(request.url, self._max_bytes)
            chunks, size = [], 0
            expired = threading.Event()
            watchdog = threading.Timer(self._deadline, cut_off, (response, expired))  # a trickle never ends alone
            watchdog.daemon = True
            watchdog.start()
            try:
                for chunk in response.raw.stream(65536, decode_content=True):
                    size += len(chunk)
                    if size > self._max_bytes:
                        raise TooLarge(request.url, self._max_bytes)
                    chunks.append(chunk)
            except urllib3.exceptions.DecodeError as err:
                raise FetchError(request.url, f"the body is not the {response.headers.get('Content-Encoding')} "
                                              "data its Content-Encoding says") from err
            except urllib3.exceptions.ReadTimeoutError as err:
                raise requests.ReadTimeout(f"reading the body timed out: {err}", request=request) from err
            except (urllib3.exceptions.HTTPError, OSError, ValueError, AttributeError) as err:
                if expired.is_set():
                    raise requests.ReadTimeout(f"the response took longer than {self._deadline:g} s in all "
                                               "(PREP_DEADLINE)", request=request) from err
                raise BodyError(f"the body broke off: {err}", request=request) from err  # IncompleteRead, reset
            finally:
                watchdog.cancel()
                response.close()
            if expired.is_set():
                raise requests.ReadTimeout(f"the response took longer than {self._deadline:g} s in all (PREP_DEADLINE)",
                                           request=request)
            response._content = b"".join(chunks)
            response._content_consumed = True
            return response
