"""TRL reward functions and verl's compute_score, against a scripted server: what they send and what they return."""

from __future__ import annotations

import asyncio
import json

import pytest

from fake_service import Answer, Recorded
from verifier_client import AsyncVerifierClient, VerifierUnavailableError
from verifier_client.rewards import trl, verl
from verifier_client.rewards.completions import completion_text


def rewards_by_id(request: Recorded) -> Answer:
    """Reward 1 for a completion "right", 0 for "wrong", unknown for anything else."""
    values = {"right": (1.0, "correct"), "wrong": (0.0, "wrong")}
    return Answer(body={"results": [
        {"index": i, "reward": values.get(item["completion"], (None, "undecided"))[0],
         "verdict": values.get(item["completion"], (None, "undecided"))[1]}
        for i, item in enumerate(request.body["items"])
    ]})


def test_math_reward_sends_each_completion_with_its_gold_and_keeps_unknown_as_none(fake, client_for):
    fake.script("/v1/verify", rewards_by_id)
    logged = {}
    reward = trl.math_reward(client_for(fake.url))

    values = reward(["p1", "p2", "p3"], ["right", [{"role": "assistant", "content": "wrong"}], "?"],
                    solution=["1", "2", "3"], log_metric=logged.__setitem__, trainer_state=object())

    assert values == [1.0, 0.0, None]
    assert [i["math"]["gold"] for i in fake.requests[0].body["items"]] == ["1", "2", "3"]
    assert logged == {"verifier_math/unknown_rate": pytest.approx(1 / 3)}
    assert reward.__name__ == "verifier_math"


def test_math_reward_reads_the_answer_column_when_there_is_no_solution(fake, client_for):
    fake.script("/v1/verify", rewards_by_id)

    assert trl.math_reward(client_for(fake.url))(["p"], ["right"], answer=[42]) == [1.0]
    assert fake.requests[0].body["items"][0]["math"] == {"gold": "42"}


def test_a_missing_gold_column_is_a_configuration_error(fake, client_for):
    with pytest.raises(KeyError):
        trl.math_reward(client_for(fake.url))(["p"], ["right"], question=["q"])
    assert fake.requests == []


def test_code_reward_sends_the_spec_beside_the_completion_untouched(fake, client_for):
    fake.script("/v1/verify", rewards_by_id)
    spec = {"language": "python", "tests": {"kind": "io", "cases": [{"stdin": "1\n", "stdout": "1\n"}]}}

    values = trl.code_reward(client_for(fake.url))(["p", "p"], ["right", "wrong"], code_spec=[json.dumps(spec), spec])

    assert values == [1.0, 0.0]
    sent = fake.requests[0].body["items"]
    assert sent[0] == {"completion": "right", "code": spec} and sent[1] == {"completion": "wrong", "code": spec}


def test_format_reward_sends_format_only_items(fake, client_for):
    fake.script("/v1/verify", rewards_by_id)

    trl.format_reward(client_for(fake.url), think_in_prompt=True)(["p"], ["right"])

    assert fake.requests[0].body["items"] == [{"completion": "right", "format": {"template": "r1", "thinkInPrompt": True}}]


def test_an_unavailable_service_raises_or_gives_all_unknown_never_zero(fake, client_for):
    fake.script("/v1/verify", *[Answer(503, {"title": "stopping"})] * 4)
    client = client_for(fake.url, max_attempts=2)
    logged = {}

    with pytest.raises(VerifierUnavailableError):
        trl.math_reward(client)(["p"], ["right"], solution=["1"])
    values = trl.math_reward(client, on_unavailable="unknown")(["p", "p"], ["right", "wrong"], solution=["1", "2"],
                                                                log_metric=logged.__setitem__)

    assert values == [None, None] and logged == {"verifier_math/unknown_rate": 1.0}


def test_async_reward_functions_are_coroutines_with_the_same_results(fake, sleeps):
    fake.script("/v1/verify", rewards_by_id)

    async def main():
        async with AsyncVerifierClient(fake.url, "test-key", sleep=sleeps) as client:
            reward = trl.math_reward_async(client)
            assert asyncio.iscoroutinefunction(reward)
            return await reward(["p", "p"], ["wrong", "?"], solution=["1", "2"])

    assert asyncio.run(main()) == [0.0, None]


def test_completion_text_takes_the_last_assistant_message_only():
    chat = [{"role": "assistant", "content": "first"}, {"role": "tool", "content": "\\boxed{42}"},
            {"role": "assistant", "content": [{"type": "text", "text": "final"}, {"type": "image"}]}]
    assert completion_text(chat) == "final"
    assert completion_text([{"role": "user", "content": "x"}]) == ""
    assert completion_text("plain") == "plain"


def test_verl_batch_is_one_request_and_unknown_is_flagged(fake, client_for, monkeypatch):
    fake.script("/v1/verify", rewards_by_id)
    monkeypatch.delenv("VERIFIER_UNKNOWN_SCORE", raising=False)
    spec = {"language": "python", "tests": {"kind": "io", "cases": [{"stdin": "", "stdout": "1\n"}]}}

    scores = verl.compute_score_batch(["math", "code", "math"], ["right", "wrong", "?"], ["1", json.dumps(spec), {"gold": "0.5", "tolerance": 0.01}],
                                      [None, None, None], client=client_for(fake.url))

    assert scores == [{"score": 1.0, "unknown": 0.0}, {"score": 0.0, "unknown": 0.0}, {"score": 0.0, "unknown": 1.0}]
    assert len(fake.requests) == 1
    sent = fake.requests[0].body["items"]
    assert sent[0]["math"] == {"gold": "1"} and sent[1]["code"] == spec and sent[2]["math"] == {"gold": "0.5", "tolerance": 0.01}


def test_verl_unknown_score_is_configurable_and_floats_on_request(fake, client_for, monkeypatch):
    fake.script("/v1/verify", rewards_by_id, rewards_by_id)
    client = client_for(fake.url)

    assert verl.compute_score("m", "?", "1", None, client=client, unknown_score=-1.0, return_dict=False) == -1.0
    monkeypatch.setenv("VERIFIER_UNKNOWN_SCORE", "0.25")
    assert verl.compute_score("m", "?", "1", client=client) == {"score": 0.25, "unknown": 1.0}


def test_verl_reads_only_json_objects_as_specs():
    assert verl.item_for("x", "[1, 2]")["math"] == {"gold": "[1, 2]"}
    assert verl.item_for("x", "{not json")["math"] == {"gold": "{not json"}
    assert verl.item_for("x", "2", with_format=True)["format"] == {"template": "r1"}
    with pytest.raises(ValueError):
        verl.item_for("x", {"something": "else"})
