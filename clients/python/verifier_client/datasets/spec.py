"""What every adapter shares: the code spec it returns, and the error for a row it cannot express."""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Mapping, Optional

from ..results import Language

# The service's bounds on limits (Sandbox:MaxTimeMs, Sandbox:MinMemoryMb..MaxMemoryMb): a dataset's larger limits are
# clamped to them rather than sent as a 400.
MAX_TIME_MS = 20_000
MIN_MEMORY_MB = 32
MAX_MEMORY_MB = 2048


class UnsupportedRowError(ValueError):
    """A dataset row the adapter cannot turn into tests the service runs (and so must not be scored at all)."""


def code_spec(language: str, tests: Mapping[str, Any], time_ms: Optional[float] = None, memory_mb: Optional[float] = None) -> Dict[str, Any]:
    """``{language, tests, limits?}``, the ``code`` object of a verify item (docs/api.md)."""
    spec: Dict[str, Any] = {"language": language, "tests": dict(tests)}
    limits: Dict[str, int] = {}
    if time_ms:
        limits["timeMs"] = int(min(max(time_ms, 1), MAX_TIME_MS))
    if memory_mb:
        limits["memoryMb"] = int(min(max(memory_mb, MIN_MEMORY_MB), MAX_MEMORY_MB))
    if limits:
        spec["limits"] = limits
    return spec


def io_tests(pairs: Iterable[Any]) -> Dict[str, Any]:
    cases = [{"stdin": _text(stdin), "stdout": _text(stdout)} for stdin, stdout in pairs]
    if not cases:
        raise UnsupportedRowError("the row has no test cases")
    return {"kind": "io", "cases": cases}


def function_tests(entry_point: str, pairs: Iterable[Any]) -> Dict[str, Any]:
    cases = []
    for args, expected in pairs:
        if not isinstance(args, list):
            raise UnsupportedRowError(f"function test arguments must be a list, not {type(args).__name__}")
        cases.append({"args": args, "expected": expected})
    if not cases:
        raise UnsupportedRowError("the row has no test cases")
    return {"kind": "function", "entryPoint": entry_point, "cases": cases}


def assert_tests(entry_point: str, code: str) -> Dict[str, Any]:
    if not code.strip():
        raise UnsupportedRowError("the row has no test code")
    return {"kind": "assert", "entryPoint": entry_point, "code": code}


def check_supported(spec: Mapping[str, Any], languages: List[Language]) -> Mapping[str, Any]:
    """The spec itself when the service runs its language and test kind (``client.languages()``), else UnsupportedRowError."""
    by_name = {language.name: language for language in languages}
    language = by_name.get(spec["language"])
    if language is None:
        raise UnsupportedRowError(f"the service does not run {spec['language']!r} (it runs {sorted(by_name)})")
    kind = spec["tests"]["kind"]
    if kind not in language.test_kinds:
        raise UnsupportedRowError(f"{language.name} does not take {kind!r} tests (it takes {language.test_kinds})")
    return spec


def loads(value: Any, what: str) -> Any:
    """A JSON column that may already be decoded."""
    if isinstance(value, (str, bytes)):
        try:
            return json.loads(value)
        except ValueError as error:
            raise UnsupportedRowError(f"{what} is not valid JSON: {error}") from None
    return value


def _text(value: Any) -> str:
    # Some APPS/TACO rows store a case's text as a list of lines.
    if isinstance(value, list):
        return "\n".join(str(v) for v in value) + "\n"
    if not isinstance(value, str):
        raise UnsupportedRowError(f"a test's stdin/stdout must be text, not {type(value).__name__}")
    return value
