"""Typed views of the service's JSON results. ``None`` means unknown and stays ``None``: nothing here turns it into 0."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

# Verdicts that say the answer is right, and those that say it is wrong because of what the completion did.
# Everything else (undecided, infra_error, timeout, cancelled, error, and the format-only verdicts) decides nothing
# about correctness, so `correct` is None there.
_CORRECT = frozenset({"correct", "accepted"})
_WRONG = frozenset({
    "wrong", "no_answer", "wrong_answer", "compile_error", "runtime_error", "time_limit", "memory_limit",
    "output_limit", "no_code",
})
# Run statuses that mean the service could not run the program: nothing the program did.
_RUN_UNKNOWN = frozenset({"infra_error", "timeout", "cancelled", "error"})


def _number(value: Any) -> Optional[float]:
    # bool is an int in Python; a JSON true is never a score.
    if value is None or isinstance(value, bool):
        return None
    return float(value)


@dataclass(frozen=True)
class TestOutcome:
    index: int
    verdict: str
    reason: Optional[str] = None
    score: Optional[float] = None
    cpu_ms: Optional[float] = None
    wall_ms: Optional[float] = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TestOutcome":
        return cls(
            index=int(data.get("index", 0)),
            verdict=str(data.get("verdict", "")),
            reason=data.get("reason"),
            score=_number(data.get("score")),
            cpu_ms=_number(data.get("cpuMs")),
            wall_ms=_number(data.get("wallMs")),
        )


@dataclass(frozen=True)
class CodeDetail:
    verdict: str
    pass_fraction: float
    tests_run: int
    tests_total: int
    tests: List[TestOutcome] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CodeDetail":
        return cls(
            verdict=str(data.get("verdict", "")),
            pass_fraction=float(data.get("passFraction") or 0.0),
            tests_run=int(data.get("testsRun") or 0),
            tests_total=int(data.get("testsTotal") or 0),
            tests=[TestOutcome.from_json(t) for t in data.get("tests") or []],
        )


@dataclass(frozen=True)
class VerifyResult:
    """One item's outcome. ``reward`` is None when unknown: give such a sample zero advantage, never 0 reward."""

    index: int
    verdict: str
    reward: Optional[float]
    accuracy: Optional[float] = None
    format: Optional[float] = None
    id: Optional[str] = None
    reason: Optional[str] = None
    extracted: Optional[str] = None
    code: Optional[CodeDetail] = None
    components: Dict[str, Optional[float]] = field(default_factory=dict)
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def unknown(self) -> bool:
        """The service could not score the item (not the completion's doing)."""
        return self.reward is None

    @property
    def correct(self) -> Optional[bool]:
        """True or False when the verdict decides correctness; None when unknown or when the item had no answer check."""
        if self.verdict in _CORRECT:
            return True
        if self.verdict in _WRONG:
            return False
        return None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "VerifyResult":
        detail = data.get("detail") or {}
        code = detail.get("code")
        components = detail.get("components") or {}
        return cls(
            index=int(data["index"]),
            verdict=str(data.get("verdict", "")),
            reward=_number(data.get("reward")),
            accuracy=_number(data.get("accuracy")),
            format=_number(data.get("format")),
            id=data.get("id"),
            reason=data.get("reason"),
            extracted=detail.get("extracted"),
            code=CodeDetail.from_json(code) if isinstance(code, dict) else None,
            components={str(k): _number(v) for k, v in components.items()},
            detail=detail,
        )


@dataclass(frozen=True)
class CompileOutcome:
    status: str
    output: Optional[str] = None
    time_ms: Optional[float] = None


@dataclass(frozen=True)
class ProgramOutcome:
    status: str
    stdout: str
    stderr: str
    exit_code: Optional[int] = None
    signal: Optional[str] = None
    cpu_ms: Optional[float] = None
    wall_ms: Optional[float] = None
    memory_kb: Optional[int] = None


@dataclass(frozen=True)
class RunResult:
    """One program run by ``/v1/run``: what it printed, how it ended."""

    index: int
    status: str
    id: Optional[str] = None
    reason: Optional[str] = None
    compile: Optional[CompileOutcome] = None
    run: Optional[ProgramOutcome] = None
    files: List[Mapping[str, Any]] = field(default_factory=list)

    @property
    def unknown(self) -> bool:
        """The service could not run the program (infra_error, timeout, cancelled)."""
        return self.status in _RUN_UNKNOWN

    @property
    def stdout(self) -> Optional[str]:
        return self.run.stdout if self.run else None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "RunResult":
        compiled = data.get("compile")
        ran = data.get("run")
        return cls(
            index=int(data["index"]),
            status=str(data.get("status", "")),
            id=data.get("id"),
            reason=data.get("reason"),
            compile=CompileOutcome(
                status=str(compiled.get("status", "")), output=compiled.get("output"), time_ms=_number(compiled.get("timeMs"))
            ) if isinstance(compiled, dict) else None,
            run=ProgramOutcome(
                status=str(ran.get("status", "")),
                stdout=ran.get("stdout") or "",
                stderr=ran.get("stderr") or "",
                exit_code=ran.get("exitCode"),
                signal=ran.get("signal"),
                cpu_ms=_number(ran.get("cpuMs")),
                wall_ms=_number(ran.get("wallMs")),
                memory_kb=ran.get("memoryKb"),
            ) if isinstance(ran, dict) else None,
            files=list(data.get("files") or []),
        )


@dataclass(frozen=True)
class Language:
    name: str
    version: str
    test_kinds: List[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Language":
        return cls(name=str(data["name"]), version=str(data.get("version", "")), test_kinds=list(data.get("testKinds") or []))
