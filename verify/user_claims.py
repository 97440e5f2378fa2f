"""Your own claims: load ``CLAIMS`` from a Python file or module and run them like the registry's.

``python -m verify run --claims-from my_claims.py`` imports the file (or, for
a name that is not a file, the importable module ``my_course.claims``), reads
its ``CLAIMS`` — a sequence of :class:`verify.model.Claim`, built with the same
:class:`~verify.model.Check`, :class:`~verify.model.Variant`,
:class:`~verify.model.Correction` and building blocks (:mod:`verify.checks`,
:mod:`verify.derivation`) as the built-in claims — and runs them with the same
runner, verdict rule and report.

By default the loaded claims run *instead of* the built-in registry; with
``--with-builtin`` they run *beside* it (their IDs must then differ from the
built-in ones). ``--claims`` selects among whichever claims are in play.
``examples/instructor_claims.py`` is a worked example.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from verify.model import Claim

__all__ = ["add_arguments", "claim_pool", "load_claims", "pool_of"]


def _import_file(path: Path) -> ModuleType:
    resolved = path.resolve()
    # A name of its own per file, so that two files called claims.py do not collide.
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
    name = f"gantheory_user_claims.{resolved.stem}_{digest}"
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        raise ValueError(f"--claims-from {str(path)!r}: not an importable Python file")
    module = importlib.util.module_from_spec(spec)
    # dataclasses and pickling look the module up by name while it executes
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def load_claims(source: str | Path) -> tuple[Claim, ...]:
    """The claims that a Python file or module defines as ``CLAIMS``.

    Parameters
    ----------
    source : str or Path
        A path to a ``.py`` file, or the dotted name of an importable module.

    Returns
    -------
    tuple of Claim
        In the order the module lists them.

    Raises
    ------
    ValueError
        If the file or module cannot be found or imported, has no ``CLAIMS``, or
        ``CLAIMS`` is not a non-empty sequence of distinct :class:`Claim` objects.
        An exception raised while the module executes is re-raised as a
        ``ValueError`` naming the file, with the original as its cause.
    """
    text = str(source)
    path = Path(text).expanduser()
    try:
        if path.suffix == ".py" or path.exists():
            if not path.is_file():
                raise ValueError(f"--claims-from {text!r}: no such file")
            module = _import_file(path)
        else:
            module = importlib.import_module(text)
    except ValueError:
        raise
    except ModuleNotFoundError as exc:
        raise ValueError(f"--claims-from {text!r}: neither a file nor an importable module ({exc})") from exc
    except Exception as exc:
        raise ValueError(f"--claims-from {text!r}: importing it raised {type(exc).__name__}: {exc}") from exc
    claims = getattr(module, "CLAIMS", None)
    if claims is None:
        raise ValueError(f"--claims-from {text!r} defines no CLAIMS (a tuple of verify.model.Claim)")
    if isinstance(claims, str | bytes) or not isinstance(claims, Sequence) or not claims:
        raise ValueError(f"--claims-from {text!r}: CLAIMS must be a non-empty tuple or list of Claim")
    wrong = [i for i, c in enumerate(claims) if not isinstance(c, Claim)]
    if wrong:
        raise ValueError(
            f"--claims-from {text!r}: CLAIMS[{wrong[0]}] is a {type(claims[wrong[0]]).__name__}, "
            "not a verify.model.Claim"
        )
    _check_unique(claims, f"--claims-from {text!r}")
    return tuple(claims)


def _check_unique(claims: Sequence[Claim], where: str) -> None:
    seen: set[str] = set()
    for claim in claims:
        if claim.id.upper() in seen:
            raise ValueError(f"{where}: claim ID {claim.id} appears twice")
        seen.add(claim.id.upper())


def claim_pool(sources: Sequence[str | Path] | None, *, with_builtin: bool = False) -> tuple[Claim, ...]:
    """The claims a run draws from, sorted by ID.

    Parameters
    ----------
    sources : sequence of str or Path, optional
        Files or modules for :func:`load_claims`; ``None`` or empty: the built-in registry.
    with_builtin : bool
        Add the built-in registry to the loaded claims.

    Raises
    ------
    ValueError
        If loading fails, or an ID occurs twice across the pool.
    """
    from verify.registry import all_claims

    if not sources:
        return all_claims()
    pool: list[Claim] = list(all_claims()) if with_builtin else []
    for source in sources:
        pool.extend(load_claims(source))
    _check_unique(pool, "--claims-from" + (" with the built-in registry" if with_builtin else ""))
    return tuple(sorted(pool, key=lambda c: c.id))


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The ``--claims-from`` and ``--with-builtin`` options of ``run``, ``list`` and ``show``."""
    p.add_argument(
        "--claims-from",
        action="append",
        metavar="PATH",
        help="a Python file or module defining CLAIMS: use its claims instead of the built-in ones (repeatable)",
    )
    p.add_argument("--with-builtin", action="store_true", help="with --claims-from: the built-in claims too")


def pool_of(args: argparse.Namespace) -> tuple[Claim, ...]:
    """The claim pool that parsed ``--claims-from``/``--with-builtin`` options name; errors exit with a message."""
    try:
        return claim_pool(args.claims_from, with_builtin=args.with_builtin)
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None
