#!/usr/bin/env bash
# The differential check: Gatemap's analysis against a real Gateway API implementation's status
# computation (Envoy Gateway's translator) on the same inputs, examples/ and the Gateway API
# conformance manifests. Fails on any disagreement not listed in the reviewed table
# (scripts/oracle/differences.ts, docs/oracle-differences.md).
#
#   scripts/oracle.sh [--only TEXT] [--verbose] [--dump FILE]
#
# The Envoy Gateway side (tools/eg-oracle) imports Envoy Gateway's internal packages, which Go only
# allows from inside that module; so the pinned module is copied out of the Go module cache and
# tools/eg-oracle/main.go is built as a command inside the copy, once, into
#   ${GATEMAP_CACHE_DIR:-<repo>/.cache}/tools/eg-oracle_<EG version>_<go version>_<hash>/eg-oracle
# where <hash> covers main.go, go.mod, go.sum and the build flags. Later runs only start it.
# Not part of ./scripts/test.sh: see README.md ("The differential check") for why and how long.
#
# Exit status: 0 agreement up to the table, 1 a disagreement the table does not cover, 2 usage or
# setup error, 3 the Envoy Gateway side could not be built.
#
# Env: GATEMAP_CACHE_DIR  cache root (default <repo>/.cache)
#      GATEMAP_GO         go binary (default: go on PATH, else /usr/local/go/bin/go)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/tools/eg-oracle"
log() { printf 'oracle: %s\n' "$*" >&2; }

case "${1:-}" in -h | --help)
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
esac

go_bin="${GATEMAP_GO:-}"
if [ -z "$go_bin" ]; then
  if command -v go >/dev/null 2>&1; then go_bin="$(command -v go)"; else go_bin=/usr/local/go/bin/go; fi
fi
[ -x "$go_bin" ] || {
  log "no Go toolchain found (set GATEMAP_GO)"
  exit 3
}
node_bin="$repo/.tools/node_modules/.bin/node"
[ -x "$node_bin" ] || node_bin="$(command -v node || true)"
[ -n "$node_bin" ] || {
  log "no Node found (run ./gatemap once, or put Node 24 on PATH)"
  exit 2
}

module=github.com/envoyproxy/gateway
eg_version="$(awk -v m="$module" '$1 == "require" && $2 == m { print $3 }' "$src/go.mod")"
[ -n "$eg_version" ] || {
  log "$src/go.mod does not require $module"
  exit 3
}
go_version="$(cd "$src" && "$go_bin" env GOVERSION)"
flags=(-trimpath -buildvcs=false -ldflags "-s -w -X main.pinned=$eg_version")
hash="$( (cd "$src" && cat go.mod go.sum main.go && echo "${flags[*]}") | sha256sum | cut -c1-12)"
cache_root="${GATEMAP_CACHE_DIR:-$repo/.cache}"
dir="$cache_root/tools/eg-oracle_${eg_version}_${go_version}_$hash"
bin="$dir/eg-oracle"

if [ ! -x "$bin" ]; then
  mkdir -p "$dir"
  # Another run building the same key waits and then uses its result. Without flock (not Linux)
  # both build, and the atomic rename below keeps that safe.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$dir/.build.lock"
    flock 9
  fi
  if [ ! -x "$bin" ]; then
    start=$(date +%s)
    log "building the Envoy Gateway $eg_version side with $go_version (first run only; about 30 minutes on 2 busy cores, longer with an empty Go build cache)"
    # Verified against tools/eg-oracle/go.sum by the go command.
    module_dir="$(cd "$src" && "$go_bin" mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [ -d "$module_dir" ] || {
      log "go mod download $module@$eg_version gave no source folder"
      exit 3
    }
    work="$dir/src.$$"
    tmp="$bin.tmp.$$"
    trap 'rm -rf "$work" "$tmp"' EXIT
    cp -R "$module_dir" "$work"
    chmod -R u+w "$work"
    mkdir -p "$work/cmd/gatemap-eg-oracle"
    cp "$src/main.go" "$work/cmd/gatemap-eg-oracle/main.go"
    (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=readonly "$go_bin" build "${flags[@]}" -o "$tmp" ./cmd/gatemap-eg-oracle) || {
      log "building the Envoy Gateway side failed (see above)"
      exit 3
    }
    mv "$tmp" "$bin"
    rm -rf "$work"
    log "built $bin in $(($(date +%s) - start))s"
  fi
fi
exec "$node_bin" "$repo/scripts/oracle/main.ts" --eg "$bin" "$@"
