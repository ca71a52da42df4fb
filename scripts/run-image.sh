#!/usr/bin/env bash
# Runs a command in the image that scripts/image-steps.ts assembled, the way a container runtime
# would, without one: a private mount namespace whose root holds only the host's /usr and /etc
# (read-only), the image's /app, and Node at /usr/local/bin/node; the root filesystem read-only;
# the image's user (never root); the image's environment and nothing else. With --service-account
# it also mounts a pod's token, CA and namespace at /var/run/secrets/kubernetes.io/serviceaccount.
# The network is the host's, so the server is reached on 127.0.0.1. Needs root (to build the
# namespace; the command itself runs as the image's user) and util-linux's unshare.
#
# Usage: run-image.sh [--image DIR] [--service-account DIR] [--env NAME=VALUE]... -- ARG...
#   DIR defaults to .cache/image; it holds rootfs/ and config.json (user, env, workdir). ARG... are
#   the whole command line, entrypoint included (image-steps.ts passes ENTRYPOINT + CMD).
set -euo pipefail
# mount and chroot live in sbin, which a plain user's PATH (and CI's) may not name.
export PATH="$PATH:/usr/sbin:/sbin"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="$here/../.cache/image"
service_account=
extra_env=()
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image="$2"; shift 2 ;;
    --service-account) service_account="$2"; shift 2 ;;
    --env) extra_env+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "run-image.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "run-image.sh: no command after --" >&2; exit 2; }
[ -f "$image/config.json" ] && [ -d "$image/rootfs/app" ] || {
  echo "run-image.sh: no image in $image (run scripts/image-steps.ts first)" >&2
  exit 2
}
[ "$(id -u)" = 0 ] || { echo "run-image.sh: needs root to build the mount namespace" >&2; exit 2; }
node_bin="$(readlink -f "$(command -v node)")"
config() { node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = c[process.argv[2]]; console.log(Array.isArray(v) ? v.join("\n") : v)' "$image/config.json" "$1"; }
user="$(config user)"
workdir="$(config workdir)"
mapfile -t image_env < <(config env)
case "$user" in 0 | 0:* | root | root:* | "") echo "run-image.sh: the image's USER is '$user'; it must not be root" >&2; exit 1 ;; esac
[[ "$user" =~ ^[0-9]+:[0-9]+$ ]] || { echo "run-image.sh: USER must be numeric uid:gid, not $user" >&2; exit 1; }

# Everything below happens inside the new mount namespace, so nothing is mounted on the host.
exec unshare --mount --propagation private -- bash -euo pipefail -c '
  rootfs=$1 sa=$2 node_bin=$3 user=$4 workdir=$5; shift 5
  new="$(mktemp -d /tmp/gatemap-image-root.XXXXXX)"
  mount -t tmpfs -o mode=755 tmpfs "$new"
  mkdir -p "$new/usr" "$new/etc" "$new/app" "$new/dev" "$new/proc" "$new/tmp" "$new/var/run"
  for d in bin lib lib64 sbin; do [ -L "/$d" ] && ln -s "$(readlink "/$d")" "$new/$d"; done
  for d in usr etc; do mount --bind "/$d" "$new/$d" && mount -o remount,bind,ro "$new/$d"; done
  mount --rbind /dev "$new/dev"
  mount --rbind /proc "$new/proc"
  mount --bind "$rootfs/app" "$new/app" && mount -o remount,bind,ro "$new/app"
  # The image puts node at /usr/local/bin/node; a small tmpfs lets it appear there over the host /usr.
  mount -t tmpfs -o mode=755 tmpfs "$new/usr/local/bin"
  touch "$new/usr/local/bin/node" && mount --bind "$node_bin" "$new/usr/local/bin/node"
  if [ -n "$sa" ]; then
    mkdir -p "$new/var/run/secrets/kubernetes.io/serviceaccount"
    cp "$sa/token" "$sa/ca.crt" "$sa/namespace" "$new/var/run/secrets/kubernetes.io/serviceaccount/"
    chmod 0644 "$new"/var/run/secrets/kubernetes.io/serviceaccount/*
  fi
  mount -o remount,bind,ro "$new"
  exec chroot --userspec="$user" --groups= "$new" /usr/bin/env -i -C "$workdir" "$@"
' run-image "$image/rootfs" "$service_account" "$node_bin" "$user" "$workdir" \
  PATH=/usr/local/bin:/usr/bin:/bin HOME=/ "${image_env[@]}" "${extra_env[@]}" "$@"
