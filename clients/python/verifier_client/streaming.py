"""/v1/verify/stream: results as NDJSON lines arrive, every item exactly once, in requests of at most batch_size.

A stream's request is retried like any other until its response starts (same Idempotency-Key). If the connection
breaks after that, the service has cancelled the items it had not finished, so only the items whose results did not
arrive are sent again, as a new request with a new key (a new body under the old key would be a 422). Items a stopping
replica gave back as ``cancelled`` are sent again the same way. Rounds are bounded by ``max_attempts``.
"""

from __future__ import annotations

import http.client
import json
import queue
import threading
import uuid
from dataclasses import replace
from typing import Any, Dict, Iterator, List, Mapping, Optional

from .batching import chunks
from .errors import VerifierError, VerifierResponseError, VerifierUnavailableError
from .options import ClientOptions
from .results import VerifyResult
from .transport.http import Transport

_DONE = object()


def stream_results(transport: Transport, path: str, items: List[Mapping[str, Any]], options: ClientOptions) -> Iterator[VerifyResult]:
    parts = chunks(items, options.batch_size)
    if len(parts) <= 1:
        for start, chunk in parts:
            yield from _Chunk(transport, path, start, chunk, options).results(threading.Event())
        return
    yield from _merged(transport, path, parts, options)


def _merged(transport: Transport, path: str, parts: List[Any], options: ClientOptions) -> Iterator[VerifyResult]:
    """Streams the chunks side by side (at most max_concurrency at once) and yields whichever result comes first."""
    lines: "queue.Queue[Any]" = queue.Queue()
    stop = threading.Event()
    slots = threading.BoundedSemaphore(options.max_concurrency)

    def pump(start: int, chunk: List[Mapping[str, Any]]) -> None:
        try:
            with slots:
                for result in _Chunk(transport, path, start, chunk, options).results(stop):
                    lines.put(result)
            lines.put(_DONE)
        except BaseException as error:  # handed to the reader, who raises it
            lines.put(error)

    threads = [threading.Thread(target=pump, args=part, daemon=True, name="verifier-stream") for part in parts]
    for thread in threads:
        thread.start()
    finished = 0
    try:
        while finished < len(threads):
            entry = lines.get()
            if entry is _DONE:
                finished += 1
            elif isinstance(entry, BaseException):
                raise entry
            else:
                yield entry
    finally:
        stop.set()


class _Chunk:
    def __init__(self, transport: Transport, path: str, start: int, items: List[Mapping[str, Any]], options: ClientOptions):
        self._transport = transport
        self._path = path
        self._start = start
        self._items = items
        self._options = options

    def results(self, stop: threading.Event) -> Iterator[VerifyResult]:
        remaining = set(range(len(self._items)))
        given_back: Dict[int, VerifyResult] = {}
        failure: Optional[str] = None
        for _ in range(self._options.max_attempts):
            if not remaining or stop.is_set():
                return
            indices = sorted(remaining)
            response, release = self._transport.open_stream(self._path, {"items": [self._items[i] for i in indices]}, str(uuid.uuid4()))
            try:
                for result in self._read(response, indices):
                    if stop.is_set():
                        return
                    local = result.index
                    if local not in remaining:
                        continue
                    if result.verdict == "cancelled":
                        given_back[local] = result
                        continue
                    remaining.discard(local)
                    given_back.pop(local, None)
                    yield replace(result, index=self._start + local)
                failure = f"the stream ended with {len(remaining)} result(s) missing" if remaining else None
            except (OSError, http.client.HTTPException, VerifierResponseError) as error:
                failure = f"the stream broke: {type(error).__name__}: {error}"
            finally:
                response.close()
                release()
        # Out of rounds: a result the service gave (cancelled, reward None) is still a result; a missing one is an error.
        for local in sorted(given_back):
            remaining.discard(local)
            yield replace(given_back[local], index=self._start + local)
        if remaining:
            raise VerifierUnavailableError(f"{self._path}: {failure or 'results missing'} after {self._options.max_attempts} round(s)")

    def _read(self, response: Any, indices: List[int]) -> Iterator[VerifyResult]:
        """Parses each line; ``index`` is mapped from the request's numbering to the chunk's."""
        for line in response:
            if not line.strip():
                continue
            try:
                document = json.loads(line.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                # A line cut by a broken connection: the round ends and the missing items are sent again.
                raise VerifierResponseError("a stream line that is not JSON") from None
            index = document.get("index") if isinstance(document, dict) else None
            if not isinstance(index, int) or not 0 <= index < len(indices):
                raise VerifierError(f"{self._path} streamed a result at index {index!r} for {len(indices)} item(s)")
            yield replace(VerifyResult.from_json(document), index=indices[index])
