"""How long to wait before the next attempt: the server's Retry-After when it gives one, else backoff with jitter."""

from __future__ import annotations

import email.utils
import random
from datetime import datetime, timezone
from typing import Callable, Optional

from ..options import ClientOptions


def parse_retry_after(value: Optional[str], now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now()).total_seconds())


def backoff_delay(retry: int, options: ClientOptions, rng: random.Random) -> float:
    """Equal jitter: half of the capped exponential delay is fixed, half random, so retries of many clients spread out."""
    ceiling = min(options.backoff_max_s, options.backoff_base_s * (2 ** retry))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


def retry_delay(retry: int, retry_after: Optional[str], options: ClientOptions, rng: random.Random) -> float:
    """The wait before retry number ``retry`` (0 for the first retry)."""
    server = parse_retry_after(retry_after)
    if server is not None:
        return min(server, options.retry_after_max_s)
    return backoff_delay(retry, options, rng)
