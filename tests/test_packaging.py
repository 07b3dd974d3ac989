"""House rules that keep set-up honest: dependency lists agree, README documents the CLI, notebooks are clean."""
from __future__ import annotations

import json
import re
import tomllib

import yaml
from conftest import ROOT

from prep.cli import build_parser

CONDA_NAMES = {"matplotlib-base": "matplotlib"}  # conda-forge name -> PyPI name


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pypi = {_name(d) for d in project["dependencies"]} | {_name(d) for d in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {CONDA_NAMES.get(_name(d), _name(d)) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    conda |= {_name(d) for block in env["dependencies"] if isinstance(block, dict) for d in block.get("pip", [])
              if not d.startswith("-")}  # what conda-forge lacks comes from pip
    assert conda == pypi


def test_every_dependency_is_bounded():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for spec in project["dependencies"] + project["optional-dependencies"]["dev"]:
        assert "<" in spec and ">=" in spec, f"{spec} needs a lower and an upper bound"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make demo" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_cli_command_is_documented():
    readme = (ROOT / "README.md").read_text()
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"prep {name}" in readme, f"README does not document `prep {name}`"


def test_notebooks_committed_clean_with_parameters_documented():
    readme = (ROOT / "README.md").read_text()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and not c.get("execution_count") for c in code), f"{path.name} has outputs"
        params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(params) == 1, f"{path.name} needs exactly one cell tagged 'parameters'"
        for name in re.findall(r"^(\w+)\s*=", "".join(params[0]["source"]), flags=re.M):
            assert f"`{name}`" in readme, f"README does not document the {path.name} parameter `{name}`"


def test_the_built_wheel_runs_the_demo_outside_the_source_tree(tmp_path):
    """The wheel carries the notebooks and the demo web (links in prep/ to notebooks/ and data/demo/):
    installed anywhere, `prep demo` builds the brief."""
    import os
    import subprocess
    import sys
    import zipfile

    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("prep-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "prep/notebooks/event_brief.ipynb" in names and "prep/demo_web/profile.yaml" in names
    assert "prep/data/free_mail_domains.txt" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # what pip installs, without the network
    env = {**os.environ, "PYTHONPATH": str(site), "PREP_CACHE_PATH": str(tmp_path / "cache.sqlite")}
    run = subprocess.run([sys.executable, "-c", "import prep, sys; print(prep.__file__); "
                          "from prep.cli import run; sys.argv = ['prep', 'demo', '--out', 'briefs']; run()"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.splitlines()[0].startswith(str(site))  # the installed copy ran, not the source tree
    assert (tmp_path / "briefs").is_dir() and list((tmp_path / "briefs").glob("*/brief.html"))
