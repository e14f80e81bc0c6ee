#!/usr/bin/env bash
# Training and flossing epochs (vanilla-tanh and lstm, double and float; the workloads of TrainingEpochBenchmark and
# FlossingEpochBenchmark) of a base revision (BASE, default main) against this tree, on the 512-bit path and on the
# 256-bit one (DOTNET_EnableAVX512=0). The base is checked out in a temporary worktree and given this tree's benchmark
# files, so that both run the same workloads.
#
# Each process reports its best epoch of REPEATS (`Verified.Benchmarks kernels`). One process's times are not the
# build's: where the JIT places the hot loops moves them by several per cent from one process to the next (two
# processes of one build differed by 5 % on 2026-12-07). So the two builds alternate, ROUNDS processes each (default
# 5), and the table gives, per workload, each side's median over its processes with the range, and the ratio of the
# medians. A change beyond noise moves the median by more than the ranges overlap. Run it on a quiet machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base="${BASE:-main}"
rounds="${ROUNDS:-5}"
repeats="${REPEATS:-8}"
work="$(mktemp -d)"
git -C "$root" worktree add --detach "$work/base" "$base" >/dev/null
trap 'git -C "$root" worktree remove --force "$work/base"; rm -rf "$work"' EXIT
files=(Program TrainingWorkload TrainingEpochBenchmark FlossingWorkload FlossingEpochBenchmark)
for file in "${files[@]}"; do cp "$here/$file.cs" "$work/base/verification/Verified.Benchmarks/"; done
# A base from before the renames of issue 29 (item 8) has the runtime's earlier names.
if [ ! -d "$work/base/runtime/Verified.Runtime/Randomness" ]; then
  for file in "${files[@]}"; do
    sed -i 's/Verified\.Randomness/Verified.Random/g; s/ParameterInitialiser/ParameterInitializer/g; s/\.Initialise(/.Initialize(/g' \
      "$work/base/verification/Verified.Benchmarks/$file.cs"
  done
fi
for tree in "$work/base" "$root"; do
  dotnet build "$tree/verification/Verified.Benchmarks" -c Release -v quiet -nologo >/dev/null
done
this="$(git -C "$root" rev-parse --short HEAD)"
if [ -n "$(git -C "$root" status --porcelain)" ]; then this="$this+changes"; fi
for isa in 512 256; do
  for round in $(seq "$rounds"); do
    for side in base this; do
      tree="$root"; [ "$side" = base ] && tree="$work/base"
      ( [ "$isa" = 256 ] && export DOTNET_EnableAVX512=0
        dotnet "$tree/verification/Verified.Benchmarks/bin/Release/net10.0/Verified.Benchmarks.dll" kernels "$repeats" ) |
        sed "s/^/$isa $side /" >> "$work/times"
    done
  done
done
echo "base $base, this $this; median (min–max) of the best epoch in ms of $rounds processes a side, $repeats epochs each; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
python3 - "$work/times" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    isa, side, task, cell, precision, ms = line.split()
    times.setdefault((isa, task, cell, precision), {}).setdefault(side, []).append(float(ms))
print("| path | epoch | cell | type | base | this | this/base |")
print("|---|---|---|---|---|---|---|")
for (isa, task, cell, precision), sides in times.items():
    b, t = sides["base"], sides["this"]
    mb, mt = statistics.median(b), statistics.median(t)
    print(f"| {isa}-bit | {task} | {cell} | {precision} | {mb:.2f} ({min(b):.2f}–{max(b):.2f}) | {mt:.2f} ({min(t):.2f}–{max(t):.2f}) | {mt / mb:.3f} |")
PY
