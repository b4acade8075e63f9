#!/usr/bin/env bash
# Issue 17 figures: before (main at session start, /work/before-bin) and after (final main, /work/after-bin),
# measured back to back on a quiet machine (the ablation sweep is SIGSTOPped meanwhile).
set -u
export MINRNN_DATA=/work/shared/data/tinyshakespeare.txt
out=/work/bench/out; mkdir -p $out
lens=64,512,4096
for who in before after; do
  bin=/work/$who-bin/minrnn
  $bin bench scan --threads 2 --reps 3 --lengths $lens --data /work/bench/data-$who --out $out/scan-$who > $out/scan-$who.log 2>&1
  for a in transformer mingru minlstm mamba; do
    $bin bench train --preset nanogpt-baby-cpu --arch $a --iters 40 --warmup 5 --threads 2 --out $out/train-$who-$a > $out/train-$who-$a.log 2>&1
  done
done
echo done
