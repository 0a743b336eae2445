"""Integration tests against a real verifier (VERIFIER_URL, VERIFIER_API_KEY): real scoring, real sandboxes.

They skip without those variables, and fail instead where VERIFIER_REQUIRE_SERVICE=1 (see conftest.py).
"""

from __future__ import annotations

import asyncio
import json

import pytest

from verifier_client import AsyncVerifierClient, ClientOptions, VerifierClient, VerifierRequestError
from verifier_client.datasets import apps_spec, check_supported, humaneval_spec
from verifier_client.rewards import trl, verl

pytestmark = pytest.mark.integration

SUM_TESTS = {"kind": "io", "cases": [{"stdin": "2 3\n", "stdout": "5\n"}, {"stdin": "10 -4\n", "stdout": "6\n"}]}
SUM_RIGHT = "<answer>```python\na, b = map(int, input().split())\nprint(a + b)\n```</answer>"
SUM_WRONG = "<answer>```python\nprint(5)\n```</answer>"

HUMANEVAL_ROW = {
    "task_id": "HumanEval/53",
    "prompt": "\n\ndef add(x: int, y: int):\n    \"\"\"Add two numbers x and y\n    >>> add(2, 3)\n    5\n    \"\"\"\n",
    "canonical_solution": "    return x + y\n",
    "test": "\n\nMETADATA = {}\n\n\ndef check(candidate):\n    assert candidate(0, 1) == 1\n    assert candidate(5, 7) == 12\n"
            "    assert candidate(7, 5) == 12\n",
    "entry_point": "add",
}
APPS_CALL_ROW = {
    "input_output": json.dumps({"fn_name": "max_pair", "inputs": [[[1, 5, 3]], [[-2, -1]]], "outputs": [[8], [-3]]}),
    "starter_code": "def max_pair(nums):\n\t",
}


def fenced(code: str) -> str:
    return f"```python\n{code}\n```"


def test_math_right_wrong_and_unknown(live: VerifierClient):
    right, wrong, unknown = live.verify([
        {"completion": "<think>half</think><answer>\\boxed{0.5}</answer>", "math": {"gold": "\\frac{1}{2}"}},
        {"completion": "<think>guess</think><answer>\\boxed{7}</answer>", "math": {"gold": "\\frac{1}{2}"}},
        {"completion": "\\boxed{7}", "math": {"gold": "\\frac{1}{"}},
    ])

    assert (right.reward, right.correct, right.verdict) == (1.0, True, "correct")
    assert (wrong.reward, wrong.correct, wrong.verdict) == (0.0, False, "wrong")
    assert unknown.reward is None and unknown.unknown and unknown.correct is None


def test_code_that_passes_and_code_that_fails(live: VerifierClient):
    spec = {"language": "python", "tests": SUM_TESTS}
    passed, failed = live.verify([{"completion": SUM_RIGHT, "code": spec}, {"completion": SUM_WRONG, "code": spec}])

    assert (passed.reward, passed.verdict, passed.code.tests_total) == (1.0, "accepted", 2)
    assert (failed.reward, failed.verdict, failed.correct) == (0.0, "wrong_answer", False)


def test_run_returns_what_the_program_printed(live: VerifierClient):
    ok, broken = live.run([
        {"id": "reverse", "language": "python", "code": "import sys\nprint(sys.stdin.read()[::-1])", "stdin": "abc"},
        {"language": "python", "code": "raise SystemExit(3)"},
    ])

    assert (ok.id, ok.status, ok.stdout) == ("reverse", "ok", "cba\n")
    assert broken.status == "runtime_error" and broken.run.exit_code == 3 and not broken.unknown


def test_stream_yields_every_item_once_with_its_input_index(live: VerifierClient):
    items = [{"id": f"q{i}", "completion": f"\\boxed{{{i}}}", "math": {"gold": str(i if i % 2 else i + 1)}} for i in range(6)]

    streamed = list(live.verify_stream(items))

    assert sorted(r.index for r in streamed) == list(range(6))
    for result in streamed:
        assert result.id == f"q{result.index}"
        assert result.reward == (1.0 if result.index % 2 else 0.0)


def test_batches_split_by_the_client_come_back_in_input_order(live_service):
    small = VerifierClient(*live_service, ClientOptions(batch_size=3))
    items = [{"id": f"q{i}", "completion": f"\\boxed{{{i}}}", "math": {"gold": "4"}} for i in range(8)]

    results = small.verify(items)

    assert [r.id for r in results] == [f"q{i}" for i in range(8)]
    assert [r.reward for r in results] == [1.0 if i == 4 else 0.0 for i in range(8)]


def test_validation_errors_carry_the_field(live: VerifierClient):
    with pytest.raises(VerifierRequestError) as raised:
        live.verify([{"completion": "x"}])
    assert raised.value.status == 400 and "items[0]" in raised.value.errors


def test_humaneval_row_scores_its_canonical_solution_1_and_a_wrong_one_0(live: VerifierClient):
    spec = check_supported(humaneval_spec(HUMANEVAL_ROW), live.languages())
    canonical = fenced(HUMANEVAL_ROW["prompt"] + HUMANEVAL_ROW["canonical_solution"])
    wrong = fenced(HUMANEVAL_ROW["prompt"] + "    return x - y\n")

    right, bad = live.verify([{"completion": canonical, "code": spec}, {"completion": wrong, "code": spec}])

    assert (right.reward, right.verdict) == (1.0, "accepted")
    assert (bad.reward, bad.verdict) == (0.0, "wrong_answer")


def test_apps_call_based_row_scores_a_right_function_1_and_a_wrong_one_0(live: VerifierClient):
    spec = check_supported(apps_spec(APPS_CALL_ROW), live.languages())
    right = fenced("def max_pair(nums):\n    a, b = sorted(nums)[-2:]\n    return a + b")
    wrong = fenced("def max_pair(nums):\n    return max(nums)")

    good, bad = live.verify([{"completion": right, "code": spec}, {"completion": wrong, "code": spec}])

    assert (good.reward, bad.reward) == (1.0, 0.0)


def test_trl_reward_functions_against_the_service(live: VerifierClient):
    logged = {}
    math = trl.math_reward(live)(["p"] * 3, [[{"role": "assistant", "content": "\\boxed{2}"}], "\\boxed{3}", "\\boxed{2}"],
                                 solution=["2", "2", "\\frac{1}{"], log_metric=logged.__setitem__)
    code = trl.code_reward(live)(["p"] * 2, [SUM_RIGHT, SUM_WRONG],
                                 code_spec=[json.dumps({"language": "python", "tests": SUM_TESTS})] * 2)
    fmt = trl.format_reward(live)(["p"] * 2, ["<think>a</think><answer>b</answer>", "just b"])

    assert math == [1.0, 0.0, None] and logged["verifier_math/unknown_rate"] == pytest.approx(1 / 3)
    assert code == [1.0, 0.0]
    assert fmt == [1.0, 0.0]


def test_async_client_and_async_reward_against_the_service(live_service):
    async def main():
        async with AsyncVerifierClient(*live_service) as client:
            rewards = await trl.math_reward_async(client)(["p", "p"], ["\\boxed{4}", "\\boxed{5}"], answer=["4", "4"])
            streamed = [r.index async for r in client.verify_stream([{"completion": "\\boxed{1}", "math": {"gold": "1"}}] * 3)]
            return rewards, sorted(streamed)

    assert asyncio.run(main()) == ([1.0, 0.0], [0, 1, 2])


def test_verl_batch_scores_math_and_code_in_one_call(live: VerifierClient):
    scores = verl.compute_score_batch(
        ["math", "math", "code"], ["\\boxed{2}", "\\boxed{3}", SUM_RIGHT],
        ["2", "2", json.dumps({"language": "python", "tests": SUM_TESTS})], [None] * 3, client=live)

    assert scores == [{"score": 1.0, "unknown": 0.0}, {"score": 0.0, "unknown": 0.0}, {"score": 1.0, "unknown": 0.0}]
