"""MultiPL-E rows (``language``, ``prompt``, ``tests``) as ``assert`` tests, laid out as the repository's .NET
MultiPL-E adapter lays them (tests/Verifier.Service.Benchmarks/MultiplE/MultiplEAdapter.cs): the same language map,
the same entry point rule, the same test-code rules. The completion is taken as it is, a whole program that closes its
function; the .NET benchmark's rules that rewrite a chat reply (a Java reply's class left open for the tests' ``main``,
a Rust or Java demo ``main`` removed) are dataset preparation this package does not apply to a policy's completion.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Optional

from .spec import UnsupportedRowError, assert_tests, code_spec

# MultiPL-E's file language codes and the service's names.
LANGUAGES = {
    "py": "python", "python": "python",
    "cpp": "cpp",
    "cs": "csharp",
    "java": "java",
    "go": "go", "go_test.go": "go",  # Go rows say "go_test.go"
    "rs": "rust",
    "js": "javascript",
    "ts": "typescript",
    "sh": "bash",
    "rb": "ruby",
    "php": "php",
    "lua": "lua",
    "pl": "perl",
}

_COMMENT_PREFIXES = ("#", "//", "/*", "*", "--")
_DEFINITION = re.compile(r"\b(?:def|sub|fn|func|function)\s+(?P<name>\w+)")
_CALL = re.compile(r"(?P<name>\w+)\s*\(")


def multipl_e_spec(row: Mapping[str, Any], language: Optional[str] = None) -> Dict[str, Any]:
    """``language`` overrides the row's code (useful when a file's rows carry another label)."""
    code = language or str(row.get("language") or "")
    ours = LANGUAGES.get(code)
    if ours is None:
        raise UnsupportedRowError(f"MultiPL-E language {code!r} has no service language (known: {sorted(LANGUAGES)})")
    prompt, tests = row.get("prompt") or "", row.get("tests") or ""
    if not tests.strip():
        raise UnsupportedRowError("a MultiPL-E row without tests")
    if ours == "cpp":
        tests = _cpp_tests(prompt, tests)
    elif ours == "csharp":
        tests = _csharp_tests(prompt, tests)
    elif ours == "python":
        tests = _python_tests(tests)
    else:
        tests = _without_leading_brace(tests)
    return code_spec(ours, assert_tests(entry_point(prompt), tests))


def entry_point(prompt: str) -> str:
    """The function the prompt leaves open: the last code line defining one with a keyword, else the name called on
    the last code line (C++, Java, C#, Bash headers)."""
    code = [line for line in prompt.split("\n") if line.strip() and not line.strip().startswith(_COMMENT_PREFIXES)]
    for line in reversed(code):
        match = _DEFINITION.search(line)
        if match:
            return match.group("name")
    match = _CALL.search(code[-1]) if code else None
    if not match:
        raise UnsupportedRowError("no function header in the prompt")
    return match.group("name")


def _without_leading_brace(tests: str) -> str:
    """The tests' first line closes the prompt's open function, which a whole program has already closed."""
    first, newline, rest = tests.partition("\n")
    return rest if newline and first.strip() == "}" else tests


def _cpp_tests(prompt: str, tests: str) -> str:
    """C++ tests are their own translation unit: they get the prompt's includes and the entry point's declaration."""
    header = prompt.rstrip()
    if not header.endswith("{"):
        raise UnsupportedRowError("a C++ prompt that does not end with its function's opening brace")
    return f"{header[:-1].rstrip()};\n{_without_leading_brace(tests)}"


def _csharp_tests(prompt: str, tests: str) -> str:
    """C# tests are a program of their own: the prompt's usings, and a class whose last brace the tests close."""
    usings = "\n".join(line for line in prompt.split("\n") if line.startswith("using "))
    return f"{usings}\nclass MultiplETests {{\n{_without_leading_brace(tests)}"


def _python_tests(tests: str) -> str:
    """Python rows end by calling ``check`` on the function by name; the service calls ``check(candidate)`` itself."""
    match = re.search(r"^(?:def test_check\(|check\()", tests, re.M)
    return tests[:match.start()] if match else tests
