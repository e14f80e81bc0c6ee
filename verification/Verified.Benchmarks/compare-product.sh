#!/usr/bin/env bash
# The long-term Jacobian product of vanilla-tanh (N=80, 100 steps) at 256 bits: Verified's fast
# BinaryFloat and its BigDecimal cross-check against ../shared/peers/mpfr_product.c, one thread
# each, back to back. Needs Debian's libmpfr-dev (apt-get install -y libmpfr-dev).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peers="${PEERS:-$here/../../../shared/peers}"
steps="${STEPS:-100}"
build="$(mktemp -d)"
cc -O2 "$peers/mpfr_product.c" -o "$build/mpfr_product" -lmpfr -lgmp -lm
dotnet build "$here" -c Release -v quiet -nologo >/dev/null
mpfr=$("$build/mpfr_product" 80 "$steps" 256 | tail -1)
verified=$(dotnet "$here/bin/Release/net10.0/Verified.Benchmarks.dll" product "$steps")
echo "$mpfr"
echo "$verified"
ns() { grep -o '[0-9.]* ns per' <<<"$1" | head -1 | cut -d' ' -f1; }
m=$(ns "$mpfr"); b=$(ns "$(grep BinaryFloat <<<"$verified")"); d=$(ns "$(grep DecimalNumber <<<"$verified")")
awk -v m="$m" -v b="$b" -v d="$d" 'BEGIN { printf "BinaryFloat/MPFR time ratio %.2f (target <= 1); BigDecimal/MPFR %.1f\n", b / m, d / m }'
