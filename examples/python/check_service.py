"""Checks a running verifier through the Python package in clients/python, printing one success line.

    python3 examples/python/check_service.py --url http://127.0.0.1:8080 --api-key KEY

Uses the installed package (pip install ./clients/python), else the checkout's copy. Exits 1 on any surprise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

try:
    import verifier_client  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

from verifier_client import VerifierClient, VerifierRequestError  # noqa: E402
from verifier_client.datasets import humaneval_spec  # noqa: E402
from verifier_client.rewards import trl  # noqa: E402

SUM = {"language": "python", "tests": {"kind": "io", "cases": [{"stdin": "2 3\n", "stdout": "5\n"}]}}
ADD_ROW = {
    "prompt": "def add(x: int, y: int):\n    \"\"\"Add two numbers.\"\"\"\n",
    "canonical_solution": "    return x + y\n",
    "test": "def check(candidate):\n    assert candidate(2, 3) == 5\n",
    "entry_point": "add",
}


def check(client: VerifierClient) -> list:
    failures = []

    def expect(what, got, wanted):
        if got != wanted:
            failures.append(f"{what}: expected {wanted}, got {got}")

    expect("math reward", trl.math_reward(client)(
        [""] * 3, ["<answer>\\boxed{0.5}</answer>", "<answer>\\boxed{7}</answer>", "\\boxed{1}"],
        solution=["\\frac{1}{2}", "\\frac{1}{2}", "\\frac{1}{"]), [1.0, 0.0, None])
    expect("format reward", trl.format_reward(client)([""] * 2, ["<think>a</think><answer>b</answer>", "b"]), [1.0, 0.0])
    expect("code reward", trl.code_reward(client)(
        [""] * 2, ["```python\na, b = map(int, input().split())\nprint(a + b)\n```", "```python\nprint(6)\n```"],
        code_spec=[SUM, SUM]), [1.0, 0.0])
    humaneval = humaneval_spec(ADD_ROW)
    expect("HumanEval canonical solution", [r.reward for r in client.verify([
        {"completion": f"```python\n{ADD_ROW['prompt']}{ADD_ROW['canonical_solution']}```", "code": humaneval}])], [1.0])
    streamed = sorted(r.index for r in client.verify_stream([{"completion": "\\boxed{1}", "math": {"gold": "1"}}] * 3))
    expect("stream indices", streamed, [0, 1, 2])
    expect("run stdout", [r.stdout for r in client.run([{"language": "python", "code": "print(input()[::-1])", "stdin": "abc"}])], ["cba\n"])
    try:
        client.verify([{"completion": "x"}])
        failures.append("an item with nothing to score was accepted")
    except VerifierRequestError as error:
        expect("invalid item", (error.status, "items[0]" in error.errors), (400, True))
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="one base URL, or several comma-separated")
    parser.add_argument("--api-key", required=True)
    arguments = parser.parse_args()
    client = VerifierClient(arguments.url, arguments.api_key)
    failures = check(client)
    for failure in failures:
        print("FAIL", failure, file=sys.stderr)
    languages = sorted(language.name for language in client.languages())
    print(f"python client: {'failed' if failures else 'ok'} (languages {', '.join(languages)})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
