"""The code stays in pieces a newcomer can read: the window only wires its parts."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

QT = ROOT / "reviewer" / "qt"
#: The most lines the window's module may have, and any function of the Qt layer.
WINDOW_LINES = 300
FUNCTION_LINES = 60


def test_the_main_window_only_lays_out_and_wires() -> None:
    lines = (QT / "main_window.py").read_text("utf-8").count("\n")
    assert lines < WINDOW_LINES


def test_no_function_of_the_qt_layer_is_long() -> None:
    long_ones = []
    for path in sorted(QT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    long_ones.append(f"{path.name}:{node.name} ({length} lines)")
    assert not long_ones


def test_the_layering_contracts_are_checked_by_the_check_script() -> None:
    assert "lint-imports" in Path(ROOT / "scripts" / "check.sh").read_text("utf-8")
