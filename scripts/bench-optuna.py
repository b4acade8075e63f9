#!/usr/bin/python3
"""The peer of `minrnn bench orchestration`: Optuna's own cost per no-op trial, with SQLite storage.

Each trial reports as many intermediate values as the platform's no-op trials report evaluations (10) and asks
whether to prune after each, as an early-terminating Optuna study does; the study's pruner is a NopPruner, like the
platform's sweep without early termination. Trials run one after the other (Optuna's default; its SQLite storage is
not for concurrent writers), timed after an untimed warm-up in the same study, like the platform's figure.

Needs Debian's python3-optuna (`apt-get install python3-optuna`): run it with /usr/bin/python3.
Prints one line, and writes it as JSON with --out FILE.
"""
import argparse
import json
import os
import tempfile
import time

import optuna


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300, help="timed trials")
    parser.add_argument("--warmup", type=int, default=100, help="untimed trials first, in the same study")
    parser.add_argument("--evals", type=int, default=10, help="intermediate values each trial reports")
    parser.add_argument("--out", help="a JSON file for the figures")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    def objective(trial):
        trial.suggest_float("learning_rate", 1e-4, 1e-2, log=True)                 # a trial samples, as a sweep's does
        loss = 4.0
        for step in range(args.evals):
            loss *= 0.97
            trial.report(loss, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return loss

    with tempfile.TemporaryDirectory() as folder:
        storage = f"sqlite:///{os.path.join(folder, 'optuna.db')}"
        study = optuna.create_study(storage=storage, pruner=optuna.pruners.NopPruner())
        study.optimize(objective, n_trials=args.warmup)
        start = time.perf_counter()
        study.optimize(objective, n_trials=args.trials)
        seconds = time.perf_counter() - start
    result = {"tool": f"optuna {optuna.__version__}", "storage": "sqlite", "trials": args.trials, "warmup": args.warmup,
              "evals_per_trial": args.evals, "wall_seconds": seconds, "ms_per_trial": 1000 * seconds / args.trials}
    print(f"optuna {optuna.__version__} sqlite: {args.trials} trials in {seconds:.1f} s: {result['ms_per_trial']:.1f} ms per trial "
          f"(after {args.warmup} untimed)")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
