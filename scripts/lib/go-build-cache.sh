# shellcheck shell=bash
# Sourced, not run: building a small Go program once into the repository's cache and reusing it
# (scripts/oracle.sh, scripts/lint-dockerfile.sh). The key names the tool, the Go version and a hash
# of go.mod, go.sum, main.go and the build flags, so a changed pin, program or flag builds anew and
# every other run costs nothing.
#
# The caller defines log() and sets `repo`, `src` (the folder with go.mod, go.sum and main.go) and
# the `flags` array before calling these.

# Sets go_bin: $GATEMAP_GO, else go on PATH, else /usr/local/go/bin/go. Fails when none can run.
go_cache_find_go() {
  go_bin="${GATEMAP_GO:-}"
  if [ -z "$go_bin" ]; then
    if command -v go >/dev/null 2>&1; then go_bin="$(command -v go)"; else go_bin=/usr/local/go/bin/go; fi
  fi
  [ -x "$go_bin" ]
}

# go_cache_locate NAME EXE: sets go_version, dir and bin, the program's place:
#   ${GATEMAP_CACHE_DIR:-$repo/.cache}/tools/NAME_<go version>_<hash>/EXE
go_cache_locate() {
  # Asked in the module's folder, so that it is the toolchain go.mod selects, not the local one.
  go_version="$(cd "$src" && "$go_bin" env GOVERSION)"
  local hash
  hash="$( (cd "$src" && cat go.mod go.sum main.go && echo "${flags[*]}") | sha256sum | cut -c1-12)"
  dir="${GATEMAP_CACHE_DIR:-$repo/.cache}/tools/${1}_${go_version}_$hash"
  bin="$dir/$2"
}

# go_cache_build_once BUILD: unless $bin is there, runs `BUILD OUT WORK` under a lock. BUILD writes
# the program to OUT, may use the empty scratch folder WORK, and fails when the build fails; OUT is
# then renamed to $bin. Fails (status 3) when BUILD fails; OUT and WORK never outlive the run.
go_cache_build_once() {
  [ -x "$bin" ] && return 0
  mkdir -p "$dir"
  # Another run building the same key waits and then uses its result. Without flock (not Linux)
  # both build, and the atomic rename below keeps that safe.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$dir/.build.lock"
    flock 9
  fi
  [ -x "$bin" ] && return 0
  local start
  start=$(date +%s)
  go_cache_out="$bin.tmp.$$"
  go_cache_work="$dir/src.$$"
  trap 'rm -rf "$go_cache_out" "$go_cache_work"' EXIT
  # Each step tested: errexit does not apply inside a function whose caller tests its status.
  mkdir -p "$go_cache_work" || return 3
  "$1" "$go_cache_out" "$go_cache_work" || return 3
  mv "$go_cache_out" "$bin" || return 3
  rm -rf "$go_cache_work"
  log "built $bin in $(($(date +%s) - start))s"
}
