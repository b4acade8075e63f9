#!/usr/bin/env bash
# How close can minLSTM's step get to the Transformer's at nanoGPT's baby size, however fast its own kernels are?
# Builds the CLI with free-recurrence.patch applied (in a scratch worktree), then alternates runs with and without
# MINRNN_FREE_RECURRENCE=1, which replaces the minRNN's recurrence by a view of k and its causal conv by the identity.
# Usage: bash docs/results/minlstm-parity-bound/run.sh [RUNS]   (from the repository root; needs MINRNN_DATA or data/)
set -euo pipefail
runs=${1:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
tree=$(mktemp -d)
git -C "$root" worktree add --detach "$tree" HEAD >/dev/null
trap 'git -C "$root" worktree remove --force "$tree"' EXIT
git -C "$tree" apply "$here/free-recurrence.patch"
dotnet build "$tree/src/MinRnnLab.Cli" -c Release -v q -nologo >/dev/null
minrnn="$tree/src/MinRnnLab.Cli/bin/Release/net10.0/minrnn"
for r in $(seq "$runs"); do
  for free in 0 1; do
    out="$here/free-$free-run-$r"
    MINRNN_FREE_RECURRENCE=$free "$minrnn" bench train --preset nanogpt-baby-cpu --arch transformer,mingru,minlstm \
      --threads 2 --rounds 12 --iters 5 --out "$out" | grep -E "×|wrote"
  done
done
