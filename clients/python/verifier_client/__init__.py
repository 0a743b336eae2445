"""Client for the reward verifier service (standard library only, Python 3.9+).

    from verifier_client import VerifierClient
    client = VerifierClient("http://127.0.0.1:8080", api_key="...")
    [result] = client.verify([{"completion": "\\\\boxed{2}", "math": {"gold": "2"}}])
    result.reward   # 1.0, 0.0, or None when unknown: None is never 0

TRL reward functions are in ``verifier_client.rewards.trl``, verl's ``compute_score`` in ``verifier_client.rewards.verl``,
dataset adapters (APPS, TACO, CodeContests, LiveCodeBench, HumanEval, MBPP, MultiPL-E) in ``verifier_client.datasets``.
"""

from .aio import AsyncVerifierClient
from .client import VerifierClient
from .errors import Problem, VerifierError, VerifierRequestError, VerifierResponseError, VerifierUnavailableError
from .options import ClientOptions
from .results import CodeDetail, CompileOutcome, Language, ProgramOutcome, RunResult, TestOutcome, VerifyResult

__all__ = [
    "AsyncVerifierClient",
    "ClientOptions",
    "CodeDetail",
    "CompileOutcome",
    "Language",
    "Problem",
    "ProgramOutcome",
    "RunResult",
    "TestOutcome",
    "VerifierClient",
    "VerifierError",
    "VerifierRequestError",
    "VerifierResponseError",
    "VerifierUnavailableError",
    "VerifyResult",
]
__version__ = "0.1.0"
