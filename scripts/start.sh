#!/usr/bin/env bash
# The README's first command: install dependencies and start OneMap on its embedded default.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
pnpm install --frozen-lockfile
exec pnpm start
