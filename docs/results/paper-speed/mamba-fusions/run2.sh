#!/usr/bin/env bash
# Second pair, after then before (the reverse order), then peak RSS of a 3-step Mamba run with each binary.
set -u
out=/tmp/mamba-bench
export MINRNN_DATA=/work/shared/data
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $out/load.log; uptime | tee -a $out/load.log; }
while pgrep -f "^/bin/bash /tmp/mamba-bench/run.sh" > /dev/null || [ -z "$(grep done $out/load.log)" ]; do sleep 10; done
for who in after before; do
  log "bench train $who (second pair)"
  nice -n 10 /work/bench-$who-mamba/out/minrnn bench train --preset paper --arch mingru,mamba --threads 2 \
    --iters 3 --rounds 2 --warmup 1 --out $out/train2-$who > $out/train2-$who.log 2>&1
done
for who in before after; do
  log "peak RSS $who"
  /usr/bin/time -f "$who mamba %M" -a -o $out/peak-rss.txt nice -n 10 /work/bench-$who-mamba/out/minrnn train --preset paper \
    --arch mamba --max_iters 3 --eval_interval 1000 --eval_iters 1 --threads 2 --sample_chars 0 \
    --checkpoint_interval 1000 --out_dir $out/mem-$who > $out/mem-$who.log 2>&1
done
log "done 2"
