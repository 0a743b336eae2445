"""The synchronous client. Thread-safe: one instance may serve every thread of a trainer."""

from __future__ import annotations

import os
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Callable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from .batching import chunks, merge, ordered_results
from .options import ClientOptions
from .results import Language, RunResult, VerifyResult
from .streaming import stream_results
from .transport.http import Transport

Item = Mapping[str, Any]

VERIFY_PATH = "/v1/verify"
STREAM_PATH = "/v1/verify/stream"
RUN_PATH = "/v1/run"
LANGUAGES_PATH = "/v1/languages"

# A replica that was stopping gives its unfinished items back as `cancelled`; they are sent again.
GIVEN_BACK = "cancelled"


class VerifierClient:
    """Calls the verifier's /v1 routes with batching, retries and replica failover.

    ``base_urls`` is one URL or several replicas (``"http://a:8080,http://b:8080"`` or a list). Results come back in
    input order; an unknown reward stays ``None``; failures raise ``VerifierError`` subclasses.
    """

    def __init__(
        self,
        base_urls: Union[str, Sequence[str]],
        api_key: str,
        options: Optional[ClientOptions] = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: Optional[random.Random] = None,
    ):
        urls = [u.strip() for u in base_urls.split(",")] if isinstance(base_urls, str) else list(base_urls)
        self.options = options or ClientOptions()
        self._transport = Transport([u for u in urls if u], api_key, self.options, sleep=sleep, rng=rng)

    @classmethod
    def from_env(cls, options: Optional[ClientOptions] = None) -> "VerifierClient":
        """VERIFIER_URL (one URL or several, comma-separated) and VERIFIER_API_KEY."""
        url, key = env_settings()
        return cls(url, key, options)

    @property
    def base_urls(self) -> List[str]:
        return self._transport.replicas.urls

    def verify(self, items: Sequence[Item]) -> List[VerifyResult]:
        """Scores items (API item objects), in requests of at most ``batch_size``; one result per item, in input order."""
        return self._batched(VERIFY_PATH, items, VerifyResult.from_json, lambda r: r.verdict == GIVEN_BACK)

    def verify_stream(self, items: Sequence[Item]) -> Iterator[VerifyResult]:
        """Yields each item's result as the service finishes it (``index`` is its position in ``items``), each once."""
        return stream_results(self._transport, STREAM_PATH, list(items), self.options)

    def run(self, items: Sequence[Item]) -> List[RunResult]:
        """Runs programs as they are (``{language, code, stdin?, limits?, ...}``); one result per item, in input order."""
        return self._batched(RUN_PATH, items, RunResult.from_json, lambda r: r.status == GIVEN_BACK)

    def languages(self) -> List[Language]:
        document = self._transport.get_json(LANGUAGES_PATH)
        return [Language.from_json(entry) for entry in document.get("languages", [])]

    def close(self) -> None:
        """Nothing to free today (urllib opens a connection per request); here so callers can use ``with``."""

    def __enter__(self) -> "VerifierClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def _batched(self, path: str, items: Sequence[Item], parse: Callable[[Mapping[str, Any]], Any], given_back: Callable[[Any], bool]) -> List[Any]:
        parts = chunks(items, self.options.batch_size)
        if len(parts) <= 1:
            return merge(((s, _at(s, self.send_batch(path, c, parse, given_back))) for s, c in parts), len(items))
        with ThreadPoolExecutor(max_workers=min(self.options.max_concurrency, len(parts)), thread_name_prefix="verifier") as pool:
            futures = [(s, pool.submit(self.send_batch, path, c, parse, given_back)) for s, c in parts]
            return merge(((s, _at(s, f.result())) for s, f in futures), len(items))

    def send_batch(self, path: str, batch: List[Item], parse: Callable[[Mapping[str, Any]], Any], given_back: Callable[[Any], bool]) -> List[Any]:
        """One request (retried under one Idempotency-Key), then the items a stopping replica gave back, sent again."""
        results = self._send_once(path, batch, parse)
        for _ in range(self.options.max_attempts - 1):
            again = [i for i, r in enumerate(results) if given_back(r)]
            if not again:
                break
            # A new body, so a new key: these items were cancelled, not run, so nothing runs twice.
            retried = self._send_once(path, [batch[i] for i in again], parse)
            for position, result in zip(again, retried):
                results[position] = replace(result, index=position)
        return results

    def _send_once(self, path: str, batch: List[Item], parse: Callable[[Mapping[str, Any]], Any]) -> List[Any]:
        document = self._transport.post_json(path, {"items": list(batch)}, str(uuid.uuid4()))
        return ordered_results(document, len(batch), parse, path)


def env_settings() -> Tuple[str, str]:
    url = os.environ.get("VERIFIER_URL")
    key = os.environ.get("VERIFIER_API_KEY")
    if not url or not key:
        raise ValueError("set VERIFIER_URL (one or more comma-separated base URLs) and VERIFIER_API_KEY")
    return url, key


def _at(offset: int, results: List[Any]) -> List[Any]:
    """Results of one request renumbered by their position in the caller's input."""
    return [replace(r, index=offset + i) for i, r in enumerate(results)] if offset else results
