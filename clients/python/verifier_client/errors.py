"""The exceptions the client raises. A failure is always an exception, never a reward of 0."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional


@dataclass(frozen=True)
class Problem:
    """An RFC 7807 problem document; ``errors`` maps a JSON path (``items[3].math.gold``) to its messages."""

    status: Optional[int] = None
    title: Optional[str] = None
    detail: Optional[str] = None
    type: Optional[str] = None
    errors: Dict[str, List[str]] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, body: bytes) -> Optional["Problem"]:
        """The document in ``body``, or None when it is not one (a proxy's HTML page, say)."""
        try:
            document = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(document, dict):
            return None
        errors = document.get("errors")
        fields = {}
        if isinstance(errors, dict):
            fields = {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in errors.items()}
        status = document.get("status")
        return cls(
            status=status if isinstance(status, int) else None,
            title=_text(document.get("title")),
            detail=_text(document.get("detail")),
            type=_text(document.get("type")),
            errors=fields,
            raw=document,
        )

    def describe(self) -> str:
        text = self.detail or self.title or ""
        if self.errors:
            text += " (" + "; ".join(f"{path}: {', '.join(messages)}" for path, messages in self.errors.items()) + ")"
        return text


def _text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None


class VerifierError(Exception):
    """Base of every error this package raises."""


class VerifierRequestError(VerifierError):
    """The service refused the request (a 4xx other than 408/429): sending it again cannot help."""

    def __init__(self, status: int, problem: Optional[Problem], path: str):
        self.status = status
        self.problem = problem
        self.path = path
        described = problem.describe() if problem else ""
        super().__init__(f"{path} returned {status}" + (f": {described}" if described else ""))

    @property
    def errors(self) -> Dict[str, List[str]]:
        """Validation messages by field path, empty when the service named none."""
        return dict(self.problem.errors) if self.problem else {}


class VerifierUnavailableError(VerifierError):
    """No replica gave an answer within the attempts allowed (connection errors, 429, 5xx)."""

    def __init__(self, message: str, status: Optional[int] = None, problem: Optional[Problem] = None):
        self.status = status
        self.problem = problem
        super().__init__(message)


class VerifierResponseError(VerifierError):
    """The service answered 2xx with something that is not a valid response (missing or extra results)."""
