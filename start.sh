#!/usr/bin/env bash
# The main job: brings up the local verifier stack (Docker engine, images, the service on
# http://127.0.0.1:8080) and shows it working: grades a sample file through the service and in-process, and
# checks the Python client (clients/python) against it.
#
#   ./start.sh            bring the stack up and run the demo (the stack keeps running)
#   ./start.sh train      bring the stack up and train the GRPO demo against it (metrics and plots in runs/)
#   ./start.sh down       stop the stack (and the Docker engine, if `up` started it)
#
# The API key is VERIFIER_API_KEYS if set, else one generated once into .verifier/api-key.
set -euo pipefail
cd "$(dirname "$0")"

port="${VERIFIER_PORT:-8080}"
url="http://127.0.0.1:$port"
state=.verifier
mkdir -p "$state"

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -p verifier -f docker/docker-compose.yml "$@"
  else
    docker-compose -p verifier -f docker/docker-compose.yml "$@"
  fi
}

api_key() {
  if [ -n "${VERIFIER_API_KEYS:-}" ]; then
    echo "${VERIFIER_API_KEYS%%,*}" | sed 's/^[^:]*://'
    return
  fi
  # Readable by its owner only from the moment it exists: created under umask 077, not chmod-ed once the secret is
  # in it. umask applies only to a new file, so an empty one left behind goes first; a key an earlier start.sh wrote
  # world-readable is narrowed.
  if [ -s "$state/api-key" ]; then
    chmod 600 "$state/api-key"
  else
    rm -f "$state/api-key"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$state/api-key")
  fi
  cat "$state/api-key"
}

up() {
  scripts/install-prereqs.sh
  VERIFIER_STATE_DIR="$PWD/$state" scripts/docker-engine.sh start
  docker/build-images.sh
  key="$(api_key)"
  export VERIFIER_API_KEYS="${VERIFIER_API_KEYS:-$key}" VERIFIER_PORT="$port"
  export DOCKER_GID="$(stat -c %g /var/run/docker.sock)"
  compose up -d
  echo "waiting for $url/health/ready"
  for _ in $(seq 1 120); do
    if curl -fsS "$url/health/ready" >/dev/null 2>&1; then
      echo "verifier ready at $url (API key in $state/api-key; docs at $url/docs)"
      return 0
    fi
    sleep 0.5
  done
  compose logs --tail 50 >&2
  echo "the verifier did not become ready" >&2
  exit 1
}

demo() {
  key="$(api_key)"
  echo
  echo "== grading samples/math-sample.jsonl through the service (SDK, remote mode)"
  dotnet run --project verifier/Verifier.Cli -c Release -- grade --input samples/math-sample.jsonl \
    --output "$state/graded-remote.jsonl" --remote "$url" --api-key "$key" --format --quiet
  echo "== the same file graded in-process"
  dotnet run --project verifier/Verifier.Cli -c Release -- grade --input samples/math-sample.jsonl \
    --output "$state/graded-local.jsonl" --format --quiet
  if cmp -s "$state/graded-remote.jsonl" "$state/graded-local.jsonl"; then
    echo "remote and local grading agree"
  else
    echo "remote and local grading differ:" >&2
    diff "$state/graded-remote.jsonl" "$state/graded-local.jsonl" >&2 || true
    exit 1
  fi
  head -n 5 "$state/graded-local.jsonl"
  echo "== Python client (clients/python, standard library only)"
  python3 examples/python/check_service.py --url "$url" --api-key "$key"
}

train() {
  key="$(api_key)"
  dotnet run --project trainer/Verifier.Trainer -c Release -- train --task arithmetic \
    --verifier "$url" --api-key "$key" --out runs/arithmetic
}

case "${1:-demo}" in
  demo) up; demo ;;
  train) up; train ;;
  down)
    VERIFIER_API_KEYS="${VERIFIER_API_KEYS:-$(api_key)}" compose down --volumes
    # The engine too, but only if `up` started it: docker-engine.sh records in $state only an engine it started.
    VERIFIER_STATE_DIR="$PWD/$state" scripts/docker-engine.sh stop
    ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
