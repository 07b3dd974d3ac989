"""Frames as interactive tables: sort, filter and page them in JupyterLab and in the exported brief alike.

itables (DataTables) in its offline mode: ``interactive()`` puts the DataTables bundle into the
notebook once, so the brief's HTML needs no CDN and opens anywhere. Cells are escaped by itables
(``allow_html`` off) for every frame as read; the one table that shows links (the brief's
"Everyone") escapes each cell itself with :func:`prep.render.report.link` and :func:`html.escape`.
"""
from __future__ import annotations

from html import escape

import pandas as pd

MAX_CELL = 120  # characters of a long text cell shown in a table (the whole text stays in the frame and the CSV)
OPTIONS = {"maxBytes": 0, "showIndex": False, "classes": "display compact nowrap", "pageLength": 10,
           "lengthMenu": [10, 25, 50, 100], "autoWidth": False, "scrollX": True, "connected": False,
           "display_logo_when_loading": False}


def interactive() -> None:
    """Load DataTables into the notebook (and so into its HTML export) once; the first cell calls it."""
    from itables import init_notebook_mode

    init_notebook_mode(all_interactive=False, connected=False)


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a table shows it: one line per cell (a list's lines joined by " · "), long texts cut with
    an ellipsis, missing values blank."""
    view = frame.copy()
    for column in view.columns:
        if view[column].dtype == object or str(view[column].dtype) == "string":
            text = view[column].astype("string").fillna("").str.replace(r"\s*\n\s*", " · ", regex=True)
            view[column] = text.where(text.str.len() <= MAX_CELL, text.str.slice(0, MAX_CELL - 1) + "…")
    return view


def table(frame: pd.DataFrame, *, html_cells: bool = False, **options) -> str:
    """One frame as an interactive table (HTML). ``html_cells`` only for cells the caller escaped itself."""
    from itables import to_html_datatable

    view = frame if html_cells else _shown(frame)
    return to_html_datatable(view, allow_html=html_cells, **{**OPTIONS, **options})


def frames(named: dict[str, pd.DataFrame], *, open_first: bool = False):
    """Frames, each folded under its name and size: what a step of the notebook read or made."""
    from IPython.display import HTML

    parts = []
    for i, (name, frame) in enumerate(named.items()):
        size = f"{len(frame):,} rows · {len(frame.columns)} columns"
        body = table(frame) if len(frame) else '<p class="muted">Nothing found.</p>'
        parts.append(f'<details class="frame"{" open" if open_first and i == 0 else ""}><summary>'
                     f'<strong>{escape(name)}</strong> <small>{size}</small></summary>{body}</details>')
    return HTML("".join(parts))
