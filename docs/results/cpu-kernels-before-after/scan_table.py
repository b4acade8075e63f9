#!/usr/bin/env python3
"""bench scan, before and after, each run three times alternately: the median over the runs of ms, of the speedup
over the GRU (LSTM) loop measured in the same run, and of peak memory."""
import csv, glob, os, statistics, sys
root = sys.argv[1] if len(sys.argv) > 1 else "."
def runs(who):
    # The alternating runs only (scan-before-1 …), not the extra after runs (scan-after-first, scan-after-all-lengths).
    return [list(csv.DictReader(open(p))) for p in sorted(glob.glob(os.path.join(root, f"scan-{who}-[0-9]*", "bench-scan.csv")))]
table = {}
for who in ["before", "after"]:
    for rows in runs(who):
        for r in rows:
            if r["skipped"] == "false":
                table.setdefault((r["model"], int(r["seq_len"])), {}).setdefault(who, []).append(r)
def med(rows, key, scale=1.0):
    values = [float(r[key]) / scale for r in rows if r[key]]
    return f"{statistics.median(values):.2f}" if values else ""
print("| model | T | ms before | ms after | × loop before | × loop after (min–max) | peak MiB before | peak MiB after |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for (model, t), by in table.items():
    if model not in ("mingru", "minlstm", "mamba", "gru-loop", "lstm-loop"):
        continue
    b, a = by.get("before", []), by.get("after", [])
    speed = [float(r["speedup_vs_loop"]) for r in a if r["speedup_vs_loop"]]
    spread = f" ({min(speed):.2f}–{max(speed):.2f})" if speed else ""
    print(f"| {model} | {t} | {med(b, 'ms')} | {med(a, 'ms')} | {med(b, 'speedup_vs_loop')} | {med(a, 'speedup_vs_loop')}{spread} | "
          f"{med(b, 'peak_bytes', 1048576)} | {med(a, 'peak_bytes', 1048576)} |")
