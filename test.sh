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
# How long each stage took is repeated at the end (CI keeps only the tail of the log): the image build must stay
# well inside CI's budget as languages are added.
timings=()
stage_started=$SECONDS
docker/build-images.sh
timings+=("images: $((SECONDS - stage_started)) s")
# The oci:// engine (crun without dockerd) runs containers from the images' unpacked root filesystems; unpacking
# again is skipped for an image whose id has not changed.
oci_folder=/var/lib/verifier-oci
oci_ready=0
if [ "$(id -u)" -eq 0 ] && command -v crun >/dev/null; then
  stage_started=$SECONDS
  docker/export-oci-images.sh "$oci_folder" >/dev/null
  oci_ready=1
  timings+=("oci images: $((SECONDS - stage_started)) s")
fi
# The compose-stack test must run, not skip, once the image is built.
export VERIFIER_REQUIRE_STACK=1

stage_started=$SECONDS
dotnet build Verifier.sln -c Release -nologo -clp:ErrorsOnly
timings+=("solution build: $((SECONDS - stage_started)) s")

projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  mapfile -t projects < <(ls -d tests/*.Tests | xargs -n1 basename)
fi

# Each project's output is also kept, so that the names of failed tests can be repeated at the end: CI keeps only
# the tail of a long log.
logs="$(mktemp -d /tmp/verifier-test-logs.XXXXXX)"
failed=()
run_project() {
  local label="$1" log="$logs/$1.log" started=$SECONDS
  shift
  echo "== $label"
  if dotnet test "$@" -c Release --no-build -nologo 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -ne 0 ]; then
    failed+=("$label")
  fi
  timings+=("$label: $((SECONDS - started)) s")
}
for project in "${projects[@]}"; do
  run_project "$project" "tests/$project"
done

# The sandbox's verdict and containment suites once more on the other OCI runtime: Sandbox:Runtime=auto ran them on
# crun where the engine has it registered, and runc is what auto falls back to elsewhere, so both must hold.
# The suites every runtime and engine must pass; the containment test reads the engine's own view of a container, so
# only the Docker engine's runs add it.
engine_suites="FullyQualifiedName~Verifier.Sandbox.Tests.Verdicts|FullyQualifiedName~Verifier.Sandbox.Tests.Adversarial"
engine_suites+="|FullyQualifiedName~Verifier.Sandbox.Tests.Hostile|FullyQualifiedName~Verifier.Sandbox.Tests.Isolation"
containment_filter="$engine_suites|FullyQualifiedName~Verifier.Sandbox.Tests.Configuration.ContainmentTests"
if [[ " ${projects[*]} " == *" Verifier.Sandbox.Tests "* ]]; then
  if docker info --format '{{json .Runtimes}}' | grep -q '"crun"'; then
    echo "(the verdict and containment suites once more on runc; the run above used crun)"
    VERIFIER_SANDBOX_RUNTIME=runc run_project "Verifier.Sandbox.Tests(runc)" tests/Verifier.Sandbox.Tests --filter "$containment_filter"
  else
    echo "== skipped: the sandbox suites on crun; the engine has no crun runtime registered (scripts/docker-engine.sh registers it where crun is installed and usable)"
  fi
fi

# And on the oci:// engine: the same suites with no engine between the sandbox and crun (the Docker-inspecting
# containment test aside: the oci engine's containment is asserted by its own tests, which ran above).
if [[ " ${projects[*]} " == *" Verifier.Sandbox.Tests "* ]]; then
  if [ "$oci_ready" -eq 1 ]; then
    VERIFIER_SANDBOX_ENDPOINT="oci://$oci_folder" run_project "Verifier.Sandbox.Tests(oci)" tests/Verifier.Sandbox.Tests --filter "$engine_suites"
  else
    echo "== skipped: the sandbox suites on the oci:// engine, which needs root and crun"
  fi
fi

echo "== time taken (whole run: $SECONDS s)"
printf '  %s\n' "${timings[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  for label in "${failed[@]}"; do
    echo "== failed in $label:"
    # xunit's console logger starts each failure with "  Failed <test name> [<time>]", then its message.
    grep -E -A 6 '^\s+Failed [^ ]' "$logs/$label.log" | head -n 120 || echo "(no test failed by name: see the log above)"
  done
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all test projects passed: ${projects[*]}"
