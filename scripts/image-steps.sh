#!/usr/bin/env bash
# The Dockerfile's steps, outside Docker (no engine runs on our machines): stage the same files,
# install production dependencies only, build the web app, and smoke-test the staged CLI and server.
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
# The web app is built with the workspace's dev dependencies (the image's build stage) and only its
# output is staged. Until the app exists (web/index.html) the server's placeholder page stands in.
web_dist=
if [ -f web/index.html ]; then
  web_dist="$stage/web/dist"
  pnpm -C web exec vite build --outDir "$web_dist" --emptyOutDir >&2 || { echo "image steps: the web app does not build" >&2; exit 1; }
else
  echo "image steps: no web app in this checkout (web/index.html); checking the placeholder page" >&2
fi
# Smoke test: a healthy scenario exits 0 with JSON on stdout, the broken one exits 1.
node "$stage/server/src/cli/main.ts" analyze "$stage/examples/tcp" --output json | node -e 'const l=JSON.parse(require("fs").readFileSync(0,"utf8")); if (l.kind !== "List" || !l.items.length) process.exit(3)'
set +e
node "$stage/server/src/cli/main.ts" analyze "$stage/examples/broken" >/dev/null 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "image smoke test: expected exit 1 on examples/broken, got $code" >&2; exit 1; }
# Smoke test: the staged server starts on the bundled examples and answers its probes.
log="$(mktemp)"
# The image's CMD must pass the same --web.
HOME="$(mktemp -d)" KUBECONFIG=/nonexistent node "$stage/server/src/cli/main.ts" serve --port 0 ${web_dist:+--web "$web_dist"} 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q 'in sync' "$log" && break; sleep 0.2; done
url="$(sed -n 's#.*open \(http://[^/ ]*\)/login.*#\1#p' "$log" | head -1)"
token="$(sed -n 's#.*open http://[^ ]*/login?token=\([^ ]*\).*#\1#p' "$log" | head -1)"
[ -n "$url" ] && [ -n "$token" ] || { echo "image smoke test: serve printed no address:" >&2; cat "$log" >&2; exit 1; }
curl -fsS "$url/readyz" | grep -q '"ready":true' || { echo "image smoke test: $url/readyz is not ready" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/session")" = 401 ] || { echo "image smoke test: /api/session without a token must be 401" >&2; exit 1; }
auth=(-H "authorization: Bearer $token")
page="$(curl -fsS "${auth[@]}" "$url/")" || { echo "image smoke test: / with the token failed" >&2; exit 1; }
if [ -n "$web_dist" ]; then
  [ "$page" = "$(cat "$web_dist/index.html")" ] || { echo "image smoke test: / is not web/dist/index.html" >&2; exit 1; }
  asset="$(grep -o '/assets/[^"]*' "$web_dist/index.html" | head -1)"
  [ -n "$asset" ] || { echo "image smoke test: web/dist/index.html references no /assets/ file" >&2; exit 1; }
  curl -fsS -o /dev/null "${auth[@]}" "$url$asset" || { echo "image smoke test: $asset is not served" >&2; exit 1; }
else
  grep -q 'Gatemap' <<<"$page" || { echo "image smoke test: / shows no placeholder page" >&2; exit 1; }
fi
kill "$pid"
echo "image steps: staged CLI, server${web_dist:+ and web app} work" >&2
