#!/usr/bin/env bash
# `verified train` against ../shared/peers/torch_train.py, one thread each, on this machine:
# vanilla-tanh, N=80, batch 16, the copy task with d = 20 over T + d = 320 steps (the peer's
# workload: 320 forward steps, the loss over the last 300), amortised over EPOCHS epochs with
# Verified's default evaluation (the test set and ∂L/∂W's SVD every 100 epochs) against the peer's
# best epoch without any evaluation. Also one bare BPTT epoch (Verified.Benchmarks train) in double and float, each
# against the peer in the same precision (f64, f32).
# Alternates the two for ROUNDS rounds and keeps each side's best. Needs Debian's python3-torch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/peers.sh"
root="$here/../.."
peers="${PEERS:-$root/../shared/peers}"
epochs="${EPOCHS:-200}"
rounds="${ROUNDS:-3}"
dotnet build "$root/verification/Verified.Cli" -c Release -v quiet -nologo >/dev/null
dotnet build "$here" -c Release -v quiet -nologo >/dev/null
cli="$root/verification/Verified.Cli/bin/Release/net10.0/verified.dll"
ms() { grep -o '[0-9.]* ms/epoch' <<<"$1" | tail -1 | cut -d' ' -f1; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
v=; bd=; bf=; td=; tf=
require_optimised_blas torch
for round in $(seq "$rounds"); do
  train=$(dotnet "$cli" train --cell vanilla-tanh --n 80 --task copy --delay 20 --steps 320 --batch 16 --epochs "$epochs" | tail -1)
  bare=$(dotnet "$here/bin/Release/net10.0/Verified.Benchmarks.dll" train 10)
  torch64=$(peer "$peers/torch_train.py" 80 16 300 20 10 | tail -1)
  torch32=$(peer "$peers/torch_train.py" 80 16 300 20 10 f32 | tail -1)
  echo "round $round"; echo "verified train: $train"; echo "$bare"; echo "$torch64"; echo "$torch32"
  v=$(min "$v" "$(ms "$train")")
  bd=$(min "$bd" "$(ms "$(grep ' double' <<<"$bare")")"); bf=$(min "$bf" "$(ms "$(grep ' float' <<<"$bare")")")
  td=$(min "$td" "$(ms "$torch64")"); tf=$(min "$tf" "$(ms "$torch32")")
done
awk -v v="$v" -v t="$td" -v e="$epochs" 'BEGIN { printf "verified train, %d epochs with evaluation (double): torch f64 %.1f ms / verified %.2f ms per epoch = %.2fx\n", e, t, v, t / v }'
awk -v v="$bd" -v t="$td" 'BEGIN { printf "bare BPTT epoch, double:  torch f64 %.1f ms / verified %.2f ms = %.2fx\n", t, v, t / v }'
awk -v v="$bf" -v t="$tf" 'BEGIN { printf "bare BPTT epoch, float:   torch f32 %.1f ms / verified %.2f ms = %.2fx (target >= 8x)\n", t, v, t / v }'
awk -v d="$bd" -v f="$bf" 'BEGIN { printf "float over double in Verified: %.2fx (target >= 1.7x)\n", d / f }'
