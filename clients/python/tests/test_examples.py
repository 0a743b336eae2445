"""The examples import without TRL, verl or a service, and expose what their trainers look up."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "python"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_trl_example_imports_without_trl():
    module = load("trl_grpo")
    assert callable(module.main) and "trl" not in sys.modules


def test_verl_example_exposes_both_compute_score_forms():
    module = load("verl_reward")
    from verifier_client.rewards import verl

    assert module.compute_score is verl.compute_score and module.compute_score_batch is verl.compute_score_batch
