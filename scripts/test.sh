#!/usr/bin/env bash
# The README's second command, and what CI runs: install everything the tests need, then run the
# whole suite — lint, types, unit and integration tests on PGlite and on PostgreSQL + PostGIS, and
# the Playwright end-to-end scenarios in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 DO_NOT_TRACK=1
bash scripts/install-system-deps.sh
source scripts/ensure-pnpm.sh
pnpm install --frozen-lockfile
bash scripts/ensure-postgres.sh
export ONEMAP_TEST_PG_URL=${ONEMAP_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}

step() { printf '\n== %s\n' "$*"; }
step "lint and format (biome)"
pnpm exec biome ci --colors=off .
step "build"
pnpm exec turbo run build --concurrency=2
step "typecheck"
pnpm exec turbo run typecheck --concurrency=2
step "unit and integration tests on PGlite"
pnpm exec turbo run test --concurrency=2
step "integration tests on PostgreSQL + PostGIS"
pnpm exec turbo run test:pg --concurrency=1
step "end-to-end (Playwright, Debian Chromium)"
pnpm --filter @onemap/e2e test:e2e
step "benchmark smoke (small scale: does every bench run, are its results sane)"; pnpm bench:smoke
step "all suites passed"
