#!/usr/bin/env bash
# Sourced by ./gatemap and scripts/test.sh. Makes Node 24 and the pinned pnpm available (from the
# npm registry, into .tools/, when the machine's own are older) and installs the workspace when the
# lockfile or a package.json changed. Everything it prints goes to stderr so stdout stays clean for
# the CLI's JSON output.
set -euo pipefail
GATEMAP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEMAP_TOOLS="$GATEMAP_ROOT/.tools"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$GATEMAP_ROOT/package.json")"

gatemap_log() { printf 'gatemap: %s\n' "$*" >&2; }

# Both read without starting a program: `node -p` and `pnpm --version` cost ./gatemap about 1.6 s of
# CPU at every start, four times what a small `gatemap analyze` itself takes.
node_major() {
  local version
  version="$(node --version 2>/dev/null)" || { echo 0; return; }
  version="${version#v}"
  echo "${version%%.*}"
}
pnpm_version() {
  local bin package
  bin="$(command -v pnpm 2>/dev/null)" || return 0
  # An npm-installed pnpm (.tools/ or global) links its command to bin/pnpm.cjs beside package.json.
  package="$(dirname "$(readlink -f "$bin")")/../package.json"
  if [ -f "$package" ] && grep -q '"name": *"pnpm"' "$package"; then
    sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$package" | head -n 1
  else
    pnpm --version 2>/dev/null || true
  fi
}

if [ -x "$GATEMAP_TOOLS/node_modules/.bin/node" ]; then
  export PATH="$GATEMAP_TOOLS/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 24 ] || [ "$(pnpm_version)" != "$PNPM_VERSION" ]; then
  gatemap_log "installing Node 24 and pnpm $PNPM_VERSION into .tools/ (once)"
  pkgs=("pnpm@$PNPM_VERSION")
  [ "$(node_major)" -lt 24 ] && pkgs+=("node@24")
  npm install --prefix "$GATEMAP_TOOLS" --no-audit --no-fund --loglevel=error "${pkgs[@]}" >&2
  export PATH="$GATEMAP_TOOLS/node_modules/.bin:$PATH"
fi

stamp_file="$GATEMAP_ROOT/node_modules/.gatemap-install-stamp"
stamp="$(cat "$GATEMAP_ROOT"/pnpm-lock.yaml "$GATEMAP_ROOT"/package.json "$GATEMAP_ROOT"/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp_file" 2>/dev/null || true)" != "$stamp" ]; then
  gatemap_log "installing workspace packages with pnpm"
  frozen=--frozen-lockfile
  [ -f "$GATEMAP_ROOT/pnpm-lock.yaml" ] || frozen=
  (cd "$GATEMAP_ROOT" && pnpm install $frozen --reporter=append-only >&2)
  echo "$stamp" >"$stamp_file"
fi
