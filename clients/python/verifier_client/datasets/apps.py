"""APPS and TACO rows: ``input_output`` is JSON text with ``inputs``, ``outputs`` and, for call-based problems, ``fn_name``."""

from __future__ import annotations

import re
from typing import Any, Dict, Mapping

from .spec import UnsupportedRowError, code_spec, function_tests, io_tests, loads


def apps_spec(row: Mapping[str, Any], language: str = "python", unwrap_single_outputs: bool = True) -> Dict[str, Any]:
    """Standard-input problems become ``io`` tests; call-based ones (``fn_name``) become ``function`` tests.

    Call-based inputs are lists of arguments. APPS stores each call-based expected value wrapped in a one-element list
    (``[[1, 2]]`` for a function returning ``[1, 2]``), and its own checker accepts either the list or its element;
    ``unwrap_single_outputs`` takes the element, as most rows mean. A row whose function returns a one-element list
    stored unwrapped would then expect the bare element: turn it off for such a dataset. With ``class Solution`` in the
    starter code (LeetCode-style TACO rows), the entry point is ``Solution.<fn_name>``.
    """
    spec = loads(row.get("input_output"), "input_output")
    if not isinstance(spec, Mapping) or not spec.get("inputs"):
        raise UnsupportedRowError("input_output has no inputs")
    inputs, outputs = spec["inputs"], spec.get("outputs") or []
    if len(inputs) != len(outputs):
        raise UnsupportedRowError(f"input_output has {len(inputs)} inputs for {len(outputs)} outputs")
    fn_name = spec.get("fn_name")
    if not fn_name:
        return code_spec(language, io_tests(zip(inputs, outputs)))
    if language != "python":
        raise UnsupportedRowError("call-based APPS/TACO rows are Python functions")
    expected = [o[0] if unwrap_single_outputs and isinstance(o, list) and len(o) == 1 else o for o in outputs]
    starter = row.get("starter_code") or ""
    entry_point = f"Solution.{fn_name}" if re.search(r"^\s*class\s+Solution\b", starter, re.M) else fn_name
    return code_spec(language, function_tests(entry_point, zip(inputs, expected)))


# TACO keeps APPS's layout (and adds rows of its own in it).
taco_spec = apps_spec
