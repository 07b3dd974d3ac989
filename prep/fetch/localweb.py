"""A small web on 127.0.0.1 that serves folders by hostname, reached as an HTTP proxy.

``data/demo/<hostname>/...`` becomes ``http://<hostname>/...``. The fetcher is pointed at it with
``Settings(proxy=web.proxy)``, the standard proxy mechanism, so the demo and the tests run exactly
the fetch path a real user runs. Tests can add dynamic routes (errors, slow or huge answers) and
a per-response latency; every request is recorded in ``web.log``.
"""
from __future__ import annotations

import mimetypes
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

# .html without a charset, so the fetcher's <meta charset> and detection paths are exercised.
TYPES = {".html": "text/html", ".json": "application/json", ".xml": "application/xml",
         ".csv": "text/csv; charset=utf-8", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
         ".txt": "text/plain; charset=utf-8", ".ics": "text/calendar", ".svg": "image/svg+xml"}


_HOST = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?")


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] | None = None  # "Content-Length": "" sends the body without a length
    delay: float = 0.0  # seconds to wait before answering (for timeout tests)
    close: bool = False  # close the connection after the body, whatever the headers promised (broken bodies)
    trickle: float = 0.0  # seconds between the body's bytes (a server that sends a byte at a time)


Handler = Callable[[str, str, dict[str, str]], Reply]  # (host, path with query, headers) -> Reply


class LocalWeb:
    """Serve ``root/<host>/<path>`` for many hostnames on one loopback port."""

    def __init__(self, root: str | Path | None = None, *, latency: float = 0.0):
        self.root = Path(root) if root else None
        self.latency = latency
        self.routes: dict[tuple[str, str], Handler | Reply] = {}
        self.log: list[tuple[str, str]] = []  # (host, path) of every request served
        self.times: list[tuple[float, float]] = []  # (start, end) wall-clock time of each, in the log's order
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()

    # -- configuration ------------------------------------------------------------------------
    def route(self, url: str, reply: Reply | Handler) -> None:
        """Answer ``url`` (``http://host/path?query``) with a fixed reply or a handler."""
        parts = urlsplit(url)
        self.routes[(parts.hostname, parts.path + (f"?{parts.query}" if parts.query else ""))] = reply

    @property
    def proxy(self) -> str:
        assert self._server, "LocalWeb is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def requests_to(self, host: str) -> int:
        with self._lock:
            return sum(1 for h, _ in self.log if h == host)

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> "LocalWeb":
        web = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # otherwise every response gains ~40 ms

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                web._serve(self)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.request_queue_size = 256
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
                         name="localweb").start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "LocalWeb":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- serving -----------------------------------------------------------------------------
    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        target = urlsplit(handler.path)
        host = (target.hostname or handler.headers.get("Host", "")).split(":")[0].lower()
        path = target.path or "/"
        full = path + (f"?{target.query}" if target.query else "")
        with self._lock:
            self.log.append((host, full))
            self.times.append((time.time(), 0.0))
            entry = len(self.times) - 1
        reply = self.routes.get((host, full)) or self.routes.get((host, path))
        if callable(reply):
            reply = reply(host, full, dict(handler.headers))
        if reply is None:
            reply = self._file(host, path)
        time.sleep(self.latency + reply.delay)
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        try:
            handler.send_response(reply.status)
            headers = {"Content-Type": "text/html; charset=utf-8", **(reply.headers or {})}
            if headers.get("Content-Length") == "":  # body delimited by closing the connection
                headers.pop("Content-Length")
                headers["Connection"] = "close"
                handler.close_connection = True
            elif "Content-Length" not in headers:
                headers["Content-Length"] = str(len(body))
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            if reply.trickle:
                for i in range(len(body)):
                    handler.wfile.write(body[i:i + 1])
                    handler.wfile.flush()
                    time.sleep(reply.trickle)
            else:
                handler.wfile.write(body)
            if reply.close:
                handler.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self._lock:
                if entry < len(self.times):  # (a test may have cleared the log meanwhile)
                    self.times[entry] = (self.times[entry][0], time.time())

    def _file(self, host: str, path: str) -> Reply:
        # Only a host name that is a folder directly under the root: never "/etc", "..", or an absolute path.
        if self.root is None or not _HOST.fullmatch(host) or host.startswith(".") or ".." in host:
            return Reply(404, "not found")
        site = (self.root / host).resolve()
        if site.parent != self.root.resolve() or not site.is_dir():
            return Reply(404, "not found")
        target = (site / unquote(path).lstrip("/")).resolve()
        if not target.is_relative_to(site):
            return Reply(403, "forbidden")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return Reply(404, f"<h1>404</h1><p>{host}{path} not found</p>")
        ctype = TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return Reply(200, target.read_bytes(), {"Content-Type": ctype})
