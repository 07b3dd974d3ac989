"""The house is the pipeline: one folder per stage, and the data walks forward only."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

STAGES = ["fetch", "read", "shape", "research", "plan", "render", "track"]
APPS = {"cli", "demo", "eval", "eval_sites", "__init__"}  # the front doors: they may call any stage
MAX_LINES = 400


def _imports(path: Path, package: list[str]):
    """Every prep module ``path`` imports, as a list of names under prep (``["fetch", "client"]``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            yield from ([base + [a.name] for a in node.names] if not node.module else [base])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "prep":
            yield node.module.split(".")[1:]
        elif isinstance(node, ast.Import):
            yield from (a.name.split(".")[1:] for a in node.names if a.name.split(".")[0] == "prep")


def test_each_stage_imports_only_shared_helpers_and_earlier_stages():
    wrong = []
    for path in sorted((ROOT / "prep").rglob("*.py")):
        parts = list(path.relative_to(ROOT / "prep").with_suffix("").parts)
        package = parts[:-1]
        own = parts[0] if parts[0] in STAGES else None
        for target in _imports(path, package):
            stage = target[0] if target and target[0] in STAGES else None
            if stage and own is None and parts[0] not in APPS:
                wrong.append(f"{path.name}: a shared helper imports the {stage} stage")
            elif stage and own and STAGES.index(stage) > STAGES.index(own):
                wrong.append(f"{'/'.join(parts)}: {own} imports the later {stage} stage ({'.'.join(target)})")
    assert not wrong, wrong


def test_the_folders_walk_the_pipeline():
    folders = {p.name for p in (ROOT / "prep").iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert set(STAGES) <= folders


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "prep").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long
