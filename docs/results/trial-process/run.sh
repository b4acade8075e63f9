#!/usr/bin/env bash
# Reproduces this folder: a trial process's start and step time against the silo's process, at the tiny preset and
# at nanoGPT's baby size, with what else the machine was doing before and after each. Run from the repository root
# after `dotnet build src/MinRnnLab.Cli -c Release`; MINRNN_DATA must point at the corpus on a machine without internet.
set -euo pipefail
out=docs/results/trial-process
# Not nice'd: a nice'd process gets a sliver of a shared machine whenever a neighbour runs at normal priority, and the
# rounds then measure the neighbours. Both executors run at the same priority either way (a trial inherits it).
minrnn() { dotnet src/MinRnnLab.Cli/bin/Release/net10.0/minrnn.dll "$@"; }
machine() { echo "## $1: $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"; ps -eo pcpu,ni,args --sort=-pcpu | head -8 | cut -c1-140; }
{
  machine "before tiny"
  minrnn bench trial --preset tiny --max_iters 200 --eval_interval 50 --rounds 5 --out "$out"
  machine "after tiny"
  minrnn bench trial --preset nanogpt-baby-cpu --max_iters 100 --eval_interval 50 --rounds 5 --out "$out"
  machine "after nanogpt-baby-cpu"
  # The same size with a step-0 evaluation of 2 batches instead of 20: the start is then mostly the process's own.
  minrnn bench trial --preset nanogpt-baby-cpu --max_iters 40 --eval_interval 20 --eval_iters 2 --rounds 5 --out "$out/eval-iters-2"
  machine "after nanogpt-baby-cpu, eval_iters 2"
} 2>&1 | tee "$out/run.log"
