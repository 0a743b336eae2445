#!/usr/bin/env bash
# Builds the GPU-check bundle on a machine with the .NET SDK (this one): a self-contained, partially trimmed
# publish of the trainer with no libtorch of its own (it runs on the GPU machine's PyTorch install), the
# PyTorch reference script and the runner. Output: out/gpu-check.tar.xz (and the unpacked out/gpu-check/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/out/gpu-check}"
rm -rf "$out"
mkdir -p "$out"

# VerifierLibTorch=none: no libtorch-cpu in the bundle (the GPU machine's torch/lib is used).
# VerifierLibTorchSharpPatch=always: the GLIBCXX_3.4.32 fix is applied whatever this machine's libstdc++ is,
# because the GPU machine's may lack the version too (Ubuntu 22.04 stops at 3.4.30); it is harmless where present.
# TrimMode=partial trims only assemblies marked trimmable (the framework, not this app or TorchSharp), so the
# trim analyzer's warnings about reflection in the app's own JSON/DataAnnotations code do not apply; for the
# same reason System.Text.Json's reflection mode (which trimming turns off by default) stays on.
dotnet publish "$repo/trainer/Verifier.Trainer" -c Release -r linux-x64 --self-contained \
  -p:PublishTrimmed=true -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true \
  -p:JsonSerializerIsReflectionEnabledByDefault=true \
  -p:VerifierLibTorch=none -p:VerifierLibTorchSharpPatch=always \
  -o "$out/trainer"

cp "$here/run.sh" "$here/step_pytorch.py" "$here/gpu-config.json" "$here/README.md" "$out/"
chmod +x "$out/run.sh" "$out/step_pytorch.py"
tar -C "$(dirname "$out")" -cJf "$out.tar.xz" "$(basename "$out")"
du -sh "$out" "$out.tar.xz"
