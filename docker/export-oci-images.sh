#!/usr/bin/env bash
# Unpacks the sandbox images from the local Docker engine into the folder an oci:// sandbox engine reads
# (Sandbox:DockerEndpoint=oci:///var/lib/verifier-oci, or an entry of Sandbox:Engines): each image's root filesystem
# under images/<name>/rootfs, with the image's id and environment beside it. The sandbox runs crun or runc on them
# directly, read-only, shared by every container of that image.
#
#   docker/export-oci-images.sh [FOLDER] [IMAGE...]     default: /var/lib/verifier-oci, every verifier-sandbox-* image
#
# An image already unpacked at the same id is left as it is; a rebuilt image replaces its folder (the new one is
# unpacked aside and renamed into place). Containers share the folder they started on, so replace an image while no
# verifier runs on it.
set -euo pipefail

root="${1:-/var/lib/verifier-oci}"
shift || true
images=("$@")
if [ ${#images[@]} -eq 0 ]; then
  mapfile -t images < <(docker images --format '{{.Repository}}:{{.Tag}}' | grep '^verifier-sandbox-' | sort)
fi
if [ ${#images[@]} -eq 0 ]; then
  echo "no verifier-sandbox-* image on this engine: run docker/build-images.sh first" >&2
  exit 1
fi

mkdir -p "$root/images" "$root/containers" "$root/state"
chmod 700 "$root/containers" "$root/state"

# The same escaping as OciEndpoint.ImageFolderName: '%', '/' and ':' as %25, %2F, %3A.
folder_name() {
  local name="${1//%/%25}"
  name="${name//\//%2F}"
  echo "${name//:/%3A}"
}

for image in "${images[@]}"; do
  id="$(docker image inspect -f '{{.Id}}' "$image")"
  target="$root/images/$(folder_name "$image")"
  if [ -f "$target/image-id" ] && [ "$(cat "$target/image-id")" = "$id" ]; then
    echo "$image: unpacked already ($target)"
    continue
  fi
  staging="$(mktemp -d "$root/images/.staging.XXXXXX")"
  container="$(docker create "$image" true)"
  docker export "$container" | tar -x -C "$staging" --numeric-owner -f - 2>/dev/null || {
    docker rm -f "$container" >/dev/null
    rm -rf "$staging"
    echo "$image: export failed" >&2
    exit 1
  }
  docker rm -f "$container" >/dev/null
  mkdir -p "$staging/rootfs"
  find "$staging" -mindepth 1 -maxdepth 1 ! -name rootfs -exec mv -t "$staging/rootfs" {} +
  # The socket channel's mount point: made here, so that no runtime has to create it inside the shared root.
  mkdir -p "$staging/rootfs/run/verifier-channel"
  docker image inspect -f '{{json .Config.Env}}' "$image" > "$staging/env.json"
  echo "$id" > "$staging/image-id"
  chmod 755 "$staging"
  if [ -e "$target" ]; then
    old="$(mktemp -d "$root/images/.old.XXXXXX")"
    mv "$target" "$old/"
    mv "$staging" "$target"
    rm -rf "$old"
  else
    mv "$staging" "$target"
  fi
  echo "$image: unpacked into $target"
done
