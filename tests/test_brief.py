"""The demo brief end to end: papermill runs the notebook on the demo web, nbconvert exports HTML."""
from __future__ import annotations

import pytest

from prep.brief import build_brief
from prep.demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES
from prep.errors import RenderError
from prep import render


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("briefs")
    return build_brief(DEMO_SOURCES, out_dir=out, profile=str(DEMO_PROFILE), contacts=str(DEMO_CONTACTS),
                       cache_dir=str(out / "cache"), demo=True)


def test_demo_brief_has_its_sections_and_frames(brief):
    html = brief.html.read_text(encoding="utf-8")
    for heading in ("The event at a glance", "Everyone", "Schedule", "After the event", "Sources"):
        assert heading in html
    assert "Harbor Data Summit 2027" in html and "Ava Jansen" in html and "王芳" in html
    assert "data:image/png;base64," in html  # charts are embedded, not linked
    assert "import prep" not in html  # code is hidden
    assert {p.name for p in brief.directory.iterdir()} >= {"brief.html", "event_brief.ipynb", "people.csv",
                                                           "sessions.csv", "organizations.csv"}


def test_failed_run_keeps_previous_brief(brief, monkeypatch):
    before = brief.html.read_text(encoding="utf-8")
    monkeypatch.setattr(render, "NOTEBOOKS", brief.directory)  # render a deliberately broken notebook from here
    broken = brief.directory / "broken.ipynb"
    broken.write_text('{"cells": [{"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "source": "x = 1",'
                      ' "outputs": [], "execution_count": null}, {"cell_type": "code", "id": "b", "metadata": {}, '
                      '"source": "raise ValueError(\\"boom\\")", "outputs": [], "execution_count": null}],'
                      ' "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},'
                      ' "nbformat": 4, "nbformat_minor": 5}')
    with pytest.raises(RenderError, match="boom") as info:
        render.build("broken.ipynb", brief.directory.parent, brief.directory.name, {"x": 2})
    assert info.value.notebook and info.value.notebook.endswith(".failed.ipynb")
    assert brief.html.read_text(encoding="utf-8") == before
