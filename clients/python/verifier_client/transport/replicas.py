"""The replicas a client spreads its requests over: least-in-flight first, failed ones passed over for a while."""

from __future__ import annotations

import threading
import time
from typing import Callable, List, Optional, Sequence


class Replica:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.in_flight = 0
        self.down_until = 0.0


class ReplicaSet:
    """Picks the replica with the fewest requests in flight (round robin among ties), skipping those marked down.

    A replica is marked down after a connection error or a 502/503/504; while it cools down, requests go to the
    others. When every replica is down the least recently failed is tried anyway: a backoff, not a refusal.
    """

    def __init__(self, base_urls: Sequence[str], cooldown_s: float, clock: Callable[[], float] = time.monotonic):
        if not base_urls:
            raise ValueError("at least one base URL is needed")
        self._replicas: List[Replica] = [Replica(url) for url in base_urls]
        self._cooldown_s = cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self._turn = 0

    @property
    def urls(self) -> List[str]:
        return [r.base_url for r in self._replicas]

    def acquire(self, avoid: Optional[Replica] = None) -> Replica:
        """A replica for one attempt, counted in flight until ``release``; ``avoid`` is the one that just failed."""
        return self._pick(avoid)

    def release(self, replica: Replica) -> None:
        with self._lock:
            replica.in_flight -= 1

    def mark_down(self, replica: Replica) -> None:
        with self._lock:
            replica.down_until = self._clock() + self._cooldown_s

    def _pick(self, avoid: Optional[Replica]) -> Replica:
        with self._lock:
            now = self._clock()
            count = len(self._replicas)
            # Rotating the start makes ties round robin.
            order = [self._replicas[(self._turn + i) % count] for i in range(count)]
            self._turn = (self._turn + 1) % count
            up = [r for r in order if r.down_until <= now and r is not avoid]
            if not up:
                up = [r for r in order if r is not avoid] or order
                up = [min(up, key=lambda r: r.down_until)]
            chosen = min(up, key=lambda r: r.in_flight)
            chosen.in_flight += 1
            return chosen
