#!/usr/bin/env bash
# The test suite, from a fresh Debian machine with only .NET: installs what the tests need (Debian's Chromium for the
# web UI's end-to-end tests, PostgreSQL for the cluster tests), starts a throwaway PostgreSQL unless MINRNN_PG names
# one, runs `dotnet test Orleans.sln -m:1` and ends with "N passed, N failed". Extra arguments go to `dotnet test`
# (e.g. --filter FullyQualifiedName~Web). CI (.ci/run) calls this script too.
set -uo pipefail
cd "$(dirname "$0")/.."

# 1. Packages: Playwright never downloads a browser here; test-postgres.sh needs python3 for a free port.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  sudo_=(); [ "$(id -u)" = 0 ] || sudo_=(sudo)
  "${sudo_[@]}" apt-get update -q >&2 && "${sudo_[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 \
    || { echo "could not install ${missing[*]}: install them (apt-get install ${missing[*]}) and run again" >&2; exit 1; }
fi

# 2. The corpus is never committed: the tests read it from ../shared/data beside the checkout, or MINRNN_DATA.
if [ -z "${MINRNN_DATA:-}" ] && [ -f ../shared/data/tinyshakespeare.txt ]; then
  export MINRNN_DATA="$(cd ../shared/data && pwd)"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 3. A throwaway PostgreSQL for the cluster tests, destroyed when the tests end.
if [ -z "${MINRNN_PG:-}" ]; then
  if MINRNN_PG=$(bash scripts/test-postgres.sh | tail -1); then
    export MINRNN_PG
    pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$MINRNN_PG")
    trap 'bash scripts/test-postgres.sh destroy "$pg_port" || true' EXIT
  else
    echo "warning: could not start PostgreSQL; the cluster tests will try again and fail" >&2
    unset MINRNN_PG
  fi
fi

# 4. One test project at a time: several start silos with short leases.
log=$(mktemp)
dotnet test Orleans.sln -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# 5. The counts, with a crashed or aborted test host counted as failed and named.
bash scripts/test-summary.sh "$log"
summary=$?
if [ "$status" -eq 0 ] && [ "$summary" -ne 0 ]; then status=1; fi

# 6. Browser tests that failed, and nothing else, run once more on their own: green only if each passes again.
if [ "$status" -ne 0 ] && bash scripts/test-rerun-browser.sh "$log"; then status=0; fi
rm -f "$log"
exit "$status"
