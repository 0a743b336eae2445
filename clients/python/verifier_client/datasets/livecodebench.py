"""LiveCodeBench code-generation rows.

``public_test_cases`` is JSON text: a list of ``{input, output, testtype}`` with testtype ``stdin`` or ``functional``.
``private_test_cases`` is the same list as JSON text, stored base64 of zlib of a pickle of that text. The pickle is
read by an Unpickler that refuses every global, so only plain values (str, list, dict, numbers) can come out of it:
a crafted row cannot make the loader construct an object or call a function.
"""

from __future__ import annotations

import base64
import io
import json
import pickle
import zlib
from typing import Any, Dict, List, Mapping

from .spec import UnsupportedRowError, code_spec, function_tests, io_tests, loads


class _PlainValues(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise UnsupportedRowError(f"private_test_cases holds a pickled {module}.{name}: only plain values are read")


def private_test_cases(value: Any) -> List[Mapping[str, Any]]:
    """The decoded private cases (plain JSON text is taken as it is, as older releases store it)."""
    if isinstance(value, list):
        return value
    if not isinstance(value, (str, bytes)) or not value:
        return []
    text = value.decode("ascii") if isinstance(value, bytes) else value
    if text.lstrip().startswith("["):
        return loads(text, "private_test_cases")
    try:
        unpickled = _PlainValues(io.BytesIO(zlib.decompress(base64.b64decode(text)))).load()
    except UnsupportedRowError:
        raise
    except Exception as error:  # a corrupt column: binascii, zlib and pickle each raise their own
        raise UnsupportedRowError(f"private_test_cases could not be decoded: {type(error).__name__}: {error}") from None
    cases = loads(unpickled, "private_test_cases") if isinstance(unpickled, (str, bytes)) else unpickled
    if not isinstance(cases, list):
        raise UnsupportedRowError("private_test_cases is not a list of cases")
    return cases


def livecodebench_spec(row: Mapping[str, Any], language: str = "python", include_private: bool = True) -> Dict[str, Any]:
    """``stdin`` cases become ``io`` tests; ``functional`` ones (LeetCode-style, ``metadata.func_name``) become
    ``function`` tests on ``Solution.<func_name>``, each input line one JSON argument. A row mixing both is refused.
    """
    cases = list(loads(row.get("public_test_cases") or "[]", "public_test_cases"))
    if include_private:
        cases += private_test_cases(row.get("private_test_cases"))
    if not cases:
        raise UnsupportedRowError("the row has no test cases")
    kinds = {case.get("testtype") for case in cases}
    if kinds == {"stdin"}:
        return code_spec(language, io_tests((c["input"], c["output"]) for c in cases))
    if kinds != {"functional"}:
        raise UnsupportedRowError(f"test types {sorted(map(str, kinds))}: one of stdin or functional per row")
    if language != "python":
        raise UnsupportedRowError("functional LiveCodeBench rows are Python methods")
    metadata = loads(row.get("metadata") or "{}", "metadata")
    func_name = metadata.get("func_name") if isinstance(metadata, Mapping) else None
    if not func_name:
        raise UnsupportedRowError("a functional row without metadata.func_name")
    return code_spec(language, function_tests(f"Solution.{func_name}", ((_arguments(c["input"]), _value(c["output"])) for c in cases)))


def _arguments(text: str) -> List[Any]:
    return [_value(line) for line in text.split("\n") if line.strip()]


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise UnsupportedRowError(f"a functional case value is not JSON: {text[:80]!r}") from None
