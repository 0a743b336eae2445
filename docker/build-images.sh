#!/usr/bin/env bash
# Builds the verifier's images with no registry: a minimal Debian root filesystem from debootstrap
# (--variant=minbase plus the image's packages), trimmed, then `docker import`. Images that already exist
# are skipped, so the script is cheap to call before every test run.
#
# Usage: docker/build-images.sh [--force] [image-key ...]
#   image-key: one of the keys in IMAGES below, or verifier (default: all). --force rebuilds existing images.
#   docker/build-images.sh --source-hash prints the service image's source hash (its org.verifier.source label).
# Environment: DEBIAN_MIRROR (default: the Debian mirror apt uses on this machine), DEBIAN_SUITE (bookworm),
#   BUILD_CACHE (the .deb cache of debootstrap and apt, default /var/cache/verifier-images), BUILD_JOBS (how many
#   images built on the shared sandbox root at once, default 2).
#
# Adding an image: one line in IMAGES ("key|tag|packages|customize-function[|sandbox-root]"), plus a customize
# function if the image needs more than packages. The function receives the root filesystem path; it may copy files
# in, run commands with chroot (in_root when they need /proc), and append `--change` options for docker import to
# IMAGE_CHANGES (USER, ENTRYPOINT, ENV...), which start from the sandbox defaults below.
# Without the fifth field an image is its own debootstrap of minbase plus its packages. With "sandbox-root" its
# packages are installed with apt-get into a copy of the shared sandbox root (minbase + python3, debootstrapped once
# per run): a debootstrap costs 1.5-2.5 min of mostly CPU, an apt-get into a copy 2-30 s, and these builds run
# BUILD_JOBS at a time.
# The key "verifier" names the service image, built last from verifier-base (see build_verifier_image).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE="${DEBIAN_SUITE:-bookworm}"
CACHE_DIR="${BUILD_CACHE:-/var/cache/verifier-images}"
BUILD_JOBS="${BUILD_JOBS:-2}"

# The sandbox's in-container supervisor is Python, so every sandbox image carries python3.
# Tags must match Sandbox:Languages:<name>:Image in the verifier's configuration.
IMAGES=(
  "sandbox-python|verifier-sandbox-python:2|python3,python3-numpy|customize_sandbox"
  "sandbox-cpp|verifier-sandbox-cpp:1|python3,g++|customize_cpp"
  "sandbox-dotnet|verifier-sandbox-dotnet:1|python3|customize_dotnet"
  "verifier-base|verifier-base:1|ca-certificates,libssl3|customize_sandbox_user"
  # MultiPL-E's languages, each on the shared sandbox root (which brings python3). Node needs ca-certificates: Debian's
  # node loads /etc/ssl/certs/ca-certificates.crt at start and warns on stderr, every run, when it is missing.
  "sandbox-java|verifier-sandbox-java:1|openjdk-17-jdk-headless,libjavatuples-java|customize_java|sandbox-root"
  "sandbox-javascript|verifier-sandbox-javascript:1|nodejs,ca-certificates|customize_javascript|sandbox-root"
  "sandbox-typescript|verifier-sandbox-typescript:1|nodejs,ca-certificates,node-typescript|customize_typescript|sandbox-root"
  "sandbox-go|verifier-sandbox-go:1|golang-1.19-go|customize_go|sandbox-root"
  "sandbox-rust|verifier-sandbox-rust:1|rustc,gcc,libc6-dev|customize_rust|sandbox-root"
  "sandbox-bash|verifier-sandbox-bash:1|bash,bc,gawk|customize_sandbox|sandbox-root"
  "sandbox-ruby|verifier-sandbox-ruby:1|ruby,ruby-test-unit|customize_sandbox|sandbox-root"
  "sandbox-php|verifier-sandbox-php:1|php8.2-cli|customize_sandbox|sandbox-root"
  "sandbox-lua|verifier-sandbox-lua:1|lua5.4|customize_sandbox|sandbox-root"
  "sandbox-perl|verifier-sandbox-perl:1|perl,libtest-deep-perl|customize_sandbox|sandbox-root"
)

# What jobs may need beyond packages (a CDS archive, a warm Go cache) lives here in the images.
VERIFIER_LIB=/usr/lib/verifier

# The verifier service itself: a self-contained publish on verifier-base. It is rebuilt whenever the source
# changes (the image carries a hash of it), so the local stack never runs stale code.
VERIFIER_TAG="${VERIFIER_IMAGE:-verifier-service:1}"

# The sandbox runs everything as this uid/gid (Sandbox:User in configuration); a passwd entry keeps tools
# that look the user up (python's getpass, g++ diagnostics) quiet.
SANDBOX_UID=10001

log() { printf '[build-images] %s\n' "$*" >&2; }

detect_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then echo "$DEBIAN_MIRROR"; return; fi
  local uri=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    # deb822: the first "URIs:" of a stanza that is not the security archive.
    uri="$(awk '/^URIs:/ { if ($2 !~ /security/) { print $2; exit } }' /etc/apt/sources.list.d/debian.sources)"
  fi
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri="$(awk '/^deb / && $2 ~ /^http/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Removes what a sandbox never needs: docs, man pages, locales, apt state, caches.
trim_rootfs() {
  local root="$1"
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
    "$root"/usr/share/locale/* "$root"/usr/share/lintian "$root"/var/cache/apt/* \
    "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/var/cache/debconf/*-old
}

customize_sandbox_user() {
  local root="$1"
  echo "sandbox:x:${SANDBOX_UID}:${SANDBOX_UID}:sandbox:/tmp:/usr/sbin/nologin" >>"$root/etc/passwd"
  echo "sandbox:x:${SANDBOX_UID}:" >>"$root/etc/group"
}

customize_sandbox() {
  local root="$1"
  customize_sandbox_user "$root"
  # Byte-compile the standard library once, so each sandboxed python3 starts from cached bytecode
  # (the root filesystem is read-only at run time, so nothing could cache it later).
  chroot "$root" python3 -m compileall -q -j 0 /usr/lib/python3 /usr/lib/python3.* >/dev/null 2>&1 || true
}

# C++ submissions commonly start with #include <bits/stdc++.h>: a precompiled header (built with the sandbox's
# flags, -std=gnu++17 -O2) turns its ~2 s parse into ~0.3 s.
customize_cpp() {
  local root="$1"
  customize_sandbox "$root"
  local header
  header="$(cd "$root" && ls usr/include/x86_64-linux-gnu/c++/*/bits/stdc++.h | head -n 1)"
  chroot "$root" g++ -std=gnu++17 -O2 -x c++-header "/$header" -o "/$header.gch"
}

# C# runs on the .NET runtime of this machine's SDK (the one the verifier compiles against): no package registry has
# it, so it is copied in. Only the muxer, hostfxr and Microsoft.NETCore.App: no SDK, no ASP.NET Core. Programs run
# with invariant globalization (set in their runtimeconfig), so the image needs no ICU, nor more than minbase.
customize_dotnet() {
  local root="$1" dotnet_root
  customize_sandbox "$root"
  command -v dotnet >/dev/null || { log "dotnet not found: the C# sandbox image carries this machine's .NET runtime"; exit 1; }
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  [[ -d "$dotnet_root/shared/Microsoft.NETCore.App" ]] || { log "no .NET runtime under $dotnet_root"; exit 1; }
  mkdir -p "$root/usr/share/dotnet/shared" "$root/usr/share/dotnet/host"
  cp "$dotnet_root/dotnet" "$root/usr/share/dotnet/"
  cp -r "$dotnet_root/host/fxr" "$root/usr/share/dotnet/host/"
  cp -r "$dotnet_root/shared/Microsoft.NETCore.App" "$root/usr/share/dotnet/shared/"
  # The LTTng tracing provider is loaded only if its library is present; without liblttng it would only fail to load.
  rm -f "$root"/usr/share/dotnet/shared/Microsoft.NETCore.App/*/libcoreclrtraceptprovider.so
  ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
}

# Runs a command chrooted into a root filesystem with /proc mounted (the JVM, and maintainer scripts that start it,
# need it). The mount lives in a private mount namespace, so it goes away with the command however that ends, and
# never shows in this machine's mount table. --sandbox-user runs the command as the sandbox's uid/gid.
in_root() {
  local user=()
  if [[ "$1" == --sandbox-user ]]; then user=(--userspec="${SANDBOX_UID}:${SANDBOX_UID}"); shift; fi
  local root="$1"
  shift
  unshare --mount --propagation private -- sh -c 'mount -t proc proc "$1/proc" && shift && exec chroot "$@"' \
    in_root "$root" "${user[@]}" "$root" "$@"
}

# javac is itself a Java program: most of its ~0.75 s start-up is loading and linking its own classes. A dynamic CDS
# archive of the classes it loads compiling a MultiPL-E-shaped program (docker/warmup/java) maps them instead; with
# the sandbox's flags (-J-XX:SharedArchiveFile=/usr/lib/verifier/javac.jsa -J-XX:+UseSerialGC
# -J-XX:TieredStopAtLevel=1) a hello world compiles in about half the time. A missing or mismatched archive is
# ignored silently by the JVM, so the archive is checked here with -Xshare:on, which fails instead.
# The JDK's jmods (75 MB) only serve jlink, which no submission runs.
customize_java() {
  local root="$1" jdk
  customize_sandbox "$root"
  jdk="$(cd "$root" && ls -d usr/lib/jvm/java-*-openjdk-* | head -n 1)"
  rm -rf "${root:?}/$jdk/jmods"
  mkdir -p "$root$VERIFIER_LIB" "$root/tmp/warmup"
  install -d -m 0777 "$root/tmp/warmup/check"
  cp "$SCRIPT_DIR/warmup/java/Problem.java" "$root/tmp/warmup/"
  local flags=(-J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -cp /usr/share/java/javatuples.jar)
  in_root "$root" javac "-J-XX:ArchiveClassesAtExit=$VERIFIER_LIB/javac.jsa" "${flags[@]}" \
    -d /tmp/warmup/dump /tmp/warmup/Problem.java
  in_root --sandbox-user "$root" javac "-J-XX:SharedArchiveFile=$VERIFIER_LIB/javac.jsa" -J-Xshare:on "${flags[@]}" \
    -d /tmp/warmup/check /tmp/warmup/Problem.java
  rm -rf "$root/tmp/warmup" "$root"/tmp/hsperfdata_*
}

# Debian's node reads /etc/ssl/certs/ca-certificates.crt at every start and warns on stderr when it is missing (hence
# ca-certificates in the package list): checked, since a submission's stderr is part of what it is judged on.
customize_javascript() {
  local root="$1" noise
  customize_sandbox "$root"
  noise="$(in_root --sandbox-user "$root" node -e 'require("fs")' 2>&1)"
  if [[ -n "$noise" ]]; then log "node writes at start: $noise"; return 1; fi
}

# Debian's nodejs ships Node's type definitions (@types/node 18.x, whose ts4.8/ variant Debian's TypeScript 4.8 picks)
# in /usr/share/nodejs/@types, where tsc looks only when told: --types node --typeRoots /usr/share/nodejs/@types.
# Checked as the sandbox user: a program using require and process type-checks, and a type error fails.
customize_typescript() {
  local root="$1"
  customize_javascript "$root"
  install -d -m 0777 "$root/tmp/warmup"
  printf '%s\n' "const fs = require('fs');" 'const args: string[] = process.argv.slice(2);' \
    'console.log(fs.existsSync("/") && args.length >= 0);' >"$root/tmp/warmup/node.ts"
  printf '%s\n' 'const n: number = "one";' >"$root/tmp/warmup/error.ts"
  local tsc=(tsc --noEmit --types node --typeRoots /usr/share/nodejs/@types)
  in_root --sandbox-user "$root" "${tsc[@]}" /tmp/warmup/node.ts
  if in_root --sandbox-user "$root" "${tsc[@]}" /tmp/warmup/error.ts >/dev/null; then
    log "tsc passed a type error"
    return 1
  fi
  rm -rf "$root/tmp/warmup"
}

# Debian's golang-1.19-go has no /usr/bin/go (golang-go adds it, with more): go and gofmt are linked here.
# Go 1.19 still ships the standard library precompiled (GOROOT/pkg/linux_amd64), so `go build` with an empty GOCACHE
# takes ~0.5 s; but `go test` first vets every standard package the test imports, ~3.4 s with an empty GOCACHE against
# ~0.35 s with a warm one. Go needs its GOCACHE writable, so the image carries a warm one, read-only, for a job to copy
# into its own (cp -r, ~50 ms): $VERIFIER_LIB/go-cache, built as the sandbox user from docker/warmup/go with cgo on
# and off, and GOFLAGS=-mod=mod GOPROXY=off as the sandbox runs Go.
# Trimmed: the compiled packages of the Go tools themselves (pkg/linux_amd64/cmd, 140 MB) and their sources (src/cmd),
# which only a rebuild of the toolchain reads, the standard library's testdata and Go's own test suite.
customize_go() {
  local root="$1" goroot share
  customize_sandbox "$root"
  goroot="$(cd "$root" && ls -d usr/lib/go-* | head -n 1)"
  share="$root/usr/share/${goroot##*/}"
  ln -sf "/$goroot/bin/go" "$root/usr/bin/go"
  ln -sf "/$goroot/bin/gofmt" "$root/usr/bin/gofmt"
  rm -rf "${root:?}/$goroot/pkg/linux_amd64/cmd" "$share/src/cmd" "$share/test" "${root:?}/$goroot/test"
  find "$share/src" -depth -type d -name testdata -exec rm -rf {} +
  mkdir -p "$root/tmp/warmup"
  cp -r "$SCRIPT_DIR/warmup/go" "$root/tmp/warmup/src"
  chmod -R a+rwX "$root/tmp/warmup"
  in_root --sandbox-user "$root" env HOME=/tmp GOCACHE=/tmp/warmup/cache GOFLAGS=-mod=mod GOPROXY=off sh -ec '
    cd /tmp/warmup/src
    for cgo in 1 0; do
      CGO_ENABLED=$cgo go test -c -o /tmp/warmup/warmup.test .
      CGO_ENABLED=$cgo go build -o /tmp/warmup/hello ./main
    done'
  mkdir -p "$root$VERIFIER_LIB"
  mv "$root/tmp/warmup/cache" "$root$VERIFIER_LIB/go-cache"
  chown -R 0:0 "$root$VERIFIER_LIB/go-cache"
  chmod -R u=rwX,go=rX "$root$VERIFIER_LIB/go-cache"
  rm -rf "$root/tmp/warmup"
}

# rustc links through cc (gcc), and the verifier links a small C object into Rust test binaries: both are checked as
# the sandbox user, so that a package change dropping either fails the build rather than the first submission.
customize_rust() {
  local root="$1"
  customize_sandbox "$root"
  install -d -m 0777 "$root/tmp/warmup"
  printf '%s\n' 'int twice(int x) { return 2 * x; }' >"$root/tmp/warmup/twice.c"
  printf '%s\n' 'extern "C" { fn twice(x: i32) -> i32; }' 'fn main() { assert_eq!(unsafe { twice(21) }, 42); }' \
    >"$root/tmp/warmup/main.rs"
  in_root --sandbox-user "$root" sh -ec 'cd /tmp/warmup && gcc -O2 -c twice.c -o twice.o
    rustc -O -C link-arg=/tmp/warmup/twice.o main.rs -o main && ./main'
  rm -rf "$root/tmp/warmup"
}

default_changes=(
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV LANG=C.UTF-8'
  --change "USER ${SANDBOX_UID}:${SANDBOX_UID}"
  --change 'WORKDIR /tmp'
  --change 'LABEL org.verifier.image=sandbox'
)

build_image() {
  local key="$1" tag="$2" packages="$3" customize="$4" mirror="$5"
  local root started=$SECONDS
  root="$(mktemp -d "/tmp/verifier-rootfs-${key}.XXXXXX")"
  BUILD_ROOT="$root"
  log "$tag: debootstrap $SUITE (minbase + $packages) from $mirror"
  debootstrap_root "$root" "$packages" "$mirror"
  finish_image "$root" "$tag" "$customize" "$started"
}

# debootstrap --variant=minbase plus packages into root, its output kept only to show when it fails.
debootstrap_root() {
  local root="$1" packages="$2" mirror="$3"
  mkdir -p "$CACHE_DIR"
  debootstrap --variant=minbase --include="$packages" --cache-dir="$CACHE_DIR" \
    "$SUITE" "$root" "$mirror" >"$root.log" 2>&1 || { tail -n 30 "$root.log" >&2; rm -f "$root.log"; return 1; }
  rm -f "$root.log"
}

# Customizes, trims and imports a root filesystem as tag, then removes it.
finish_image() {
  local root="$1" tag="$2" customize="$3" started="$4"
  IMAGE_CHANGES=("${default_changes[@]}")
  if [[ -n "$customize" ]]; then "$customize" "$root"; fi
  trim_rootfs "$root"
  local previous
  previous="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
  tar --numeric-owner -C "$root" -c . | docker import "${IMAGE_CHANGES[@]}" - "$tag" >/dev/null
  # A rebuild (--force) leaves the old image untagged: remove it unless a container still uses it.
  if [[ -n "$previous" && "$previous" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]]; then
    docker image rm "$previous" >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
  BUILD_ROOT=""
  log "$tag: built in $((SECONDS - started)) s ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%d MB", $1 / 1048576 }'))"
}

# The shared sandbox root: minbase + python3, byte-compiled, with the package lists debootstrap fetched (apt-get
# installs from them, so every image of a run comes from the same snapshot of the mirror, and no `apt-get update`).
# The sandbox user is not added here: each image's customize_sandbox adds it.
make_sandbox_root() {
  local mirror="$1" started=$SECONDS
  SANDBOX_ROOT="$WORK_DIR/sandbox-root"
  mkdir "$SANDBOX_ROOT"
  log "shared sandbox root: debootstrap $SUITE (minbase + python3) from $mirror"
  debootstrap_root "$SANDBOX_ROOT" python3 "$mirror"
  rm -f "$SANDBOX_ROOT"/var/cache/apt/archives/*.deb
  chroot "$SANDBOX_ROOT" python3 -m compileall -q -j 0 /usr/lib/python3 /usr/lib/python3.* >/dev/null 2>&1 || true
  log "shared sandbox root: ready in $((SECONDS - started)) s"
}

# An image on a copy of the shared sandbox root: apt-get installs its packages from the mirror debootstrap used.
build_shared_image() {
  local key="$1" tag="$2" packages="$3" customize="$4"
  local root="$WORK_DIR/rootfs-$key" started=$SECONDS
  BUILD_ROOT="$root"
  log "$tag: shared sandbox root + $packages"
  cp -a "$SANDBOX_ROOT" "$root"
  apt_install "$root" "${packages//,/ }"
  finish_image "$root" "$tag" "$customize" "$started"
}

# apt-get install into root, through the .deb cache. Each root keeps its own archive directory, filled from the cache
# with just the files apt would fetch (parallel builds sharing one directory would contend for apt's lock on it),
# and what it downloads goes back into the cache. Unsafe I/O: dpkg's fsync of every file it unpacks is wasted on a
# root that is thrown away if the build fails.
apt_install() {
  local root="$1" packages="$2" archives="$1/var/cache/apt/archives" file
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends -o Acquire::Languages=none
    -o Dpkg::Options::=--force-unsafe-io)
  local files=()
  # --print-uris lists what apt would download, one "'URI' file size hash" line each.
  # shellcheck disable=SC2086 # packages is a space-separated list
  mapfile -t files < <(in_root "$root" "${apt[@]}" --print-uris install $packages |
    awk -F"'" 'NF > 2 { split($3, f, " "); print f[1] }')
  mkdir -p "$CACHE_DIR"
  for file in "${files[@]}"; do
    if [[ -f "$CACHE_DIR/$file" ]]; then
      ln "$CACHE_DIR/$file" "$archives/" 2>/dev/null || cp "$CACHE_DIR/$file" "$archives/"
    fi
  done
  # shellcheck disable=SC2086
  in_root "$root" "${apt[@]}" install $packages
  for file in "${files[@]}"; do
    if [[ -f "$archives/$file" && ! -f "$CACHE_DIR/$file" ]]; then cache_put "$archives/$file" "$CACHE_DIR/$file"; fi
  done
}

# Puts a file in the cache whole or not at all: a parallel build may be reading or writing the same name.
cache_put() {
  local source="$1" target="$2"
  ln "$source" "$target" 2>/dev/null && return
  cp "$source" "$target.$BASHPID.part" && mv -f "$target.$BASHPID.part" "$target"
}

# Builds the images on copies of the shared sandbox root, BUILD_JOBS at a time (2 on a 2-core machine: apt and dpkg
# leave the CPU idle while they download and write). Each build logs to its own file; its progress lines are shown
# when it ends. A failed build shows its log's tail, and fails the run once the builds already started end.
# Everything lives in WORK_DIR, removed at exit whatever happens.
build_shared_images() {
  local mirror="$1" entry key tag packages customize failed=()
  shift
  WORK_DIR="$(mktemp -d /tmp/verifier-images.XXXXXX)"
  JOB_LOGS="$WORK_DIR/logs"
  mkdir "$JOB_LOGS"
  make_sandbox_root "$mirror"
  for entry in "$@"; do
    IFS='|' read -r key tag packages customize _ <<<"$entry"
    while (($(jobs -rp | wc -l) >= BUILD_JOBS)); do wait -n || true; done
    start_build_job "$key" build_shared_image "$key" "$tag" "$packages" "$customize"
  done
  wait
  for entry in "$@"; do
    key="${entry%%|*}"
    if [[ "$(cat "$JOB_LOGS/$key.rc" 2>/dev/null)" == 0 ]]; then
      grep '^\[build-images\]' "$JOB_LOGS/$key.log" >&2 || true
    else
      log "$key: FAILED; the end of its log:"
      tail -n 40 "$JOB_LOGS/$key.log" >&2
      failed+=("$key")
    fi
  done
  rm -rf "$WORK_DIR"
  WORK_DIR="" SANDBOX_ROOT="" JOB_LOGS=""
  if ((${#failed[@]} > 0)); then
    log "failed: ${failed[*]}"
    exit 1
  fi
}

# Runs a build function in the background, with errexit, in its own process group (so that cleanup can stop it with
# everything it started, apt and dpkg included), its output in $JOB_LOGS/key.log and its exit status in
# $JOB_LOGS/key.rc.
start_build_job() {
  local key="$1"
  shift
  set -m
  {
    set +e
    (
      set -e
      trap 'if [[ -n "$BUILD_ROOT" ]]; then rm -rf "$BUILD_ROOT"; fi' EXIT
      "$@"
    ) >"$JOB_LOGS/$key.log" 2>&1
    echo $? >"$JOB_LOGS/$key.rc"
  } &
  set +m
}

# The files the service image is published from: tracked ones, and untracked ones that are not ignored (a new source
# file is part of the build before it is committed; bin/ and obj/ are not). A tracked file deleted from the work
# tree is left out, as the publish leaves it out.
source_files() {
  git ls-files -z --cached --others --exclude-standard -- verifier sdk Directory.Build.props Directory.Packages.props global.json \
    | LC_ALL=C sort -zu \
    | while IFS= read -r -d '' file; do
      if [[ -f "$file" ]]; then printf '%s\0' "$file"; fi
    done
}

source_hash() {
  local repo="$SCRIPT_DIR/.."
  if ! git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    date +%s%N
    return
  fi
  (cd "$repo" && source_files | xargs -0 -r sha256sum | sha256sum | cut -c1-16)
}

# Every name main accepts: the IMAGES keys and the service's.
image_keys() {
  local entry
  for entry in "${IMAGES[@]}"; do echo "${entry%%|*}"; done
  echo verifier
}

build_verifier_image() {
  local force="$1" hash current
  hash="$(source_hash)"
  current="$(docker image inspect -f '{{ index .Config.Labels "org.verifier.source" }}' "$VERIFIER_TAG" 2>/dev/null || true)"
  if ((force == 0)) && [[ "$current" == "$hash" ]]; then
    log "$VERIFIER_TAG: present and current, skipped"
    return
  fi
  command -v dotnet >/dev/null || { log "dotnet not found: the verifier image is a publish of the service"; exit 1; }
  local context started=$SECONDS
  context="$(mktemp -d /tmp/verifier-image.XXXXXX)"
  BUILD_ROOT="$context"
  log "$VERIFIER_TAG: publishing the service (self-contained, linux-x64)"
  dotnet publish "$SCRIPT_DIR/../verifier/Verifier.Service" -c Release -r linux-x64 --self-contained \
    -p:PublishSingleFile=false -o "$context/app" >"$context.log" 2>&1 || { tail -n 30 "$context.log" >&2; exit 1; }
  rm -f "$context.log"
  cp "$SCRIPT_DIR/verifier.local.Dockerfile" "$context/Dockerfile"
  mkdir -m 0700 "$context/channels"
  # The classic builder uses the local base image as it is; nothing is pulled.
  DOCKER_BUILDKIT=0 docker build -q --label "org.verifier.source=$hash" -t "$VERIFIER_TAG" "$context" >/dev/null
  rm -rf "$context"
  BUILD_ROOT=""
  docker image prune -f --filter "label=org.verifier.image=verifier" >/dev/null 2>&1 || true
  log "$VERIFIER_TAG: built in $((SECONDS - started)) s"
}

main() {
  local force=0 wanted=()
  for arg in "$@"; do
    case "$arg" in
      --force) force=1 ;;
      --source-hash) source_hash; exit 0 ;;
      -h | --help) sed -n '2,11p' "$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"; exit 0 ;;
      *)
        # A misspelled name would otherwise match nothing, build nothing, and succeed.
        if ! image_keys | grep -qxF -- "$arg"; then
          log "unknown image '$arg'; the images are: $(image_keys | paste -sd ' ')"
          exit 2
        fi
        wanted+=("$arg")
        ;;
    esac
  done
  command -v docker >/dev/null || { log "docker CLI not found"; exit 1; }
  docker info >/dev/null 2>&1 || { log "the Docker engine is not reachable"; exit 1; }
  local mirror entry key tag packages customize from shared=()
  mirror="$(detect_mirror)"
  for entry in "${IMAGES[@]}"; do
    IFS='|' read -r key tag packages customize from <<<"$entry"
    if ((${#wanted[@]} > 0)) && [[ ! " ${wanted[*]} " == *" $key "* ]]; then continue; fi
    if ((force == 0)) && image_exists "$tag"; then log "$tag: present, skipped"; continue; fi
    command -v debootstrap >/dev/null || { log "debootstrap not found (apt-get install -y debootstrap)"; exit 1; }
    if [[ "$from" == sandbox-root ]]; then
      shared+=("$entry")
    else
      build_image "$key" "$tag" "$packages" "$customize" "$mirror"
    fi
  done
  if ((${#shared[@]} > 0)); then build_shared_images "$mirror" "${shared[@]}"; fi
  if ((${#wanted[@]} == 0)) || [[ " ${wanted[*]} " == *" verifier "* ]]; then
    build_verifier_image "$force"
  fi
}

# On the way out, also when interrupted or failing: stop the background builds still running (each leads its own
# process group; one still running cannot have had its id reused), then remove what the builds left.
cleanup() {
  local group
  for group in $(jobs -rp); do kill -TERM -- "-$group" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n "$BUILD_ROOT" ]]; then rm -rf "$BUILD_ROOT" "$BUILD_ROOT.log"; fi
  if [[ -n "$WORK_DIR" ]]; then rm -rf "$WORK_DIR"; fi
}

BUILD_ROOT="" WORK_DIR="" SANDBOX_ROOT="" JOB_LOGS=""
trap cleanup EXIT
cd "$SCRIPT_DIR"
main "$@"
