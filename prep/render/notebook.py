"""Briefs: run a parameterised notebook with papermill and export HTML with nbconvert.

The only module that imports papermill and nbconvert. A brief is written atomically: it is built
in a temporary folder beside the target and swapped in only when every file is complete.

The HTML is self-contained: nbconvert's ``basic`` template (cell outputs only, no require.js,
no MathJax from a CDN) inside our own page shell with one inline stylesheet, so it opens offline
and prints cleanly.
"""
from __future__ import annotations

import atexit
import functools
import html as html_lib
import logging
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

from ..errors import RenderError
from ..layout import BRIEF_MARK, package_data

log = logging.getLogger("prep")
NOTEBOOKS = package_data("notebooks")  # package data: a link to the top-level notebooks/
CSS = package_data("templates", "brief.css")
# A quiet kernel that keeps no input history (a brief's cells need none; it saves a SQLite write per cell), and
# leaves the process's own stderr alone: progress bars drawn there reach the terminal of `prep brief`.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False",
                    "--IPKernelApp.capture_fd_output=False"]


@dataclass
class Brief:
    directory: Path
    html: Path
    notebook: Path


def _skip_slow_optional_imports() -> None:
    """jsonschema (imported by nbformat) loads ``rfc3987_syntax`` when it is installed (jupyterlab pulls it
    in), and that module compiles a grammar at import: ~1.8 s on this machine, in every process. Notebook
    validation never checks IRIs, so tell jsonschema the optional module is absent."""
    sys.modules.setdefault("rfc3987_syntax", None)


_kept_kernel = {"enabled": False, "km": None}


def keep_kernel() -> None:
    """Reuse one kernel for every notebook this process runs (``prep batch`` workers call this).

    Each run starts with the kernel's namespace reset, so briefs never see each other's variables,
    while imports stay warm: about 0.4 s saved per brief.
    """
    _kept_kernel["enabled"] = True
    atexit.register(_stop_kept_kernel)
    # multiprocessing workers leave through os._exit, which skips atexit: stop the kernel there too.
    from multiprocessing import util

    util.Finalize(None, _stop_kept_kernel, exitpriority=10)


def _kernel_manager():
    if not _kept_kernel["enabled"]:
        return None
    from jupyter_core.utils import run_sync

    km = _kept_kernel["km"]
    if km is not None and km.has_kernel and run_sync(km.is_alive)():
        run_sync(_reset)(km)
        return km
    km = _kept_kernel["km"] = _kernel_manager_class()(kernel_name="python3")
    return km


@functools.lru_cache(maxsize=1)
def _kernel_manager_class():
    """AsyncKernelManager whose clients are ready as soon as the kernel answers.

    jupyter_client's ``wait_for_ready`` ends by draining IOPub until it has been quiet for 0.2 s, so
    every new client waits 0.2 s for nothing: papermill's client, once per notebook, and the reset of a
    kept kernel, once per batch brief (0.4 s of a 0.57 s batch brief). Here a client is ready when the
    kernel has answered ``kernel_info`` and its IOPub status for that request has arrived: the proof
    that IOPub is connected, which is what the drain waited for. Messages are matched by request, as
    nbclient does, so nothing is lost by not draining.
    """
    import time
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Type

    class ReadyClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            asked = set()
            while True:
                asked.add(self.kernel_info())
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    reply = None
                if reply and reply["msg_type"] == "kernel_info_reply" and await self._iopub_idle(asked):
                    self._handle_kernel_info_reply(reply)
                    return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

        async def _iopub_idle(self, asked: set, patience: float = 0.2) -> bool:
            """Whether the kernel's IOPub reports idle after one of our kernel_info requests in time."""
            end = time.monotonic() + patience
            while (left := end - time.monotonic()) > 0:
                try:
                    msg = await self.iopub_channel.get_msg(timeout=left)
                except Empty:
                    return False
                if (msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                        and msg["parent_header"].get("msg_id") in asked):
                    return True
            return False

    class KernelManager(AsyncKernelManager):
        client_factory = Type(ReadyClient)

    return KernelManager


async def _reset(km) -> None:
    client = km.client()
    client.start_channels(stdin=False, hb=False, control=False)  # shell and iopub are all a reset needs
    try:
        await client.wait_for_ready(timeout=60)
        # Forget the previous brief's variables (what %reset does, minus its gc.collect and history work).
        code = ("_ip = get_ipython(); [_ip.user_ns.pop(_k, None) for _k in list(_ip.user_ns) "
                "if _k not in _ip.user_ns_hidden and not _k.startswith('_')]; del _ip")
        await client.execute_interactive(code, timeout=60, store_history=False, output_hook=lambda msg: None)
    finally:
        client.stop_channels()


def _stop_kept_kernel() -> None:
    km, _kept_kernel["km"] = _kept_kernel["km"], None
    if km is not None and km.has_kernel:
        from jupyter_core.utils import run_sync

        run_sync(km.shutdown_kernel)(now=True)


@functools.lru_cache(maxsize=1)
def _engine() -> str:
    """A papermill engine that writes the executed notebook once, at the end (or on failure).

    papermill saves the whole notebook before and after every cell (about 23 writes and
    validations of a brief's outputs); a brief is only read when it is done.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class FinalSaveManager(NotebookExecutionManager):
        final = False

        def save(self, **kwargs):
            if self.final:
                super().save(**kwargs)

        def notebook_complete(self, **kwargs):
            self.final = True
            super().notebook_complete(**kwargs)

    class Engine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                             autosave_cell_every=30, **kwargs):
            nb_man = FinalSaveManager(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                      autosave_cell_every=autosave_cell_every)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register("prep", Engine)
    return "prep"


def execute(notebook: Path, output: Path, parameters: dict, *, cwd: Path | None = None) -> None:
    _skip_slow_optional_imports()
    import papermill

    km = _kernel_manager()
    try:
        papermill.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name="python3",
                                   engine_name=_engine(),
                                   progress_bar=False, cwd=str(cwd or notebook.parent), shutdown_kernel="immediate",
                                   extra_arguments=KERNEL_ARGUMENTS,
                                   **({"km": km} if km else {"kernel_manager_class": _kernel_manager_class()}))
    except papermill.PapermillExecutionError as err:
        raise RenderError(f"{notebook.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}",
                          notebook=str(output)) from err


@functools.lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class Exporter(HTMLExporter):
        """HTMLExporter without its closing BeautifulSoup pass, which re-parses the whole page to add
        alt texts (a brief's images all have one) and tabindex to the lab template's cells (the basic
        template has none): it changes nothing in a brief and costs ~0.1 s each, plus ~0.2 s compiling
        CSS selectors in every new process. The rest is HTMLExporter.from_notebook_node as is."""

        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            resources = self._init_resources(resources)
            self.register_filter("highlight_code",
                                 self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    exporter = Exporter(template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    # Keep the compiled templates between runs (jinja keys them by their source's checksum): ~0.1 s a process.
    import platformdirs
    from jinja2 import FileSystemBytecodeCache

    folder = Path(platformdirs.user_cache_dir("prep")) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        exporter.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
    except OSError:
        log.debug("no template cache: %s is not writable", folder)
    return exporter


def export_html(notebook: Path, html: Path) -> None:
    """Cell outputs and markdown, code hidden, in a standalone page with the brief stylesheet."""
    _skip_slow_optional_imports()
    import nbformat

    node = nbformat.read(str(notebook), as_version=4)
    body, _ = _exporter().from_notebook_node(node)
    title = _first_heading(body) or node.metadata.get("prep_title") or "Brief"
    html.write_text(page(title, body), encoding="utf-8")


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<meta name=\"generator\" content=\"prep\"><title>{escape(title)}</title>"
            f"<style>{CSS.read_text(encoding='utf-8')}</style></head>\n<body><main>\n{body}\n"
            "<footer>Made with prep from public pages; every fact links to its source.</footer></main></body></html>\n")


def _first_heading(body: str) -> str:
    """The page's first heading as plain text: tags dropped and entities read ("R&amp;D" is "R&D"), so the
    <title> escapes it once, not twice."""
    match = re.search(r"<h[12][^>]*>(.*?)</h[12]>", body, re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>|¶", "", match.group(1))).strip() if match else ""


def build(notebook_name: str, out_dir: Path, slug: str | None, parameters: dict,
          before: Callable[[Path], None] | None = None, owner: str = "") -> Brief:
    """Execute ``notebooks/<notebook_name>`` into ``out_dir/<slug>/`` and export its HTML.

    The notebook gets ``output_dir``, the new brief folder, and writes its tables there; ``before(folder)``
    may add files first. Without a ``slug``, the folder is named by the ``slug`` of the event.json the
    notebook wrote. The folder is swapped in atomically; on failure the previous brief stays and the
    executed notebook is kept as ``<slug>.failed.ipynb``.
    """
    out_dir = Path(out_dir).resolve()  # papermill changes the working directory while the kernel runs
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".brief-", dir=out_dir))
    stem = Path(notebook_name).stem
    executed = work / f"{stem}.ipynb"
    try:
        if before:
            before(work)
        execute(NOTEBOOKS / notebook_name, executed, {**parameters, "output_dir": str(work)})
        slug = slug or _slug_written(work) or "brief"
        export_html(executed, work / "brief.html")
    except RenderError as err:
        keep = out_dir / f"{slug or 'brief'}.failed.ipynb"
        if executed.exists():
            shutil.copyfile(executed, keep)
            err.notebook = str(keep)
            err.args = (f"{err.args[0].split(' (executed notebook')[0]} (executed notebook with the error: {keep})",)
        shutil.rmtree(work, ignore_errors=True)
        raise
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    (work / BRIEF_MARK).write_text("A brief made by prep: `prep brief` replaces this folder when it runs again.\n"
                                   f"event: {owner}\n", encoding="utf-8")
    target = _publish(work, out_dir, slug, owner)
    slug = target.name
    (out_dir / f"{slug}.failed.ipynb").unlink(missing_ok=True)
    return Brief(directory=target, html=target / "brief.html", notebook=target / f"{stem}.ipynb")


def _slug_written(work: Path) -> str:
    """The folder name the notebook chose: ``slug`` in the event.json it wrote (see prep.render.exports.save)."""
    import json

    from .exports import EVENT_FILE

    try:
        slug = str(json.loads((work / EVENT_FILE).read_text(encoding="utf-8")).get("slug") or "")
    except (OSError, ValueError, AttributeError):
        return ""
    return slug if re.fullmatch(r"[\w.-]{1,120}", slug) and slug not in (".", "..") else ""


def is_brief(folder: Path) -> bool:
    """Is ``folder`` a brief prep made (and may replace)? Any other folder or file is the user's."""
    return folder.is_dir() and not folder.is_symlink() and (folder / BRIEF_MARK).is_file()


def _publish(work: Path, out_dir: Path, slug: str, owner: str = "") -> Path:
    """Swap ``work`` in as ``out_dir/slug``, atomically. A previous brief there is replaced when it is the
    same event's (``owner``: a batch gives each event's key; a lone ``prep brief`` replaces any brief of
    its name); anything else of that name (the user's ``data`` folder when an event is called "Data",
    another event of the same batch also called "Event") is left alone and the brief takes the next
    free name, ``slug-2``, ``slug-3``... Two workers racing for one name each get their own."""
    for n in range(1, 1000):
        target = out_dir / (slug if n == 1 else f"{slug}-{n}")
        if target.exists() or target.is_symlink():
            if not (is_brief(target) and (not owner or _owner(target) in ("", owner))):
                continue
            old = Path(tempfile.mkdtemp(prefix=".old-", dir=out_dir))
            os.replace(target, old / "brief")
            os.replace(work, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            try:
                os.rename(work, target)  # fails if another worker took the name a moment ago
            except OSError:
                if target.exists():
                    continue
                raise
        if n > 1:
            log.warning("%s is taken (not this event's brief): the brief goes to %s", out_dir / slug, target)
        return target
    raise RenderError(f"{out_dir}: no free folder name for {slug!r}")


def _owner(folder: Path) -> str:
    text = (folder / BRIEF_MARK).read_text(encoding="utf-8", errors="replace")
    return next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("event:")), "")

