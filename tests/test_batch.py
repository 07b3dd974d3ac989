"""`prep batch` on Dask: a local cluster from Python, and a cluster started as a user starts one
(``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1), with a worker killed mid-run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from synthetic import write_attendee_export

from prep.demo import DEMO_PROFILE
from prep.render.batch import read_events_file, run_batch

distributed = pytest.importorskip("distributed")
DASK = str(Path(sys.executable).with_name("dask"))


def _events(folder: Path, n: int, *, broken: bool = False) -> Path:
    lines = []
    for i in range(n):
        write_attendee_export(folder / f"event{i}.csv", 30 + i, i)
        lines.append(f"- name: Meetup {i}\n  sources: [event{i}.csv]\n")
    if broken:
        lines.append("- name: Broken Meetup\n  sources: [missing.csv]\n")
    (folder / "events.yaml").write_text("".join(lines), encoding="utf-8")
    return folder / "events.yaml"


def test_run_batch_takes_a_client_of_a_local_cluster(tmp_path):
    events = read_events_file(_events(tmp_path, 2, broken=True), profile=str(DEMO_PROFILE))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        results = run_batch(events, tmp_path / "out", offline=True, cache_dir=str(tmp_path / "cache"), progress=False,
                            client=client)
        assert client.status == "running"  # the caller's client is the caller's to close
    assert [r.status for r in results] == ["built", "built", "failed"]
    assert "missing.csv" in results[2].error
    assert (results[0].people, results[1].people) == (30, 31) and results[0].planned > 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "class='sortable'" in index and '<td data-sort="31">31</td>' in index and "missing.csv" in index


def _start(args: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=log.open("w"), start_new_session=True)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers, each its own process, as `dask scheduler` and `dask worker`."""
    info = tmp_path / "scheduler.json"
    procs = [_start([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
                     str(info)], tmp_path / "scheduler.log")]
    deadline = time.monotonic() + 60
    while not info.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    address = json.loads(info.read_text())["address"]
    workers = [_start([DASK, "worker", address, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1", "--name",
                       f"w{i}", "--no-dashboard"], tmp_path / f"worker{i}.log") for i in range(2)]
    procs += workers
    with distributed.Client(address, timeout="30s") as client:
        client.wait_for_workers(2, timeout=60)
    yield address, workers
    for proc in reversed(procs):  # the workers, then the scheduler
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_batch_on_a_separately_started_cluster_survives_a_killed_worker(tmp_path, cluster):
    address, workers = cluster
    events_file = _events(tmp_path, 6, broken=True)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "prep.cli", "batch", str(events_file), "--out", str(out), "--offline",
               "--cache-dir", str(tmp_path / "cache"), "--profile", str(DEMO_PROFILE), "--scheduler", address]
    batch = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(out.glob("*/brief.html")) and time.monotonic() < deadline:  # the workers are busy: kill one
        time.sleep(0.1)
    os.killpg(workers[0].pid, signal.SIGKILL)
    stdout, stderr = batch.communicate(timeout=300)
    assert batch.returncode == 1, stderr  # the broken event fails the run...
    assert "7 events: 6 built, 0 up to date, 1 failed" in stderr and "Traceback" not in stderr
    for i in range(6):  # ...and every other brief landed, the killed worker's included
        assert len(pd.read_csv(out / f"meetup-{i}" / "people.csv")) == 30 + i
    with distributed.Client(address, timeout="30s") as client:
        assert len(client.scheduler_info()["workers"]) == 1  # the worker really died


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    events_file = _events(tmp_path, 1)
    done = subprocess.run([sys.executable, "-m", "prep.cli", "batch", str(events_file), "--out", str(tmp_path / "out"),
                           "--offline", "--profile", str(DEMO_PROFILE), "--scheduler", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr
