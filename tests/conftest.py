"""Shared fixtures: a real HTTP server on 127.0.0.1 serving the demo web, and fetch settings aimed at it."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from prep.fetch.client import Fetcher
from prep.fetch.localweb import LocalWeb
from prep.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
REALWORLD = ROOT.parent / "shared" / "realworld"


@pytest.fixture
def web():
    with LocalWeb(DEMO) as server:
        yield server


@pytest.fixture
def settings(tmp_path, web) -> Settings:
    """Fast, polite-enough settings for tests: no per-host delay, short backoff, no progress bars."""
    return Settings(cache_path=tmp_path / "cache.sqlite", proxy=web.proxy, delay=0.0, backoff=0.05,
                    max_retry_after=2.0, progress=False, connect_timeout=2.0, read_timeout=2.0)


@pytest.fixture
def fetcher(settings):
    with Fetcher(settings) as f:
        yield f


def with_settings(settings: Settings, **changes) -> Settings:
    return dataclasses.replace(settings, **changes)
