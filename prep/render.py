"""Briefs: run a parameterised notebook with papermill and export HTML with nbconvert.

The only module that imports papermill and nbconvert. A brief is written atomically: it is built
in a temporary folder beside the target and swapped in only when every file is complete.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import RenderError

log = logging.getLogger("prep")
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@dataclass
class Brief:
    directory: Path
    html: Path
    notebook: Path


def execute(notebook: Path, output: Path, parameters: dict, *, cwd: Path | None = None) -> None:
    import papermill

    try:
        papermill.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name="python3",
                                   progress_bar=False, cwd=str(cwd or notebook.parent), shutdown_kernel="immediate")
    except papermill.PapermillExecutionError as err:
        raise RenderError(f"{notebook.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}",
                          notebook=str(output)) from err


def export_html(notebook: Path, html: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(str(notebook), as_version=4))
    html.write_text(body, encoding="utf-8")


def build(notebook_name: str, out_dir: Path, slug: str, parameters: dict, frames: dict | None = None) -> Brief:
    """Execute ``notebooks/<notebook_name>`` into ``out_dir/<slug>/`` with its HTML and CSV frames."""
    target = Path(out_dir) / slug
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{slug}-", dir=target.parent))
    stem = Path(notebook_name).stem
    executed = work / f"{stem}.ipynb"
    try:
        execute(NOTEBOOKS / notebook_name, executed, parameters)
        export_html(executed, work / "brief.html")
        for name, frame in (frames or {}).items():
            frame.to_csv(work / f"{name}.csv", index=False)
    except RenderError as err:
        keep = target.parent / f"{slug}.failed.ipynb"
        if executed.exists():
            shutil.copyfile(executed, keep)
            err.notebook = str(keep)
            err.args = (f"{err.args[0].split(' (executed notebook')[0]} (executed notebook with the error: {keep})",)
        shutil.rmtree(work, ignore_errors=True)
        raise
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    old = target.with_name(f".{slug}.old")
    if target.exists():
        os.replace(target, old)
    os.replace(work, target)
    shutil.rmtree(old, ignore_errors=True)
    (target.parent / f"{slug}.failed.ipynb").unlink(missing_ok=True)
    return Brief(directory=target, html=target / "brief.html", notebook=target / f"{stem}.ipynb")
