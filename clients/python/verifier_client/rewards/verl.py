"""verl custom reward functions, loaded by path (``custom_reward_function.path`` / ``.name``).

- ``compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs)``: one sample, one request
  (verl's ``naive`` reward manager).
- ``compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs)``: the whole batch in
  one /v1/verify call (set ``reward_model.reward_manager=batch`` and ``custom_reward_function.name=compute_score_batch``).

The service is found through VERIFIER_URL and VERIFIER_API_KEY. ``ground_truth`` decides the item: a code spec
(an object, or its JSON text, with ``language`` and ``tests``) makes a code item; an object with ``gold`` (and
``tolerance``) or any other value makes a math item with that gold answer.

Unknown rewards: verl needs a number, so an unknown reward scores ``unknown_score`` (0.0 unless set, by keyword from
``custom_reward_function.reward_kwargs`` or by VERIFIER_UNKNOWN_SCORE). By default each score is a dict, which verl's
reward managers accept: ``{"score": float, "unknown": 0.0 or 1.0}``; ``unknown`` lands in verl's reward_extra_info so
a run can count or mask those samples. ``return_dict=False`` returns the bare float.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from ..client import VerifierClient
from ..items import code_item, math_item
from ..results import VerifyResult

Score = Union[float, Dict[str, float]]
DEFAULT_UNKNOWN_SCORE = 0.0

_client_lock = threading.Lock()
_client: Optional[VerifierClient] = None


def compute_score(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Optional[Mapping[str, Any]] = None,
                  *, client: Optional[VerifierClient] = None, unknown_score: Optional[float] = None,
                  return_dict: bool = True, with_format: bool = False, **_: Any) -> Score:
    [score] = compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info], client=client,
                                  unknown_score=unknown_score, return_dict=return_dict, with_format=with_format)
    return score


def compute_score_batch(data_sources: Sequence[Any], solution_strs: Sequence[str], ground_truths: Sequence[Any],
                        extra_infos: Optional[Sequence[Any]] = None, *, client: Optional[VerifierClient] = None,
                        unknown_score: Optional[float] = None, return_dict: bool = True, with_format: bool = False,
                        **_: Any) -> List[Score]:
    if len(solution_strs) != len(ground_truths):
        raise ValueError(f"{len(solution_strs)} solutions for {len(ground_truths)} ground truths")
    items = [item_for(s, g, with_format) for s, g in zip(solution_strs, ground_truths)]
    results = (client or _shared_client()).verify(items)
    fallback = _unknown_score(unknown_score)
    return [_score(r, fallback, return_dict) for r in results]


def item_for(solution_str: str, ground_truth: Any, with_format: bool = False) -> Dict[str, Any]:
    """The verify item for one sample: a code item for a code spec, else a math item (see the module's docstring)."""
    truth = _decoded(ground_truth)
    if isinstance(truth, Mapping) and "tests" in truth and "language" in truth:
        item = code_item(solution_str, truth)
    elif isinstance(truth, Mapping) and "gold" in truth:
        item = math_item(solution_str, truth["gold"], truth.get("tolerance"))
    elif isinstance(truth, Mapping):
        raise ValueError("a ground_truth object is a code spec ({language, tests, ...}) or a math answer ({gold, tolerance?})")
    else:
        item = math_item(solution_str, ground_truth)
    if with_format:
        item["format"] = {"template": "r1"}
    return item


def _decoded(ground_truth: Any) -> Any:
    # Only JSON objects are read as specs: a math gold such as "[1, 2]" or "3" stays the text it is.
    if isinstance(ground_truth, str) and ground_truth.lstrip().startswith("{"):
        try:
            return json.loads(ground_truth)
        except ValueError:
            return ground_truth
    return ground_truth


def _score(result: VerifyResult, unknown_score: float, return_dict: bool) -> Score:
    value = unknown_score if result.reward is None else result.reward
    if not return_dict:
        return value
    return {"score": value, "unknown": 1.0 if result.reward is None else 0.0}


def _unknown_score(explicit: Optional[float]) -> float:
    if explicit is not None:
        return float(explicit)
    configured = os.environ.get("VERIFIER_UNKNOWN_SCORE")
    return float(configured) if configured else DEFAULT_UNKNOWN_SCORE


def _shared_client() -> VerifierClient:
    """One client per process, made on first use from the environment (verl imports this file in each worker)."""
    global _client
    with _client_lock:
        if _client is None:
            _client = VerifierClient.from_env()
        return _client
