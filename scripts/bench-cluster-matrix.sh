#!/usr/bin/env bash
# The cluster benchmark's table (issue 30 item 1): K = 1, 2, 4 silos × D = 8, 32, 64 slots, without and with churn,
# each row appended to OUT/cluster.{json,csv,md}; `uptime` before each run goes to OUT/load.txt.
#   scripts/bench-cluster-matrix.sh [OUT] [N]      (build src/MinRnnLab.Silo -c Release first)
#   SILOS="2 4" SLOTS="64" CHURN="15" scripts/bench-cluster-matrix.sh ...   runs part of it
set -euo pipefail
out=${1:-docs/results/cluster-scale/multi-silo}
trials=${2:-1000}
minrnn=src/MinRnnLab.Cli/bin/Release/net10.0/minrnn.dll
mkdir -p "$out"
for churn in ${CHURN:-0 15}; do
  for silos in ${SILOS:-1 2 4}; do
    for slots in ${SLOTS:-8 32 64}; do
      echo "$(date -u +%H:%M:%S) K=$silos D=$slots N=$trials churn=$churn: $(uptime)" | tee -a "$out/load.txt"
      # Churn kills a silo every 15 s; a lease of 10 s (production: 30 s) lets the orphans resume within the run.
      nice -n 10 dotnet "$minrnn" bench cluster --silos "$silos" --slots "$slots" --trials "$trials" --step_ms 20 --evals_per_trial 10 \
        --churn_every "$churn" --lease_seconds 10 --out "$out" || echo "K=$silos D=$slots churn=$churn exited $?" | tee -a "$out/load.txt"
    done
  done
done
