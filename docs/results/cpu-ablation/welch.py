#!/usr/bin/env python3
"""Seed noise against differences: per configuration mean, std, sem of the best val loss over its finished seeds,
and Welch's t-test for the comparisons the README discusses. Reads trials.csv written by `minrnn sweep report`.

    python3 docs/results/cpu-ablation/welch.py docs/results/cpu-ablation/trials.csv

Standard library only: the two-sided p of Student's t comes from the regularised incomplete beta function
(Numerical Recipes' continued fraction). With n = 3 per side a p below 0.05 needs a large, consistent gap.
"""
import csv
import math
import sys
from collections import defaultdict

# (a, b): is configuration a's best val loss different from b's? Labels as the report writes them.
COMPARISONS = [
    ("arch=mingru init=normal conv_residual=true rnn_bias=false", "arch=mingru"),
    # One change at a time (the factor sweep and its reruns): which of the three carries the gap.
    ("arch=mingru conv_residual=true", "arch=mingru"),
    ("arch=mingru init=normal conv_residual=true rnn_bias=false", "arch=mingru conv_residual=true"),
    ("arch=mingru init=normal", "arch=mingru"),
    ("arch=mingru rnn_bias=false", "arch=mingru"),
    ("arch=mingru", "arch=transformer"),
    ("arch=minlstm", "arch=transformer"),
    ("arch=mamba", "arch=transformer"),
    ("arch=mingru", "arch=minlstm"),
    ("arch=mingru block=gated", "arch=mingru"),
    ("arch=minlstm block=gated", "arch=minlstm"),
    ("arch=mamba", "arch=mingru block=gated"),
    ("arch=mingru block=gated", "arch=minlstm block=gated"),
]


def betacf(a, b, x):
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > 1e-300 else 1e-300)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for aa in (m * (b - m) * x / ((qam + m2) * (a + m2)), -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1.0 + aa / c
            c = c if abs(c) > 1e-300 else 1e-300
            h *= d * c
        if abs(d * c - 1.0) < 1e-12:
            break
    return h


def betainc(a, b, x):
    if x <= 0.0 or x >= 1.0:
        return 0.0 if x <= 0.0 else 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1.0 - x))
    return front * betacf(a, b, x) / a if x < (a + 1.0) / (a + b + 2.0) else 1.0 - front * betacf(b, a, 1.0 - x) / b


def welch(xs, ys):
    """t, Welch–Satterthwaite df, two-sided p; None when a side has fewer than 2 values."""
    if len(xs) < 2 or len(ys) < 2:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    vx = sum((v - mx) ** 2 for v in xs) / (len(xs) - 1) / len(xs)
    vy = sum((v - my) ** 2 for v in ys) / (len(ys) - 1) / len(ys)
    if vx + vy == 0:
        return None
    t = (mx - my) / math.sqrt(vx + vy)
    df = (vx + vy) ** 2 / (vx ** 2 / (len(xs) - 1) + vy ** 2 / (len(ys) - 1))
    return t, df, betainc(df / 2.0, 0.5, df / (df + t * t))


def main(path):
    losses = defaultdict(list)
    for row in csv.DictReader(open(path)):
        if row["state"] == "succeeded" and row["best_val_loss"]:
            # A rerun names its seed; the configuration is the rest (as the report groups it).
            label = " ".join(p for p in row["parameters"].split() if not p.startswith("seed="))
            losses[label].append(float(row["best_val_loss"]))
    print("| configuration | n | mean | std | sem | mean ± 2·sem |")
    print("|---|---:|---:|---:|---:|---|")
    for label, xs in sorted(losses.items(), key=lambda kv: sum(kv[1]) / len(kv[1])):
        mean = sum(xs) / len(xs)
        if len(xs) < 2:
            print(f"| {label} | 1 | {mean:.4f} | – | – | – |")
            continue
        std = math.sqrt(sum((v - mean) ** 2 for v in xs) / (len(xs) - 1))
        sem = std / math.sqrt(len(xs))
        print(f"| {label} | {len(xs)} | {mean:.4f} | {std:.4f} | {sem:.4f} | [{mean - 2 * sem:.4f}, {mean + 2 * sem:.4f}] |")
    print()
    print("| a | b | mean a − b | Welch t | df | p (two-sided) |")
    print("|---|---|---:|---:|---:|---:|")
    for a, b in COMPARISONS:
        xs, ys = losses.get(a, []), losses.get(b, [])
        if not xs or not ys:
            continue
        diff = sum(xs) / len(xs) - sum(ys) / len(ys)
        test = welch(xs, ys)
        cells = f"{test[0]:.2f} | {test[1]:.1f} | {test[2]:.3f}" if test else "– | – | – (n < 2)"
        print(f"| {a} | {b} | {diff:+.4f} | {cells} |")


if __name__ == "__main__":
    main(sys.argv[1])
