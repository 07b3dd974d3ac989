"""Brief speed and scale (issues 6 and 16). Run: ``python tests/bench/bench_brief.py [--skip-big]``.

* floor: a whole process that runs ``papermill.execute_notebook`` on a notebook importing pandas and
  showing a 50-row DataFrame, then nbconvert's HTML exporter; the demo brief on a warm cache, as a
  whole ``prep demo`` process, must cost at most 2x that, both timed in one run. The figure of the old
  design (data prepared in the parent process and handed to a notebook that only displayed it) is
  printed beside it, so the cost of the notebook doing the work is visible;
* (many briefs at once: ``bench_batch.py``);
* big: a generated 10,000-person event must build with peak memory under 1.5 GB, and the HTML must
  open in headless Chromium without console errors and with its tables drawn.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import write_attendee_export  # noqa: E402

from prep.demo import DEMO_PROFILE  # noqa: E402

# The old design, measured with this script's method at commit 47aac58 on 2026-12-01 (see the README).
OLD_DESIGN = ("old design (47aac58: data prepared outside the notebook, which only displayed it), same method, "
              "measured 2026-12-01 in two rounds: 2.45-3.18 s = 0.73-0.90x floors of 3.38-3.54 s")
FLOOR_NOTEBOOK = {
    "cells": [{"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "source": "rows = 50",
               "outputs": [], "execution_count": None},
              {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": None,
               "source": "import pandas as pd\npd.DataFrame({'name': [f'Person {i}' for i in range(rows)], "
                         "'company': 'Acme', 'score': range(rows)})"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5}
FLOOR_SCRIPT = """
import sys, papermill, nbformat
from nbconvert import HTMLExporter
papermill.execute_notebook(sys.argv[1], sys.argv[2], parameters={"rows": 50}, progress_bar=False, kernel_name="python3")
body, _ = HTMLExporter(template_name="basic").from_notebook_node(nbformat.read(sys.argv[2], as_version=4))
open(sys.argv[3], "w", encoding="utf-8").write(body)
"""


def median_time(command: list, repeat: int, env: dict) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_and_demo(tmp: Path, repeat: int) -> bool:
    notebook = tmp / "floor.ipynb"
    notebook.write_text(json.dumps(FLOOR_NOTEBOOK), encoding="utf-8")
    env = {**os.environ, "PREP_CACHE_PATH": str(tmp / "cache" / "http_cache.sqlite"), "PREP_PROGRESS": "0"}
    floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT, str(notebook), str(tmp / "floor-out.ipynb"), str(tmp / "floor.html")]
    demo_cmd = [str(Path(sys.executable).parent / "prep"), "demo", "--out", str(tmp / "demo")]
    subprocess.run(demo_cmd, check=True, capture_output=True, env=env)  # fills the cache, as a second run finds it
    floor = median_time(floor_cmd, repeat, env)
    demo = median_time(demo_cmd, repeat, env)
    print(f"floor (a process: papermill runs a notebook showing a 50-row DataFrame, nbconvert exports it): {floor:.2f} s")
    print(f"demo brief, warm cache (a `prep demo` process): {demo:.2f} s = {demo / floor:.2f}x the floor (goal <= 2x)")
    print(OLD_DESIGN)
    return demo <= 2 * floor


def big(tmp: Path, people: int) -> bool:
    source = tmp / "big.csv"
    write_attendee_export(source, people, 99)
    script = (f"import resource, sys; from prep.render.brief import build_brief; "
              f"b = build_brief([{str(source)!r}], out_dir={str(tmp / 'big')!r}, profile={str(DEMO_PROFILE)!r}, "
              f"offline=True, cache_dir={str(tmp / 'cache-big')!r}, progress=False); print(b.html)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-2000:]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest process (prep or its kernel)
    html = Path(done.stdout.strip().splitlines()[-1])
    size_mb = html.stat().st_size / 1e6
    print(f"{people:,}-person event: brief in {seconds:.1f} s, peak memory {peak_mb:,.0f} MB (goal < 1,536 MB), "
          f"HTML {size_mb:.1f} MB")
    ok = peak_mb < 1536
    from browser import chromium, render_dom

    if chromium():
        start = time.perf_counter()
        dom, errors = render_dom(html)
        tables = html.read_text(encoding="utf-8").count('<table id="itables_')
        ready = dom.count('class="dt-container') == tables > 0
        print(f"headless Chromium: rendered in {time.perf_counter() - start:.1f} s, all {tables} tables drawn: {ready}, "
              f"console errors: {len(errors)}")
        ok = ok and ready and not errors
    else:
        print("headless Chromium: not installed, browser check skipped")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--skip-big", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ok = floor_and_demo(tmp, args.repeat)
        if not args.skip_big:
            ok = big(tmp, args.people) and ok
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
