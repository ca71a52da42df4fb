#!/usr/bin/env bash
# The Dockerfile, outside Docker (no engine runs on our machines): lint it, carry out its
# instructions stage by stage (scripts/image/build.ts), and check the result as a container runtime
# would run it (scripts/image/steps.ts, scripts/run-image.sh). The image is left in .cache/image for
# the e2e suite's pod test.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"
cd "$GATEMAP_ROOT"
scripts/lint-dockerfile.sh Dockerfile || { echo "image steps: the Dockerfile has lint findings (above)" >&2; exit 1; }
node scripts/image/steps.ts
