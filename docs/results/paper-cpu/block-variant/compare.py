"""The 300-step block comparison at the paper's size (issue 27): minGRU's validation curve with the conv's residual (the
default, the paper-cpu sweep's trial) beside the literal paper block (`conv_residual: false`, trained by `minrnn train`
with mingru-paper-block.yaml), same seed and batches. Writes compare.csv and compare.md beside this script.

    python3 compare.py ../../../../../paper-cpu/platform/metrics.db RUN_ID ../../../../../paper-cpu/block-variant/mingru-paper-block/metrics.csv
"""
import csv
import os
import sqlite3
import sys

store, run_id, variant_csv = sys.argv[1:4]
with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
    residual = dict(db.execute("select step, value from run_metrics where run_id = ? and name = 'val_loss' and step <= 300",
                               (run_id,)).fetchall())
with open(variant_csv) as f:
    paper = {int(r["step"]): float(r["val_loss"]) for r in csv.DictReader(f) if r["kind"] == "eval"}

steps = sorted(set(residual) & set(paper))
here = os.path.dirname(os.path.abspath(__file__))
rows = [(s, residual[s], paper[s], paper[s] / residual[s] - 1) for s in steps]
with open(os.path.join(here, "compare.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["step", "val_loss_conv_residual", "val_loss_paper_block", "paper_block_relative"])
    w.writerows((s, f"{a:.4f}", f"{b:.4f}", f"{d:.4f}") for s, a, b, d in rows)
with open(os.path.join(here, "compare.md"), "w") as f:
    f.write("| step | conv residual (default) | paper block | paper block vs residual |\n|---:|---:|---:|---:|\n")
    f.writelines(f"| {s} | {a:.4f} | {b:.4f} | {d:+.1%} |\n" for s, a, b, d in rows)
print(open(os.path.join(here, "compare.md")).read())
