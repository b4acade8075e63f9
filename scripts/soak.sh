#!/usr/bin/env bash
# The training soak (issue 25): `minrnn bench soak` for MINUTES (default 10) with the runtime set to write a dump if
# the process crashes, so that a native crash comes with its managed stacks. Extra arguments go to `bench soak`
# (--workers W --threads T --seed S). Exit code: the command's (0: no run failed), or the crash's signal (139 is a
# segfault). Not part of scripts/test.sh: it runs for as long as it is asked to.
#   bash scripts/soak.sh 30 --workers 6
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
shift || true
out=artifacts/soak
mkdir -p "$out"

# The corpus is never committed: from ../shared/data beside the checkout, as scripts/test.sh finds it.
if [ -z "${MINRNN_DATA:-}" ] && [ -f ../shared/data/tinyshakespeare.txt ]; then
  export MINRNN_DATA="$(cd ../shared/data && pwd)"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
build_log=$(mktemp)
nice dotnet build src/MinRnnLab.Cli -c Release -nologo >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }
rm -f "$build_log"

# On a crash the runtime's createdump writes a heap dump (type 2: enough for every thread's managed and native stack;
# about 350 MB, not removed) and a crash report naming the crashed thread, both named by the process id.
export DOTNET_DbgEnableMiniDump=1 DOTNET_DbgMiniDumpType=2 DOTNET_DbgMiniDumpName="$PWD/$out/dump.%p"
export DOTNET_EnableCrashReport=1
started=$(date +%s)
dotnet src/MinRnnLab.Cli/bin/Release/net10.0/minrnn.dll bench soak --minutes "$minutes" "$@"
rc=$?
echo "bench soak exited $rc after $(( $(date +%s) - started )) s" >&2
if [ "$rc" -ge 128 ]; then
  echo "crashed (signal $((rc - 128))); dumps and crash reports:" >&2
  ls -l "$out" >&2
  echo "managed stacks: dotnet-dump analyze $out/dump.<pid> -c 'clrstack -all' -c exit" >&2
  echo "  (dotnet tool install --tool-path ~/.dotnet/tools dotnet-dump, if it is not installed)" >&2
fi
exit "$rc"
