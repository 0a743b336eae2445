"""GRPO with TRL, rewarded by the verifier: a sketch to adapt (TRL, datasets and a GPU are the trainer's, not ours).

    pip install ./clients/python trl datasets
    VERIFIER_URL=http://127.0.0.1:8080 VERIFIER_API_KEY=... python3 examples/python/trl_grpo.py --task math

Math: the dataset's `solution` (or `answer`) column is the gold answer. Code: each row gets a `code_spec` column, the
JSON of the spec a dataset adapter made (APPS here); rows an adapter cannot express are dropped, never scored 0.
A reward of None (unknown) leaves that sample out of the sum; TRL logs `<reward>/unknown_rate` through log_metric.
"""

from __future__ import annotations

import argparse
import json


def math_setup(client):
    from datasets import load_dataset
    from verifier_client.rewards import trl as rewards

    dataset = load_dataset("openai/gsm8k", "main", split="train")
    # GSM8K's answer ends with "#### <number>": that number is the gold answer.
    dataset = dataset.map(lambda row: {"prompt": row["question"], "solution": row["answer"].split("####")[-1].strip()})
    return dataset, [rewards.math_reward(client), rewards.format_reward(client)]


def code_setup(client):
    from datasets import load_dataset
    from verifier_client.datasets import UnsupportedRowError, apps_spec, check_supported
    from verifier_client.rewards import trl as rewards

    languages = client.languages()

    def with_spec(row):
        try:
            return {"prompt": row["question"], "code_spec": json.dumps(check_supported(apps_spec(row), languages))}
        except UnsupportedRowError:
            return {"prompt": row["question"], "code_spec": ""}

    dataset = load_dataset("codeparrot/apps", split="train", trust_remote_code=True).map(with_spec)
    dataset = dataset.filter(lambda row: bool(row["code_spec"]))
    return dataset, [rewards.code_reward(client)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--task", choices=["math", "code"], default="math")
    parser.add_argument("--model", default="Qwen/Qwen2.5-0.5B-Instruct")
    arguments = parser.parse_args()

    # Imported here, so that importing this file (as the tests do) needs neither TRL nor a GPU.
    from trl import GRPOConfig, GRPOTrainer
    from verifier_client import VerifierClient

    client = VerifierClient.from_env()
    dataset, reward_funcs = (math_setup if arguments.task == "math" else code_setup)(client)
    trainer = GRPOTrainer(
        model=arguments.model,
        reward_funcs=reward_funcs,
        args=GRPOConfig(output_dir=f"runs/grpo-{arguments.task}", logging_steps=10),
        train_dataset=dataset,
    )
    trainer.train()


if __name__ == "__main__":
    main()
