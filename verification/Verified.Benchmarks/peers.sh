# Sourced by the compare scripts: how the peers of ../shared/peers run, and the check that they are fair.
# Debian's torch and numpy call the system's libblas.so.3 / liblapack.so.3, which is netlib's reference
# implementation unless an optimised one is installed; a ratio against it flatters Verified several
# times over, so none is reported.

# The peers' environment: one BLAS thread unless THREADS says otherwise, and without the two variables
# set on some machines here for old OpenBLAS builds, which slow a current one.
peer() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="${PEER_THREADS:-1}" OMP_NUM_THREADS="${PEER_THREADS:-1}" THREADS="${PEER_THREADS:-1}" /usr/bin/python3 "$@"; }

# require_optimised_blas torch|numpy: prints the BLAS and LAPACK libraries the peer has loaded after a
# product and a QR, and exits 1 unless they are OpenBLAS, MKL or BLIS.
require_optimised_blas() {
  local libs
  libs=$(peer - "$1" <<'PY'
import os, sys
if sys.argv[1] == "torch":
    import torch
    a = torch.randn(64, 64, dtype=torch.float64)
    torch.linalg.qr(a @ a)
else:
    import numpy as np
    a = np.random.default_rng(0).standard_normal((64, 64))
    np.linalg.qr(a @ a)
paths = set()
for line in open("/proc/self/maps"):
    fields = line.split()
    if len(fields) >= 6 and ("blas" in fields[-1] or "lapack" in fields[-1]):
        paths.add(os.path.realpath(fields[-1]))
print(" ".join(sorted(paths)) or "none")
PY
) || { echo "error: the $1 peer does not run: apt-get install -y python3-torch (../shared/peers/README.md)" >&2; exit 1; }
  echo "$1 BLAS/LAPACK: $libs"
  if ! grep -Eq 'openblas|mkl|blis' <<<"$libs"; then
    echo "error: $1 runs on the reference BLAS ($libs), no fair peer: install libopenblas0-pthread (../shared/peers/README.md); no ratio reported" >&2
    exit 1
  fi
}
