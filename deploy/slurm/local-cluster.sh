#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, to run the sbatch files of this folder for real:
#  1. installs Debian's slurm-wlm and munge if missing, starts munged, slurmctld and slurmd with a
#     minimal slurm.conf (this machine's CPUs and memory, no cgroups, no accounting);
#  2. submits `reproduce fig3 --scale small` as 4 array tasks and its merge job (submit.sh), waits,
#     and checks that the merged figure's data equal those of a single-process run of the figure;
#  3. resilience: submits a sweep as 2 array tasks, requeues task 0 and cancels task 1 mid-run,
#     checks that the merge refuses (exit 3) naming the missing runs, reruns task 1 and merges, and
#     checks that no run finished before the interruptions was computed again;
#  4. tears the cluster down (also on failure) and prints what it checked.
# Run as root from anywhere: deploy/slurm/local-cluster.sh. Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
checked=()
pass() { echo "ok: $*"; checked+=("$*"); }

[ "$(id -u)" = 0 ] || fail "run as root (it installs packages and starts the Slurm daemons)"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  step "installing slurm-wlm and munge from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

work="$(mktemp -d /tmp/verified-cluster.XXXXXX)"
chmod 755 "$work"
started_munge=no
teardown() {
  set +e
  if [ -n "${SLURM_CONF:-}" ]; then
    scancel --quiet --user=root 2>/dev/null
    [ -f "$work/slurmd.pid" ] && kill "$(cat "$work/slurmd.pid")" 2>/dev/null
    [ -f "$work/slurmctld.pid" ] && kill "$(cat "$work/slurmctld.pid")" 2>/dev/null
  fi
  [ "$started_munge" = yes ] && [ -f "$work/munged.pid" ] && kill "$(cat "$work/munged.pid")" 2>/dev/null
  sleep 1
  rm -rf "$work"
}
trap teardown EXIT

step "publishing verified"
dotnet publish "$root/verification/Verified.Cli" -c Release -o "$work/verified" -v quiet -nologo >/dev/null
export VERIFIED="$work/verified/verified"
"$VERIFIED" cells >/dev/null || fail "the published verified does not run"

step "starting munge"
if ! munge -n </dev/null >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  munged --force --pid-file="$work/munged.pid"
  started_munge=yes
  for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.2; done
  munge -n </dev/null >/dev/null 2>&1 || fail "munged did not start"
fi

step "starting a one-node Slurm"
node="$(hostname -s)"
cpus="$(nproc)"
memory=$(( $(awk '/MemTotal/ { print $2 }' /proc/meminfo) / 1024 * 9 / 10 ))
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<CONF
ClusterName=verified-local
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
MinJobAge=3600
NodeName=$node CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -i
slurmd
for _ in $(seq 60); do sinfo -h -o '%t' 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o '%t' | grep -q idle || { cat "$work/slurmctld.log" "$work/slurmd.log" >&2; fail "the node did not come up"; }
pass "one-node Slurm up: node $node, $cpus CPUs, $(sinfo -V)"

# The state of a job (or array task), and its exit code, from the controller.
state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }
exit_code() { scontrol show job "$1" 2>/dev/null | grep -o ' ExitCode=[0-9:]*' | head -1 | cut -d= -f2; }
# Waits until every job named is in a final state.
wait_done() {
  for _ in $(seq 1800); do
    local busy=no
    for job in "$@"; do
      case "$(state "$job")" in PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|SUSPENDED|"") busy=yes ;; esac
    done
    [ "$busy" = no ] && return 0
    sleep 1
  done
  fail "jobs $* did not finish within 30 minutes"
}
# The job data without wall times: what must be equal between two computations of a figure.
without_times() { python3 - "$1" <<'PY'
import json, sys
def strip(node):
    if isinstance(node, dict): return {k: strip(v) for k, v in node.items() if k != "seconds"}
    if isinstance(node, list): return [strip(v) for v in node]
    return node
print(json.dumps(strip(json.load(open(sys.argv[1]))), sort_keys=True))
PY
}
csv_without_times() { python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
drop = rows[0].index("seconds")
for row in rows: print(",".join(value for i, value in enumerate(row) if i != drop))
PY
}

step "a sharded reproduction: fig3 --scale small as 4 array tasks and a merge job"
sharded="$work/shared/fig3-sharded"
read -r _ _ array _ _ _ _ merge < <("$here/submit.sh" reproduce fig3 small "$sharded" 4)
echo "array job $array, merge job $merge"
wait_done "$array" "$merge"
for task in 0 1 2 3; do
  [ "$(state "${array}_$task")" = COMPLETED ] || { cat "$sharded"/logs/*; fail "array task ${array}_$task ended $(state "${array}_$task")"; }
done
[ "$(state "$merge")" = COMPLETED ] && [ "$(exit_code "$merge")" = 0:0 ] || { cat "$sharded"/logs/*; fail "merge job $merge ended $(state "$merge") $(exit_code "$merge")"; }
pass "4 array tasks and the merge job (afterok) completed; logs: $(ls "$sharded/logs" | tr '\n' ' ')"
grep -h "shard" "$sharded"/logs/verified-reproduce-* | grep -o 'shard [0-9]/4' | sort -u | tr '\n' ' '; echo
units=$(ls "$sharded/units"/*.json | wc -l)
"$VERIFIED" reproduce fig3 --scale small --out "$work/shared/fig3-single" --jobs "$cpus" >/dev/null
[ "$units" = "$(ls "$work/shared/fig3-single/units"/*.json | wc -l)" ] || fail "the shards left $units runs, one process $(ls "$work/shared/fig3-single/units"/*.json | wc -l)"
[ "$(without_times "$sharded/fig3.json")" = "$(without_times "$work/shared/fig3-single/fig3.json")" ] || fail "fig3.json of the shards differs from one process's"
[ "$(csv_without_times "$sharded/fig3.csv")" = "$(csv_without_times "$work/shared/fig3-single/fig3.csv")" ] || fail "fig3.csv of the shards differs from one process's"
pass "merged fig3.json and fig3.csv ($units runs) equal a single-process run's, wall times aside; PNGs: $(cd "$sharded" && ls *.png | tr '\n' ' ')"

step "resilience: a sweep as 2 array tasks; task 0 requeued and task 1 cancelled mid-run"
resilient="$work/shared/sweep-resilient"
sweep=(--cell vanilla-tanh --n 80 --task copy --delays 20 --schedules none --seeds 8 --epochs 600 --eval-every 100)
SBATCH_OPTIONS="--cpus-per-task=1" "$here/submit.sh" sweep "$resilient" 2 "${sweep[@]}" > "$work/submitted"
read -r _ _ array _ _ _ _ merge < "$work/submitted"
echo "array job $array, merge job $merge"
# Wait until each task has finished a run and is computing its next one.
finished_of() { grep -l "\"seed\": $1" "$resilient"/runs/*.json 2>/dev/null | wc -l; }
shard_done() { local n=0; for seed in "$@"; do n=$((n + $(finished_of "$seed"))); done; echo "$n"; }
for _ in $(seq 600); do
  [ "$(state "${array}_0")" = RUNNING ] && [ "$(state "${array}_1")" = RUNNING ] \
    && [ "$(shard_done 1 3 5 7)" -ge 1 ] && [ "$(shard_done 2 4 6 8)" -ge 1 ] && break
  sleep 0.5
done
[ "$(shard_done 1 3 5 7)" -ge 1 ] && [ "$(shard_done 2 4 6 8)" -ge 1 ] || fail "the sweep's tasks did not start their runs"
ls "$resilient"/runs/*.lock >/dev/null 2>&1 || fail "no run was being computed when the tasks were interrupted"
mkdir -p "$work/before"
cp -p "$resilient"/runs/*.json "$work/before/"
before=$(ls "$work/before" | wc -l)
scontrol requeue "${array}_0"
scancel "${array}_1"
pass "interrupted mid-run with $before of 8 runs finished and $(ls "$resilient"/runs/*.lock | wc -l) claimed: task 0 requeued (scontrol requeue), task 1 cancelled (scancel)"
wait_done "${array}_0" "${array}_1"
reason() { scontrol show job "$1" 2>/dev/null | grep -o 'Reason=[A-Za-z]*' | head -1 | cut -d= -f2; }
for _ in $(seq 120); do [ "$(state "$merge")" = CANCELLED ] || [ "$(reason "$merge")" = DependencyNeverSatisfied ] && break; sleep 1; done
[ "$(state "$merge")" = CANCELLED ] || [ "$(reason "$merge")" = DependencyNeverSatisfied ] \
  || fail "the merge job ran although task 1 was cancelled (it is $(state "$merge"), $(reason "$merge"))"
pass "the merge job did not run once task 1 was cancelled: $(state "$merge") ($(reason "$merge"))"
scancel "$merge"
[ "$(state "${array}_0")" = COMPLETED ] || fail "the requeued task 0 ended $(state "${array}_0")"
grep -q "restart 1" "$resilient/logs/verified-sweep-${array}_0.out" || fail "task 0 was not restarted"
pass "requeued task 0 ran again (restart 1) and finished its shard: $(grep -o 'shard 0/2: [^,]*, [0-9]* were already done' "$resilient/logs/verified-sweep-${array}_0.out" | tail -1)"
set +e
"$VERIFIED" sweep --out "$resilient" --merge > "$work/merge.out" 2> "$work/merge.err"
code=$?
set -e
[ "$code" = 3 ] || fail "the merge with task 1's runs missing exited $code, not 3"
missing=$(ls "$resilient"/runs/*.json | wc -l)
grep -q "runs* .*missing" "$work/merge.err" || fail "the refused merge does not name the missing runs"
[ ! -f "$resilient/sweep.json" ] || fail "the refused merge wrote sweep.json"
pass "the merge refused with exit 3 while $((8 - missing)) runs were missing: $(cut -c1-160 "$work/merge.err")…"
ARRAY=1 SBATCH_OPTIONS="--cpus-per-task=1" "$here/submit.sh" sweep "$resilient" 2 "${sweep[@]}" > "$work/resubmitted"
read -r _ _ rerun _ _ _ _ merge < "$work/resubmitted"
wait_done "$rerun" "$merge"
[ "$(state "$merge")" = COMPLETED ] || { cat "$resilient"/logs/*; fail "the second merge job ended $(state "$merge")"; }
[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"]))' "$resilient/sweep.json")" = 8 ] || fail "sweep.json does not hold the 8 runs"
for file in "$work"/before/*.json; do
  cmp -s "$file" "$resilient/runs/$(basename "$file")" || fail "$(basename "$file") was computed again"
  [ "$(stat -c %Y "$file")" = "$(stat -c %Y "$resilient/runs/$(basename "$file")")" ] || fail "$(basename "$file") was rewritten"
done
[ -z "$(ls "$resilient"/runs/*.lock 2>/dev/null)" ] || fail "claims were left behind: $(ls "$resilient"/runs/*.lock)"
pass "task 1 rerun (ARRAY=1 submit.sh, the same 2 shards) and a new merge job completed: sweep.json holds 8 runs; the $before runs finished before the interruptions are byte-identical and were not rewritten; no claim left"

step "summary"
printf 'checked:\n'; printf '  - %s\n' "${checked[@]}"
echo "local-cluster.sh: all ${#checked[@]} checks passed"
