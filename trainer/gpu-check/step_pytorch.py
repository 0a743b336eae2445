#!/usr/bin/env python3
"""The GRPO update step of trainer/Verifier.Trainer, written in plain PyTorch eager, for timing.

Mirrors Model/Gpt.cs, Model/Block.cs, Grpo/PolicyLogProbs.cs, Grpo/GrpoLoss.cs (dapo) and
Training/PolicyUpdate.cs (mu = 1, one minibatch): the shared prompt prefix is computed once with batch 1
and broadcast, the rest of the prompt is left-padded, the completion right-padded; AdamW, grad clipping,
and the same host reads (.item()) the trainer does for its metrics. Prints a JSON line like `bench`.
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def attention(q, k, v, mask):
    """F.scaled_dot_product_attention, with a plain fallback for torch < 2.0 (CPU smoke tests only)."""
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    scores = scores.masked_fill(mask.logical_not(), float("-inf")) if mask.dtype == torch.bool else scores + mask
    return scores.softmax(-1) @ v


class Block(nn.Module):
    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.heads, self.head_dim = heads, dim // heads
        self.ln_1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.attn_proj = nn.Linear(dim, dim)
        self.ln_2 = nn.LayerNorm(dim)
        self.mlp_fc = nn.Linear(dim, mlp_ratio * dim)
        self.mlp_proj = nn.Linear(mlp_ratio * dim, dim)

    def forward(self, x, mask, past_k=None, past_v=None):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln_1(x)).view(b, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        if past_k is not None:
            k = torch.cat([past_k, k], 2)
            v = torch.cat([past_v, v], 2)
        a = attention(q, k, v, mask)
        x = x + self.attn_proj(a.transpose(1, 2).reshape(b, t, d))
        x = x + self.mlp_proj(F.gelu(self.mlp_fc(self.ln_2(x))))
        return x, k, v


def alibi_slopes(heads):
    def power_of_two(n):
        return [2 ** (-8.0 * i / n) for i in range(1, n + 1)]
    closest = 2 ** int(math.floor(math.log2(heads)))
    return power_of_two(closest) + power_of_two(2 * closest)[0::2][: heads - closest]


class Gpt(nn.Module):
    def __init__(self, vocab, context, dim, layers, heads, mlp_ratio=4, position="alibi"):
        super().__init__()
        self.alibi = position == "alibi"
        self.wte = nn.Embedding(vocab, dim)
        if self.alibi:
            self.register_buffer("alibi_slopes", torch.tensor(alibi_slopes(heads)), persistent=False)
        else:
            self.wpe = nn.Embedding(context, dim)
        self.blocks = nn.ModuleList([Block(dim, heads, mlp_ratio) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def hidden(self, tokens, positions, valid, past=None):
        # past = (keys per layer, values per layer, key_valid [B, T], key_positions [B, T]); a batch-1 past is broadcast.
        if past is not None and past[2].shape[0] != tokens.shape[0]:
            n = tokens.shape[0]
            past = ([k.expand(n, -1, -1, -1) for k in past[0]], [v.expand(n, -1, -1, -1) for v in past[1]],
                    past[2].expand(n, -1), past[3].expand(n, -1))
        key_valid = valid if past is None else torch.cat([past[2], valid], 1)
        key_positions = positions if past is None else torch.cat([past[3], positions], 1)
        total, t = key_valid.shape[1], tokens.shape[1]
        q_idx = torch.arange(total - t, total, device=tokens.device).unsqueeze(1)
        k_idx = torch.arange(total, device=tokens.device).unsqueeze(0)
        mask = key_valid[:, None, None, :].logical_and(k_idx <= q_idx).logical_or(k_idx == q_idx)
        x = self.wte(tokens)
        if self.alibi:
            distance = (positions.unsqueeze(2) - key_positions.unsqueeze(1)).unsqueeze(1).to(self.alibi_slopes.dtype)
            mask = (distance * -self.alibi_slopes.view(1, -1, 1, 1)).masked_fill(mask.logical_not(), float("-inf"))
        else:
            x = x + self.wpe(positions)
        keys, values = [], []
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, mask, None if past is None else past[0][i], None if past is None else past[1][i])
            keys.append(k)
            values.append(v)
        return self.ln_f(x), (keys, values, key_valid, key_positions)


def log_probs(policy, prefix, remainder, remainder_valid, completion, completion_mask, with_entropy):
    dev = remainder.device
    p = prefix.shape[1]
    _, cache = policy.hidden(prefix, torch.arange(p, device=dev).unsqueeze(0), torch.ones(1, p, dtype=torch.bool, device=dev))
    suffix = torch.cat([remainder, completion], 1)
    valid = torch.cat([remainder_valid, completion_mask], 1)
    positions = valid.long().cumsum(1).add(p - 1).clamp_min(0)
    hidden, _ = policy.hidden(suffix, positions, valid, cache)
    width = completion.shape[1]
    logits = policy.lm_head(hidden.narrow(1, remainder.shape[1] - 1, width))
    log_softmax = F.log_softmax(logits, -1)
    token = log_softmax.gather(-1, completion.unsqueeze(-1)).squeeze(-1)
    entropy = None
    if with_entropy:
        with torch.no_grad():
            finite = log_softmax.masked_fill(log_softmax.isinf(), 0)
            entropy = -(log_softmax.exp() * finite).sum(-1) * completion_mask
    return token.masked_fill(completion_mask.logical_not(), 0), entropy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--rows", type=int)
    parser.add_argument("--prefix", type=int, default=300)
    parser.add_argument("--prompt-len", type=int, default=16)
    parser.add_argument("--completion", type=int)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--vocab", type=int, default=262)
    parser.add_argument("--json")
    args = parser.parse_args()
    cfg = json.load(open(args.config))
    m, g, o = cfg["model"], cfg.get("grpo", {}), cfg.get("optimizer", {})
    rows = args.rows or g.get("group_size", 16) * g.get("prompts_per_step", 8)
    width = args.completion or cfg.get("sampling", {}).get("max_new_tokens", 48)
    dev = torch.device(args.device)
    torch.manual_seed(1)

    policy = Gpt(args.vocab, m.get("context_length", 512), m.get("dim", 64), m.get("layers", 2), m.get("heads", 4), m.get("mlp_ratio", 4),
                 m.get("position", "alibi")).to(dev)
    optimizer = torch.optim.AdamW(policy.parameters(), lr=o.get("learning_rate", 3e-3), betas=(o.get("beta1", 0.9), o.get("beta2", 0.99)),
                                  eps=1e-8, weight_decay=o.get("weight_decay", 0.0))
    eps_low, eps_high = g.get("epsilon_low", 0.2), g.get("epsilon_high", 0.28)
    max_norm = o.get("max_grad_norm", 1.0)

    prefix = torch.randint(7, args.vocab, (1, args.prefix), device=dev)
    remainder = torch.randint(7, args.vocab, (rows, args.prompt_len), device=dev)
    remainder_valid = torch.ones(rows, args.prompt_len, dtype=torch.bool, device=dev)
    completion = torch.randint(7, args.vocab, (rows, width), device=dev)
    completion_mask = torch.ones(rows, width, dtype=torch.bool, device=dev)
    advantages = (torch.rand(rows, device=dev) - 0.5).float()
    mask = completion_mask.float()

    times = []
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        for group in optimizer.param_groups:
            group["lr"] = o.get("learning_rate", 3e-3)
        logp, entropy = log_probs(policy, prefix, remainder, remainder_valid, completion, completion_mask, True)
        old = logp.detach()
        ratio = (logp - old).exp()
        adv = advantages.unsqueeze(1)
        per_token = -torch.minimum(ratio * adv, ratio.clamp(1 - eps_low, 1 + eps_high) * adv)
        low = (ratio < 1 - eps_low).logical_and(adv < 0)
        high = (ratio > 1 + eps_high).logical_and(adv > 0)
        clip_ratio = (low.logical_or(high).float() * mask).sum() / mask.sum().clamp_min(1)
        kl = torch.zeros((), device=dev)
        loss = (per_token * mask).sum() / mask.sum().clamp_min(1)
        optimizer.zero_grad()
        loss.backward()
        grad_norm = float(torch.nn.utils.clip_grad_norm_(policy.parameters(), max_norm))
        optimizer.step()
        _ = (loss.item(), kl.item(), clip_ratio.item(), (entropy * mask).sum().item() / max(1.0, mask.sum().item()), grad_norm)
        if dev.type == "cuda":
            torch.cuda.synchronize()
        if i >= args.warmup:
            times.append(time.perf_counter() - start)

    result = {"implementation": "pytorch-eager", "torch": torch.__version__, "device": str(dev), "rows": rows, "prefix": args.prefix,
              "prompt_len": args.prompt_len, "completion": width, "steps": args.steps,
              "median_update_seconds": statistics.median(times), "min_update_seconds": min(times)}
    line = json.dumps(result)
    if args.json:
        open(args.json, "w").write(line)
    print(line)


if __name__ == "__main__":
    main()
