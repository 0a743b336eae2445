"""One logical HTTP request with bounded retries across replicas, over the standard library's urllib.

Every attempt of a logical request carries the same Idempotency-Key, so a retry after a lost response returns the
stored results instead of running the programs again. Retried: connection errors and timeouts, 408, 429, 500, 502,
503 and 504 (Retry-After honoured). Any other status is final: a 4xx raises VerifierRequestError with the problem
document, and running out of attempts raises VerifierUnavailableError. Nothing is ever turned into a result.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Optional, Sequence, Tuple

from ..errors import Problem, VerifierRequestError, VerifierResponseError, VerifierUnavailableError
from ..options import ClientOptions
from .backoff import retry_delay
from .replicas import Replica, ReplicaSet

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Statuses that say this replica, not the request, is in trouble: the next attempt goes elsewhere.
REPLICA_FAILURES = frozenset({502, 503, 504})
USER_AGENT = "verifier-client-python/0.1"


class _Failure:
    """A failed attempt that may be retried."""

    def __init__(self, message: str, status: Optional[int] = None, problem: Optional[Problem] = None,
                 retry_after: Optional[str] = None, replica_failed: bool = False):
        self.message = message
        self.status = status
        self.problem = problem
        self.retry_after = retry_after
        self.replica_failed = replica_failed


class Transport:
    def __init__(
        self,
        base_urls: Sequence[str],
        api_key: str,
        options: ClientOptions,
        sleep: Callable[[float], None] = time.sleep,
        rng: Optional[random.Random] = None,
    ):
        if not api_key:
            raise ValueError("an API key is required")
        self.options = options
        self.replicas = ReplicaSet(base_urls, options.replica_cooldown_s)
        self._api_key = api_key
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._slots = threading.BoundedSemaphore(options.max_concurrency)

    def get_json(self, path: str) -> Any:
        return _json(self._send("GET", path, None, None, read_body=True), path)

    def post_json(self, path: str, payload: Any, idempotency_key: str) -> Any:
        """POSTs ``payload``; the whole body is read inside the attempt, so a connection lost mid-body is retried too."""
        body = json.dumps(payload).encode("utf-8")
        return _json(self._send("POST", path, body, idempotency_key, read_body=True), path)

    def open_stream(self, path: str, payload: Any, idempotency_key: str) -> Tuple[http.client.HTTPResponse, Callable[[], None]]:
        """POSTs and returns the open response once its headers arrived, and the call that frees its replica.

        The caller reads the response, closes it, then calls the second value. A stream's reading is not counted
        against ``max_concurrency`` (its replica still counts it in flight).
        """
        body = json.dumps(payload).encode("utf-8")
        return self._send("POST", path, body, idempotency_key, read_body=False)

    def _send(self, method: str, path: str, body: Optional[bytes], key: Optional[str], read_body: bool) -> Any:
        failure = _Failure("no attempt was made")
        avoid: Optional[Replica] = None
        for attempt in range(self.options.max_attempts):
            if attempt > 0:
                self._sleep(retry_delay(attempt - 1, failure.retry_after, self.options, self._rng))
            replica = self.replicas.acquire(avoid)
            try:
                outcome = self._try_once(replica, method, path, body, key, read_body)
            except BaseException:
                self.replicas.release(replica)
                raise
            if isinstance(outcome, _Failure):
                self.replicas.release(replica)
                failure = outcome
                if outcome.replica_failed:
                    self.replicas.mark_down(replica)
                    avoid = replica
                continue
            if read_body:
                self.replicas.release(replica)
                return outcome
            return outcome, lambda: self.replicas.release(replica)
        raise VerifierUnavailableError(
            f"{method} {path} failed after {self.options.max_attempts} attempt(s): {failure.message}", failure.status, failure.problem
        )

    def _try_once(self, replica: Replica, method: str, path: str, body: Optional[bytes], key: Optional[str], read_body: bool) -> Any:
        """The body (read_body), the open response, or a _Failure worth retrying; a final refusal raises."""
        try:
            with self._slots:
                response = self._attempt(replica, method, path, body, key)
                if not read_body:
                    return response
                try:
                    return response.read()
                finally:
                    response.close()
        except urllib.error.HTTPError as error:
            status = error.code
            problem = Problem.parse(_safe_read(error))
            if status not in RETRYABLE_STATUSES:
                raise VerifierRequestError(status, problem, path) from None
            described = f": {problem.describe()}" if problem else ""
            return _Failure(
                f"{replica.base_url}{path} returned {status}{described}",
                status=status,
                problem=problem,
                retry_after=error.headers.get("Retry-After") if error.headers else None,
                replica_failed=status in REPLICA_FAILURES,
            )
        except (OSError, http.client.HTTPException) as error:
            # Refused, reset, timed out, or cut mid-body (URLError is an OSError too).
            return _Failure(f"{replica.base_url}{path}: {type(error).__name__}: {error}", replica_failed=True)

    def _attempt(self, replica: Replica, method: str, path: str, body: Optional[bytes], key: Optional[str]) -> Any:
        headers = {"Authorization": f"Bearer {self._api_key}", "Accept": "application/json", "User-Agent": USER_AGENT}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if key is not None:
            headers["Idempotency-Key"] = key
        request = urllib.request.Request(replica.base_url + path, data=body, headers=headers, method=method)
        return urllib.request.urlopen(request, timeout=self.options.attempt_timeout_s)


def _safe_read(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read() or b""
    except (OSError, http.client.HTTPException):
        return b""


def _json(data: bytes, path: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise VerifierResponseError(f"{path} answered with something that is not JSON: {error}") from None
