"""A standard-library client for the verifier service, and a TRL-style GRPO reward function.

Usage from a trainer (TRL's GRPOTrainer takes any callable with this signature):

    from verifier_client import VerifierClient, math_reward

    client = VerifierClient("http://127.0.0.1:8080", api_key="...")
    trainer = GRPOTrainer(..., reward_funcs=[math_reward(client)])

Each reward function returns one float per completion, or None where the verifier could not score it
(TRL treats None as "no reward for this sample"). Never substitute 0 for None: an infrastructure
failure scored as 0 teaches the policy that its correct answer was wrong.

Run this file to check a live service: python3 verifier_client.py --url http://127.0.0.1:8080 --api-key KEY
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import urllib.error
import urllib.request
import uuid
from typing import Any, Iterable, Iterator, Sequence

__all__ = ["VerifierClient", "VerifierError", "math_reward", "code_reward", "format_reward"]

RETRYABLE = {408, 429, 500, 502, 503, 504}


class VerifierError(Exception):
    """The service refused the request (4xx other than 429) or kept failing after every retry."""

    def __init__(self, status: int, problem: dict[str, Any] | None, message: str):
        super().__init__(message)
        self.status = status
        self.problem = problem or {}


class VerifierClient:
    def __init__(self, base_url: str, api_key: str, timeout: float = 300.0, retries: int = 4, batch_size: int = 512):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.batch_size = batch_size

    def verify(self, items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Scores items; results come back in input order. Large inputs are split into batches."""
        results: list[dict[str, Any]] = []
        for start in range(0, len(items), self.batch_size):
            batch = list(items[start:start + self.batch_size])
            body = self._post("/v1/verify", {"items": batch})
            results.extend(json.loads(body)["results"])
        return results

    def stream(self, items: Sequence[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Yields results as the service finishes them (each carries its item "index")."""
        request = self._request("/v1/verify/stream", {"items": list(items)}, str(uuid.uuid4()))
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            for line in response:
                if line.strip():
                    yield json.loads(line)

    def languages(self) -> list[dict[str, Any]]:
        request = urllib.request.Request(self.base_url + "/v1/languages", headers=self._headers())
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read())["languages"]

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"}

    def _request(self, path: str, payload: dict[str, Any], idempotency_key: str) -> urllib.request.Request:
        headers = self._headers() | {"Idempotency-Key": idempotency_key}
        return urllib.request.Request(self.base_url + path, data=json.dumps(payload).encode(), headers=headers, method="POST")

    def _post(self, path: str, payload: dict[str, Any]) -> bytes:
        # One key for every attempt: a retry after a lost response returns the stored results
        # instead of running the programs again.
        key = str(uuid.uuid4())
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(self._request(path, payload, key), timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                problem = _problem(error)
                if error.code not in RETRYABLE or attempt == self.retries:
                    detail = problem.get("detail") or problem.get("title") or error.reason
                    raise VerifierError(error.code, problem, f"{error.code}: {detail} {problem.get('errors', '')}".strip()) from None
                time.sleep(_backoff(attempt, error.headers.get("Retry-After")))
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                if attempt == self.retries:
                    raise VerifierError(0, None, f"verifier unreachable: {error}") from None
                time.sleep(_backoff(attempt, None))
        raise AssertionError("unreachable")


def _problem(error: urllib.error.HTTPError) -> dict[str, Any]:
    try:
        return json.loads(error.read() or b"{}")
    except ValueError:
        return {}


def _backoff(attempt: int, retry_after: str | None) -> float:
    if retry_after and retry_after.isdigit():
        return float(retry_after)
    return min(10.0, 0.25 * 2 ** attempt) * (0.5 + random.random() / 2)


def _text(completion: Any) -> str:
    # TRL passes plain strings, or chat messages for conversational datasets.
    if isinstance(completion, list):
        return "".join(message.get("content", "") for message in completion)
    return str(completion)


def math_reward(client: VerifierClient, with_format: bool = True):
    """R1's reward: accuracy against the dataset's `solution` column, plus the format reward."""

    def reward(completions: Sequence[Any], solution: Sequence[str], **_: Any) -> list[float | None]:
        items = [
            {"completion": _text(c), "math": {"gold": gold}} | ({"format": {"template": "r1"}} if with_format else {})
            for c, gold in zip(completions, solution)
        ]
        return [r["reward"] for r in client.verify(items)]

    reward.__name__ = "verifier_math_reward"
    return reward


def code_reward(client: VerifierClient, language: str = "python"):
    """Accuracy from running the completion's code against the dataset's `tests` column (the API's tests object)."""

    def reward(completions: Sequence[Any], tests: Sequence[dict[str, Any]], **_: Any) -> list[float | None]:
        items = [{"completion": _text(c), "code": {"language": language, "tests": t}} for c, t in zip(completions, tests)]
        return [r["reward"] for r in client.verify(items)]

    reward.__name__ = "verifier_code_reward"
    return reward


def format_reward(client: VerifierClient):
    def reward(completions: Sequence[Any], **_: Any) -> list[float | None]:
        return [r["reward"] for r in client.verify([{"completion": _text(c), "format": {"template": "r1"}} for c in completions])]

    reward.__name__ = "verifier_format_reward"
    return reward


def _check_live_service(url: str, api_key: str) -> int:
    """Exercises the client against a running service; exits non-zero on any surprise."""
    client = VerifierClient(url, api_key)
    reward = math_reward(client)
    completions = [
        "<think>1/2 is a half</think><answer>\\boxed{0.5}</answer>",
        "<think>guess</think><answer>7</answer>",
        "no tags at all: \\boxed{\\frac{1}{2}}",
    ]
    rewards = reward(completions, solution=["\\frac{1}{2}"] * 3)
    expected = [2.0, 1.0, 1.0]
    failures = []
    if rewards != expected:
        failures.append(f"math_reward: expected {expected}, got {rewards}")

    languages = {language["name"] for language in client.languages()}
    if "python" in languages:
        tests = {"kind": "io", "cases": [{"stdin": "2 3\n", "stdout": "5\n"}]}
        good = "<answer>```python\na, b = map(int, input().split())\nprint(a + b)\n```</answer>"
        bad = "<answer>```python\nprint(6)\n```</answer>"
        code = code_reward(client)([good, bad], tests=[tests, tests])
        if code != [1.0, 0.0]:
            failures.append(f"code_reward: expected [1.0, 0.0], got {code}")

    streamed = sorted(r["index"] for r in client.stream([{"completion": c, "format": {"template": "r1"}} for c in completions]))
    if streamed != [0, 1, 2]:
        failures.append(f"stream: expected indices [0, 1, 2], got {streamed}")

    try:
        client.verify([{"completion": "x"}])
        failures.append("an item with nothing to score was accepted")
    except VerifierError as error:
        if error.status != 400:
            failures.append(f"invalid item: expected 400, got {error.status}")

    for failure in failures:
        print("FAIL", failure, file=sys.stderr)
    print(f"python client: {'ok' if not failures else 'failed'} (rewards {rewards}, languages {sorted(languages)})")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--api-key", required=True)
    arguments = parser.parse_args()
    sys.exit(_check_live_service(arguments.url, arguments.api_key))
