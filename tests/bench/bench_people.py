"""Benchmark: `prep people` on a generated 1 MB page of 1,000 speaker cards, as a whole process, against a
floor process that reads the same page into a DataFrame with pandas + lxml and a hand-written XPath.

    .venv/bin/python tests/bench/bench_people.py [--big]

Goal (issue 13): prep within 2x of the floor, both timed in this run (medians of 5 alternating runs).
With --big, also a 50,000-card page, whose peak memory must stay under 500 MB.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_parse import page  # noqa: E402 (the same generated cards)

FLOOR = """
import sys, lxml.html, pandas as pd
tree = lxml.html.parse(sys.argv[1]).getroot()
rows = [{"name": card.xpath("string(.//h3)"), "tagline": card.xpath("string(.//p[@class='role'])"),
         "bio": card.xpath("string(.//p[@class='bio'])")} for card in tree.xpath("//div[@class='speaker-card']")]
pd.DataFrame(rows).to_csv(sys.argv[2], index=False)
"""


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KB, from GNU time if present, else 0) of one process."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command] if Path("/usr/bin/time").exists() else command,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{command[:3]} failed: {done.stderr[-500:]}")
    peak = int(done.stderr.strip().splitlines()[-1]) if Path("/usr/bin/time").exists() else 0
    return seconds, peak


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "speakers.html"
        source.write_text(page(1000), encoding="utf-8")
        prep = [sys.executable, "-m", "prep.cli", "people", str(source), "-o", str(Path(tmp) / "p.csv")]
        floor = [sys.executable, "-c", FLOOR, str(source), str(Path(tmp) / "f.csv")]
        timed(prep), timed(floor)  # warm the file cache and bytecode
        ours, theirs = [], []
        for _ in range(5):
            ours.append(timed(prep)[0])
            theirs.append(timed(floor)[0])
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"1,000 cards ({source.stat().st_size / 1e6:.2f} MB): prep people median {statistics.median(ours):.2f} s, "
              f"floor (pandas + lxml + XPath) {statistics.median(theirs):.2f} s: {ratio:.2f}x (goal <= 2x)")
        ok = ratio <= 2
        if "--big" in sys.argv:
            source.write_text(page(50_000), encoding="utf-8")
            seconds, peak = timed(prep)
            print(f"50,000 cards ({source.stat().st_size / 1e6:.0f} MB): {seconds:.1f} s, peak {peak / 1024:.0f} MB "
                  f"(goal < 500 MB)")
            ok = ok and 0 < peak / 1024 < 500
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
