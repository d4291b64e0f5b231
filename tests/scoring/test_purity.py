"""kaoping/scoring is pure: no Django, no app imports, no floats (DESIGN.md, G-1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SCORING = Path(__file__).resolve().parents[2] / "kaoping" / "scoring"
FORBIDDEN_PREFIXES = (
    "django",
    "kaoping.common",
    "kaoping.accounts",
    "kaoping.org",
    "ninja",
    "rest_framework",
)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_scoring_modules_import_no_django_or_app():
    files = sorted(SCORING.rglob("*.py"))
    assert len(files) >= 5
    offenders = [
        f"{f.relative_to(SCORING)}: {name}"
        for f in files
        for name in _imports(f)
        if name.startswith(FORBIDDEN_PREFIXES)
    ]
    assert offenders == []


def test_scoring_never_calls_float():
    offenders = []
    for f in SCORING.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                offenders.append(str(f.relative_to(SCORING)))
    assert offenders == []


def test_scoring_imports_in_a_fresh_interpreter_without_django_loaded():
    code = (
        "import sys, pkgutil, importlib, kaoping.scoring as s\n"
        "for m in pkgutil.walk_packages(s.__path__, 'kaoping.scoring.'):\n"
        "    importlib.import_module(m.name)\n"
        "assert not any(k == 'django' or k.startswith('django.') for k in sys.modules), 'django imported'\n"
    )
    root = SCORING.parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
