#!/usr/bin/env python3
"""300-step curves: before vs after at the same seed, against the spread between two seeds (after)."""
import csv, os, sys
root = sys.argv[1] if len(sys.argv) > 1 else "curves"
def evals(name):
    rows = csv.DictReader(open(os.path.join(root, f"{name}.csv") if os.path.exists(os.path.join(root, f"{name}.csv")) else os.path.join(root, name, "metrics.csv")))
    return {int(r["step"]): (float(r["train_loss"]), float(r["val_loss"])) for r in rows if r["kind"] == "eval"}
def logged(name):
    rows = csv.DictReader(open(os.path.join(root, f"{name}.csv") if os.path.exists(os.path.join(root, f"{name}.csv")) else os.path.join(root, name, "metrics.csv")))
    return {int(r["step"]): float(r["train_loss"]) for r in rows if r["kind"] == "step"}
print("| arch | val loss at 300: before / after (seed 1337) | after, seed 1338 | max \\|before − after\\| over the evaluations (train, val) | max \\|before − after\\| over the logged training losses | max \\|seed 1337 − seed 1338\\| (val) |")
print("|---|---:|---:|---:|---:|---:|")
for arch in ["transformer", "mingru", "minlstm", "mamba"]:
    b, a, s = evals(f"before-{arch}-1337"), evals(f"after-{arch}-1337"), evals(f"after-{arch}-1338")
    steps = sorted(b)
    dtrain = max(abs(b[k][0] - a[k][0]) for k in steps)
    dval = max(abs(b[k][1] - a[k][1]) for k in steps)
    lb, la = logged(f"before-{arch}-1337"), logged(f"after-{arch}-1337")
    dlog = max(abs(lb[k] - la[k]) for k in lb)
    dseed = max(abs(a[k][1] - s[k][1]) for k in steps)
    print(f"| {arch} | {b[300][1]:.4f} / {a[300][1]:.4f} | {s[300][1]:.4f} | {dtrain:.2g}, {dval:.2g} | {dlog:.2g} | {dseed:.2g} |")
