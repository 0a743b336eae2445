#!/usr/bin/env bash
# Builds the verifier's images with no registry: a minimal Debian root filesystem from debootstrap
# (--variant=minbase plus the image's packages), trimmed, then `docker import`. Images that already exist
# are skipped, so the script is cheap to call before every test run.
#
# Usage: docker/build-images.sh [--force] [image-key ...]
#   image-key: one of the keys in IMAGES below, or verifier (default: all). --force rebuilds existing images.
#   docker/build-images.sh --source-hash prints the service image's source hash (its org.verifier.source label).
# Environment: DEBIAN_MIRROR (default: the Debian mirror apt uses on this machine), DEBIAN_SUITE (bookworm),
#   BUILD_CACHE (debootstrap's .deb cache, default /var/cache/verifier-images).
#
# Adding an image: one line in IMAGES ("key|tag|packages|customize-function"), plus a customize function
# if the image needs more than packages. The function receives the root filesystem path; it may copy files in,
# run commands with chroot, and append `--change` options for docker import to IMAGE_CHANGES (USER, ENTRYPOINT,
# ENV...), which start from the sandbox defaults below.
# The key "verifier" names the service image, built last from verifier-base (see build_verifier_image).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE="${DEBIAN_SUITE:-bookworm}"
CACHE_DIR="${BUILD_CACHE:-/var/cache/verifier-images}"

# The sandbox's in-container supervisor is Python, so every sandbox image carries python3.
# Tags must match Sandbox:Languages:<name>:Image in the verifier's configuration.
IMAGES=(
  "sandbox-python|verifier-sandbox-python:1|python3|customize_sandbox"
  "sandbox-cpp|verifier-sandbox-cpp:1|python3,g++|customize_cpp"
  "sandbox-dotnet|verifier-sandbox-dotnet:1|python3|customize_dotnet"
  "verifier-base|verifier-base:1|ca-certificates,libssl3|customize_sandbox_user"
)

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

default_changes=(
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV LANG=C.UTF-8'
  --change "USER ${SANDBOX_UID}:${SANDBOX_UID}"
  --change 'WORKDIR /tmp'
  --change 'LABEL org.verifier.image=sandbox'
)

build_image() {
  local key="$1" tag="$2" packages="$3" customize="$4" mirror="$5"
  local root
  root="$(mktemp -d "/tmp/verifier-rootfs-${key}.XXXXXX")"
  BUILD_ROOT="$root"
  log "$tag: debootstrap $SUITE (minbase + $packages) from $mirror"
  mkdir -p "$CACHE_DIR"
  local started=$SECONDS
  debootstrap --variant=minbase --include="$packages" --cache-dir="$CACHE_DIR" \
    "$SUITE" "$root" "$mirror" >"$root.log" 2>&1 || { tail -n 30 "$root.log" >&2; rm -f "$root.log"; return 1; }
  rm -f "$root.log"
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
      -h | --help) sed -n '2,13p' "$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"; exit 0 ;;
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
  local mirror entry key tag packages customize
  mirror="$(detect_mirror)"
  for entry in "${IMAGES[@]}"; do
    IFS='|' read -r key tag packages customize <<<"$entry"
    if ((${#wanted[@]} > 0)) && [[ ! " ${wanted[*]} " == *" $key "* ]]; then continue; fi
    if ((force == 0)) && image_exists "$tag"; then log "$tag: present, skipped"; continue; fi
    command -v debootstrap >/dev/null || { log "debootstrap not found (apt-get install -y debootstrap)"; exit 1; }
    build_image "$key" "$tag" "$packages" "$customize" "$mirror"
  done
  if ((${#wanted[@]} == 0)) || [[ " ${wanted[*]} " == *" verifier "* ]]; then
    build_verifier_image "$force"
  fi
}

BUILD_ROOT=""
trap 'if [[ -n "$BUILD_ROOT" ]]; then rm -rf "$BUILD_ROOT" "$BUILD_ROOT.log"; fi' EXIT
cd "$SCRIPT_DIR"
main "$@"
