#!/usr/bin/env bash
# start: makes sure a Docker engine answers, starting dockerd if none does. Only an engine this script
# started is recorded, so that `stop` never touches an engine somebody else runs.
# stop: stops the engine that `start` started, if any.
#
# The engine runs with --bridge=none --iptables=false: sandbox containers get no network at all, and the
# local stack uses host networking bound to 127.0.0.1, so no packet leaves loopback. Where crun is installed and
# can run on this host's cgroups, it is registered as a runtime (--add-runtime crun=/usr/bin/crun), which the
# sandbox's Sandbox:Runtime=auto then prefers to runc. Where runsc (gVisor) is installed it is registered too, for
# running the containment suites on it (the sandbox refuses Runtime=runsc until they pass; see its README, "gVisor").
#
# Environment: VERIFIER_STATE_DIR (default /tmp/verifier-stack) holds dockerd.pid and dockerd.log;
# VERIFIER_SUDO is what runs dockerd as root (default: nothing when already root, else sudo).
set -euo pipefail

state_dir="${VERIFIER_STATE_DIR:-/tmp/verifier-stack}"
pid_file="$state_dir/dockerd.pid"
mkdir -p "$state_dir"
sudo="${VERIFIER_SUDO-}"
[ -n "$sudo" ] || [ "$(id -u)" -eq 0 ] || sudo="sudo"

engine_answers() { docker info >/dev/null 2>&1; }

# A dockerd that has not exited. The pid file may outlive its engine (a crash) and its pid be reused, so a
# process of another name is not ours to stop; /proc rather than kill -0, which a user's shell cannot aim
# at root's dockerd, and which a zombie still passes.
is_dockerd() {
  [ "$(cat "/proc/$1/comm" 2>/dev/null)" = dockerd ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# crun refuses every container on a hybrid cgroup host (v1 hierarchies plus cgroup2 on /sys/fs/cgroup/unified)
# whose cgroup2 holds a controller ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2");
# that happens where a controller, typically hugetlb, has no v1 hierarchy mounted. Such a controller gets its v1
# hierarchy mounted here (what the host's init would mount for it; runc uses it the same way), and if that fails
# crun is not registered: a runtime that cannot start anything must not be there for the sandbox to pick.
cgroup2_controllers() {
  local unified=/sys/fs/cgroup/unified/cgroup.controllers
  [ "$(stat -fc %T /sys/fs/cgroup)" != cgroup2fs ] && [ -r "$unified" ] && tr -d '\n' <"$unified"
}

crun_usable() {
  [ -x /usr/bin/crun ] || { echo "crun not registered: /usr/bin/crun is not installed (scripts/install-prereqs.sh)"; return 1; }
  local controllers controller
  controllers="$(cgroup2_controllers || true)"
  for controller in $controllers; do
    echo "mounting the v1 cgroup hierarchy of '$controller' (on cgroup2 in this hybrid host, which crun refuses)"
    $sudo mkdir -p "/sys/fs/cgroup/$controller" && $sudo mount -t cgroup -o "$controller" cgroup "/sys/fs/cgroup/$controller" || true
  done
  controllers="$(cgroup2_controllers || true)"
  if [ -n "${controllers// /}" ]; then
    echo "crun not registered: this hybrid cgroup host keeps controllers on cgroup2 ($controllers), which crun refuses"
    return 1
  fi
}

# gVisor (runsc, Debian's package, installed by hand): registered when installed, unless VERIFIER_RUNSC=0.
# Its arguments need a daemon config file (--add-runtime takes a path only): no network stack of its own (containers
# have none anyway), and --host-uds=open so that the supervisor can connect to the verifier's socket, the one host
# socket mounted into its container (Sandbox:Channel=Attach needs neither).
runsc_wanted() {
  [ "${VERIFIER_RUNSC:-1}" != 0 ] && [ -x /usr/bin/runsc ]
}

runsc_config() {
  local config="$state_dir/daemon-runsc.json"
  printf '{"runtimes": {"runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--network=none", "--host-uds=open"]}}}\n' >"$config"
  echo "$config"
}

start() {
  if engine_answers; then
    return 0
  fi
  local runtimes=()
  if crun_usable; then
    runtimes=(--add-runtime crun=/usr/bin/crun)
  fi
  if runsc_wanted; then
    runtimes+=(--config-file "$(runsc_config)")
  fi
  echo "starting dockerd ${runtimes[*]} (log: $state_dir/dockerd.log)"
  # dockerd writes its own pid: under sudo, $! would be sudo's, and stopping sudo can leave dockerd running.
  $sudo nohup dockerd --bridge=none --iptables=false "${runtimes[@]}" --pidfile "$pid_file" >"$state_dir/dockerd.log" 2>&1 &
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
  if ! is_dockerd "$pid"; then
    echo "pid $pid from $pid_file is no longer a dockerd; nothing to stop"
    return 0
  fi
  echo "stopping the dockerd this script started (pid $pid)"
  $sudo kill "$pid"
  for _ in $(seq 1 40); do
    is_dockerd "$pid" || return 0
    sleep 0.5
  done
  $sudo kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
