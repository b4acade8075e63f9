#!/usr/bin/python3
"""nanoGPT's training step on this CPU, at the paper's size: the peer of `minrnn bench train --preset paper --arch transformer`.

Runs nanoGPT's own model.py (Karpathy's repository, a checkout given by --nanogpt) as its train.py does on a CPU:
float32, no torch.compile, AdamW from the model's configure_optimizers, gradient clipping, batches of characters from
tiny Shakespeare. The sizes are the paper preset's (3 layers × 384, 6 heads, T 256, B 64, dropout 0.2, grad_clip
0.25, biases on, as this platform's paper preset has them). Times whole steps (forward, backward, clip, optimizer) after
--warmup untimed ones and prints the median with the p10–p90 spread, and writes JSON with --out.

Needs Debian's python3-torch and OpenBLAS (`apt-get install python3-torch libopenblas0-pthread`; without OpenBLAS,
Debian's torch multiplies with the reference BLAS, dozens of times slower): run it with /usr/bin/python3.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np
import torch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nanogpt", required=True, help="a checkout of karpathy/nanoGPT (its model.py is imported)")
    parser.add_argument("--data", default="../shared/data/tinyshakespeare.txt")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iters", type=int, default=6, help="timed steps")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first")
    parser.add_argument("--n_layer", type=int, default=3)
    parser.add_argument("--out", help="a JSON file for the figures")
    args = parser.parse_args()
    sys.path.insert(0, args.nanogpt)
    from model import GPT, GPTConfig                                               # nanoGPT's own

    torch.manual_seed(1337)
    torch.set_num_threads(args.threads)
    text = open(args.data, encoding="utf-8").read()
    chars = sorted(set(text))
    data = torch.from_numpy(np.array([chars.index(c) for c in text[:200_000]], dtype=np.int64))
    block, batch = 256, 64
    model = GPT(GPTConfig(block_size=block, vocab_size=len(chars), n_layer=args.n_layer, n_head=6, n_embd=384,
                          dropout=0.2, bias=True))
    model.train()
    optimizer = model.configure_optimizers(weight_decay=0.1, learning_rate=1e-3, betas=(0.9, 0.99), device_type="cpu")

    def step():
        ix = torch.randint(len(data) - block - 1, (batch,))
        x = torch.stack([data[i:i + block] for i in ix])
        y = torch.stack([data[i + 1:i + 1 + block] for i in ix])
        _, loss = model(x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.25)
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.iters):
        start = time.perf_counter()
        step()
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    p10, p90 = times[int(0.1 * (len(times) - 1))], times[int(round(0.9 * (len(times) - 1)))]
    result = {"tool": f"nanoGPT model.py on torch {torch.__version__}", "threads": args.threads, "n_layer": args.n_layer,
              "n_embd": 384, "n_head": 6, "block_size": block, "batch_size": batch, "dropout": 0.2,
              "iters": args.iters, "warmup": args.warmup, "ms_per_iter_median": statistics.median(times),
              "ms_per_iter_p10": p10, "ms_per_iter_p90": p90, "ms_per_iter": times}
    print(f"nanoGPT (torch {torch.__version__}, {args.threads} threads) at {args.n_layer} x 384, T {block}, B {batch}: "
          f"{result['ms_per_iter_median']:.0f} ms/iter median ({p10:.0f}-{p90:.0f}) over {args.iters} after {args.warmup}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
