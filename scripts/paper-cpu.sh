#!/usr/bin/env bash
# The paper's table on this CPU (issue 27, sweeps/paper-cpu.yaml), run by the platform itself over as many sessions as
# it takes. One command starts it and, after any stop, resumes it: `minrnn serve` picks the sweep up from its
# checkpoints on the same data folder.
#   bash scripts/paper-cpu.sh          build minrnn, start `serve` at the lowest priority, submit the sweep once
#   bash scripts/paper-cpu.sh status   the sweep's progress
#   bash scripts/paper-cpu.sh report   write docs/results/paper-cpu/ from the sweep as it stands
#   bash scripts/paper-cpu.sh stop     SIGTERM: the runs in flight checkpoint and go back to the queue
#   bash scripts/paper-cpu.sh submit F a follow-up sweep file (sweeps/paper-cpu-mamba-seed.yaml) to the same platform;
#                                      its id goes to followups.log, and `minrnn sweep report ID --gateway 30700` reports it
# Folder: MINRNN_PAPER_DATA (default ../paper-cpu beside the checkout), outside the checkout so that no clean, clone or
# rebuild touches it; it holds the binaries `serve` runs from (bin/), the platform's data (platform/) and serve.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
folder=${MINRNN_PAPER_DATA:-$root/../paper-cpu}
mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
gateway=30700                                # not the default 30000: a `serve` or web UI of your own can run beside it
export MINRNN_DATA=${MINRNN_DATA:-$root/../shared/data}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
minrnn() { dotnet "$folder/bin/minrnn.dll" "$@" --gateway "$gateway"; }
serving() { [ -f "$folder/serve.pid" ] && kill -0 "$(cat "$folder/serve.pid")" 2>/dev/null; }
sweep_id() { cat "$folder/sweep.id" 2>/dev/null; }                # written when the sweep is submitted
# status and report ask the running `serve`: without one, minrnn would start an embedded platform on the checkout's data.
require_serve() { serving || { echo "paper-cpu: serve is not running; 'bash scripts/paper-cpu.sh start' resumes it" >&2; exit 1; }; }

case "${1:-start}" in
  start)
    if ! serving; then
      # Its own copy of the binaries: rebuilding the checkout mid-run never swaps the code under a training run.
      dotnet publish "$root/src/MinRnnLab.Cli" -c Release -o "$folder/bin" >/dev/null
      # nice 19 and one thread per slot: builds, tests and timings keep the machine. Two slots, so two trials
      # train at once when the machine is idle. 120 s of grace: a slow step at the lowest priority, then a checkpoint.
      # Only this start's lines count: the log keeps every earlier start's "platform running".
      log_start=$(( $(stat -c %s "$folder/serve.log" 2>/dev/null || echo 0) + 1 ))
      MINRNN_STOP_GRACE=120 nohup nice -n 19 dotnet "$folder/bin/minrnn.dll" serve --data "$folder/platform" \
        --devices cpu,cpu --threads 1 --gateway "$gateway" --silo_port 11700 >>"$folder/serve.log" 2>&1 &
      echo $! >"$folder/serve.pid"
      for _ in $(seq 120); do tail -c +"$log_start" "$folder/serve.log" | grep -q "platform running" && break; sleep 1; done
      serving || { echo "serve did not start; see $folder/serve.log" >&2; exit 1; }
      echo "$(date -u +%FT%TZ) serve started (pid $(cat "$folder/serve.pid"))" >>"$folder/resumes.log"
    fi
    if [ -z "$(sweep_id)" ]; then
      minrnn sweep submit "$root/sweeps/paper-cpu.yaml" | tee "$folder/submit.log"
      grep -oE 'submitted [^:]+' "$folder/submit.log" | cut -d' ' -f2 >"$folder/sweep.id"
    fi
    echo "paper-cpu: sweep $(sweep_id) on $folder (log: $folder/serve.log); 'bash scripts/paper-cpu.sh status' shows progress"
    ;;
  status)
    require_serve
    minrnn sweep status "$(sweep_id)"
    ;;
  report)
    require_serve
    minrnn sweep report "$(sweep_id)" --out "$root/docs/results/paper-cpu"
    ;;
  submit)
    require_serve
    [ -n "${2:-}" ] || { echo "usage: bash scripts/paper-cpu.sh submit SWEEP_FILE" >&2; exit 2; }
    minrnn sweep submit "$2" | tee -a "$folder/followups.log"
    ;;
  stop)
    if serving; then kill -TERM "$(cat "$folder/serve.pid")"; echo "stopping serve (pid $(cat "$folder/serve.pid"))"; fi
    ;;
  *)
    echo "usage: bash scripts/paper-cpu.sh [start|status|report|stop|submit SWEEP_FILE]" >&2
    exit 2
    ;;
esac
