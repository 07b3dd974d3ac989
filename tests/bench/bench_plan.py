"""Ranking speed: plan a generated 2,000-person event against the demo profile (issue 5: a few seconds at most).

Run: ``python tests/bench/bench_plan.py [--people 2000] [--repeat 5]``; prints the median wall time.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import generated_event  # noqa: E402

from prep.demo import DEMO_CONTACTS, DEMO_PROFILE  # noqa: E402
from prep.plan.meetings import plan_meetings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    event, companies, news = generated_event(args.people)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        plan = plan_meetings(event, companies, DEMO_PROFILE, DEMO_CONTACTS, news=news, top=args.top)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"ranked {len(event.people):,} people ({len(companies)} companies, {len(event.sessions)} sessions) and planned "
          f"the top {len(plan.priorities)}: median {median:.2f} s over {args.repeat} runs (goal: a few seconds)")
    return 0 if median < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
