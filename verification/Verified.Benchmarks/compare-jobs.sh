#!/usr/bin/env bash
# A sweep of 8 training runs (vanilla-tanh, N=80, T=300, copy, d = 20, 8 seeds, EPOCHS epochs each)
# with --jobs 1 and with --jobs 2 on this machine, into fresh folders, for ROUNDS rounds that
# alternate which side goes first, so that a slow spell of a shared machine does not land on one
# side only. Prints every round's wall times, the speed-up of the best walls and of the median
# walls (target >= 1.8x on two cores), the parallel efficiency of --jobs 2 (the runs' own wall
# times summed, over 2 x the sweep's wall) and whether the run files agree (wall times aside).
# /work/quiet.sh pauses only the background reproduction: every round also prints the CPU seconds
# that other processes (builds, tests) took from the two processors while each side ran, as a
# --jobs 2 sweep needs both processors and loses whatever they take, while --jobs 1 leaves one free.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
epochs="${EPOCHS:-500}"
rounds="${ROUNDS:-3}"
dotnet build "$root/verification/Verified.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/verification/Verified.Cli/bin/Release/net10.0/verified.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sweep() { dotnet "$cli" sweep --cell vanilla-tanh --n 80 --task copy --delays 20 --schedules none --seeds 8 --epochs "$epochs" --out "$1" --jobs "$2" >/dev/null; }
# Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq of /proc/stat).
busy() { awk -v tick="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8) / tick }' /proc/stat; }
# The sweep's wall time, and the CPU seconds other processes took meanwhile (the machine's busy time less the sweep's own).
timed() {
  local before after
  rm -rf "$1"; before=$(busy)
  /usr/bin/time -f '%e %U %S' -o "$work/time" bash -c "$(declare -f sweep); epochs=$epochs cli=$cli sweep '$1' '$2'"
  after=$(busy)
  read -r wall user system < "$work/time"
  awk -v w="$wall" -v u="$user" -v s="$system" -v a="$before" -v b="$after" 'BEGIN { o = b - a - u - s; printf "%.3f %.1f", w, (o > 0 ? o : 0) }'
}
runs_seconds() { python3 -c 'import json,glob,sys; print(sum(json.load(open(f))["result"]["seconds"] for f in glob.glob(sys.argv[1] + "/runs/*.json")))' "$1"; }
strip() { python3 -c 'import json,sys
def s(n):
    if isinstance(n, dict): return {k: s(v) for k, v in n.items() if k != "seconds"}
    if isinstance(n, list): return [s(v) for v in n]
    return n
print(json.dumps(s(json.load(open(sys.argv[1]))), sort_keys=True))' "$1"; }
ones=(); twos=(); efficiencies=(); same=yes
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then read -r one others1 <<< "$(timed "$work/jobs1" 1)"; read -r two others2 <<< "$(timed "$work/jobs2" 2)"
  else read -r two others2 <<< "$(timed "$work/jobs2" 2)"; read -r one others1 <<< "$(timed "$work/jobs1" 1)"; fi
  efficiency=$(awk -v s="$(runs_seconds "$work/jobs2")" -v w="$two" 'BEGIN { printf "%.3f", s / (2 * w) }')
  for file in "$work"/jobs1/runs/*.json; do
    [ "$(strip "$file")" = "$(strip "$work/jobs2/runs/$(basename "$file")")" ] || same=no
  done
  ones+=("$one"); twos+=("$two"); efficiencies+=("$efficiency")
  awk -v r="$round" -v a="$one" -v b="$two" -v e="$efficiency" -v o1="$others1" -v o2="$others2" 'BEGIN { printf "round %d: --jobs 1 %.2f s, --jobs 2 %.2f s, speed-up %.2fx, parallel efficiency %.2f; other processes took %.1f / %.1f CPU-s\n", r, a, b, a / b, e, o1, o2 }'
done
printf '%s\n' "${ones[@]}" > "$work/ones"; printf '%s\n' "${twos[@]}" > "$work/twos"
summary() { sort -g "$1" | awk '{ v[NR] = $1 } END { printf "%s %s", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
read -r best1 median1 <<< "$(summary "$work/ones")"
read -r best2 median2 <<< "$(summary "$work/twos")"
echo "8 runs of $epochs epochs on $(nproc) processors ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $rounds rounds:"
awk -v a="$best1" -v b="$best2" 'BEGIN { printf "speed-up of the best walls   %.2fx (%.2f s against %.2f s; target >= 1.8x)\n", a / b, a, b }'
awk -v a="$median1" -v b="$median2" 'BEGIN { printf "speed-up of the median walls %.2fx (%.2f s against %.2f s)\n", a / b, a, b }'
echo "run files identical apart from wall times: $same"
