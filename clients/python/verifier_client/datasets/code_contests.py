"""DeepMind CodeContests rows: ``public_tests``, ``private_tests``, ``generated_tests`` as ``{input: [...], output: [...]}``."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence

from .spec import UnsupportedRowError, code_spec, io_tests

TEST_SETS = ("public_tests", "private_tests", "generated_tests")


def code_contests_spec(row: Mapping[str, Any], language: str = "python", test_sets: Sequence[str] = TEST_SETS) -> Dict[str, Any]:
    """``io`` tests from the chosen test sets, in that order, with the row's time and memory limits (clamped to the
    service's bounds). The completion's language is the trainer's choice; the row's tests are language-free.
    """
    pairs = []
    for name in test_sets:
        tests = row.get(name) or {}
        inputs, outputs = tests.get("input") or [], tests.get("output") or []
        if len(inputs) != len(outputs):
            raise UnsupportedRowError(f"{name} has {len(inputs)} inputs for {len(outputs)} outputs")
        pairs.extend(zip(inputs, outputs))
    if not pairs:
        raise UnsupportedRowError(f"the row has no tests in {list(test_sets)}")
    return code_spec(language, io_tests(pairs), time_ms=_time_ms(row.get("time_limit")), memory_mb=_memory_mb(row.get("memory_limit_bytes")))


def _time_ms(limit: Any) -> Optional[float]:
    # A protobuf Duration as the Hugging Face copy stores it: {"seconds": 2, "nanos": 500000000}.
    if isinstance(limit, Mapping):
        return (limit.get("seconds") or 0) * 1000 + (limit.get("nanos") or 0) / 1e6 or None
    return None


def _memory_mb(limit_bytes: Any) -> Optional[float]:
    return limit_bytes / (1024 * 1024) if isinstance(limit_bytes, (int, float)) and limit_bytes > 0 else None
