#!/usr/bin/env bash
# Issue 31: the paper's size before (main at BEFORE) and after (this branch at AFTER), in one sitting, 2 threads.
#   bash docs/results/paper-speed/run.sh [OUT]        (from the repository root; the lead's quiet rerun)
# Settings by environment: BEFORE, AFTER (commits), ITERS, ROUNDS, WARMUP (bench train), MEMORY_ARCHS (peak RSS of a
# 3-step `minrnn train` each), CURVE_STEPS (baby-size steps per curve, 0 for none), CURVE_ARCHS, NICE.
set -u
repo=$(git rev-parse --show-toplevel)
out=${1:-/tmp/paper-speed}
BEFORE=${BEFORE:-7145b35}
AFTER=${AFTER:-$(git -C "$repo" rev-parse HEAD)}
ITERS=${ITERS:-3}; ROUNDS=${ROUNDS:-2}; WARMUP=${WARMUP:-1}
MEMORY_ARCHS=${MEMORY_ARCHS:-transformer mingru minlstm mamba}
CURVE_STEPS=${CURVE_STEPS:-300}
NICE=${NICE:-5}
export MINRNN_DATA=${MINRNN_DATA:-/work/shared/data}
mkdir -p "$out"
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a "$out/load.log"; uptime | tee -a "$out/load.log"; }

# 1. Both binaries, each from a worktree of its own commit.
for who in before after; do
  commit=$BEFORE; [ $who = after ] && commit=$AFTER
  [ -x "$out/$who-bin/minrnn" ] && continue
  git -C "$repo" worktree add --detach "$out/$who-src" "$commit" > /dev/null
  nice -n "$NICE" dotnet publish "$out/$who-src/src/MinRnnLab.Cli" -c Release -o "$out/$who-bin" > "$out/$who-build.log" 2>&1 \
    || { echo "build of $who ($commit) failed: $out/$who-build.log"; exit 1; }
done

# 2. Step time and MFU, the four architectures taking turns, before and after alternating.
for who in before after; do
  log "bench train $who"
  nice -n "$NICE" "$out/$who-bin/minrnn" bench train --preset paper --arch transformer,mingru,minlstm,mamba --threads 2 \
    --iters "$ITERS" --rounds "$ROUNDS" --warmup "$WARMUP" --out "$out/train-$who" > "$out/train-$who.log" 2>&1
done
log "bench train done"

# 3. Peak memory (max RSS, KiB) of a 3-step run of each architecture.
for arch in $MEMORY_ARCHS; do
  for who in before after; do
    /usr/bin/time -f "$who $arch %M" -a -o "$out/peak-rss.txt" nice -n "$NICE" "$out/$who-bin/minrnn" train --preset paper \
      --arch "$arch" --max_iters 3 --eval_interval 1000 --eval_iters 1 --threads 2 --sample_chars 0 \
      --checkpoint_interval 1000 --out_dir "$out/mem-$who-$arch" > "$out/mem-$who-$arch.log" 2>&1
  done
done
log "peak memory done"

# 4. Curves: the baby size, same seed, before and after, for the architectures whose arithmetic changed order.
if [ "$CURVE_STEPS" -gt 0 ]; then
  for arch in ${CURVE_ARCHS:-transformer mamba}; do
    for who in before after; do
      nice -n "$NICE" "$out/$who-bin/minrnn" train --preset nanogpt-baby-cpu --arch "$arch" --seed 1337 \
        --max_iters "$CURVE_STEPS" --lr_decay_iters "$CURVE_STEPS" --eval_interval 50 --log_interval 10 --threads 1 \
        --checkpoint_interval 100000 --sample_chars 0 --out_dir "$out/curve-$who-$arch" > "$out/curve-$who-$arch.log" 2>&1
    done
  done
  log "curves done"
fi
for who in before after; do                                                      # the binaries stay in OUT/*-bin
  [ -d "$out/$who-src" ] && git -C "$repo" worktree remove --force "$out/$who-src"
done
echo finished > "$out/done"
