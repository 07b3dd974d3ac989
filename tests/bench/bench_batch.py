"""`prep batch` on Dask (issue 17). Run: ``python tests/bench/bench_batch.py [--events 20 200] [--workers 1 2]``.

For each number of generated events (attendee exports of 30-80 people, built offline) and each number
of workers of a local cluster (processes, one thread each), prints:
* the fixed start-up cost: the cluster and its workers up, the worker plugin's imports done;
* briefs per minute once the cluster is up, and the whole run's time including start-up;
* peak memory per worker: the worker process and its notebook kernel (VmHWM, Linux).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from distributed import Client, LocalCluster  # noqa: E402
from synthetic import write_attendee_export  # noqa: E402

from prep.demo import DEMO_PROFILE  # noqa: E402
from prep.render.batch import read_events_file, run_batch  # noqa: E402
from prep.render.engine import BriefWorker  # noqa: E402


def _peak_rss_mb() -> float:
    """This process's and its children's (the kept kernel's) peak resident memory, in MB."""
    import psutil

    def hwm(pid: int) -> float:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    me = psutil.Process()
    return hwm(me.pid) + sum(hwm(child.pid) for child in me.children(recursive=True))


def run(folder: Path, events: int, workers: int) -> dict:
    lines = []
    for i in range(events):
        source = folder / f"event{i}.csv"
        if not source.exists():
            write_attendee_export(source, 30 + i % 50, i)
        lines.append(f"- name: Meetup {i}\n  sources: [event{i}.csv]\n")
    (folder / "events.yaml").write_text("".join(lines), encoding="utf-8")
    listed = read_events_file(folder / "events.yaml", profile=str(DEMO_PROFILE))
    out = folder / f"out-{events}-{workers}"
    began = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.register_plugin(BriefWorker(), name=BriefWorker.name)
        ready = time.perf_counter()
        results = run_batch(listed, out, offline=True, cache_dir=str(folder / "cache"), progress=False, client=client)
        done = time.perf_counter()
        peaks = sorted(client.run(_peak_rss_mb).values())
    built = sum(r.status == "built" for r in results)
    assert built == events, [r.error for r in results if r.status == "failed"][:3]
    return {"events": events, "workers": workers, "startup": ready - began, "run": done - ready,
            "total": done - began, "per_minute": events / (done - ready) * 60, "peak_mb": peaks}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(folder, 2, 1)  # warm-up: OS file cache, template cache
        print(f"{'events':>6} {'workers':>7} {'start-up s':>10} {'run s':>7} {'total s':>8} {'briefs/min':>10}  "
              "peak MB per worker (process + kernel)")
        for events in args.events:
            for workers in args.workers:
                r = run(folder, events, workers)
                print(f"{r['events']:>6} {r['workers']:>7} {r['startup']:>10.1f} {r['run']:>7.1f} {r['total']:>8.1f} "
                      f"{r['per_minute']:>10.0f}  {', '.join(f'{p:.0f}' for p in r['peak_mb'])}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
