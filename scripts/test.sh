#!/usr/bin/env bash
# Runs every test Gatemap has: lint, type checks, the shared unit/conformance suites, the CLI tests,
# the web app's unit tests, the integration tests against a real kube-apiserver + etcd built from Go
# modules and the browser tests (Debian's Chromium against the built web app). Installs what it
# needs first (Node 24 and pnpm from the npm registry, Debian packages, Go modules).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"
cd "$GATEMAP_ROOT"

step() { printf '\n== %s\n' "$*" >&2; }

missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v flock >/dev/null || missing+=(util-linux)
# The browser tests drive Debian's Chromium (Playwright's own downloads come from hosts CI cannot
# reach); without fonts its screenshots would show no text.
if [ -z "${GATEMAP_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  # Two commands, not `a && b`: under set -e a failed update would otherwise skip the install silently.
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi
[ -x /usr/local/go/bin/go ] && export PATH="$PATH:/usr/local/go/bin"
# Debian's golang-go is too old (1.19); our machines ship Go 1.26, and go.mod's toolchain line lets
# any Go >= 1.21 fetch the right one from the module proxy.
command -v go >/dev/null || { echo "scripts/test.sh: Go >= 1.21 is needed (kube-apiserver, etcd and the conformance module come from Go modules)" >&2; exit 1; }

reports="$GATEMAP_ROOT/.cache/test-reports"
rm -rf "$reports" && mkdir -p "$reports"

step "lint (biome)"
pnpm lint
step "type check"
pnpm typecheck

status=0
run_suite() {
  local package=$1
  step "tests: $package"
  (cd "$GATEMAP_ROOT/$package" && pnpm exec vitest run --reporter=default --reporter=json --outputFile="$reports/$package.json") || status=1
}
run_suite shared
run_suite server
run_suite web
# The browser tests serve web/dist; a failed build must not leave an older one for them to test.
step "build the web app"
rm -rf "$GATEMAP_ROOT/web/dist"
pnpm -C "$GATEMAP_ROOT/web" build >&2 || { echo "scripts/test.sh: the web app does not build" >&2; status=1; }
# Before e2e: its pod test runs the server from the image these steps leave in .cache/image.
step "the Dockerfile's steps, outside Docker"
"$GATEMAP_ROOT/scripts/image-steps.sh" || status=1
run_suite e2e

node "$GATEMAP_ROOT/scripts/test-summary.ts" "$reports"/*.json || status=1
exit $status
