"""Batching, result order, unknown rewards, streaming and the asyncio client, against a scripted server."""

from __future__ import annotations

import asyncio

import pytest

from fake_service import Answer, Recorded, verify_results
from verifier_client import AsyncVerifierClient, ClientOptions, VerifierResponseError


def items(n):
    return [{"id": f"q{i}", "completion": f"\\boxed{{{i}}}", "math": {"gold": str(i)}} for i in range(n)]


def echo_ids_reversed(request: Recorded) -> Answer:
    """Results listed last first, each telling which item it was: order must come from `index`, not list order."""
    batch = request.body["items"]
    return Answer(body={"results": [
        {"index": i, "id": batch[i]["id"], "reward": float(int(batch[i]["id"][1:])), "verdict": "correct"}
        for i in reversed(range(len(batch)))
    ]})


def test_large_inputs_go_in_batches_and_come_back_in_input_order(fake, client_for):
    fake.script("/v1/verify", *[echo_ids_reversed] * 3)

    results = client_for(fake.url, batch_size=2).verify(items(5))

    # Batches go out side by side, so they may arrive in any order.
    assert sorted(len(r.body["items"]) for r in fake.requests) == [1, 2, 2]
    assert [r.id for r in results] == ["q0", "q1", "q2", "q3", "q4"]
    assert [r.index for r in results] == [0, 1, 2, 3, 4]
    assert [r.reward for r in results] == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert len({r.headers["idempotency-key"] for r in fake.requests}) == 3


def test_an_unknown_reward_stays_none_and_is_never_zero(fake, client_for):
    fake.script("/v1/verify", Answer(body={"results": [
        {"index": 0, "reward": None, "accuracy": None, "format": None, "verdict": "infra_error", "reason": "engine down"},
        {"index": 1, "reward": 0.0, "accuracy": 0.0, "verdict": "wrong"},
    ]}))

    unknown, wrong = client_for(fake.url).verify(items(2))

    assert unknown.reward is None and unknown.accuracy is None and unknown.unknown and unknown.correct is None
    assert unknown.reason == "engine down"
    assert wrong.reward == 0.0 and wrong.correct is False and not wrong.unknown


def test_a_short_results_list_is_an_error_not_a_shift(fake, client_for):
    fake.script("/v1/verify", Answer(body={"results": [{"index": 1, "reward": 1.0, "verdict": "correct"}]}))

    with pytest.raises(VerifierResponseError):
        client_for(fake.url).verify(items(2))


def test_items_a_stopping_replica_cancelled_are_sent_again(fake, client_for):
    fake.script("/v1/verify",
                Answer(body={"results": [{"index": 0, "reward": 1.0, "verdict": "correct"},
                                         {"index": 1, "reward": None, "verdict": "cancelled"}]}),
                verify_results)

    results = client_for(fake.url).verify(items(2))

    assert [r.reward for r in results] == [1.0, 1.0] and [r.index for r in results] == [0, 1]
    assert [i["id"] for i in fake.requests[1].body["items"]] == ["q1"]


def test_code_detail_and_components_are_typed(fake, client_for):
    fake.script("/v1/verify", Answer(body={"results": [{
        "index": 0, "reward": 0.0, "accuracy": 0.0, "verdict": "wrong_answer",
        "detail": {"code": {"verdict": "wrong_answer", "passFraction": 0.5, "testsRun": 2, "testsTotal": 2,
                            "tests": [{"index": 0, "verdict": "accepted"}, {"index": 1, "verdict": "wrong_answer", "reason": "line 1"}]},
                   "components": {"lang": None, "style": 0.5}, "elapsedMs": 3.0}}]}))

    [result] = client_for(fake.url).verify(items(1))

    assert result.code.pass_fraction == 0.5 and result.code.tests[1].reason == "line 1"
    assert result.components == {"lang": None, "style": 0.5}


def test_stream_yields_lines_as_they_come_with_input_indices(fake, client_for):
    fake.script("/v1/verify/stream", Answer(lines=[
        {"index": 2, "reward": 1.0, "verdict": "correct"},
        {"index": 0, "reward": None, "verdict": "timeout"},
        {"index": 1, "reward": 0.0, "verdict": "wrong"},
    ]))

    results = list(client_for(fake.url).verify_stream(items(3)))

    assert [(r.index, r.reward) for r in results] == [(2, 1.0), (0, None), (1, 0.0)]


def test_a_broken_stream_resends_only_the_missing_items_under_a_new_key(fake, client_for):
    first = b'{"index": 1, "reward": 1.0, "verdict": "correct"}\n{"index": 0, "rew'
    fake.script("/v1/verify/stream",
                Answer(lines=[{"index": 1, "reward": 1.0, "verdict": "correct"}, {"index": 0, "reward": 0.0, "verdict": "wrong"}],
                       cut=len(first)),
                Answer(lines=[{"index": 1, "reward": 0.0, "verdict": "wrong"}, {"index": 0, "reward": 1.0, "verdict": "correct"}]))

    results = sorted(client_for(fake.url).verify_stream(items(3)), key=lambda r: r.index)

    assert [(r.index, r.reward) for r in results] == [(0, 1.0), (1, 1.0), (2, 0.0)]
    assert [i["id"] for i in fake.requests[1].body["items"]] == ["q0", "q2"]
    assert fake.requests[0].headers["idempotency-key"] != fake.requests[1].headers["idempotency-key"]


def test_a_stream_over_several_batches_yields_every_item_once(fake, client_for):
    def lines(request: Recorded) -> Answer:
        return Answer(lines=[{"index": i, "id": it["id"], "reward": 1.0, "verdict": "correct"} for i, it in enumerate(request.body["items"])])
    fake.script("/v1/verify/stream", *[lines] * 3)

    results = list(client_for(fake.url, batch_size=2).verify_stream(items(5)))

    assert sorted(r.index for r in results) == [0, 1, 2, 3, 4]
    assert all(r.id == f"q{r.index}" for r in results)


def test_run_and_languages_are_typed(fake, client_for):
    fake.script("/v1/run", Answer(body={"results": [{"index": 0, "status": "ok", "compile": None,
                                                     "run": {"status": "ok", "exitCode": 0, "stdout": "cba\n", "stderr": "", "cpuMs": 1.0, "wallMs": 2.0}}]}))
    fake.script("/v1/languages", Answer(body={"languages": [{"name": "python", "version": "3.11", "testKinds": ["io", "function", "assert"]}]}))
    client = client_for(fake.url)

    [run] = client.run([{"language": "python", "code": "print(input()[::-1])", "stdin": "abc"}])
    [language] = client.languages()

    assert run.stdout == "cba\n" and run.run.exit_code == 0 and not run.unknown
    assert language.name == "python" and "function" in language.test_kinds
    assert "idempotency-key" in fake.requests[0].headers and fake.requests[1].method == "GET"


def test_async_client_batches_side_by_side_in_input_order(fake, sleeps):
    fake.script("/v1/verify", *[echo_ids_reversed] * 3)

    async def main():
        async with AsyncVerifierClient(fake.url, "test-key", ClientOptions(batch_size=2), sleep=sleeps) as client:
            return await client.verify(items(5))

    results = asyncio.run(main())
    assert [r.id for r in results] == ["q0", "q1", "q2", "q3", "q4"] and [r.index for r in results] == list(range(5))


def test_async_stream_and_errors_reach_the_awaiting_side(fake, sleeps):
    fake.script("/v1/verify/stream", Answer(lines=[{"index": 1, "reward": 1.0, "verdict": "correct"},
                                                   {"index": 0, "reward": 0.0, "verdict": "wrong"}]))
    fake.script("/v1/verify", Answer(400, {"title": "bad", "errors": {"items[0]": ["nothing to score"]}}))

    async def main():
        async with AsyncVerifierClient(fake.url, "test-key", sleep=sleeps) as client:
            streamed = [(r.index, r.reward) async for r in client.verify_stream(items(2))]
            try:
                await client.verify(items(1))
            except Exception as error:  # noqa: BLE001 - the type is asserted below
                return streamed, error
        return streamed, None

    streamed, error = asyncio.run(main())
    assert streamed == [(1, 1.0), (0, 0.0)]
    assert type(error).__name__ == "VerifierRequestError" and error.errors == {"items[0]": ["nothing to score"]}


def test_leaving_an_async_stream_early_returns_promptly(fake, sleeps):
    fake.script("/v1/verify/stream", Answer(lines=[{"index": i, "reward": 1.0, "verdict": "correct"} for i in range(3)]))

    async def main():
        async with AsyncVerifierClient(fake.url, "test-key", sleep=sleeps) as client:
            async for result in client.verify_stream(items(3)):
                return result.index

    assert asyncio.run(asyncio.wait_for(main(), timeout=10)) == 0
