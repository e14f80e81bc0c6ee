#!/usr/bin/env bash
# Submits a sharded reproduction or sweep as a Slurm job array and, after it, the merge job:
#   submit.sh reproduce FIGURE SCALE OUT TASKS          e.g. submit.sh reproduce fig3 paper /shared/fig3 32
#   submit.sh sweep OUT TASKS [sweep options ...]       e.g. submit.sh sweep /shared/copy 64 --task copy --delays 10 20 40
# Logs go to OUT/logs/ (one file per array task, appended across requeues). Prints the two job ids
# (and, on stderr, the --time each task was given).
# Extra sbatch options (partition, time, account, CPUs per task) come from SBATCH_OPTIONS, e.g.
#   SBATCH_OPTIONS="--partition=cpu --cpus-per-task=8" submit.sh reproduce fig4 paper /shared/fig4 16
# Without a --time there, each task gets the one `verified ... --plan` derives from the recorded runs'
# wall times (docs/recorded-runs of the clone this script is in): the longest shard's runs left, at
# the task's CPUs, with half as much again; when no recorded run tells, the partition's default.
# To rerun some tasks (cancelled, failed, timed out), the same command with ARRAY set to their
# indices: ARRAY=2,5 submit.sh reproduce fig4 paper /shared/fig4 16. Finished runs are never
# repeated; the merge job follows the tasks submitted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
verified=${VERIFIED:-verified}   # as in the sbatch files: a command, split into words ("dotnet /path/verified.dll")
kind=${1:?usage: submit.sh reproduce FIGURE SCALE OUT TASKS | submit.sh sweep OUT TASKS [options]}
shift
case "$kind" in
  reproduce) figure=${1:?FIGURE}; scale=${2:?SCALE}; out=$(realpath -m "${3:?OUT}"); tasks=${4:?TASKS}
             work=("$figure" "$scale" "$out"); merge=(reproduce "$figure" "$scale" "$out"); plan=(reproduce "$figure" --scale "$scale" --out "$out") ;;
  sweep) out=$(realpath -m "${1:?OUT}"); tasks=${2:?TASKS}; shift 2
         work=("$out" "$@"); merge=(sweep "$out"); plan=(sweep --out "$out" "$@") ;;
  *) echo "submit.sh: the first argument is reproduce or sweep, not '$kind'" >&2; exit 2 ;;
esac
[[ "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: TASKS must be a positive integer, not '$tasks'" >&2; exit 2; }
array_indices=${ARRAY:-0-$((tasks - 1))}
[[ "$array_indices" =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] || { echo "submit.sh: ARRAY must list task indices such as 2,5 or 0-3, not '$array_indices'" >&2; exit 2; }
options=${SBATCH_OPTIONS:-}
if ! [[ " $options" =~ [[:space:]](--time[=[:space:]]|-t[[:space:]]*[0-9]) ]]; then
  # The CPUs a task gets: SBATCH_OPTIONS' --cpus-per-task, else the sbatch files' 2.
  cpus=$(grep -oE -- '(--cpus-per-task[= ]|-c ?)[0-9]+' <<< "$options" | grep -oE '[0-9]+$' | tail -1 || true)
  # A task's share of the runs with recorded wall times, read in the clone (its docs/recorded-runs).
  # shellcheck disable=SC2086
  time=$(cd "$here" && $verified "${plan[@]}" --plan --shard "0/$tasks" --jobs "${cpus:-2}" | grep -oE -- '--time=[0-9:-]+' || true)
  if [ -n "$time" ]; then
    echo "each task: $time (the longest shard's recorded wall times, and half as much again)" >&2
    options="$options $time"
  else
    echo "each task: no recorded runs to derive a --time from; the partition's default applies (set one in SBATCH_OPTIONS)" >&2
  fi
fi
mkdir -p "$out/logs"
# shellcheck disable=SC2086
array=$(SHARDS="$tasks" sbatch --parsable --export=ALL,SHARDS="$tasks" --array="$array_indices" \
  --output="$out/logs/%x-%A_%a.out" $options "$here/$kind.sbatch" "${work[@]}")
array=${array%%;*}
# shellcheck disable=SC2086
merged=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --output="$out/logs/%x-%j.out" \
  ${SBATCH_OPTIONS:-} --cpus-per-task=1 "$here/merge.sbatch" "${merge[@]}")
echo "array job $array (tasks $array_indices), merge job ${merged%%;*}"
