#!/usr/bin/env bash
# Installs the Debian packages the stack and the tests need, only those that are missing:
# the Docker engine, debootstrap (sandbox images without a registry), patchelf and gcc (TorchSharp's native
# fix on Debian 12), python3 with pytest, setuptools, wheel, pip and venv (the Python client, its tests and its offline
# install), crun (the sandbox's faster OCI runtime; see docker-engine.sh).
# Safe to run again.
set -euo pipefail

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v docker >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v patchelf >/dev/null 2>&1 || need+=(patchelf)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# The Python client's tests and its offline install (pip install --no-build-isolation into a venv): Debian's python3.
for module in pytest setuptools wheel pip ensurepip; do
  if ! /usr/bin/python3 -c "import $module" >/dev/null 2>&1; then
    case "$module" in
      ensurepip) need+=(python3-venv) ;;
      *) need+=("python3-$module") ;;
    esac
  fi
done
command -v curl >/dev/null 2>&1 || need+=(curl)
[ -x /usr/bin/crun ] || need+=(crun)
# docker-compose v1 (Debian's) runs the local stack where the compose plugin is absent.
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  need+=(docker-compose)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
echo "installing: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
