"""Every default in one place, gathered into one frozen settings object.

Configuration flows one way: these defaults, then ``PREP_*`` environment variables, then CLI
flags, then explicit arguments (``Settings.from_env(**overrides)`` or ``dataclasses.replace``).
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from . import __version__

USER_AGENT = f"prep/{__version__} (event preparation toolkit; polite bot: obeys robots.txt, ~1 request/s per host)"


def default_cache_path() -> Path:
    return Path(platformdirs.user_cache_dir("prep")) / "http_cache.sqlite"


@dataclass(frozen=True)
class Settings:
    """How prep fetches: cache, politeness, retries, limits.

    Attributes mirror ``PREP_<NAME>`` environment variables (e.g. ``PREP_DELAY=2``).
    """

    cache_path: Path = field(default_factory=default_cache_path)
    cache_ttl: float = 7 * 24 * 3600  # seconds a cached page stays fresh; -1 = forever
    offline: bool = False  # answer only from the cache
    obey_robots: bool = True
    delay: float = 1.0  # minimum seconds between request starts to one remote host
    local_delay: float = 0.0  # the same for loopback hosts (a server on this machine)
    host_locks: bool = True  # hold the per-host rule across this machine's processes too (lock files by the cache)
    max_workers: int = 32  # global pool of concurrent requests across hosts
    retries: int = 3  # extra attempts after a connection error, 429 or 5xx
    backoff: float = 0.5  # first retry waits this long, doubling each time
    max_retry_after: float = 60.0  # longest Retry-After we agree to wait
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 120.0  # seconds one response may take in all, however slowly its bytes trickle in
    max_redirects: int = 5
    max_bytes: int = 5_000_000  # response size cap, enforced while streaming
    user_agent: str = USER_AGENT
    proxy: str | None = None  # http(s) proxy URL for every request (the local demo web uses this)
    # The proxy is a local web (`prep serve`) that serves sites by host name: https addresses are asked of
    # it by their full address, as plain requests, instead of through a CONNECT tunnel it cannot open.
    local_web: bool = False
    progress: bool = True  # tqdm progress bars
    progress_terminal: bool = False  # in a notebook run by `prep brief`: bars on its terminal, not in the notebook
    render: bool = False  # render pages that build their content with JavaScript in headless Chromium (prep/jsrender.py)
    # Where to look for a company's site when nothing names it (online only; checked by fetching).
    # {slug} is the company name squeezed ("acmerobotics") or hyphenated ("acme-robotics").
    max_guesses: int = 100  # companies whose site is guessed, those with the most people here first
    guess_urls: str = "https://{slug}.com/,https://{slug}.io/,https://{slug}.org/,https://{slug}.net/,https://{slug}.co/"

    def __post_init__(self) -> None:
        from .errors import PrepError

        for name in ("connect_timeout", "read_timeout", "deadline", "max_bytes"):
            if not getattr(self, name) > 0:
                raise PrepError(f"{name} must be more than 0 (PREP_{name.upper()}={getattr(self, name)!r})")
        for name in ("delay", "local_delay", "retries", "backoff", "max_guesses"):
            if getattr(self, name) < 0:
                raise PrepError(f"{name} must not be negative (PREP_{name.upper()}={getattr(self, name)!r})")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Defaults, overridden by ``PREP_*`` variables, overridden by ``overrides``."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in dataclasses.fields(cls):
            raw = environ.get("PREP_" + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _convert(name: str, raw: str, kind) -> object:
    kind = str(kind)
    try:
        if "bool" in kind:
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if "Path" in kind:
            return Path(raw).expanduser()
        if "int" in kind and "float" not in kind:
            return int(raw)
        if "float" in kind:
            return float(raw)
    except ValueError:
        from .errors import PrepError

        raise PrepError(f"environment variable PREP_{name.upper()}={raw!r} is not a valid {kind}") from None
    return raw
