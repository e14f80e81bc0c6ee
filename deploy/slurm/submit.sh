#!/usr/bin/env bash
# Submits a sharded reproduction or sweep as a Slurm job array and, after it, the merge job:
#   submit.sh reproduce FIGURE SCALE OUT TASKS          e.g. submit.sh reproduce fig3 paper /shared/fig3 32
#   submit.sh sweep OUT TASKS [sweep options ...]       e.g. submit.sh sweep /shared/copy 64 --task copy --delays 10 20 40
# Logs go to OUT/logs/ (one file per array task, appended across requeues). Prints the two job ids.
# Extra sbatch options (partition, time, account, CPUs per task) come from SBATCH_OPTIONS, e.g.
#   SBATCH_OPTIONS="--partition=cpu --time=04:00:00 --cpus-per-task=8" submit.sh reproduce fig4 paper /shared/fig4 16
# To rerun some tasks (cancelled, failed): SHARDS=TASKS sbatch --array=2,5 ... the same sbatch file and
# arguments, then the merge again; finished runs are never repeated.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kind=${1:?usage: submit.sh reproduce FIGURE SCALE OUT TASKS | submit.sh sweep OUT TASKS [options]}
shift
case "$kind" in
  reproduce) figure=${1:?FIGURE}; scale=${2:?SCALE}; out=${3:?OUT}; tasks=${4:?TASKS}; work=("$figure" "$scale" "$out"); merge=(reproduce "$figure" "$scale" "$out") ;;
  sweep) out=${1:?OUT}; tasks=${2:?TASKS}; shift 2; work=("$out" "$@"); merge=(sweep "$out") ;;
  *) echo "submit.sh: the first argument is reproduce or sweep, not '$kind'" >&2; exit 2 ;;
esac
[[ "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: TASKS must be a positive integer, not '$tasks'" >&2; exit 2; }
mkdir -p "$out/logs"
# shellcheck disable=SC2086
array=$(SHARDS="$tasks" sbatch --parsable --export=ALL,SHARDS="$tasks" --array="0-$((tasks - 1))" \
  --output="$out/logs/%x-%A_%a.out" ${SBATCH_OPTIONS:-} "$here/$kind.sbatch" "${work[@]}")
array=${array%%;*}
# shellcheck disable=SC2086
merged=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --output="$out/logs/%x-%j.out" \
  ${SBATCH_OPTIONS:-} --cpus-per-task=1 "$here/merge.sbatch" "${merge[@]}")
echo "array job $array ($tasks tasks), merge job ${merged%%;*}"
