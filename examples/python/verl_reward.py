"""The verifier as verl's custom reward function. Point verl at this file:

    custom_reward_function.path=examples/python/verl_reward.py
    custom_reward_function.name=compute_score_batch     # with reward_model.reward_manager=batch: one request per batch
    # or custom_reward_function.name=compute_score      # the naive manager: one request per sample

and set VERIFIER_URL and VERIFIER_API_KEY in the workers' environment. A row's `reward_model.ground_truth` is the
gold answer (math) or the JSON of a code spec (`{language, tests, limits?}`, from verifier_client.datasets).

verl needs a number for every sample, so an unknown reward scores VERIFIER_UNKNOWN_SCORE (0.0 unless set; also the
`unknown_score` reward kwarg). Each score is `{"score": ..., "unknown": 0.0 or 1.0}`, so `unknown` reaches verl's
reward_extra_info: count those samples, or mask them out of the advantage, rather than trust their score.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    from verifier_client.rewards.verl import compute_score, compute_score_batch
except ImportError:  # run from the checkout without installing the package
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))
    from verifier_client.rewards.verl import compute_score, compute_score_batch

__all__ = ["compute_score", "compute_score_batch"]
