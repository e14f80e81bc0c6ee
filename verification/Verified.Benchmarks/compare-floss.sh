#!/usr/bin/env bash
# One flossing epoch of vanilla-tanh (N=80, k=75, T_f=300, t_ONS=1), Verified against the PyTorch
# peer of ../shared/peers, on this machine, one thread each. The two alternate for ROUNDS rounds of
# REPEATS epochs, and each side's best epoch counts, so that a noisy spell on a shared machine
# cannot fall on one side only. Prints the ratios.
# Needs Debian's python3-torch (apt-get install -y python3-torch).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/peers.sh"
peers="${PEERS:-$here/../../../shared/peers}"
repeats="${REPEATS:-5}"
rounds="${ROUNDS:-3}"
dotnet build "$here" -c Release -v quiet -nologo >/dev/null
ms() { grep -o '[0-9.]* ms/epoch' <<<"$1" | head -1 | cut -d' ' -f1; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
v64=; v32=; t64=; t32=
require_optimised_blas torch
for round in $(seq "$rounds"); do
  verified=$(dotnet "$here/bin/Release/net10.0/Verified.Benchmarks.dll" quick "$repeats")
  torch64=$(peer "$peers/torch_floss.py" 80 75 300 "$repeats" 1 | tail -1)
  torch32=$(peer "$peers/torch_floss.py" 80 75 300 "$repeats" 1 f32 | tail -1)
  echo "round $round"; echo "$verified"; echo "$torch64"; echo "$torch32"
  v64=$(min "$v64" "$(ms "$(grep double <<<"$verified")")"); v32=$(min "$v32" "$(ms "$(grep float <<<"$verified")")")
  t64=$(min "$t64" "$(ms "$torch64")"); t32=$(min "$t32" "$(ms "$torch32")")
done
awk -v v="$v64" -v t="$t64" 'BEGIN { printf "double: torch %.1f ms / verified %.1f ms = %.2fx (target >= 5x)\n", t, v, t / v }'
awk -v v="$v32" -v t="$t32" 'BEGIN { printf "float:  torch %.1f ms / verified %.1f ms = %.2fx (target >= 6x)\n", t, v, t / v }'
