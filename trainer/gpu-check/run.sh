#!/usr/bin/env bash
# Runs on the GPU machine, from the unpacked bundle: needs python3 with torch (CUDA build), nothing else.
# Times the same GRPO update step in the TorchSharp trainer (on this PyTorch's libtorch) and in PyTorch eager.
#   ./run.sh                 # default shape from gpu-config.json
#   ./run.sh --rows 128      # extra options go to both sides (rows, prefix, prompt-len, completion, steps, warmup)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
torch_lib="$("$python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
"$python" -c 'import torch; assert torch.cuda.is_available(), "CUDA is not available to PyTorch"; print("torch", torch.__version__, "on", torch.cuda.get_device_name(0))'

export VERIFIER_LIBTORCH_DIR="$torch_lib"
export DOTNET_gcServer=0
ts_json="$here/torchsharp.json"
pt_json="$here/pytorch.json"

echo "== TorchSharp (verifier-trainer bench, libtorch from $torch_lib)"
"$here/trainer/verifier-trainer" bench --config "$here/gpu-config.json" --device cuda --json "$ts_json" "$@"
echo "== PyTorch eager"
"$python" "$here/step_pytorch.py" --config "$here/gpu-config.json" --device cuda --json "$pt_json" "$@"

"$python" - "$ts_json" "$pt_json" <<'PY'
import json, sys
ts = json.load(open(sys.argv[1]))
pt = json.load(open(sys.argv[2]))
t, p = ts["median_update_seconds"], pt["median_update_seconds"]
print(f"TorchSharp step: {t * 1000:.2f} ms (median)   PyTorch eager step: {p * 1000:.2f} ms (median)")
print(f"ratio TorchSharp / PyTorch = {t / p:.3f}   (target <= 1.15): {'PASS' if t / p <= 1.15 else 'FAIL'}")
PY
