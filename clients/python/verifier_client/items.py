"""Verify items built from dataset values: a math gold answer, or a code spec (``{language, tests, limits?}``)."""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional


def math_item(completion: str, gold: Any, tolerance: Optional[float] = None) -> Dict[str, Any]:
    if gold is None or (isinstance(gold, str) and not gold.strip()):
        raise ValueError("a math item needs a gold answer")
    math: Dict[str, Any] = {"gold": gold if isinstance(gold, str) else str(gold)}
    if tolerance is not None:
        math["tolerance"] = tolerance
    return {"completion": completion, "math": math}


def code_spec(value: Any) -> Mapping[str, Any]:
    """A code spec from a dataset column: the object itself, or its JSON text (what Arrow-backed datasets store)."""
    spec = json.loads(value) if isinstance(value, (str, bytes)) else value
    if not isinstance(spec, Mapping) or "language" not in spec or "tests" not in spec:
        raise ValueError("a code spec is an object with at least `language` and `tests` (see docs/api.md)")
    return spec


def code_item(completion: str, spec: Any) -> Dict[str, Any]:
    # The completion goes in its own field and the tests in theirs: nothing of one is ever pasted into the other.
    return {"completion": completion, "code": dict(code_spec(spec))}


def format_item(completion: str, template: str = "r1", think_in_prompt: bool = False) -> Dict[str, Any]:
    fmt: Dict[str, Any] = {"template": template}
    if think_in_prompt:
        fmt["thinkInPrompt"] = True
    return {"completion": completion, "format": fmt}
