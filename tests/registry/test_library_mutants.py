"""Wrong variants of library functions ("mutants") change the verdict of a claim that relies on them.

A claim that calls a gantheory function to compute its evidence trusts that function. Each row of
:data:`MUTANTS` replaces one library function by a hand-written wrong variant and runs, with the
quick profile, the claims that must notice it: at least one of them must get a verdict other than
its unpatched one (``error`` counts: the mutant was noticed). A row no claim notices is a claim
that would certify a broken library, so the claim needs an oracle of its own.

The mutant replaces the function *in place*: the validated wrapper (:func:`gantheory._validation.
validated`) keeps its identity and argument checks and calls the wrong body, so a claim that
imported the function by name (``from gantheory.x import f``) or captured it in a table when its
module was imported sees the mutant too. A function without the wrapper is rebound in every
gantheory and verify module that holds it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from gantheory import discriminator as disc
from gantheory.wasserstein import IPMResult
from tests.registry.run_cache import CONTEXT, result_of
from verify.registry import get
from verify.runner import run_claim
from verify.tolerance import IDENTITY, assert_close

Function = Callable[..., Any]


@dataclass(frozen=True)
class Mutant:
    """One wrong variant of a library function.

    Attributes
    ----------
    name : str
        What is wrong, in a few words (the test ID).
    target : str
        ``module:attribute`` of the function replaced.
    wrong : callable
        Builds the wrong function from the original's unchecked body (so a mutant may delegate to it).
    claims : tuple of str
        The claims of which at least one must change its verdict.
    """

    name: str
    target: str
    wrong: Callable[[Function], Function]
    claims: tuple[str, ...]


def _fill_zero(f: Function) -> Function:
    def od(p: Any, q: Any, *, outside: float = 0.5) -> Any:
        return f(p, q, outside=0.0)  # the conventional ½ where p + q = 0 replaced by 0

    return od


def _fill_one(f: Function) -> Function:
    def od(p: Any, q: Any, *, outside: float = 0.5) -> Any:
        return f(p, q, outside=1.0)

    return od


def _swap_pq(f: Function) -> Function:
    def swapped(p: Any, q: Any, *args: Any, **kwargs: Any) -> Any:
        return f(q, p, *args, **kwargs)

    return swapped


def _smoothed_fill_zero(f: Function) -> Function:
    def sd(p: Any, q: Any, *, real_target: float = 1.0, fake_target: float = 0.0) -> Any:
        d = f(p, q, real_target=real_target, fake_target=fake_target)
        return np.where(np.asarray(p, dtype=float) + np.asarray(q, dtype=float) > 0, d, 0.0)

    return sd


def _smoothed_factor_dropped(f: Function) -> Function:
    def sd(p: Any, q: Any, *, real_target: float = 1.0, fake_target: float = 0.0) -> Any:
        hard = f(p, q)  # β + D* instead of β + (α − β)·D*
        return fake_target + hard

    return sd


def _lsgan_generator_plus(f: Function) -> Function:
    def loss(fake_out: Any, c: float) -> Any:
        return 0.5 * (np.asarray(fake_out, dtype=float) + c) ** 2  # (f + c)² for (f − c)²

    return loss


def _critic_negated(f: Function) -> Function:
    def ipm(p: Any, q: Any, function_class: Any, *, absolute: bool = True) -> IPMResult:
        r = f(p, q, function_class, absolute=absolute)
        return IPMResult(r.value, None if r.critic is None else -r.critic)

    return ipm


def _doubled(f: Function) -> Function:
    def js(p: Any, q: Any, *, base: float | None = None) -> float:
        return 2.0 * float(f(p, q, base=base))  # the ½ weights dropped

    return js


def _quadrature_kl_swapped(f: Function) -> Function:
    def kl(p: Any, q: Any) -> float:
        return float(f(q, p))

    return kl


def _kl_swapped(f: Function) -> Function:
    def kl(p: Any, q: Any, *, base: float | None = None) -> float:
        return float(f(q, p, base=base))

    return kl


MUTANTS = (
    Mutant(
        "D* fill 0 where p + q = 0",
        "gantheory.discriminator:optimal_discriminator",
        _fill_zero,
        ("EQ-D-HALF.a",),
    ),
    Mutant(
        "D* fill 1 where p + q = 0",
        "gantheory.discriminator:optimal_discriminator",
        _fill_one,
        ("EQ-D-HALF.a",),
    ),
    Mutant(
        "D* with p and q swapped",
        "gantheory.discriminator:optimal_discriminator",
        _swap_pq,
        ("D-STAR",),
    ),
    Mutant(
        "smoothed D* fill 0 where p + q = 0",
        "gantheory.losses:smoothed_optimal_discriminator",
        _smoothed_fill_zero,
        ("LS-FAKE",),
    ),
    Mutant(
        "smoothed D* without its factor α − β",
        "gantheory.losses:smoothed_optimal_discriminator",
        _smoothed_factor_dropped,
        ("LS-REAL",),
    ),
    Mutant(
        "LSGAN generator loss (f + c)²",
        "gantheory.losses:lsgan_generator_loss",
        _lsgan_generator_plus,
        ("LSGAN-THM.c",),
    ),
    Mutant(
        "IPM critic with the wrong sign",
        "gantheory.wasserstein:ipm",
        _critic_negated,
        ("IPM-DEF",),
    ),
    Mutant(
        "D_JS without its ½ weights",
        "gantheory.divergences:js_divergence",
        _doubled,
        ("JS-DEF",),
    ),
    Mutant(
        "KL with p and q swapped",
        "gantheory.divergences:kl_divergence",
        _kl_swapped,
        ("FDIV-KL-ROW",),
    ),
    Mutant(
        "quadrature D_JS without its ½ weights",
        "gantheory.quadrature:js_divergence",
        _doubled,
        ("CG-JS",),
    ),
    Mutant(
        "quadrature KL with p and q swapped",
        "gantheory.quadrature:kl_divergence",
        _quadrature_kl_swapped,
        ("FDIV-KL-ROW",),
    ),
)


def install(monkeypatch: pytest.MonkeyPatch, mutant: Mutant) -> None:
    """Replace ``mutant.target`` by its wrong variant everywhere a claim can reach it (undone by ``monkeypatch``).

    Parameters
    ----------
    monkeypatch
        The test's fixture: it restores every replaced object at teardown.
    mutant
        The row to install.
    """
    module_name, attribute = mutant.target.split(":")
    original = getattr(importlib.import_module(module_name), attribute)
    body = getattr(original, "unchecked", None)
    if body is not None:
        wrong = mutant.wrong(body)
        # the wrapper calls its closure's `fn`: swapping that cell reaches every reference to the wrapper
        cells = [c for c in original.__closure__ or () if c.cell_contents is body]
        assert len(cells) == 1, f"{mutant.target}: the validated wrapper holds its body in one cell"
        monkeypatch.setattr(cells[0], "cell_contents", wrong)
        monkeypatch.setattr(original, "unchecked", wrong)
        return
    wrong = mutant.wrong(original)
    for module in list(sys.modules.values()):
        if module is None or not module.__name__.startswith(("gantheory", "verify")):
            continue
        for name, value in list(vars(module).items()):
            if value is original:
                monkeypatch.setattr(module, name, wrong)


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_a_listed_claim_notices_the_mutant(mutant: Mutant, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {claim_id: result_of(claim_id).verdict for claim_id in mutant.claims}
    install(monkeypatch, mutant)
    after = {claim_id: run_claim(get(claim_id), CONTEXT).verdict for claim_id in mutant.claims}
    changed = {c: f"{before[c].value} → {after[c].value}" for c in mutant.claims if after[c] is not before[c]}
    assert changed, f"no listed claim noticed {mutant.name!r}: verdicts {[v.value for v in after.values()]}"


#: Wrong-looking variants that no input the function accepts tells apart from the original: no claim can notice them.
#: lsgan_criterion with p and q swapped: ½Σ[(αp + βq)² − (αq + βp)²]/(p + q) = ½(α² − β²)Σ(p − q) = 0 for
#: pmfs (α = b − c, β = a − c), whatever the coding; swapping them inside lsgan_optimal_discriminator reaches
#: the criterion as the same swap.
EQUIVALENT = (Mutant("LSGAN criterion with p and q swapped", "gantheory.discriminator:lsgan_criterion", _swap_pq, ()),)

#: Codings of LSGAN's labels (a, b, c): Mao et al.'s symmetric one and asymmetric ones, where a swap could show.
_CODINGS = ((-1.0, 1.0, 0.0), (0.0, 1.0, 1.0), (0.0, 2.0, 1.0), (-0.5, 3.0, 0.25))


@pytest.mark.parametrize("mutant", EQUIVALENT, ids=[m.name for m in EQUIVALENT])
def test_an_equivalent_mutant_agrees_with_the_original_on_asymmetric_codings(mutant: Mutant) -> None:
    original = getattr(disc, mutant.target.split(":")[1])
    wrong = mutant.wrong(original)
    rng = np.random.default_rng(20261207)
    pairs = [(rng.dirichlet(np.full(n, 0.5)), rng.dirichlet(np.full(n, 0.5))) for n in (2, 5, 17)]
    swapped = [wrong(p, q, *coding) for p, q in pairs for coding in _CODINGS]
    assert_close(swapped, [original(p, q, *coding) for p, q in pairs for coding in _CODINGS], IDENTITY)
