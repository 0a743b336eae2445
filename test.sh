#!/usr/bin/env bash
# Runs every test for real: installs what is missing, starts a Docker engine if none runs (and stops it
# again at the end), builds the sandbox images if absent, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prereqs.sh
scripts/docker-engine.sh start
trap 'scripts/docker-engine.sh stop' EXIT
docker/build-images.sh
# The compose-stack test must run, not skip, once the image is built.
export VERIFIER_REQUIRE_STACK=1

dotnet test Verifier.sln -c Release "$@"
