#!/usr/bin/env bash
# The Dockerfile's steps, outside Docker (no engine runs on our machines): stage the same files,
# install production dependencies only, and smoke-test the staged CLI.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"
stage="$GATEMAP_ROOT/.cache/image/app"
rm -rf "$stage" && mkdir -p "$stage"
cd "$GATEMAP_ROOT"
cp package.json pnpm-lock.yaml pnpm-workspace.yaml "$stage/"
for p in shared server web e2e; do mkdir -p "$stage/$p" && cp "$p/package.json" "$stage/$p/"; done
(cd "$stage" && pnpm install --frozen-lockfile --prod --filter @gatemap/server... --reporter=append-only >&2)
cp -r shared/src "$stage/shared/src"
cp -r server/src "$stage/server/src"
cp -r examples "$stage/examples"
# Smoke test: a healthy scenario exits 0 with JSON on stdout, the broken one exits 1.
node "$stage/server/src/cli/main.ts" analyze "$stage/examples/tcp" --output json | node -e 'const l=JSON.parse(require("fs").readFileSync(0,"utf8")); if (l.kind !== "List" || !l.items.length) process.exit(3)'
set +e
node "$stage/server/src/cli/main.ts" analyze "$stage/examples/broken" >/dev/null 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "image smoke test: expected exit 1 on examples/broken, got $code" >&2; exit 1; }
# Smoke test: the staged server starts on the bundled examples and answers its probes.
log="$(mktemp)"
HOME="$(mktemp -d)" KUBECONFIG=/nonexistent node "$stage/server/src/cli/main.ts" serve --port 0 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q 'in sync' "$log" && break; sleep 0.2; done
url="$(sed -n 's#.*open \(http://[^/ ]*\)/login.*#\1#p' "$log" | head -1)"
[ -n "$url" ] || { echo "image smoke test: serve printed no address:" >&2; cat "$log" >&2; exit 1; }
curl -fsS "$url/readyz" | grep -q '"ready":true' || { echo "image smoke test: $url/readyz is not ready" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/session")" = 401 ] || { echo "image smoke test: /api/session without a token must be 401" >&2; exit 1; }
kill "$pid"
echo "image steps: staged CLI and server work" >&2
