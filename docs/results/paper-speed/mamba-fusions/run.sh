#!/usr/bin/env bash
# Items 1–2 of issue 31's Mamba work: block microbenchmark, then bench train before (main) and after (mamba-s7).
set -u
out=/tmp/mamba-bench
export MINRNN_DATA=/work/shared/data
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $out/load.log; uptime | tee -a $out/load.log; }
log "block bench"
nice -n 10 /tmp/mamba-block-bin/mambablock 2 5 > $out/block.log 2>&1
for who in before after; do
  log "bench train $who"
  nice -n 10 /work/bench-$who-mamba/out/minrnn bench train --preset paper --arch mingru,mamba --threads 2 \
    --iters 3 --rounds 2 --warmup 1 --out $out/train-$who > $out/train-$who.log 2>&1
done
log "done"
