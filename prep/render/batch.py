"""Many briefs at once: ``prep batch EVENTS_FILE`` builds one brief per event, each a task on Dask
(:mod:`prep.render.engine`: a local cluster by default, or an existing one).

The events file is YAML (a list of events) or CSV (one row per event)::

    - name: Harbor Data Summit          # optional: the folder name (default: from the event)
      sources: [https://example.org/speakers, https://example.org/schedule.xml]
      profile: me.yaml                  # optional, defaults to --profile
      contacts: contacts.csv            # optional, defaults to --contacts
      top: 20                           # optional

In CSV, ``sources`` holds several sources separated by ``;``. Relative paths are relative to the
events file. A brief whose inputs have not changed since it was built is skipped unless ``force``;
a failing event is recorded and the others go on; ``index.html`` links every brief with its status.
"""
from __future__ import annotations

import csv
import json
import os
import re
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path

import yaml
from tqdm import tqdm

from ..errors import PrepError, SchemaError
from ..names import slugify
from ..schema import text

STATE = ".batch.json"


@dataclass
class Result:
    name: str
    status: str  # built | up to date | failed
    slug: str = ""
    html: str = ""
    error: str = ""
    seconds: float = 0.0
    people: int = 0
    planned: int = 0
    companies: int = 0


def read_events_file(path: str | Path, *, profile: str | None = None, contacts: str | None = None) -> list[dict]:
    """The events of a YAML or CSV events file, checked, with paths resolved against its folder."""
    path = Path(path)
    if not path.is_file():
        raise SchemaError(f"{path}: no such events file")
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if isinstance(data, dict) and "events" in data:
                data = data["events"]
        else:
            with path.open(encoding="utf-8", newline="") as fh:
                data = [{k: v for k, v in row.items() if k} for row in csv.DictReader(fh)]
    except (yaml.YAMLError, csv.Error, UnicodeDecodeError) as err:
        raise SchemaError(f"{path}: cannot read the events file: {err}") from err
    if not isinstance(data, list) or not data:
        raise SchemaError(f"{path}: expected a non-empty list of events (each with 'sources')")
    events = []
    for i, entry in enumerate(data, 1):
        where = f"{path}: event {i}"
        if not isinstance(entry, dict):
            raise SchemaError(f"{where}: expected a mapping with 'sources', got {type(entry).__name__}")
        sources = entry.get("sources") or entry.get("source")
        if isinstance(sources, str):
            sources = [s.strip() for s in re.split(r"[;\n]", sources) if s.strip()]
        if not sources or not isinstance(sources, list):
            raise SchemaError(f"{where}: 'sources' is missing (one or more URLs or files)")
        unknown = set(entry) - {"name", "sources", "source", "profile", "contacts", "top", "offline"}
        if unknown:
            raise SchemaError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        top = entry.get("top") or 20
        try:
            top = int(top)
        except (TypeError, ValueError):
            raise SchemaError(f"{where}: 'top' must be a whole number, got {top!r}") from None
        events.append({"name": str(entry.get("name") or "").strip(),
                       "sources": [_resolve(s, path.parent) for s in sources],
                       "profile": _resolve(entry.get("profile"), path.parent) or _resolve(profile, Path.cwd()),
                       "contacts": _resolve(entry.get("contacts"), path.parent) or _resolve(contacts, Path.cwd()),
                       "top": top, "offline": str(entry.get("offline", "")).lower() in {"1", "true", "yes"}})
    return events


def _resolve(value, base: Path):
    if not value:
        return None
    given = str(value).strip()
    if given.startswith(("http://", "https://")) or Path(given).is_absolute():
        return given
    return str((base / given).resolve())


def run_batch(events: list[dict] | str | Path, out_dir: str | Path = "briefs", *, jobs: int = 2, force: bool = False, offline: bool = False,
              cache_dir: str | None = None, progress: bool = True, client=None, scheduler: str | None = None,
              ) -> list[Result]:
    """Build every event's brief as a task on Dask; returns one :class:`Result` per event, in the file's order.

    The tasks run on ``client`` (a ``distributed.Client``) when given, else on the cluster at ``scheduler``
    (or ``PREP_DASK_SCHEDULER``: ``tcp://host:8786``), else on a local cluster started for the run with
    ``jobs`` worker processes of one thread each. On a cluster, ``out_dir`` must be a folder that every
    worker and this machine share: the workers write and publish the briefs there. ``events`` is a list
    from :func:`read_events_file`, or the events file itself.
    """
    if isinstance(events, (str, Path)):
        events = read_events_file(events)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = _load_state(out)
    results: dict[int, Result] = {}
    todo = []
    for i, event in enumerate(events):
        event = {**event, "offline": event.get("offline") or offline, "cache_dir": cache_dir}
        key = _key(event)
        slug = state.get(key, {}).get("slug", "")
        if not force and slug and _up_to_date(out / slug, key):
            results[i] = Result(event["name"] or slug, "up to date", slug, f"{slug}/brief.html",
                                **_counts(out / slug))
        else:
            todo.append((i, event, key))
    if todo:
        from .engine import batch_client

        with batch_client(client, scheduler or os.environ.get("PREP_DASK_SCHEDULER"), min(jobs, len(todo)),
                          progress=progress) as dask:
            for i, key, result in _run_tasks(dask, todo, out, len(events), len(results), progress):
                results[i] = result
                if result.status == "built":
                    state[key] = {"slug": result.slug}
    ordered = [results[i] for i in range(len(events))]
    (out / STATE).write_text(json.dumps(state, indent=1), encoding="utf-8")
    write_index(ordered, out)
    return ordered


def _run_tasks(dask, todo: list, out: Path, total: int, done: int, progress: bool):
    """Submit one task per brief and yield ``(index, key, Result)`` as they finish, with a progress bar."""
    from distributed import as_completed

    env = {k: v for k, v in os.environ.items() if k.startswith("PREP_")}  # the batch's settings travel with it
    futures = {dask.submit(_build_one, event, str(out.resolve()), key, env, key=f"brief-{i}-{key}", pure=False,
                           retries=0): (i, event, key) for i, event, key in todo}
    bar = tqdm(total=total, desc="briefs", unit="brief", disable=not progress, initial=done)
    try:
        for future in as_completed(list(futures), loop=dask.loop):
            i, event, key = futures[future]
            try:
                result = future.result()
            except Exception as err:  # the task itself failed (its workers kept dying): one failed event
                result = Result(event["name"] or event["sources"][0], "failed", error=_task_error(err))
            if result.status == "built" and not (out / result.html).is_file():
                result = Result(result.name, "failed", result.slug, error=(
                    f"built by a worker, but {out / result.html} is not here: on a cluster, --out must be a "
                    "folder every worker and this machine share"))
            bar.update(1)
            yield i, key, result
    finally:
        bar.close()


def _task_error(err: Exception) -> str:
    from distributed import KilledWorker

    if isinstance(err, KilledWorker):
        return "every worker that tried this brief died (out of memory, or killed); see the workers' logs"
    return f"{type(err).__name__}: {err}"


def _build_one(event: dict, out_dir: str, key: str, env: dict | None = None) -> Result:
    """One brief, on a worker: with the submitting shell's ``PREP_*`` settings; every error becomes a failed Result."""
    from .brief import _env, build_brief

    start = time.perf_counter()
    label = event["name"] or event["sources"][0]
    try:
        with _env(**(env or {})):
            brief = build_brief(event["sources"], out_dir=out_dir, profile=event["profile"], contacts=event["contacts"],
                            top=event["top"], offline=event["offline"], cache_dir=event["cache_dir"],
                            slug=slugify(event["name"]) if event["name"] else None, progress=False,
                            name=event["name"] or None,
                                owner=_identity(event))
    except PrepError as err:
        return Result(label, "failed", error=str(err), seconds=time.perf_counter() - start)
    except Exception as err:  # report the unexpected with its place, and go on
        where = traceback.extract_tb(err.__traceback__)[-1]
        return Result(label, "failed", error=f"{type(err).__name__}: {err} ({Path(where.filename).name}:{where.lineno})",
                      seconds=time.perf_counter() - start)
    slug = brief.directory.name
    stamp = brief.directory / "inputs.json"
    stamp.write_text(json.dumps({**json.loads(stamp.read_text(encoding="utf-8")), "batch_key": key}, indent=1),
                     encoding="utf-8")
    return Result(label or slug, "built", slug, f"{slug}/brief.html", seconds=time.perf_counter() - start,
                  **_counts(brief.directory))


def _counts(folder: Path) -> dict:
    """People, planned and companies of a built brief, from its CSV files (0 when a file is missing)."""
    import pandas as pd

    counts = {}
    for field, name in (("people", "people.csv"), ("planned", "priorities.csv"), ("companies", "companies.csv")):
        try:
            counts[field] = len(pd.read_csv(folder / name, usecols=[0]))
        except (OSError, ValueError):
            counts[field] = 0
    return counts


def _identity(event: dict) -> str:
    """Which event a brief folder belongs to: its name and sources (not their contents, which change)."""
    from ..names import stable_id

    return stable_id(event["name"] or "", *map(str, event["sources"]), length=16)


def _key(event: dict) -> str:
    from .brief import fingerprint

    parameters = {"sources": event["sources"], "profile": event["profile"], "contacts": event["contacts"],
                  "top": event["top"], "offline": event["offline"], "name": event["name"]}
    return fingerprint(parameters)


def _up_to_date(folder: Path, key: str) -> bool:
    """Built from the same inputs, and younger than the HTTP cache's freshness (web pages change)."""
    from ..settings import Settings

    stamp = folder / "inputs.json"
    if not (folder / "brief.html").is_file() or not stamp.is_file():
        return False
    ttl = Settings.from_env().cache_ttl
    if ttl >= 0 and time.time() - (folder / "brief.html").stat().st_mtime > ttl:
        return False
    try:
        return json.loads(stamp.read_text(encoding="utf-8")).get("batch_key") == key
    except ValueError:
        return False


def _load_state(out: Path) -> dict:
    try:
        return json.loads((out / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_index(results: list[Result], out: Path) -> Path:
    from .notebook import page

    path = out / "index.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page("Briefs", batch_index([asdict(r) for r in results])), encoding="utf-8")
    tmp.replace(path)
    return path


_SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, i) {
    th.tabIndex = 0;
    th.addEventListener("click", function () {
      var desc = th.getAttribute("aria-sort") === "ascending", body = table.tBodies[0];
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", desc ? "descending" : "ascending");
      Array.from(body.rows).sort(function (a, b) {
        var x = a.cells[i].dataset.sort, y = b.cells[i].dataset.sort;
        var n = x !== "" && y !== "" && !isNaN(x) && !isNaN(y) ? x - y : String(x).localeCompare(String(y));
        return desc ? -n : n;
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def batch_index(results: list[dict]) -> str:
    """index.html of a batch: every brief with its status and counts, sortable by any column; failures
    with their error."""
    counts = Counter(r["status"] for r in results)
    summary = ", ".join(f"{n} {escape(str(s))}" for s, n in counts.most_common())
    columns = ("Event", "Status", "People", "Planned", "Companies", "Time")
    rows = []
    for r in results:
        name = escape(text(r.get("name")))
        target = text(r.get("html"))
        cell = f'<a href="{escape(target)}">{name}</a>' if target and r["status"] != "failed" else name
        error = f"<br><small>{escape(text(r.get('error')))}</small>" if r.get("error") else ""
        built = r["status"] != "failed"
        numbers = [r.get(k) or 0 for k in ("people", "planned", "companies")]
        cells = [(name, cell + error), (r["status"], escape(r["status"]))]
        cells += [(n, str(n) if built else "") for n in numbers]
        cells.append((f"{r.get('seconds') or 0:.3f}", f"{r['seconds']:.1f} s" if r.get("seconds") else ""))
        rows.append(f'<tr class="{escape(r["status"].replace(" ", "-"))}">'
                    + "".join(f'<td data-sort="{escape(str(key))}">{shown}</td>' for key, shown in cells) + "</tr>")
    head = "".join(f'<th scope="col">{c}</th>' for c in columns)
    return (f"<h1>Briefs</h1><p class='muted'>{len(results)} events: {summary}. Click a column to sort.</p>"
            f"<table class='sortable'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<script>{_SORT_SCRIPT}</script>")
