#!/usr/bin/env bash
# Runs every test for real: installs what is missing, starts a Docker engine if none runs (and stops it
# again at the end), builds the images if absent or stale, builds the solution once, then runs each test
# project in turn. One project at a time: the suites start containers, servers and training runs, and on a
# 2-core machine running them side by side would make their timing-sensitive parts fight for the cores.
#
#   ./test.sh                    everything
#   ./test.sh Verifier.Sdk.Tests only the named test projects
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prereqs.sh
# Stop the engine at the end only if this run started it: an engine that was already answering belongs to someone
# else, even when an earlier start left its pid file behind.
if ! docker info >/dev/null 2>&1; then
  scripts/docker-engine.sh start
  trap 'scripts/docker-engine.sh stop' EXIT
fi
docker/build-images.sh
# The compose-stack test must run, not skip, once the image is built.
export VERIFIER_REQUIRE_STACK=1

dotnet build Verifier.sln -c Release -nologo -clp:ErrorsOnly

projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  mapfile -t projects < <(ls -d tests/*.Tests | xargs -n1 basename)
fi

failed=()
for project in "${projects[@]}"; do
  echo "== $project"
  if ! dotnet test "tests/$project" -c Release --no-build -nologo; then
    failed+=("$project")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all test projects passed: ${projects[*]}"
