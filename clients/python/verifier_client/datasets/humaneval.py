"""HumanEval, HumanEval+, MBPP and MBPP+ rows: Python ``assert`` tests, run as ``check(candidate)``.

The service's Python assert tests run in a process of their own that calls the submission's entry point through
``candidate``; the completion is never joined to them. The completion must define the entry point (a whole function, as
chat models write it), not continue the prompt.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Dict, List, Mapping, Optional, Sequence

from .spec import UnsupportedRowError, assert_tests, code_spec


def humaneval_spec(row: Mapping[str, Any]) -> Dict[str, Any]:
    """HumanEval / HumanEval+: ``test`` defines ``check(candidate)``; ``entry_point`` names the function.

    The prompt goes in front of the tests: some checks call the prompt's helpers (``poly`` in HumanEval/32,
    ``encode_cyclic`` in /38), which the service never takes from the submission (a ``poly`` that returns 0 would
    pass any answer): a test that uses a helper it does not define is not run (``infra_error``, reward null). The
    prompt's stub of the entry point is the submission's function in the judge (HumanEval/33 calls it by name).
    """
    entry_point = row.get("entry_point")
    test = row.get("test") or ""
    if not entry_point:
        raise UnsupportedRowError("a HumanEval row without entry_point")
    if not re.search(r"^def check\(", test, re.M):
        raise UnsupportedRowError("a HumanEval row whose test does not define check(candidate)")
    prompt = row.get("prompt") or ""
    return code_spec("python", assert_tests(entry_point, f"{prompt}\n\n{test}" if prompt.strip() else test))


def mbpp_spec(row: Mapping[str, Any]) -> Dict[str, Any]:
    """MBPP (``test_list``, ``test_setup_code``, ``test_imports``) and MBPP+ (a ``test`` script).

    MBPP's asserts call the function by its own name; they run inside ``check(candidate)`` with that name bound to
    ``candidate``. Setup code and imports run in the tests' process, before ``check``.
    """
    entry_point = row.get("entry_point") or _mbpp_entry_point(row)
    prelude = "\n".join(_lines(row.get("test_imports")) + [row.get("test_setup_code") or ""]).strip()
    test = row.get("test")
    if isinstance(test, str) and test.strip():
        if re.search(r"^def check\(", test, re.M):
            body = test
        else:
            body = _check_function(entry_point, test)
    else:
        asserts = _lines(row.get("test_list"))
        if not asserts:
            raise UnsupportedRowError("an MBPP row with neither test nor test_list")
        body = _check_function(entry_point, "\n".join(asserts))
    return code_spec("python", assert_tests(entry_point, f"{prelude}\n\n{body}" if prelude else body))


def _check_function(entry_point: str, script: str) -> str:
    return f"def check(candidate):\n    {entry_point} = candidate\n" + textwrap.indent(script.strip("\n"), "    ") + "\n"


def _mbpp_entry_point(row: Mapping[str, Any]) -> str:
    """The function the tests call that the reference code defines (MBPP rows name it nowhere else)."""
    defined = re.findall(r"^def\s+(\w+)\s*\(", row.get("code") or "", re.M)
    tests = "\n".join(_lines(row.get("test_list"))) + "\n" + (row.get("test") or "")
    called = set(re.findall(r"\b(\w+)\s*\(", tests))
    for name in defined:
        if name in called:
            return name
    raise UnsupportedRowError("cannot tell which function the MBPP tests call: give the row an entry_point")


def _lines(value: Optional[Any]) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Sequence):
        return [str(v) for v in value if str(v).strip()]
    raise UnsupportedRowError(f"expected text or a list of lines, not {type(value).__name__}")
