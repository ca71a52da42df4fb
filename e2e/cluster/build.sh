#!/usr/bin/env bash
# Builds kube-apiserver, kubectl and etcd from the Go modules pinned in e2e/cluster/go.mod and caches
# them in
#   ${GATEMAP_CACHE_DIR:-<repo>/.cache}/kube/<key>/bin/{kube-apiserver,kubectl,etcd}
# where <key> names the Kubernetes, etcd and Go versions plus a hash of go.mod/go.sum, so a changed
# pin builds into a new folder and an unchanged one costs nothing. Prints the bin folder on stdout;
# progress goes to stderr. Safe to run concurrently (a lock serialises builds).
#
# Env: GATEMAP_CACHE_DIR  cache root (default <repo>/.cache)
#      GATEMAP_GO         go binary (default: go on PATH, else /usr/local/go/bin/go); Go >= 1.21 will do:
#                         go.mod's toolchain line makes it fetch Go 1.26.8 from the module proxy
#      GATEMAP_GO_PARALLEL  go build -p (default 2)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
log() { printf 'gatemap-cluster: %s\n' "$*" >&2; }

go_bin="${GATEMAP_GO:-}"
if [ -z "$go_bin" ]; then
  if command -v go >/dev/null 2>&1; then go_bin="$(command -v go)"; else go_bin=/usr/local/go/bin/go; fi
fi
[ -x "$go_bin" ] || { log "no Go toolchain found (set GATEMAP_GO); need Go >= 1.21"; exit 1; }

cd "$here"
kube_version="$(sed -n 's/^require k8s.io\/kubernetes \(v[^ ]*\)$/\1/p' go.mod)"
etcd_version="$(sed -n 's/^[[:space:]]*go.etcd.io\/etcd\/server\/v3 \(v[^ ]*\).*/\1/p' go.mod | head -1)"
go_version="$("$go_bin" env GOVERSION)"
[ -n "$kube_version" ] && [ -n "$etcd_version" ] || { log "cannot read versions from $here/go.mod"; exit 1; }
# Bump when the build recipe below changes (flags, tags), so that the cache key changes with it.
recipe=2
pin_hash="$( (cat go.mod go.sum && echo "recipe=$recipe") | sha256sum | cut -c1-10)"
key="kube-${kube_version}_etcd-${etcd_version}_${go_version}_${pin_hash}"
cache_root="${GATEMAP_CACHE_DIR:-$repo/.cache}"
out="$cache_root/kube/$key/bin"

binaries=(kube-apiserver kubectl etcd)
# A folder missing any one binary (say, from before kubectl was added) counts as not built.
built() {
  local b
  for b in "${binaries[@]}"; do [ -x "$out/$b" ] || return 1; done
}
if built; then
  echo "$out"
  exit 0
fi

mkdir -p "$cache_root/kube"
exec 9>"$cache_root/kube/.build.lock"
log "waiting for the build lock ($cache_root/kube/.build.lock)"
flock 9
if built; then
  echo "$out"
  exit 0
fi

# Version stamps, as hack/lib/version.sh would set them for a release build. The module proxy
# does not carry the commit, so gitCommit stays empty; buildDate is the module's publish time.
info="$("$go_bin" mod download -json "k8s.io/kubernetes@$kube_version")"
build_date="$(printf '%s' "$info" | sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' | head -1)"
build_date="${build_date:-1970-01-01T00:00:00Z}"
minor="${kube_version#v1.}"
minor="${minor%%.*}"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done

tmp="$cache_root/kube/$key/bin.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
export CGO_ENABLED=0 GOFLAGS="-mod=readonly -p=${GATEMAP_GO_PARALLEL:-2}"
start=$(date +%s)
# go build is silent while it compiles; say every minute that it is still at work.
(while sleep 60 && kill -0 $$ 2>/dev/null; do log "still building ($(($(date +%s) - start))s)"; done) >&2 &
heartbeat=$!
trap 'kill $heartbeat 2>/dev/null; rm -rf "$tmp"' EXIT
log "building kube-apiserver and kubectl $kube_version with $go_version (first time only; about 5-6 minutes on 2 idle cores)"
# One go build for both: they share most of client-go and apimachinery, and one invocation lets the
# compiler schedule all of their packages together. With -o naming a folder, each binary is named
# after its package's last path element.
"$go_bin" build -trimpath -tags selinux,notest -ldflags "$ldflags" -o "$tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl
log "kube-apiserver and kubectl built after $(($(date +%s) - start))s; building etcd $etcd_version"
"$go_bin" build -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3
log "etcd built; total $(($(date +%s) - start))s"
"$tmp/kube-apiserver" --version >&2
"$tmp/kubectl" version --client >&2
"$tmp/etcd" --version >&2
rm -rf "$out"
mv "$tmp" "$out"
echo "$out"
