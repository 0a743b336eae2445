"""Retries, backoff, idempotency keys and replica failover, against a scripted server on 127.0.0.1."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from fake_service import Answer, unused_port_url, verify_results
from verifier_client import ClientOptions, VerifierRequestError, VerifierUnavailableError
from verifier_client.transport.backoff import backoff_delay, parse_retry_after

ITEM = {"completion": "\\boxed{2}", "math": {"gold": "2"}}


def test_verify_after_429_waits_retry_after_and_resends_under_the_same_key(fake, client_for, sleeps):
    fake.script("/v1/verify", Answer(429, {"title": "Too Many Requests"}, {"Retry-After": "3"}), verify_results)

    results = client_for(fake.url).verify([ITEM])

    assert [r.reward for r in results] == [1.0]
    assert sleeps.delays == [3.0]
    keys = [r.headers["idempotency-key"] for r in fake.requests]
    assert len(keys) == 2 and keys[0] == keys[1] and keys[0]
    assert all(r.headers["authorization"] == "Bearer test-key" for r in fake.requests)


def test_retry_after_as_an_http_date_is_honoured(fake, client_for, sleeps):
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    fake.script("/v1/verify", Answer(503, {"title": "stopping"}, {"Retry-After": when}), verify_results)

    client_for(fake.url).verify([ITEM])

    assert len(sleeps.delays) == 1 and 25 <= sleeps.delays[0] <= 30


def test_a_response_cut_mid_body_is_retried_under_the_same_key(fake, client_for):
    fake.script("/v1/verify", Answer(body={"results": [{"index": 0, "reward": 0.0, "verdict": "wrong"}]}, cut=20), verify_results)

    assert [r.reward for r in client_for(fake.url).verify([ITEM])] == [1.0]
    assert fake.requests[0].headers["idempotency-key"] == fake.requests[1].headers["idempotency-key"]


def test_a_2xx_that_is_not_json_is_an_error_not_a_reward(fake, client_for):
    from verifier_client import VerifierResponseError

    fake.script("/v1/verify", Answer(body=b"<html>proxy page</html>"))

    with pytest.raises(VerifierResponseError):
        client_for(fake.url).verify([ITEM])


def test_each_logical_request_has_its_own_key(fake, client_for):
    fake.script("/v1/verify", verify_results, verify_results)
    client = client_for(fake.url)

    client.verify([ITEM])
    client.verify([ITEM])

    assert fake.requests[0].headers["idempotency-key"] != fake.requests[1].headers["idempotency-key"]


def test_a_400_raises_at_once_with_the_problem_document(fake, client_for, sleeps):
    problem = {"title": "Invalid request", "status": 400, "errors": {"items[0].math.gold": ["the gold answer is empty"]}}
    fake.script("/v1/verify", Answer(400, problem))

    with pytest.raises(VerifierRequestError) as raised:
        client_for(fake.url).verify([ITEM])

    assert raised.value.status == 400
    assert raised.value.errors == {"items[0].math.gold": ["the gold answer is empty"]}
    assert raised.value.problem.title == "Invalid request"
    assert "items[0].math.gold" in str(raised.value)
    assert len(fake.requests) == 1 and sleeps.delays == []


@pytest.mark.parametrize("status", [401, 404, 413, 422])
def test_other_4xx_are_not_retried(fake, client_for, status):
    fake.script("/v1/verify", Answer(status, {"title": "no"}))

    with pytest.raises(VerifierRequestError) as raised:
        client_for(fake.url).verify([ITEM])

    assert raised.value.status == status and len(fake.requests) == 1


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried(fake, client_for, status):
    fake.script("/v1/verify", Answer(status, {"title": "later"}), verify_results)

    assert [r.reward for r in client_for(fake.url).verify([ITEM])] == [1.0]


def test_attempts_are_bounded_and_end_in_unavailable(fake, client_for, sleeps):
    fake.script("/v1/verify", *[Answer(503, {"title": "stopping"})] * 10)

    with pytest.raises(VerifierUnavailableError) as raised:
        client_for(fake.url, max_attempts=3).verify([ITEM])

    assert len(fake.requests) == 3 and len(sleeps.delays) == 2
    assert raised.value.status == 503


def test_a_refused_replica_fails_over_to_the_next(fake, client_for):
    fake.script("/v1/verify", verify_results)

    results = client_for(unused_port_url(), fake.url).verify([ITEM])

    assert [r.reward for r in results] == [1.0]
    assert len(fake.requests) == 1


def test_a_503_replica_is_passed_over_for_the_other(fake, client_for):
    from fake_service import FakeService

    other = FakeService()
    try:
        fake.script("/v1/verify", Answer(503, {"title": "stopping"}, {"Retry-After": "1"}))
        other.script("/v1/verify", verify_results, verify_results)
        client = client_for(fake.url, other.url)

        client.verify([ITEM])
        client.verify([ITEM])

        # The first attempt may go to either replica; once the 503 came, the stopping one is not asked again.
        assert len(fake.requests) <= 1 and len(other.requests) == 2
        if fake.requests:
            assert fake.requests[0].headers["idempotency-key"] == other.requests[0].headers["idempotency-key"]
    finally:
        other.close()


def test_requests_spread_over_replicas(fake, client_for):
    from fake_service import FakeService

    other = FakeService()
    try:
        for service in (fake, other):
            service.script("/v1/verify", *[verify_results] * 4)
        client = client_for(fake.url, other.url)

        for _ in range(4):
            client.verify([ITEM])

        assert len(fake.requests) == 2 and len(other.requests) == 2
    finally:
        other.close()


def test_nothing_listening_anywhere_is_unavailable_not_a_reward(client_for):
    with pytest.raises(VerifierUnavailableError):
        client_for(unused_port_url(), max_attempts=2).verify([ITEM])


def test_parse_retry_after_reads_seconds_and_dates_and_ignores_garbage():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Thu, 01 Jan 2026 00:00:10 GMT", now=lambda: now) == 10.0
    assert parse_retry_after("Wed, 31 Dec 2025 00:00:00 GMT", now=lambda: now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_backoff_grows_exponentially_within_its_jitter_and_cap():
    options = ClientOptions(backoff_base_s=1.0, backoff_max_s=8.0)
    rng = random.Random(1)
    for retry, ceiling in [(0, 1.0), (1, 2.0), (2, 4.0), (3, 8.0), (6, 8.0)]:
        delays = [backoff_delay(retry, options, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert max(delays) - min(delays) > 0  # jittered
