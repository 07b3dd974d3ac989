"""The engine under ``prep batch``: dask.distributed, from one laptop to a cluster.

By default a ``LocalCluster`` is started for the run (``jobs`` worker processes, one thread each: a
brief is one task and uses one core). With ``--scheduler tcp://host:8786`` (or ``PREP_DASK_SCHEDULER``)
the briefs run on an existing cluster, started by ``dask scheduler`` and ``dask worker``, dask-jobqueue,
Kubernetes or Coiled; from Python, ``prep.render.batch(..., client=distributed.Client(...))`` uses the client given.

Every worker gets :class:`BriefWorker`, a worker plugin that imports the heavy modules once and keeps
one notebook kernel for all of that worker's briefs (reset between briefs), and shuts it down when
the worker closes. A worker that dies has its task run again on another (Dask's own rescheduling);
a brief that fails is a failed Result, not a retried task.
"""
from __future__ import annotations

import importlib
import logging
import sys
import threading
from contextlib import contextmanager

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import PrepError

HEAVY = ("prep.render.brief", "prep.shape.event", "prep.plan.meetings", "prep.render.report", "prep.research.companies", "papermill", "nbconvert")


class BriefWorker(WorkerPlugin):
    """Dask worker plugin: warm imports and one kept kernel per worker, stopped when the worker closes."""

    name = "prep-brief-worker"

    def setup(self, worker=None):
        from . import notebook as render

        render._skip_slow_optional_imports()
        for module in HEAVY:
            importlib.import_module(module)
        render._exporter()
        render.keep_kernel()

    def teardown(self, worker=None):
        from . import notebook as render

        # The kernel's client runs its own event loop; the worker's loop is busy in this thread.
        stop = threading.Thread(target=render._stop_kept_kernel, daemon=True)
        stop.start()
        stop.join(timeout=15)


def _has_dashboard() -> bool:
    try:
        importlib.import_module("bokeh")
        return True
    except ImportError:
        return False


@contextmanager
def batch_client(client=None, scheduler: str | None = None, jobs: int = 2, *, progress: bool = True):
    """A ``distributed.Client`` for one batch: the one given, one connected to ``scheduler``, or one on a
    local cluster of ``jobs`` single-threaded worker processes (closed at the end)."""
    cluster = own = None
    for name in ("distributed", "bokeh", "tornado"):  # the cluster's own chatter stays out of the user's terminal
        logging.getLogger(name).setLevel(logging.ERROR)
    if client is None and scheduler:
        try:
            # Dask's own setting: DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT (default 30s)
            client = own = Client(scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect"),
                                  set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise PrepError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    elif client is None:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=":0" if _has_dashboard() else None, silence_logs=logging.ERROR)
        client = own = Client(cluster, set_as_default=False)
    try:
        client.register_plugin(BriefWorker(), name=BriefWorker.name)
        link = _dashboard(client) if cluster is None or _has_dashboard() else ""
        if progress and link:
            print(f"Dask dashboard: {link}", file=sys.stderr)
        yield client
    finally:
        if own is not None:
            own.close()
        if cluster is not None:
            cluster.close()


def _dashboard(client) -> str:
    try:
        if "dashboard" not in client.scheduler_info().get("services", {}):
            return ""
        return client.dashboard_link or ""
    except Exception:  # a scheduler that does not say: no link
        return ""
