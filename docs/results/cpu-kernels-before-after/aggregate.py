#!/usr/bin/env python3
"""Aggregates run.sh's bench train outputs: per threads and binary, each arch's ms/iter and ratio to the Transformer
over the repetitions (median, and min-max)."""
import csv, glob, os, statistics, sys
out = sys.argv[1] if len(sys.argv) > 1 else "."        # run.sh's out folder, or this folder (train/*.csv)
rows = {}
for path in sorted(glob.glob(os.path.join(out, "train*-*-*/train.csv")) + glob.glob(os.path.join(out, "train", "train*-*-*.csv"))):
    name = os.path.basename(os.path.dirname(path)) if path.endswith("/train.csv") else os.path.basename(path)[:-4]  # train2-before-1
    threads, who, _ = name[len("train"):].split("-")
    for r in csv.DictReader(open(path)):
        rows.setdefault((threads, r["arch"]), {}).setdefault(who, []).append((float(r["ms_per_iter"]), float(r["ratio_to_first"])))
print("| threads | arch | before ms/iter | after ms/iter | before ÷ Transformer | after ÷ Transformer | after ÷ minGRU |")
print("|---:|---|---:|---:|---:|---:|---:|")
def span(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"
for (threads, arch), by in sorted(rows.items(), key=lambda kv: (kv[0][0], ["Transformer", "MinGru", "MinLstm", "Mamba"].index(kv[0][1]))):
    b, a = by["before"], by["after"]
    gru = rows[(threads, "MinGru")]["after"]
    vs_gru = [x[0] / g[0] for x, g in zip(a, gru)]
    print(f"| {threads} | {arch} | {statistics.median(x[0] for x in b):.1f} | {statistics.median(x[0] for x in a):.1f} | "
          f"{span([x[1] for x in b])} | {span([x[1] for x in a])} | {span(vs_gru)} |")
