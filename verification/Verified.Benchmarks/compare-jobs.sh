#!/usr/bin/env bash
# A sweep of 8 training runs (vanilla-tanh, N=80, T=300, copy, d = 20, 8 seeds, EPOCHS epochs each)
# with --jobs 1 and with --jobs 2 on this machine, into fresh folders; prints the wall times, the
# speed-up (target >= 1.8x on two cores) and whether the run files agree (wall times aside).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
epochs="${EPOCHS:-500}"
dotnet build "$root/verification/Verified.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/verification/Verified.Cli/bin/Release/net10.0/verified.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sweep() { dotnet "$cli" sweep --cell vanilla-tanh --n 80 --task copy --delays 20 --schedules none --seeds 8 --epochs "$epochs" --out "$work/jobs$1" --jobs "$1" >/dev/null; }
seconds() { local start end; start=$(date +%s.%N); sweep "$1"; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'; }
one=$(seconds 1)
two=$(seconds 2)
strip() { python3 -c 'import json,sys
def s(n):
    if isinstance(n, dict): return {k: s(v) for k, v in n.items() if k != "seconds"}
    if isinstance(n, list): return [s(v) for v in n]
    return n
print(json.dumps(s(json.load(open(sys.argv[1]))), sort_keys=True))' "$1"; }
same=yes
for file in "$work"/jobs1/runs/*.json; do
  [ "$(strip "$file")" = "$(strip "$work/jobs2/runs/$(basename "$file")")" ] || same=no
done
echo "8 runs of $epochs epochs on $(nproc) processors: --jobs 1 ${one} s, --jobs 2 ${two} s"
awk -v a="$one" -v b="$two" 'BEGIN { printf "speed-up %.2fx (target >= 1.8x)\n", a / b }'
echo "run files identical apart from wall times: $same"
