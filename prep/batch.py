"""Many briefs at once: ``prep batch EVENTS_FILE`` builds one brief per event in parallel processes.

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
import gc
import importlib
import json
import multiprocessing
import re
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from tqdm import tqdm

from .names import slugify
from .errors import PrepError, SchemaError

STATE = ".batch.json"


@dataclass
class Result:
    name: str
    status: str  # built | up to date | failed
    slug: str = ""
    html: str = ""
    error: str = ""
    seconds: float = 0.0


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
    text = str(value).strip()
    if text.startswith(("http://", "https://")) or Path(text).is_absolute():
        return text
    return str((base / text).resolve())


def run_batch(events: list[dict], out_dir: str | Path, *, jobs: int = 2, force: bool = False, offline: bool = False,
              cache_dir: str | None = None, progress: bool = True) -> list[Result]:
    """Build every event's brief; returns one :class:`Result` per event, in the file's order."""
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
            results[i] = Result(event["name"] or slug, "up to date", slug, f"{slug}/brief.html")
        else:
            todo.append((i, event, key))
    bar = None
    if todo:
        from .render import keep_kernel

        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), mp_context=_context(),
                                 initializer=keep_kernel) as pool:
            futures = {pool.submit(_build_one, event, str(out), key): (i, event, key) for i, event, key in todo}
            # the bar (and its monitor thread) only after the workers exist: nothing threaded is forked
            bar = tqdm(total=len(events), desc="briefs", unit="brief", disable=not progress, initial=len(results))
            for future in as_completed(futures):
                i, event, key = futures[future]
                try:
                    result = future.result()
                except Exception as err:  # a crashed worker is one failed event, not a failed batch
                    result = Result(event["name"] or event["sources"][0], "failed", error=f"{type(err).__name__}: {err}")
                results[i] = result
                if result.status == "built":
                    state[key] = {"slug": result.slug}
                bar.update(1)
            bar.close()
    ordered = [results[i] for i in range(len(events))]
    (out / STATE).write_text(json.dumps(state, indent=1), encoding="utf-8")
    write_index(ordered, out)
    return ordered


def _context():
    """Fork workers from a parent that has already imported the heavy modules (pandas, papermill,
    nbconvert, the readers): each worker starts at once instead of importing for ~2 s. Where fork is
    not available, spawn."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from . import render

    render._skip_slow_optional_imports()
    for module in ("prep.brief", "prep.event", "prep.plan", "prep.report", "prep.research", "papermill", "nbconvert"):
        importlib.import_module(module)  # imported here once, inherited by every forked worker
    render._exporter()
    # Move what is loaded so far out of the collector's reach (the pattern the gc docs give for fork):
    # the workers' collections then never walk, nor copy-on-write, the parent's ~1,900 modules.
    gc.freeze()
    return multiprocessing.get_context("fork")


def _build_one(event: dict, out_dir: str, key: str) -> Result:
    from .brief import build_brief

    start = time.perf_counter()
    label = event["name"] or event["sources"][0]
    try:
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
    return Result(label or slug, "built", slug, f"{slug}/brief.html", seconds=time.perf_counter() - start)


def _identity(event: dict) -> str:
    """Which event a brief folder belongs to: its name and sources (not their contents, which change)."""
    from .names import stable_id

    return stable_id(event["name"] or "", *map(str, event["sources"]), length=16)


def _key(event: dict) -> str:
    from .brief import fingerprint

    parameters = {"sources": event["sources"], "profile": event["profile"], "contacts": event["contacts"],
                  "top": event["top"], "offline": event["offline"], "name": event["name"]}
    return fingerprint(parameters)


def _up_to_date(folder: Path, key: str) -> bool:
    """Built from the same inputs, and younger than the HTTP cache's freshness (web pages change)."""
    from .settings import Settings

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
    from .render import batch_index, page

    path = out / "index.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page("Briefs", batch_index([asdict(r) for r in results])), encoding="utf-8")
    tmp.replace(path)
    return path
