"""The asyncio client: the sync client's blocking urllib calls, run in a thread pool of its own.

Threads rather than HTTP over asyncio streams: urllib already speaks HTTP/1.1, chunked NDJSON and TLS correctly, and
a verify request spends its time waiting on sandboxes, not on the client, so a thread per request in flight is cheap.
The event loop never blocks; batches of one call go out side by side, bounded by ``max_concurrency``.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, AsyncIterator, Callable, List, Mapping, Optional, Sequence, Union

from .batching import chunks, merge
from .client import GIVEN_BACK, RUN_PATH, VERIFY_PATH, VerifierClient, _at, env_settings
from .options import ClientOptions
from .results import Language, RunResult, VerifyResult

Item = Mapping[str, Any]
_END = object()


class AsyncVerifierClient:
    """``await client.verify(items)``, ``async for r in client.verify_stream(items)``, ``await client.run(items)``."""

    def __init__(
        self,
        base_urls: Union[str, Sequence[str]],
        api_key: str,
        options: Optional[ClientOptions] = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: Optional[random.Random] = None,
    ):
        self._sync = VerifierClient(base_urls, api_key, options, sleep=sleep, rng=rng)
        self.options = self._sync.options
        # One more thread than requests in flight, for a stream's reader.
        self._pool = ThreadPoolExecutor(max_workers=self.options.max_concurrency + 1, thread_name_prefix="verifier-async")

    @classmethod
    def from_env(cls, options: Optional[ClientOptions] = None) -> "AsyncVerifierClient":
        url, key = env_settings()
        return cls(url, key, options)

    @property
    def sync(self) -> VerifierClient:
        """The blocking client underneath, sharing replicas and options."""
        return self._sync

    async def verify(self, items: Sequence[Item]) -> List[VerifyResult]:
        return await self._batched(VERIFY_PATH, items, VerifyResult.from_json, lambda r: r.verdict == GIVEN_BACK)

    async def run(self, items: Sequence[Item]) -> List[RunResult]:
        return await self._batched(RUN_PATH, items, RunResult.from_json, lambda r: r.status == GIVEN_BACK)

    async def languages(self) -> List[Language]:
        return await asyncio.get_running_loop().run_in_executor(self._pool, self._sync.languages)

    async def verify_stream(self, items: Sequence[Item]) -> AsyncIterator[VerifyResult]:
        """Yields results as lines arrive; leaving the loop early stops the reader at its next line."""
        loop = asyncio.get_running_loop()
        arrived: "asyncio.Queue[Any]" = asyncio.Queue()
        stop = threading.Event()
        snapshot = list(items)

        def read() -> None:
            stream = self._sync.verify_stream(snapshot)
            try:
                for result in stream:
                    if stop.is_set():
                        break
                    loop.call_soon_threadsafe(arrived.put_nowait, result)
                loop.call_soon_threadsafe(arrived.put_nowait, _END)
            except BaseException as error:  # handed to the awaiting side, which raises it
                loop.call_soon_threadsafe(arrived.put_nowait, error)
            finally:
                stream.close()

        reader = loop.run_in_executor(self._pool, read)
        try:
            while True:
                entry = await arrived.get()
                if entry is _END:
                    break
                if isinstance(entry, BaseException):
                    raise entry
                yield entry
        finally:
            stop.set()
            if reader.done():
                reader.result()

    async def aclose(self) -> None:
        # Not waiting: a stream reader left behind by an early exit ends at its next line, not when we say so.
        self._pool.shutdown(wait=False)

    async def __aenter__(self) -> "AsyncVerifierClient":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()

    async def _batched(self, path: str, items: Sequence[Item], parse: Callable[[Mapping[str, Any]], Any], given_back: Callable[[Any], bool]) -> List[Any]:
        loop = asyncio.get_running_loop()
        parts = chunks(items, self.options.batch_size)
        sent = [loop.run_in_executor(self._pool, self._sync.send_batch, path, chunk, parse, given_back) for _, chunk in parts]
        results = await asyncio.gather(*sent)
        return merge(((start, _at(start, r)) for (start, _), r in zip(parts, results)), len(items))
