"""The layers stay as declared: only `ui` imports Textual, and no package reaches into
another's private names.

The import-linter contracts in pyproject.toml check the import graph (`lint-imports` in CI);
this test checks what the graph cannot: that importing and running the core, for real, in a
fresh interpreter, loads no Textual at all.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE = ROOT / "replay_tui"
CORE = ("format", "words", "replay", "user", "export")


def _modules(*packages: str) -> list[str]:
    names = []
    for package in packages:
        for path in sorted((PACKAGE / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_core_and_the_plain_commands_load_no_textual(tmp_path: Path) -> None:
    minimal = ROOT / "tests" / "data" / "good" / "minimal.toml"
    # Opening a broken file stops at its errors, before the interface is imported.
    broken = ROOT / "tests" / "data" / "bad" / "unknown_timezone.toml"
    code = (
        "import importlib, io, contextlib, sys\n"
        f"for name in {_modules(*CORE)!r}:\n"
        "    importlib.import_module(name)\n"
        "from replay_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    assert main(['check', {str(minimal)!r}]) == 0\n"
        "    assert main(['schema']) == 0\n"
        "    assert main(['list']) == 0\n"
        f"    assert main(['export', {str(minimal)!r}, '--to', 'text']) == 0\n"
        f"    assert main([{str(broken)!r}]) == 1\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_package_imports_another_packages_private_names() -> None:
    """`from replay_tui.a.b import _x` across packages would tie them to each other's
    insides; within a package it is fine."""
    crossing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        own = parts[1] if len(parts) > 2 else ""
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            target = node.module.split(".")
            if target[0] != "replay_tui" or (len(target) > 1 and target[1] == own):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    crossing.append(f"{path.relative_to(ROOT)}: {node.module}.{alias.name}")
    assert crossing == []
