"""Dataset adapters on rows shaped as the published datasets shape them."""

from __future__ import annotations

import base64
import gzip
import json
import pickle
import zlib
from pathlib import Path

import pytest

from verifier_client import Language
from verifier_client.datasets import (
    UnsupportedRowError,
    apps_spec,
    check_supported,
    code_contests_spec,
    humaneval_spec,
    livecodebench_spec,
    mbpp_spec,
    multipl_e_spec,
    private_test_cases,
)
from verifier_client.datasets.multipl_e import entry_point

DATA = Path("/work/shared/data/code")

APPS_STDIN = {
    "problem_id": 4,
    "question": "Print the sum of two integers.",
    "solutions": json.dumps(["a, b = map(int, input().split())\nprint(a + b)\n"]),
    "input_output": json.dumps({"inputs": ["2 3\n", "-1 1\n"], "outputs": ["5\n", "0\n"]}),
    "difficulty": "introductory",
    "starter_code": "",
}
APPS_CALL = {
    "problem_id": 2345,
    "input_output": json.dumps({"fn_name": "pair_sum", "inputs": [[[1, 2, 3], 4], [[5], 5]], "outputs": [[True], [False]]}),
    "starter_code": "def pair_sum(nums, target):\n\t",
}
TACO_LEETCODE = {
    "input_output": json.dumps({"fn_name": "twoSum", "inputs": [[[2, 7, 11, 15], 9]], "outputs": [[[0, 1]]]}),
    "starter_code": "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        ",
}
HUMANEVAL = {
    "task_id": "HumanEval/53",
    "prompt": "\n\ndef add(x: int, y: int):\n    \"\"\"Add two numbers x and y\n    >>> add(2, 3)\n    5\n    \"\"\"\n",
    "canonical_solution": "    return x + y\n",
    "test": "\n\nMETADATA = {}\n\n\ndef check(candidate):\n    assert candidate(0, 1) == 1\n    assert candidate(5, 7) == 12\n\n",
    "entry_point": "add",
}
MBPP = {
    "task_id": 11,
    "text": "Write a python function to remove first and last occurrence of a given character from the string.",
    "code": "def remove_Occ(s,ch): \r\n    s = s.replace(ch, '', 1)\r\n    s = s[::-1].replace(ch, '', 1)\r\n    return s[::-1]",
    "test_list": ['assert remove_Occ("hello","l") == "heo"', 'assert remove_Occ("abcda","a") == "bcd"'],
    "test_setup_code": "",
    "challenge_test_list": [],
}
MBPP_PLUS = {
    "task_id": 2,
    "code": "def similar_elements(test_tup1, test_tup2):\n  return tuple(set(test_tup1) & set(test_tup2))",
    "test_imports": [],
    "test_list": ["assert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))"],
    "test": "import math\n\ndef assertion(out, exp, atol):\n    assert out == exp\n\ninputs = [[(3, 4), (4, 5)]]\nresults = [(4,)]\nfor i, (inp, exp) in enumerate(zip(inputs, results)):\n    assertion(similar_elements(*inp), exp, 0)\n",
}
CODE_CONTESTS = {
    "name": "1548_A. Web of Lies",
    "public_tests": {"input": ["4 3\n2 1\n"], "output": ["2\n"]},
    "private_tests": {"input": ["1 0\n"], "output": ["1\n"]},
    "generated_tests": {"input": ["3 0\n", "2 1\n"], "output": ["3\n", "1\n"]},
    "time_limit": {"seconds": 2, "nanos": 500000000},
    "memory_limit_bytes": 256000000,
}
MULTIPL_E_CPP = {
    "name": "HumanEval_53_add",
    "language": "cpp",
    "prompt": "#include<assert.h>\n#include<bits/stdc++.h>\n// Add two numbers x and y\nlong add(long x, long y) {\n",
    "tests": "}\nint main() {\n    auto candidate = add;\n    assert(candidate((0), (1)) == (1));\n}\n",
}
MULTIPL_E_CS = {
    "name": "HumanEval_53_add",
    "language": "cs",
    "prompt": "using System;\nusing System.Diagnostics;\nclass Problem {\n    // Add two numbers\n    public static long Add(long x, long y) {\n",
    "tests": "    }\n    public static void Main(string[] args) {\n    Debug.Assert(Add((0L), (1L)) == (1L));\n    }\n\n}\n",
}
MULTIPL_E_SH = {
    "name": "HumanEval_53_add",
    "language": "sh",
    "prompt": "#!/bin/bash\n# Add two numbers x and y\n# $1 is an integer\nadd() {\n",
    "tests": "}\n\ncandidate() {\n    add \"$@\"\n}\n\nset -e\nrun_test() {\n    [[ $(candidate \"0\" \"1\") = \"1\" ]]\n}\n\nrun_test",
}
MULTIPL_E_PY = {
    "name": "HumanEval_53_add",
    "language": "py",
    "prompt": "def add(x: int, y: int) -> int:\n    \"\"\"Add two numbers\"\"\"\n",
    "tests": "def check(candidate):\n    assert candidate(0, 1) == 1\n\ndef test_check():\n    check(add)\n\ntest_check()\n",
}


def lcb_private(cases, *, pickled=None):
    """LiveCodeBench's encoding: base64(zlib(pickle(json text)))."""
    payload = pickled if pickled is not None else pickle.dumps(json.dumps(cases))
    return base64.b64encode(zlib.compress(payload)).decode()


LIVECODEBENCH_STDIN = {
    "question_title": "A. Two Sums",
    "public_test_cases": json.dumps([{"input": "2 3\n", "output": "5\n", "testtype": "stdin"}]),
    "private_test_cases": lcb_private([{"input": "10 20\n", "output": "30\n", "testtype": "stdin"}]),
    "metadata": "{}",
}
LIVECODEBENCH_FUNCTIONAL = {
    "question_title": "count-pairs",
    "public_test_cases": json.dumps([{"input": "[1, 2, 3]\n4", "output": "1", "testtype": "functional"}]),
    "private_test_cases": lcb_private([{"input": "[5]\n5", "output": "0", "testtype": "functional"}]),
    "metadata": json.dumps({"func_name": "countPairs"}),
    "starter_code": "class Solution:\n    def countPairs(self, nums: List[int], target: int) -> int:\n        ",
}

ALL_LANGUAGES = [Language(n, "", ["io", "function", "assert"] if n in ("python", "cpp", "csharp", "javascript", "typescript") else ["io", "assert"])
                 for n in ("bash", "cpp", "csharp", "go", "java", "javascript", "lua", "perl", "php", "python", "ruby", "rust", "typescript")]


def test_apps_stdin_rows_become_io_tests():
    spec = apps_spec(APPS_STDIN)
    assert spec == {"language": "python", "tests": {"kind": "io", "cases": [
        {"stdin": "2 3\n", "stdout": "5\n"}, {"stdin": "-1 1\n", "stdout": "0\n"}]}}


def test_apps_call_based_rows_become_function_tests_with_lists_of_args_and_unwrapped_outputs():
    tests = apps_spec(APPS_CALL)["tests"]
    assert tests == {"kind": "function", "entryPoint": "pair_sum", "cases": [
        {"args": [[1, 2, 3], 4], "expected": True}, {"args": [[5], 5], "expected": False}]}
    assert apps_spec(APPS_CALL, unwrap_single_outputs=False)["tests"]["cases"][0]["expected"] == [True]


def test_taco_leetcode_rows_call_the_solution_method():
    tests = apps_spec(TACO_LEETCODE)["tests"]
    assert tests["entryPoint"] == "Solution.twoSum" and tests["cases"][0] == {"args": [[2, 7, 11, 15], 9], "expected": [0, 1]}


def test_apps_rows_the_adapter_cannot_express_are_refused():
    with pytest.raises(UnsupportedRowError):
        apps_spec({"input_output": ""})
    with pytest.raises(UnsupportedRowError):
        apps_spec({"input_output": json.dumps({"inputs": ["1"], "outputs": []})})
    with pytest.raises(UnsupportedRowError):
        apps_spec(APPS_CALL, language="cpp")


def test_code_contests_rows_join_their_test_sets_with_the_row_limits():
    spec = code_contests_spec(CODE_CONTESTS, language="cpp")
    assert spec["language"] == "cpp" and spec["limits"] == {"timeMs": 2500, "memoryMb": 244}
    assert [c["stdin"] for c in spec["tests"]["cases"]] == ["4 3\n2 1\n", "1 0\n", "3 0\n", "2 1\n"]
    assert len(code_contests_spec(CODE_CONTESTS, test_sets=["public_tests"])["tests"]["cases"]) == 1


def test_code_contests_limits_are_clamped_to_the_service_bounds():
    row = dict(CODE_CONTESTS, time_limit={"seconds": 60}, memory_limit_bytes=8 * 1024 ** 3)
    assert code_contests_spec(row)["limits"] == {"timeMs": 20000, "memoryMb": 2048}


def test_livecodebench_stdin_rows_decode_private_cases():
    cases = livecodebench_spec(LIVECODEBENCH_STDIN)["tests"]["cases"]
    assert cases == [{"stdin": "2 3\n", "stdout": "5\n"}, {"stdin": "10 20\n", "stdout": "30\n"}]
    assert len(livecodebench_spec(LIVECODEBENCH_STDIN, include_private=False)["tests"]["cases"]) == 1


def test_livecodebench_functional_rows_become_method_calls_with_json_arguments():
    tests = livecodebench_spec(LIVECODEBENCH_FUNCTIONAL)["tests"]
    assert tests == {"kind": "function", "entryPoint": "Solution.countPairs", "cases": [
        {"args": [[1, 2, 3], 4], "expected": 1}, {"args": [[5], 5], "expected": 0}]}


class Exploit:
    """Unpickling this would run a shell command: the adapter must refuse it without calling anything."""

    def __reduce__(self):
        import os
        return (os.system, ("touch /tmp/verifier-client-pwned",))


def test_livecodebench_private_cases_never_unpickle_objects(tmp_path):
    row = dict(LIVECODEBENCH_STDIN, private_test_cases=lcb_private(None, pickled=pickle.dumps(Exploit())))
    with pytest.raises(UnsupportedRowError, match="only plain values"):
        livecodebench_spec(row)
    assert not Path("/tmp/verifier-client-pwned").exists()
    with pytest.raises(UnsupportedRowError):
        private_test_cases("not base64 at all!")


def test_livecodebench_rows_mixing_test_types_are_refused():
    row = dict(LIVECODEBENCH_STDIN, public_test_cases=json.dumps([
        {"input": "1", "output": "1", "testtype": "stdin"}, {"input": "1", "output": "1", "testtype": "functional"}]))
    with pytest.raises(UnsupportedRowError):
        livecodebench_spec(row)


def test_humaneval_rows_become_assert_tests_on_the_entry_point():
    spec = humaneval_spec(HUMANEVAL)
    assert spec == {"language": "python", "tests": {"kind": "assert", "entryPoint": "add",
                                                    "code": HUMANEVAL["prompt"] + "\n\n" + HUMANEVAL["test"]}}
    with pytest.raises(UnsupportedRowError):
        humaneval_spec(dict(HUMANEVAL, test="assert add(1, 2) == 3"))


def test_humaneval_helpers_the_checks_call_come_from_the_prompt_not_the_submission():
    row = {"prompt": "def poly(xs, x):\n    return sum(c * x ** i for i, c in enumerate(xs))\n\n\ndef find_zero(xs):\n    \"\"\"doc\"\"\"\n",
           "test": "def check(candidate):\n    assert abs(poly([1, 2], candidate([1, 2]))) < 1e-4\n", "entry_point": "find_zero"}
    code = humaneval_spec(row)["tests"]["code"]
    assert code.index("def poly(") < code.index("def check(")


def test_mbpp_asserts_run_inside_check_with_the_function_bound_to_candidate():
    tests = mbpp_spec(MBPP)["tests"]
    assert tests["entryPoint"] == "remove_Occ"
    assert tests["code"].startswith("def check(candidate):\n    remove_Occ = candidate\n    assert remove_Occ(\"hello\",\"l\")")
    compile(tests["code"], "tests", "exec")


def test_mbpp_plus_scripts_are_wrapped_in_check_too():
    tests = mbpp_spec(MBPP_PLUS)["tests"]
    assert tests["entryPoint"] == "similar_elements"
    namespace = {}
    exec(compile(tests["code"], "tests", "exec"), namespace)  # the test code only, no submission: it defines check
    namespace["check"](lambda a, b: tuple(sorted(set(a) & set(b))))
    with pytest.raises(AssertionError):
        namespace["check"](lambda a, b: ())


def test_multipl_e_languages_map_to_service_names():
    assert multipl_e_spec(MULTIPL_E_CS)["language"] == "csharp"
    assert multipl_e_spec(MULTIPL_E_SH)["language"] == "bash"
    assert multipl_e_spec(dict(MULTIPL_E_SH, language="go_test.go"))["language"] == "go"
    with pytest.raises(UnsupportedRowError):
        multipl_e_spec(dict(MULTIPL_E_SH, language="swift"))


def test_multipl_e_test_code_is_laid_out_as_the_dotnet_adapter_does():
    cpp = multipl_e_spec(MULTIPL_E_CPP)["tests"]
    assert cpp["entryPoint"] == "add"
    assert cpp["code"].startswith("#include<assert.h>\n#include<bits/stdc++.h>\n// Add two numbers x and y\nlong add(long x, long y);\nint main()")
    cs = multipl_e_spec(MULTIPL_E_CS)["tests"]
    assert cs["entryPoint"] == "Add" and cs["code"].startswith("using System;\nusing System.Diagnostics;\nclass MultiplETests {\n    public static void Main")
    sh = multipl_e_spec(MULTIPL_E_SH)["tests"]
    assert sh["entryPoint"] == "add" and sh["code"].startswith("\ncandidate() {")
    py = multipl_e_spec(MULTIPL_E_PY)["tests"]
    assert py["code"] == "def check(candidate):\n    assert candidate(0, 1) == 1\n\n"


def test_entry_points_follow_the_definition_keyword_then_the_last_call():
    assert entry_point("#!/bin/bash\n# x\nadd() {\n") == "add"
    assert entry_point("sub add {\n    my($x, $y) = @_;\n") == "add"
    assert entry_point("// c\nfunction add(x, y){\n") == "add"
    with pytest.raises(UnsupportedRowError):
        entry_point("// only comments\n")


def test_check_supported_refuses_kinds_a_language_does_not_take():
    with pytest.raises(UnsupportedRowError, match="does not take 'function'"):
        check_supported({"language": "go", "tests": {"kind": "function"}}, ALL_LANGUAGES)
    with pytest.raises(UnsupportedRowError, match="does not run"):
        check_supported({"language": "cobol", "tests": {"kind": "io"}}, ALL_LANGUAGES)


@pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is not on this machine")
def test_every_shared_humaneval_and_multipl_e_row_adapts():
    with gzip.open(DATA / "HumanEval.jsonl.gz", "rt") as rows:
        for row in map(json.loads, rows):
            check_supported(humaneval_spec(row), ALL_LANGUAGES)
    for path in sorted((DATA / "multipl-e").glob("humaneval-*.jsonl")):
        code = path.stem.split("-", 1)[1]
        with open(path) as rows:
            for row in map(json.loads, rows):
                spec = check_supported(multipl_e_spec(row, language=code), ALL_LANGUAGES)
                assert spec["tests"]["entryPoint"] in row["prompt"]
