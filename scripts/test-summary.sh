#!/usr/bin/env bash
# Reads the output of `dotnet test Orleans.sln` (file $1), prints "N passed, N failed" and exits 1 when anything failed.
# A test host that crashed or was aborted prints no summary line, so its tests would count nowhere: each such project
# counts as one failure, named. A project none of whose tests match a --filter says so instead, and is fine.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$1

# The per-assembly summaries: "Passed!  - Failed: 0, Passed: 24, Skipped: 0, ... - MinRnnLab.X.Tests.dll (net10.0)".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  grep -qE -- "- $name\.dll \(" "$log" && continue
  grep -qE "No test matches the given testcase filter .*/$name\.dll" "$log" && continue
  cause=$(grep -m1 -oE 'Test host process crashed.*|The active test run was aborted.*' "$log" || echo 'see the log above')
  echo "$name: no summary, its test run crashed or was aborted: $cause"
  failed=$((failed + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
