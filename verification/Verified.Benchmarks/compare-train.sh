#!/usr/bin/env bash
# One BPTT training epoch of vanilla-tanh on the delayed copy task (N=80, batch 16, T=300, d=20),
# Verified against ../shared/peers/torch_train.py, one thread each, back to back.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peers="${PEERS:-$here/../../../shared/peers}"
repeats="${REPEATS:-10}"
dotnet build "$here" -c Release -v quiet -nologo >/dev/null
verified=$(dotnet "$here/bin/Release/net10.0/Verified.Benchmarks.dll" train "$repeats")
torch=$(THREADS=1 /usr/bin/python3 "$peers/torch_train.py" 80 16 300 20 "$repeats" | tail -1)
echo "$verified"
echo "$torch"
ms() { grep -o '[0-9.]* ms/epoch' <<<"$1" | head -1 | cut -d' ' -f1; }
awk -v v="$(ms "$verified")" -v t="$(ms "$torch")" 'BEGIN { printf "double: torch %.1f ms / verified %.1f ms = %.2fx (target >= 5x)\n", t, v, t / v }'
