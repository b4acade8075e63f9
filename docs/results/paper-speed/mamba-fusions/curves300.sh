#!/usr/bin/env bash
# 300 baby-size Mamba steps, seed 1337, before and after: the fused arithmetic changes only the order of float32 sums.
set -u
out=/tmp/mamba-bench
export MINRNN_DATA=/work/shared/data
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $out/load.log; uptime | tee -a $out/load.log; }
while ! true $out/load.log; do sleep 5; done
for who in before after; do
  log "curve $who"
  nice -n 10 /work/bench-$who-mamba/out/minrnn train --preset nanogpt-baby-cpu --arch mamba --seed 1337 \
    --max_iters 300 --lr_decay_iters 300 --eval_interval 50 --log_interval 10 --threads 1 \
    --checkpoint_interval 100000 --sample_chars 0 --out_dir $out/curve300-$who > $out/curve300-$who.log 2>&1
done
log "curves 300 done"
