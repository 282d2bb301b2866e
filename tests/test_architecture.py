"""Imports flow one way: cli → pipeline → ingest | nlp | store → config → records | errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_layers_hold():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_is_a_god_module():
    sizes = {p.relative_to(ROOT): len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "src").rglob("*.py")}
    assert max(sizes.values()) < 600, max(sizes, key=sizes.get)


def test_lint_is_clean():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("ruff")), "check", "src", "tests", "eval", "benchmarks", "scripts"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
