"""The torch losses of :mod:`gantheory.nn.losses` and the NumPy losses of :mod:`gantheory.losses` agree.

The torch versions return one mean per seed (row); the NumPy versions are per sample. Both use
softplus, but torch's ``F.softplus`` returns x itself above x = 20, a relative error below
e⁻²⁰/20 ≈ 1e-10, so the logits here stay within ±40 and the tolerance allows that error.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gantheory import losses as L
from gantheory.nn import losses as T
from verify.tolerance import Tolerance, assert_close

#: torch's softplus threshold at 20 against the exact logaddexp: |Δ| ≤ e⁻²⁰ ≈ 2e-9 absolute.
SOFTPLUS_THRESHOLD = Tolerance(rtol=1e-12, atol=3e-9, why="F.softplus(x) = x for x > 20 drops log1p(e⁻ˣ) ≤ 2.1e-9")


def _logits(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    batch = rng.uniform(-40.0, 40.0, size=(4, 33))
    batch[0, :5] = [0.0, 19.9, 20.1, -20.1, 39.0]
    return batch


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_discriminator_loss_agrees_per_seed(seed: int) -> None:
    real, fake = _logits(seed), _logits(seed + 10)
    ours = T.discriminator_loss(torch.tensor(real, dtype=torch.float64), torch.tensor(fake, dtype=torch.float64))
    numpy = [L.discriminator_loss(r, f) for r, f in zip(real, fake, strict=True)]
    assert_close(ours.numpy(), numpy, SOFTPLUS_THRESHOLD)


@pytest.mark.parametrize(
    ("torch_loss", "numpy_loss"),
    [
        (T.generator_loss_minimax, L.generator_loss_minimax),
        (T.generator_loss_nonsaturating, L.generator_loss_nonsaturating),
    ],
)
def test_generator_losses_agree_per_seed(torch_loss, numpy_loss) -> None:
    fake = _logits(5)
    ours = torch_loss(torch.tensor(fake, dtype=torch.float64)[..., None])
    assert_close(ours.numpy(), numpy_loss(fake).mean(axis=1), SOFTPLUS_THRESHOLD)


@pytest.mark.parametrize("kind", ["minimax", "non-saturating"])
def test_generator_loss_by_name_is_the_named_cost(kind: str) -> None:
    fake = _logits(7)
    ours = T.generator_loss(torch.tensor(fake, dtype=torch.float64), kind)
    assert_close(ours.numpy(), L.GENERATOR_COSTS[kind].of_logit(fake).mean(axis=1), SOFTPLUS_THRESHOLD)
