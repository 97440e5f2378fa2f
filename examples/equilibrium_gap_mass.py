"""Where the bimodal study's generators differ from the data: the mass between the modes, read from the artefact.

Reads ``reports/artifacts/equilibrium/EQ-bimodal.npz`` (each reporting seed's 4,000 final samples) and the
committed report's per-seed test results, and prints, for the seeds the combined two-sample test rejected and
for those it did not, the median share of samples in the gap :math:`|x| < 0.75` (the data's share is exact, from
the mixture's CDF), the weight of the right-hand mode and each mode's spread. Run from the repository root::

    python examples/equilibrium_gap_mass.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy.special import ndtr

from verify.experiments.equilibrium import load_artifact

GAP = 0.75
REPORT = Path("reports")


def data_gap_mass(weights: np.ndarray, means: np.ndarray, sigmas: np.ndarray, half_width: float) -> float:
    r"""Exact mass of :math:`|x| < h` under a 1-D Gaussian mixture.

    .. math::
        \sum_m w_m \big[\Phi((h - \mu_m)/\sigma_m) - \Phi((-h - \mu_m)/\sigma_m)\big]
    """
    mu = means[:, 0]
    return float(np.sum(weights * (ndtr((half_width - mu) / sigmas) - ndtr((-half_width - mu) / sigmas))))


def main() -> None:
    art = load_artifact(REPORT / "artifacts" / "equilibrium" / "EQ-bimodal.npz")
    samples = art["generated"][..., 0].astype(np.float64)
    final = json.loads((REPORT / "report.json").read_text(encoding="utf-8"))["experiments"]["EQ-bimodal"]
    rejected = np.asarray(final["results"]["per_seed_final"]["rejected"], dtype=bool)
    rows = {
        f"gap |x| < {GAP}": np.mean(np.abs(samples) < GAP, axis=1),
        "weight of x > 0": np.mean(samples > 0, axis=1),
        "sd of x > 0": np.array([s[s > 0].std() for s in samples]),
        "sd of x < 0": np.array([s[s < 0].std() for s in samples]),
    }
    data = {
        f"gap |x| < {GAP}": data_gap_mass(art["weights"], art["means"], art["sigmas"], GAP),
        "weight of x > 0": 0.5,
    }
    print(
        f"{'measure':18s} {'data':>8s} {'rejected':>10s} {'not rejected':>13s}"
        f"   ({rejected.sum()} and {(~rejected).sum()} seeds)"
    )
    for name, values in rows.items():
        exact = f"{data[name]:.4f}" if name in data else "—"
        print(f"{name:18s} {exact:>8s} {np.median(values[rejected]):10.4f} {np.median(values[~rejected]):13.4f}")


if __name__ == "__main__":
    main()
