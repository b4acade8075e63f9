#!/usr/bin/env python3
"""Table of run.sh's results: each architecture's step as a ratio to the Transformer's, with and without the free
recurrence, per run, and the FLOPs per token behind it. Usage: python3 aggregate.py [FOLDER]"""
import glob, json, os, statistics, sys

here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rows = {}
for path in sorted(glob.glob(os.path.join(here, "free-*-run-*", "train.json"))):
    free = os.path.basename(os.path.dirname(path)).split("-")[1] == "1"
    for r in json.load(open(path)):
        rows.setdefault((r["arch"], free), []).append(r)

print("| arch | recurrence and conv | ratio to the Transformer, per run (round p10–p90) | median | ms/iter, per run | training GFLOP per step |")
print("|---|---|---|---:|---|---:|")
for (arch, free), runs in rows.items():
    ratios = ", ".join(f"{r['ratio_to_first']:.2f} ({r['ratio_p10']:.2f}–{r['ratio_p90']:.2f})" for r in runs)
    ms = ", ".join(f"{r['ms_per_iter']:.1f}" for r in runs)
    gflop = runs[0]["model_flops_per_second"] * runs[0]["ms_per_iter"] / 1000 / 1e9
    median = statistics.median(r["ratio_to_first"] for r in runs)
    print(f"| {arch} | {'free stand-ins' if free else 'fused kernels'} | {ratios} | {median:.2f} | {ms} | {gflop:.2f} |")
