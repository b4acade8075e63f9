#!/usr/bin/env bash
# Issue 17, this session: before (main at the session start, 080af4c, plus the interleaved `bench train`) and after
# (main with this session's kernels), back to back on a quiet machine.
set -u
export MINRNN_DATA=/work/shared/data/tinyshakespeare.txt
out=/work/bench/final/out; mkdir -p $out
archs=transformer,mingru,minlstm,mamba
for rep in 1 2 3; do
  for who in before after; do
    /work/bench/$who-bin/minrnn bench train --preset nanogpt-baby-cpu --arch $archs --threads 2 --rounds 8 --iters 10 \
      --out $out/train2-$who-$rep > $out/train2-$who-$rep.log 2>&1
  done
done
for rep in 1 2; do
  for who in before after; do
    /work/bench/$who-bin/minrnn bench train --preset nanogpt-baby-cpu --arch $archs --threads 1 --rounds 6 --iters 10 \
      --out $out/train1-$who-$rep > $out/train1-$who-$rep.log 2>&1
  done
done
/work/bench/before-bin/minrnn bench scan --threads 2 --reps 3 --lengths 64,512,4096 --data /tmp/bsdata-before --out $out/scan-before > $out/scan-before.log 2>&1
/work/bench/after-bin/minrnn bench scan --threads 2 --reps 3 --lengths 64,512,4096 --data /tmp/bsdata-after --out $out/scan-after > $out/scan-after.log 2>&1
echo finished > $out/done
