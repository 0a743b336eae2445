#!/usr/bin/env bash
# start: makes sure a Docker engine answers, starting dockerd if none does. Only an engine this script
# started is recorded, so that `stop` never touches an engine somebody else runs.
# stop: stops the engine that `start` started, if any.
#
# The engine runs with --bridge=none --iptables=false: sandbox containers get no network at all, and the
# local stack uses host networking bound to 127.0.0.1, so no packet leaves loopback.
set -euo pipefail

state_dir="${VERIFIER_STATE_DIR:-/tmp/verifier-stack}"
pid_file="$state_dir/dockerd.pid"
mkdir -p "$state_dir"

engine_answers() { docker info >/dev/null 2>&1; }

start() {
  if engine_answers; then
    return 0
  fi
  echo "starting dockerd (log: $state_dir/dockerd.log)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo nohup dockerd --bridge=none --iptables=false >"$state_dir/dockerd.log" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 60); do
    if engine_answers; then
      return 0
    fi
    sleep 0.5
  done
  echo "dockerd did not come up; see $state_dir/dockerd.log" >&2
  tail -20 "$state_dir/dockerd.log" >&2 || true
  exit 1
}

stop() {
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  rm -f "$pid_file"
  if kill -0 "$pid" 2>/dev/null; then
    echo "stopping the dockerd this script started (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || return 0
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
