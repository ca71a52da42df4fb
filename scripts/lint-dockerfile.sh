#!/usr/bin/env bash
# Lints Dockerfiles with Docker's own build checks (the rules `docker build --check` runs) without a
# Docker engine: tools/dockerfile-lint is a small Go program around BuildKit's Dockerfile frontend
# (see its README.md). It is built once into
#   ${GATEMAP_CACHE_DIR:-<repo>/.cache}/tools/<key>/dockerfile-lint
# where <key> names the Go version and a hash of go.mod, go.sum and main.go, so later runs cost
# nothing and a changed pin or program builds anew. Needs Go (>= 1.21; go.mod makes it fetch the
# version BuildKit needs) and the Go module proxy on the first run; not Node.
#
#   scripts/lint-dockerfile.sh FILE...
#
# Prints one line per finding on stdout, `FILE:LINE: RuleName: message`; a Dockerfile BuildKit
# cannot read at all is reported as `BuildError`. Exit status: 0 clean, 1 findings, 2 usage error (no
# FILE, an option, a FILE that cannot be read), 3 the linter could not be built.
#
# Env: GATEMAP_CACHE_DIR  cache root (default <repo>/.cache)
#      GATEMAP_GO         go binary (default: go on PATH, else /usr/local/go/bin/go)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/tools/dockerfile-lint"
log() { printf 'lint-dockerfile: %s\n' "$*" >&2; }
usage() { echo 'usage: scripts/lint-dockerfile.sh FILE...'; }

case "${1:-}" in
-h | --help)
  usage
  exit 0
  ;;
'')
  usage >&2
  exit 2
  ;;
esac
# Checked before building, so that a typo does not first cost a build.
for f in "$@"; do
  case "$f" in -*)
    log "unknown option $f (a file of that name: ./$f)"
    exit 2
    ;;
  esac
  [ -f "$f" ] && [ -r "$f" ] || {
    log "cannot read $f"
    exit 2
  }
done

# shellcheck source=lib/go-build-cache.sh
. "$repo/scripts/lib/go-build-cache.sh"
go_cache_find_go || {
  log "no Go toolchain found (set GATEMAP_GO); need Go >= 1.21"
  exit 3
}
flags=(-trimpath -buildvcs=false -ldflags "-s -w")
go_cache_locate dockerfile-lint dockerfile-lint

build() {
  log "building dockerfile-lint with $go_version (first run only; about 2 minutes on 2 cores)"
  (cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=readonly "$go_bin" build "${flags[@]}" -o "$1" .)
}
go_cache_build_once build || {
  log "building $src failed (see above)"
  exit 3
}
exec "$bin" "$@"
