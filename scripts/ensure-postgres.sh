#!/usr/bin/env bash
# Makes sure a PostgreSQL server with PostGIS answers at ONEMAP_TEST_PG_URL (default: the local
# server on 5432 as user postgres), starting the Debian cluster if it is installed but stopped.
set -euo pipefail
url=${ONEMAP_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
if ! psql "$url" -qtAc 'SELECT 1' >/dev/null 2>&1; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$version" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do psql "$url" -qtAc 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
  fi
fi
if ! psql "$url" -qtAc 'SELECT 1' >/dev/null 2>&1; then
  echo "onemap: no PostgreSQL answers at $url (set ONEMAP_TEST_PG_URL)" >&2
  exit 1
fi
if ! psql "$url" -qtAc "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'" | grep -q 1; then
  echo "onemap: the PostgreSQL at $url has no PostGIS extension available" >&2
  exit 1
fi
