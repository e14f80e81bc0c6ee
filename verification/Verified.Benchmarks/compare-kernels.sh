#!/usr/bin/env bash
# Training and flossing epochs (TrainingEpochBenchmark, FlossingEpochBenchmark: vanilla-tanh and lstm,
# double and float) of a base revision (BASE, default main) against this tree, with BenchmarkDotNet,
# on the 512-bit path and on the 256-bit one (DOTNET_EnableAVX512=0). The base is checked out in a
# temporary worktree and given this tree's benchmark files, so that both run the same workloads.
# The two trees alternate within each path, so that a noisy spell cannot fall on one side only.
# JOB=short for a smoke run; BDN_ARGS for more BenchmarkDotNet arguments (--inProcess where building
# its boilerplate project exceeds its two-minute limit on a loaded machine). Run the real comparison
# on a quiet machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base="${BASE:-main}"
job="${JOB:-default}"
read -r -a extra <<< "${BDN_ARGS:-}"
work="$(mktemp -d)"
git -C "$root" worktree add --detach "$work/base" "$base" >/dev/null
trap 'git -C "$root" worktree remove --force "$work/base"; rm -rf "$work"' EXIT
cp "$here"/{Program,TrainingWorkload,TrainingEpochBenchmark,FlossingWorkload,FlossingEpochBenchmark}.cs "$work/base/verification/Verified.Benchmarks/"
for tree in "$work/base" "$root"; do
  dotnet build "$tree/verification/Verified.Benchmarks" -c Release -v quiet -nologo >/dev/null
done
for isa in 512 256; do
  for side in base this; do
    tree="$root"; [ "$side" = base ] && tree="$work/base"
    echo "== $isa-bit path, $side ($( [ "$side" = base ] && echo "$base" || git -C "$root" rev-parse --short HEAD))"
    ( [ "$isa" = 256 ] && export DOTNET_EnableAVX512=0
      # BenchmarkDotNet finds the project from the folder it runs in.
      cd "$tree/verification/Verified.Benchmarks" && dotnet bin/Release/net10.0/Verified.Benchmarks.dll \
        --filter '*TrainingEpochBenchmark*' '*FlossingEpochBenchmark*' --job "$job" "${extra[@]}" --artifacts "$work/$isa-$side" >/dev/null )
    cat "$work/$isa-$side"/results/*-report-github.md | grep '^|'
  done
done
