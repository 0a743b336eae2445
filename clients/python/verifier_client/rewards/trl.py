"""Reward functions for TRL's GRPOTrainer: ``(prompts, completions, **kwargs) -> list[float | None]``.

Dataset columns arrive in ``kwargs`` (``solution`` or ``answer`` for math, a code-spec column for code). ``None`` is
returned for an unknown reward, which TRL leaves out of that sample's sum; it is never 0. When TRL passes
``log_metric`` (recent versions do), the share of unknown rewards is logged as ``<name>/unknown_rate``.

Each factory has a plain ``def`` form (a VerifierClient) and an ``async def`` form (an AsyncVerifierClient), for TRL
versions that await async reward functions. Nothing here imports TRL.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence

from ..aio import AsyncVerifierClient
from ..client import VerifierClient
from ..errors import VerifierUnavailableError
from ..items import code_item, format_item, math_item
from ..results import VerifyResult
from .completions import completion_text

Rewards = List[Optional[float]]
RewardFunction = Callable[..., Rewards]
AsyncRewardFunction = Callable[..., Awaitable[Rewards]]
ItemBuilder = Callable[[Sequence[Any], Dict[str, Any]], List[Dict[str, Any]]]

GOLD_COLUMNS = ("solution", "answer")


def math_reward(client: VerifierClient, *, gold_columns: Sequence[str] = GOLD_COLUMNS, tolerance: Optional[float] = None,
                name: str = "verifier_math", on_unavailable: str = "raise") -> RewardFunction:
    """Accuracy (1 or 0) of the completion's final answer against the first of ``gold_columns`` the dataset has."""
    return _sync(client, _math_items(gold_columns, tolerance), name, on_unavailable)


def math_reward_async(client: AsyncVerifierClient, *, gold_columns: Sequence[str] = GOLD_COLUMNS,
                      tolerance: Optional[float] = None, name: str = "verifier_math", on_unavailable: str = "raise") -> AsyncRewardFunction:
    return _async(client, _math_items(gold_columns, tolerance), name, on_unavailable)


def code_reward(client: VerifierClient, *, spec_column: str = "code_spec", name: str = "verifier_code",
                on_unavailable: str = "raise") -> RewardFunction:
    """The code accuracy of the completion's last fenced block run against the row's spec (see verifier_client.datasets)."""
    return _sync(client, _code_items(spec_column), name, on_unavailable)


def code_reward_async(client: AsyncVerifierClient, *, spec_column: str = "code_spec", name: str = "verifier_code",
                      on_unavailable: str = "raise") -> AsyncRewardFunction:
    return _async(client, _code_items(spec_column), name, on_unavailable)


def format_reward(client: VerifierClient, *, template: str = "r1", think_in_prompt: bool = False,
                  name: str = "verifier_format", on_unavailable: str = "raise") -> RewardFunction:
    """1 when the completion is ``<think>…</think><answer>…</answer>`` and nothing else, else 0."""
    return _sync(client, _format_items(template, think_in_prompt), name, on_unavailable)


def format_reward_async(client: AsyncVerifierClient, *, template: str = "r1", think_in_prompt: bool = False,
                        name: str = "verifier_format", on_unavailable: str = "raise") -> AsyncRewardFunction:
    return _async(client, _format_items(template, think_in_prompt), name, on_unavailable)


def _math_items(gold_columns: Sequence[str], tolerance: Optional[float]) -> ItemBuilder:
    def build(completions: Sequence[Any], columns: Dict[str, Any]) -> List[Dict[str, Any]]:
        golds = _column(columns, gold_columns, len(completions))
        return [math_item(completion_text(c), g, tolerance) for c, g in zip(completions, golds)]
    return build


def _code_items(spec_column: str) -> ItemBuilder:
    def build(completions: Sequence[Any], columns: Dict[str, Any]) -> List[Dict[str, Any]]:
        specs = _column(columns, (spec_column,), len(completions))
        return [code_item(completion_text(c), s) for c, s in zip(completions, specs)]
    return build


def _format_items(template: str, think_in_prompt: bool) -> ItemBuilder:
    def build(completions: Sequence[Any], columns: Dict[str, Any]) -> List[Dict[str, Any]]:
        return [format_item(completion_text(c), template, think_in_prompt) for c in completions]
    return build


def _column(columns: Dict[str, Any], names: Sequence[str], count: int) -> Sequence[Any]:
    """A dataset column TRL passed as a keyword argument: a missing one is a configuration error, not a reward of 0."""
    for name in names:
        if name in columns:
            values = columns[name]
            if len(values) != count:
                raise ValueError(f"column {name!r} has {len(values)} values for {count} completions")
            return values
    raise KeyError(f"the dataset has none of the columns {list(names)}; TRL passes dataset columns as keyword arguments")


def _check(on_unavailable: str) -> None:
    if on_unavailable not in ("raise", "unknown"):
        raise ValueError("on_unavailable is 'raise' (stop the step) or 'unknown' (every reward None for this batch)")


def _sync(client: VerifierClient, build: ItemBuilder, name: str, on_unavailable: str) -> RewardFunction:
    _check(on_unavailable)

    def reward(prompts: Sequence[Any] = (), completions: Sequence[Any] = (), **kwargs: Any) -> Rewards:
        items = build(completions, kwargs)
        try:
            results: Optional[List[VerifyResult]] = client.verify(items) if items else []
        except VerifierUnavailableError:
            if on_unavailable == "raise":
                raise
            results = None
        return _finish(results, len(items), name, kwargs)

    reward.__name__ = name
    return reward


def _async(client: AsyncVerifierClient, build: ItemBuilder, name: str, on_unavailable: str) -> AsyncRewardFunction:
    _check(on_unavailable)

    async def reward(prompts: Sequence[Any] = (), completions: Sequence[Any] = (), **kwargs: Any) -> Rewards:
        items = build(completions, kwargs)
        try:
            results: Optional[List[VerifyResult]] = await client.verify(items) if items else []
        except VerifierUnavailableError:
            if on_unavailable == "raise":
                raise
            results = None
        return _finish(results, len(items), name, kwargs)

    reward.__name__ = name
    return reward


def _finish(results: Optional[List[VerifyResult]], count: int, name: str, kwargs: Dict[str, Any]) -> Rewards:
    """The rewards (None where unknown, or all None when the service was unavailable), and the unknown rate logged."""
    rewards: Rewards = [r.reward for r in results] if results is not None else [None] * count
    log_metric = kwargs.get("log_metric")
    if callable(log_metric) and count:
        log_metric(f"{name}/unknown_rate", sum(r is None for r in rewards) / count)
    return rewards
