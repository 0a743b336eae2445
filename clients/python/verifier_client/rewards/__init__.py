"""Reward functions for trainers: TRL (``rewards.trl``) and verl (``rewards.verl``)."""
