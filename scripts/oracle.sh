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

# shellcheck source=lib/go-build-cache.sh
. "$repo/scripts/lib/go-build-cache.sh"
go_cache_find_go || {
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
flags=(-trimpath -buildvcs=false -ldflags "-s -w -X main.pinned=$eg_version")
go_cache_locate "eg-oracle_$eg_version" eg-oracle

build() {
  log "building the Envoy Gateway $eg_version side with $go_version (first run only; about 30 minutes on 2 busy cores, longer with an empty Go build cache)"
  # Verified against tools/eg-oracle/go.sum by the go command.
  local module_dir
  module_dir="$(cd "$src" && "$go_bin" mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$module_dir" ] || {
    log "go mod download $module@$eg_version gave no source folder"
    return 1
  }
  # Chained: errexit does not apply inside a function whose caller tests its status.
  cp -R "$module_dir/." "$2" &&
    chmod -R u+w "$2" &&
    mkdir -p "$2/cmd/gatemap-eg-oracle" &&
    cp "$src/main.go" "$2/cmd/gatemap-eg-oracle/main.go" &&
    (cd "$2" && CGO_ENABLED=0 GOFLAGS=-mod=readonly "$go_bin" build "${flags[@]}" -o "$1" ./cmd/gatemap-eg-oracle)
}
go_cache_build_once build || {
  log "building the Envoy Gateway side failed (see above)"
  exit 3
}
exec "$node_bin" "$repo/scripts/oracle/main.ts" --eg "$bin" "$@"
