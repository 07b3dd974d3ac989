"""Company research at scale: 250 local company sites, 100 ms per response, default politeness.

Reports the cold wall time against two references and the warm re-run:

* floor: the time if the worker pool were always busy and each host's requests were spaced
  exactly by the per-host delay, computed by simulating exactly that (a pool of workers that never
  idles while a request may start, zero client CPU, every response taking the latency). The
  simpler bound max(requests x latency / workers, longest per-host chain) is printed beside it; no
  schedule reaches it, because every host's chain must wait for its first turn in the pool;
* a plain sequential ``requests`` loop over the same URLs (no cache, no politeness);
* warm: the same research again with a new Fetcher on the same cache (must make 0 requests).

Goals (issue 4): cold <= 1.5 x floor, >= 10 x faster than sequential, warm < 2 s.
Run: ``python tests/bench/bench_research.py [--sites 250] [--latency 0.1] [--sequential-sample N]``.
"""
from __future__ import annotations

import argparse
import heapq
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import requests

from prep.localweb import LocalWeb
from prep.research import research_companies
from prep.settings import Settings
from prep.fetch import Fetcher

WORDS = "harbor tide delta quay lumen fern orchard marlin kelp civic stellar vector iron bright salt paper north".split()


def simulated_floor(per_host: list[int], latency: float, delay: float, workers: int) -> float:
    """Makespan of an ideal pool: no client CPU, no idle worker while some host may be asked, and
    each host's requests starting exactly ``delay`` apart (the fetcher's rule), earliest host first."""
    ready = [(0.0, host, count) for host, count in enumerate(per_host)]
    heapq.heapify(ready)
    free = [0.0] * workers
    end = 0.0
    while ready:
        at, host, left = heapq.heappop(ready)
        start = max(heapq.heappop(free), at)
        heapq.heappush(free, start + latency)
        end = max(end, start + latency)
        if left > 1:
            heapq.heappush(ready, (start + delay, host, left - 1))
    return end


def build_sites(root: Path, count: int) -> dict[str, str]:
    """Write ``count`` company sites (home, about, careers, feed, robots.txt); returns name -> home URL."""
    mapping = {}
    for i in range(count):
        name = f"{WORDS[i % len(WORDS)].title()} {WORDS[(i // len(WORDS)) % len(WORDS)].title()} {i:03d} Labs"
        host = f"company{i:03d}.example"
        site = root / host
        (site / "about").mkdir(parents=True)
        (site / "careers").mkdir()
        org = {"@context": "https://schema.org", "@type": "Organization", "name": name, "url": f"http://{host}/",
               "description": f"{name} builds tools number {i}.", "foundingDate": str(1990 + i % 30),
               "numberOfEmployees": 10 + i, "sameAs": [f"https://www.linkedin.com/company/company{i:03d}"],
               "address": {"@type": "PostalAddress", "addressLocality": "Havenstad", "addressCountry": "NL"}}
        head = (f'<title>{name}</title><meta name="description" content="{name} builds tools.">'
                f'<link rel="alternate" type="application/rss+xml" href="/feed.xml">')
        (site / "index.html").write_text(
            f'<!DOCTYPE html><html><head>{head}<script type="application/ld+json">{json.dumps(org)}</script></head>'
            f'<body><a href="/about/">About us</a> <a href="/careers/">Careers</a><h1>{name}</h1>'
            f'<p>{"Lorem ipsum dolor sit amet. " * 40}</p></body></html>', encoding="utf-8")
        (site / "about" / "index.html").write_text(f"<html><head>{head}</head><body><h1>About {name}</h1></body></html>",
                                                   encoding="utf-8")
        job = {"@context": "https://schema.org", "@type": "JobPosting", "title": f"Engineer {i}"}
        (site / "careers" / "index.html").write_text(
            f'<html><head><script type="application/ld+json">{json.dumps(job)}</script></head><body></body></html>',
            encoding="utf-8")
        items = "".join(f"<item><title>News {k}</title><link>http://{host}/news/{k}/</link>"
                        f"<pubDate>Mon, 0{k} Mar 2027 09:00:00 +0000</pubDate><description>Item {k}</description></item>"
                        for k in range(1, 6))
        (site / "feed.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>{items}'
                                       "</channel></rss>", encoding="utf-8")
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
        mapping[name] = f"http://{host}/"
    return mapping


def serve(root: Path, latency: float, conn) -> None:
    """The sites' server, in its own process as on the real web (it must not share our GIL)."""
    from prep.localweb import Reply

    with LocalWeb(root, latency=latency) as web:
        def log(host, path, headers):
            return Reply(200, json.dumps(web.log[:-1]), {"Content-Type": "application/json"})

        def clear(host, path, headers):
            web.log.clear()
            return Reply(200, "ok")

        web.route("http://bench.control/log", log)
        web.route("http://bench.control/clear", clear)
        conn.send(web.proxy)
        conn.recv()  # until the benchmark is done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=250)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--sequential-sample", type=int, default=0,
                        help="time only this many sequential requests and extrapolate (0 = all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "web"
        mapping = build_sites(root, args.sites)
        parent, child = multiprocessing.Pipe()
        server = multiprocessing.Process(target=serve, args=(root, args.latency, child), daemon=True)
        server.start()
        proxy = parent.recv()
        proxies = {"http": proxy}

        def served() -> list[tuple[str, str]]:
            return [tuple(x) for x in requests.get("http://bench.control/log", proxies=proxies, timeout=30).json()]

        try:
            settings = Settings.from_env(cache_path=Path(tmp) / "cache.sqlite", proxy=proxy, progress=False)
            start = time.perf_counter()
            with Fetcher(settings) as fetcher:
                cold = research_companies(list(mapping), domains=mapping, fetcher=fetcher)
            cold_s = time.perf_counter() - start
            log = served()
            per_host = Counter(host for host, _ in log)
            bound = max(len(log) * args.latency / settings.max_workers,
                        max((n - 1) * settings.delay + args.latency for n in per_host.values()))
            floor = simulated_floor(list(per_host.values()), args.latency, settings.delay, settings.max_workers)
            assert cold.companies["error"].isna().all(), cold.companies["error"].dropna().head()
            assert (cold.companies["open_roles_count"] == 1).all() and len(cold.news) == 5 * args.sites

            requests.get("http://bench.control/clear", proxies=proxies, timeout=30)
            start = time.perf_counter()
            with Fetcher(settings) as fetcher:
                warm = research_companies(list(mapping), domains=mapping, fetcher=fetcher)
            warm_s = time.perf_counter() - start
            warm_requests = len(served())
            assert warm.companies.drop(columns="fetched_at").equals(cold.companies.drop(columns="fetched_at"))

            urls = [f"http://{host}{path}" for host, path in log]
            sample = urls[: args.sequential_sample] if args.sequential_sample else urls
            start = time.perf_counter()
            with requests.Session() as session:
                for url in sample:
                    session.get(url, proxies=proxies, timeout=30)
            sequential_s = (time.perf_counter() - start) * len(urls) / len(sample)
        finally:
            parent.send("stop")
            server.join(5)

    print(f"{args.sites} sites, {len(log)} requests ({statistics.mean(per_host.values()):.1f} per host), "
          f"{args.latency * 1000:.0f} ms latency, delay {settings.delay} s per host, {settings.max_workers} workers")
    print(f"cold:       {cold_s:6.2f} s   floor {floor:.2f} s -> {cold_s / floor:.2f}x the floor (goal <= 1.5x)"
          f"   [simple lower bound {bound:.2f} s -> {cold_s / bound:.2f}x]")
    print(f"sequential: {sequential_s:6.2f} s{' (extrapolated)' if args.sequential_sample else ''} -> "
          f"cold is {sequential_s / cold_s:.1f}x faster (goal >= 10x)")
    print(f"warm:       {warm_s:6.2f} s, {warm_requests} network requests (goal < 2 s, 0 requests)")
    ok = cold_s <= 1.5 * floor and sequential_s / cold_s >= 10 and warm_s < 2 and warm_requests == 0
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
