"""Time and peak memory of the Kantorovich–Rubinstein dual LP against ``ot.emd2``.

Each case runs in a fresh subprocess, so its peak resident memory (``ru_maxrss``,
the interpreter and its imports included) is its own.

    python benchmarks/bench_kantorovich.py                     # 2,000 + 2,000 points in 1-D and 2-D
    python benchmarks/bench_kantorovich.py --cases 500x2 --json kr.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

_CASE = r"""
import json, resource, sys, time
import numpy as np, ot
from gantheory.wasserstein import kantorovich_rubinstein_dual
n, d = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(0)
x, y = rng.normal(size=(n, d)), rng.normal(size=(n, d)) + 0.5
p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
start = time.perf_counter()
value = kantorovich_rubinstein_dual(x, p, y, q).value
seconds = time.perf_counter() - start
emd = float(ot.emd2(p, q, ot.dist(x, y, metric="euclidean"), numItermax=10**8))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "m": n, "dim": d, "value": value, "emd2": emd, "abs_diff": abs(value - emd),
                  "seconds": round(seconds, 2), "peak_rss_mib": round(peak, 1)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=["2000x1", "2000x2"], help="N×d: N + N points in d dimensions")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args()
    rows = []
    print(f"{'points':>12} {'dim':>4} {'seconds':>9} {'peak MiB':>9} {'|dual − emd2|':>14}")
    for case in args.cases:
        n, d = (int(v) for v in case.split("x"))
        out = subprocess.run([sys.executable, "-c", _CASE, str(n), str(d)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{n:>5} + {n:<5} {d:>4} {row['seconds']:>9.1f} {row['peak_rss_mib']:>9.0f} {row['abs_diff']:>14.2e}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=2)


if __name__ == "__main__":
    main()
