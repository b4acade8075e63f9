#!/usr/bin/env bash
# Issue 17, exactness: 300 steps of the baby preset, same seed, before and after this session's kernels (and one
# more seed after, for the size of seed noise). One thread each, two at a time; losses do not depend on load.
set -u
export MINRNN_DATA=/work/shared/data/tinyshakespeare.txt
out=/work/bench/final/curves; mkdir -p $out
run() { # who arch seed
  /work/bench/$1-bin/minrnn train --preset nanogpt-baby-cpu --arch $2 --seed $3 --max_iters 300 --lr_decay_iters 300 \
    --eval_interval 50 --log_interval 10 --threads 1 --checkpoint_interval 1000 --sample_chars 0 \
    --out_dir $out/$1-$2-$3 > $out/$1-$2-$3.log 2>&1
}
for arch in transformer mingru minlstm mamba; do
  run before $arch 1337 &
  run after $arch 1337
  wait
  run after $arch 1338
done
echo finished > $out/done
