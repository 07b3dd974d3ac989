"""Company research at scale: 250 local company sites, 100 ms per response, default politeness.

Times a whole ``prep companies NAMES.csv --domains MAPPING.csv`` process, start-up included, as a user
runs it, and reports it against:

* floor: the time if the worker pool were always busy and each host's requests were spaced
  exactly by the per-host delay, computed by simulating exactly that (a pool of workers that never
  idles while a request may start, zero client CPU, every response taking the latency). The
  simpler bound max(requests x latency / workers, longest per-host chain) is printed beside it; no
  schedule reaches it, because every host's chain must wait for its first turn in the pool;
* reference: a plain polite scheduler (requests + a thread pool, each host's pages in turn with the
  delay between them, robots.txt first), in this process, over the same URLs prep asked for;
* sequential: a plain ``requests`` loop over the same URLs (no cache, no politeness; extrapolated
  from a sample);
* warm: the same command again on the same cache (must make 0 requests).

For prep and the reference it prints the largest same-host gap violation the server saw: how much
sooner than the delay a host was asked again, or asked while it was still answering.

Goals (issues 4 and 18): cold <= 1.5 x floor, >= 10 x faster than sequential, warm 0 requests, no violation.
Run: ``python tests/bench/bench_research.py [--sites 250] [--latency 0.1] [--sequential-sample N]``.
"""
from __future__ import annotations

import argparse
import heapq
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import requests

from prep.fetch.localweb import LocalWeb
from prep.settings import Settings

WORDS = "harbor tide delta quay lumen fern orchard marlin kelp civic stellar vector iron bright salt paper north".split()


JITTER = 0.05  # a request's start and end as the server logs them lag the client's by a few ms, more under load


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
    from prep.fetch.localweb import Reply

    with LocalWeb(root, latency=latency) as web:
        def log(host, path, headers):
            entries = [[h, p, *t] for (h, p), t in zip(web.log[:-1], web.times[:-1])]
            return Reply(200, json.dumps(entries), {"Content-Type": "application/json"})

        def clear(host, path, headers):
            web.log.clear()
            web.times.clear()
            return Reply(200, "ok")

        web.route("http://bench.control/log", log)
        web.route("http://bench.control/clear", clear)
        conn.send(web.proxy)
        conn.recv()  # until the benchmark is done


def worst_gaps(log: list, delay: float) -> tuple[float, float]:
    """The largest same-host violations the server saw, in seconds: how much sooner than ``delay`` a host was
    asked again (after the previous request to it started), and how long two requests to one host overlapped."""
    by_host: dict[str, list] = {}
    for host, _, start, end in log:
        by_host.setdefault(host, []).append((start, end))
    early = overlap = 0.0
    for times in by_host.values():
        times.sort()
        for (start, end), (next_start, _) in zip(times, times[1:]):
            early, overlap = max(early, delay - (next_start - start)), max(overlap, end - next_start)
    return early, overlap


def reference(urls: list[str], proxies: dict, delay: float, workers: int) -> float:
    """A plain polite scheduler, written as anyone would with requests and threads: ``workers`` threads take
    the host whose turn comes first (robots.txt, then its pages in order, starts ``delay`` apart) from a
    shared heap, fetch one page and put the host back. Returns the wall time."""
    import threading
    from urllib.parse import urlsplit

    chains: dict[str, list[str]] = {}
    for url in urls:
        chains.setdefault(urlsplit(url).hostname, [])
        if not url.endswith("/robots.txt"):
            chains[urlsplit(url).hostname].append(url)
    queue = [(0.0, i, host, [f"http://{host}/robots.txt", *pages]) for i, (host, pages) in enumerate(chains.items())]
    heapq.heapify(queue)
    lock = threading.Lock()

    def work() -> None:
        with requests.Session() as session:
            while True:
                with lock:
                    if not queue:
                        return
                    ready, order, host, todo = heapq.heappop(queue)
                time.sleep(max(0.0, ready - time.monotonic()))
                started = time.monotonic()
                session.get(todo[0], proxies=proxies, timeout=30)
                if todo[1:]:
                    with lock:
                        heapq.heappush(queue, (max(started + delay, time.monotonic()), order, host, todo[1:]))

    start = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=250)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--sequential-sample", type=int, default=100,
                        help="time only this many sequential requests and extrapolate (0 = all)")
    args = parser.parse_args()
    settings = Settings.from_env()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "web"
        mapping = build_sites(root, args.sites)
        names, domains = Path(tmp) / "names.csv", Path(tmp) / "domains.csv"
        names.write_text("company\n" + "".join(f"{n}\n" for n in mapping), encoding="utf-8")
        domains.write_text("company,domain\n" + "".join(f"{n},{u}\n" for n, u in mapping.items()), encoding="utf-8")
        parent, child = multiprocessing.Pipe()
        server = multiprocessing.Process(target=serve, args=(root, args.latency, child), daemon=True)
        server.start()
        proxy = parent.recv()
        proxies = {"http": proxy}

        def served() -> list:
            return requests.get("http://bench.control/log", proxies=proxies, timeout=30).json()

        def clear() -> None:
            requests.get("http://bench.control/clear", proxies=proxies, timeout=30)

        def prep_companies(out: str) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "prep.cli", "companies", str(names), "--domains", str(domains),
                            "--proxy", proxy, "--cache", str(Path(tmp) / "cache.sqlite"), "-o", str(Path(tmp) / out)],
                           check=True, env={**os.environ, "PREP_PROGRESS": "0"})
            return time.perf_counter() - start

        try:
            cold_s = prep_companies("cold.csv")
            log = served()
            per_host = Counter(host for host, *_ in log)
            bound = max(len(log) * args.latency / settings.max_workers,
                        max((n - 1) * settings.delay + args.latency for n in per_host.values()))
            floor = simulated_floor(list(per_host.values()), args.latency, settings.delay, settings.max_workers)
            cold = pd.read_csv(Path(tmp) / "cold.csv")
            assert cold["error"].isna().all(), cold["error"].dropna().head()
            assert (cold["open_roles_count"] == 1).all()
            prep_gap = worst_gaps(log, settings.delay)

            clear()
            warm_s = prep_companies("warm.csv")
            warm_requests = len(served())
            warm = pd.read_csv(Path(tmp) / "warm.csv")
            assert warm.drop(columns="fetched_at").equals(cold.drop(columns="fetched_at"))

            urls = [f"http://{host}{path}" for host, path, *_ in log]
            clear()
            reference_s = reference(urls, proxies, settings.delay, settings.max_workers)
            reference_gap = worst_gaps(served(), settings.delay)

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
    print(f"cold:       {cold_s:6.2f} s   whole `prep companies` process; floor {floor:.2f} s -> {cold_s / floor:.2f}x "
          f"the floor (goal <= 1.5x)   [simple lower bound {bound:.2f} s -> {cold_s / bound:.2f}x]")
    print(f"reference:  {reference_s:6.2f} s   plain polite requests + {settings.max_workers} threads, same URLs, "
          f"in-process -> {reference_s / floor:.2f}x the floor")
    print(f"gaps:       largest same-host violation seen by the server, asked sooner than {settings.delay} s / two "
          f"at once: prep {prep_gap[0] * 1000:.0f} / {prep_gap[1] * 1000:.0f} ms, reference {reference_gap[0] * 1000:.0f}"
          f" / {reference_gap[1] * 1000:.0f} ms (goal: under {JITTER * 1000:.0f} ms, the timing noise of two processes)")
    print(f"sequential: {sequential_s:6.2f} s{' (extrapolated)' if args.sequential_sample else ''} -> "
          f"cold is {sequential_s / cold_s:.1f}x faster (goal >= 10x)")
    print(f"warm:       {warm_s:6.2f} s, {warm_requests} network requests (goal 0 requests)")
    ok = cold_s <= 1.5 * floor and sequential_s / cold_s >= 10 and warm_requests == 0 and max(prep_gap) < JITTER
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
