"""What a check may use while it runs: the profile, seeds, the documents, experiment results.

Everything random in a check draws from :meth:`Context.rng`, seeded from the
run's base seed and the check's own key, so a verdict and its numbers do not
depend on which other checks ran before it.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, Phase, settings

__all__ = ["DEFAULT_SEED", "PROFILES", "Context", "Profile", "hypothesis_settings", "register_hypothesis_profiles"]

#: Base seed of every run unless ``--seed`` says otherwise.
DEFAULT_SEED = 20141406  # arXiv:1406.2661, the GAN paper, read as a number


@dataclass(frozen=True)
class Profile:
    """How much work a run does.

    Attributes
    ----------
    name : str
        ``quick`` (what ``pytest`` runs) or ``full`` (the reference report).
    max_examples : int
        Examples per Hypothesis search (at least 200).
    random_cases : int
        Random concrete cases (pmf pairs, mixture pairs) per numeric check.
    symbolic_timeout_s : float
        Time limit for one sympy simplification.
    experiments : str
        Scale of trained-GAN experiments: ``quick`` or ``full``.
    """

    name: str
    max_examples: int
    random_cases: int
    symbolic_timeout_s: float
    experiments: str


PROFILES: dict[str, Profile] = {
    "quick": Profile("quick", max_examples=200, random_cases=12, symbolic_timeout_s=30.0, experiments="quick"),
    "full": Profile("full", max_examples=1000, random_cases=48, symbolic_timeout_s=60.0, experiments="full"),
}


def hypothesis_settings(max_examples: int, *, shrink: bool = True) -> settings:
    """Settings for a counterexample search run by ``verify``: derandomised, no database, no deadline."""
    phases = [Phase.explicit, Phase.generate] + ([Phase.shrink] if shrink else [])
    return settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        phases=phases,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


def register_hypothesis_profiles() -> None:
    """Register the pytest profiles ``ci`` (default), ``dev`` and ``thorough``.

    * ``ci``: 200 examples per test, derandomised, no example database, no
      deadline: the same search as ``verify``'s quick profile, reproducible.
    * ``dev``: 200 random examples, with the local example database.
    * ``thorough``: 2000 random examples, for a long local hunt.

    Each names its parent explicitly: a profile registered without one
    inherits whatever default is active, which differs when ``CI`` is set.
    """
    base = settings.get_profile("default")
    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("ci", base, max_examples=200, derandomize=True, database=None, print_blob=True, **common)
    settings.register_profile("dev", base, max_examples=200, **common)
    settings.register_profile("thorough", base, max_examples=2000, **common)


def _key_seed(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


@dataclass(frozen=True)
class Context:
    """Run-wide inputs of a check.

    Attributes
    ----------
    profile : Profile
    seed : int
        Base seed; :meth:`rng` derives per-check generators from it.
    sources : Path or None
        Folder with the tutorial documents, for code-audit checks.
    run_experiments : bool
        Whether empirical checks may train networks in this run.
    device : str
        Torch device for experiments (``auto``, ``cpu``, ``cuda``).
    check_key : str
        ``claim-ID/check-name`` of the running check (set by the runner).
    shrink : bool
        Whether Hypothesis shrinks a counterexample it finds. The runner turns
        it off for controls, which only need to be refuted, not minimised.

    Notes
    -----
    A context pickles (and copies) without its experiment results: what a
    worker process receives is the configuration above, and it fills its own
    cache. :meth:`for_check` and :func:`dataclasses.replace` share the cache.
    """

    profile: Profile = PROFILES["quick"]
    seed: int = DEFAULT_SEED
    sources: Path | None = None
    run_experiments: bool = True
    device: str = "auto"
    check_key: str = ""
    shrink: bool = True
    _experiment_cache: dict[str, Mapping[str, Any]] = field(default_factory=dict, compare=False, repr=False)
    _experiment_seconds: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_experiment_cache"] = {}
        state["_experiment_seconds"] = {}
        return state

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def rng(self, *keys: str) -> np.random.Generator:
        """A generator seeded by the base seed, the running check (claim ID/check name) and ``keys``.

        The stated subject, the correction and the controls of one check see
        the same random cases, so none is judged on easier inputs.
        """
        return np.random.default_rng([self.seed, _key_seed(self.check_key), *(_key_seed(k) for k in keys)])

    def for_check(self, claim_id: str, check_name: str) -> Context:
        """This context, keyed to one check (the experiment cache is shared)."""
        return replace(self, check_key=f"{claim_id}/{check_name}")

    def search_settings(self) -> settings:
        """Hypothesis settings for this profile."""
        return hypothesis_settings(self.profile.max_examples, shrink=self.shrink)

    def document(self, name: str) -> str | None:
        """The text of a tutorial document, or ``None`` when no sources folder was given."""
        if self.sources is None:
            return None
        path = self.sources / name
        if not path.is_file():
            raise FileNotFoundError(f"document {name} is not in {self.sources}")
        return path.read_text(encoding="utf-8")

    def document_sha256(self, name: str) -> str | None:
        """SHA-256 of a document's bytes, to pin which version a code audit read."""
        if self.sources is None:
            return None
        return hashlib.sha256((self.sources / name).read_bytes()).hexdigest()

    def experiment(self, name: str) -> Mapping[str, Any] | None:
        """Results of a trained-GAN experiment, run once per context; ``None`` if not run here.

        ``None`` means only that this run trains no networks (``run_experiments`` off), so the
        check that asked is ``pending``. A name that no experiment has is a defect of the check,
        not a run left for later, and raises whether or not experiments are on.

        Raises
        ------
        ValueError
            If ``name`` is neither a registered experiment nor already in this context's cache.
        """
        if name in self._experiment_cache:
            return self._experiment_cache[name]
        from verify.experiments import EXPERIMENTS

        experiment = EXPERIMENTS.get(name)
        if experiment is None:
            known = ", ".join(sorted(EXPERIMENTS)) or "none"
            raise ValueError(f"no experiment named {name!r}; the registered experiments are: {known}")
        if not self.run_experiments:
            return None
        start = time.perf_counter()
        result = experiment.run(self)
        self._experiment_seconds[name] = time.perf_counter() - start
        self._experiment_cache[name] = result
        return result

    def record_experiment(self, name: str, results: Mapping[str, Any], seconds: float) -> None:
        """Put the results of an experiment computed elsewhere (an engine task) into this context's cache.

        Raises
        ------
        ValueError
            If ``name`` is empty or ``seconds`` is negative or not finite.
        TypeError
            If ``results`` is not a mapping.
        """
        if not isinstance(name, str) or not name:
            raise ValueError(f"name must be a non-empty string, got {name!r}")
        if not isinstance(results, Mapping):
            raise TypeError(f"results must be a mapping, got {type(results).__name__}")
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds < float("inf"):
            raise ValueError(f"seconds must be a finite number ≥ 0, got {seconds!r}")
        self._experiment_cache[name] = results
        self._experiment_seconds[name] = float(seconds)

    def prefetch_experiments(
        self,
        names: Iterable[str],
        *,
        scheduler: str | None = "local",
        n_workers: int | None = None,
        progress: bool = False,
    ) -> tuple[str, ...]:
        """Run experiments up front as engine tasks and cache their results (see :mod:`verify.prefetch`).

        The experiments ``names`` need (an experiment that reads another's
        results) run too, first. Experiments already cached are not rerun;
        with ``run_experiments`` off nothing runs. An experiment that raises is
        left out of the cache, so a check that asks for it runs it here and
        reports its error as it would have without the prefetch.

        Parameters
        ----------
        names : iterable of str
            Registered experiment names (:data:`verify.experiments.EXPERIMENTS`).
        scheduler, n_workers, progress
            As for :func:`verify.engine.run_tasks`.

        Returns
        -------
        tuple of str
            The experiments whose results were cached, in the order they were submitted.

        Raises
        ------
        ValueError
            For a name that is not a registered experiment, or a bad ``scheduler``/``n_workers``.
        """
        from verify.prefetch import prefetch

        return prefetch(self, names, scheduler=scheduler, n_workers=n_workers, progress=progress)

    def experiments_run(self) -> dict[str, Mapping[str, Any]]:
        """Results of the experiments this context has run, by name."""
        return dict(self._experiment_cache)

    def experiment_seconds(self) -> dict[str, float]:
        """Wall time of each experiment this context has run."""
        return dict(self._experiment_seconds)
