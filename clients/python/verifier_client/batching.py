"""Splitting inputs into requests and putting their results back in input order, checked."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Mapping, Sequence, Tuple, TypeVar

from .errors import VerifierResponseError

T = TypeVar("T")


def chunks(items: Sequence[Any], size: int) -> List[Tuple[int, List[Any]]]:
    """(offset, items) for each request of at most ``size`` items."""
    return [(start, list(items[start:start + size])) for start in range(0, len(items), size)]


def ordered_results(document: Any, expected: int, parse: Callable[[Mapping[str, Any]], T], path: str) -> List[T]:
    """The ``results`` of a response, by their ``index``: each of 0..expected-1 exactly once, or VerifierResponseError.

    A missing result is an error, not a reward: a silently short list would shift every later reward onto the wrong
    completion.
    """
    raw = document.get("results") if isinstance(document, dict) else None
    if not isinstance(raw, list):
        raise VerifierResponseError(f"{path} answered without a results list")
    by_index: Dict[int, T] = {}
    for entry in raw:
        index = entry.get("index") if isinstance(entry, dict) else None
        if not isinstance(index, int) or not 0 <= index < expected or index in by_index:
            raise VerifierResponseError(f"{path} answered with a result at index {index!r} for {expected} item(s)")
        by_index[index] = parse(entry)
    if len(by_index) != expected:
        missing = sorted(set(range(expected)) - set(by_index))
        raise VerifierResponseError(f"{path} answered without results for item(s) {missing[:10]}")
    return [by_index[i] for i in range(expected)]


def merge(parts: Iterable[Tuple[int, List[T]]], total: int) -> List[T]:
    """Concatenates per-request results placed at their offsets."""
    merged: List[Any] = [None] * total
    for start, results in parts:
        merged[start:start + len(results)] = results
    return merged
