"""The client's settings, with their defaults in one place, validated once when a client is made."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientOptions:
    # Items per /v1/verify request; the service's Limits:MaxItems (1024 by default) bounds it.
    batch_size: int = 256
    # Requests in flight at once per client (batches of one call, and calls from several threads).
    max_concurrency: int = 8
    # Attempts per logical request, the first included: bounded so an outage ends in an error, not a hang.
    max_attempts: int = 6
    # Exponential backoff: base * 2**retry, capped, with equal jitter (half fixed, half random).
    backoff_base_s: float = 0.2
    backoff_max_s: float = 15.0
    # A server's Retry-After is honoured up to this many seconds.
    retry_after_max_s: float = 60.0
    # One attempt's socket timeout. A verify request may take the service's whole deadline (10 min by default).
    attempt_timeout_s: float = 660.0
    # How long a replica that failed (connection error, 502/503/504) is passed over while others are up.
    replica_cooldown_s: float = 5.0

    def __post_init__(self) -> None:
        if not 1 <= self.batch_size <= 100_000:
            raise ValueError("batch_size must be from 1 to 100000")
        if self.max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1 (the first attempt)")
        for name in ("backoff_base_s", "backoff_max_s", "retry_after_max_s", "replica_cooldown_s"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more")
        if self.attempt_timeout_s <= 0:
            raise ValueError("attempt_timeout_s must be positive")
