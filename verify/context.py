"""What a check may use while it runs: the run's configuration, seeds, the documents, experiment results.

A :class:`Context` is a frozen :class:`RunConfig` (profile, seed, documents,
device) and an explicit :class:`ExperimentStore`, the one mutable part of a
run, which the layer that starts the run builds over the experiment registry
(:func:`verify.experiments.store`); this module imports no experiment.

Everything random in a check draws from :meth:`Context.rng`, seeded from the
run's base seed and the check's own key, so a verdict and its numbers do not
depend on which other checks ran before it.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from hypothesis import HealthCheck, Phase, settings

__all__ = [
    "DEFAULT_SEED",
    "PROFILES",
    "Context",
    "ExperimentStore",
    "Profile",
    "RunConfig",
    "hypothesis_settings",
    "register_hypothesis_profiles",
]

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
class RunConfig:
    """What a run is asked to do: frozen, and the same in every worker process.

    Attributes
    ----------
    profile : Profile
    seed : int
        Base seed; :meth:`Context.rng` derives per-check generators from it.
    sources : Path or None
        Folder with the tutorial documents, for code-audit checks.
    run_experiments : bool
        Whether empirical checks may train networks in this run.
    device : str
        Torch device for experiments (``auto``, ``cpu``, ``cuda``).
    """

    profile: Profile = PROFILES["quick"]
    seed: int = DEFAULT_SEED
    sources: Path | None = None
    run_experiments: bool = True
    device: str = "auto"


class Runnable(Protocol):
    """An experiment as the store sees it (:class:`verify.experiments.Experiment`)."""

    @property
    def run(self) -> Callable[[Context], Mapping[str, Any]]: ...


class ExperimentStore:
    """The experiments a run may train, and the results of those it has trained, each at most once.

    The store is the only mutable part of a run. Every :class:`Context` of a
    run holds the same store (``for_check`` and :func:`dataclasses.replace`
    pass it on), so several claims read one set of trained networks.

    Parameters
    ----------
    registry : mapping of str to experiment, optional
        The experiments that exist (:data:`verify.experiments.EXPERIMENTS`;
        :func:`verify.experiments.store` builds a store over it). A store
        without a registry knows no experiment: asking it for one raises.

    Notes
    -----
    A store pickles with its registry but without results: what a worker
    process receives is the run's configuration, and it trains its own.
    """

    def __init__(self, registry: Mapping[str, Runnable] | None = None) -> None:
        self.registry: dict[str, Runnable] = dict(registry or {})
        self._results: dict[str, Mapping[str, Any]] = {}
        self._seconds: dict[str, float] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"registry": self.registry}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self.__init__(state["registry"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"ExperimentStore({len(self.registry)} experiments, {len(self._results)} run)"

    def fresh(self) -> ExperimentStore:
        """A store over the same registry, with no results."""
        return ExperimentStore(self.registry)

    def get(self, name: str, ctx: Context) -> Mapping[str, Any] | None:
        """The results of experiment ``name``, trained on ``ctx`` the first time; ``None`` if not run here.

        Raises
        ------
        ValueError
            If ``name`` is neither in the registry nor already recorded.
        """
        if name in self._results:
            return self._results[name]
        experiment = self.registry.get(name)
        if experiment is None:
            known = ", ".join(sorted(self.registry)) or "none (this store was built without a registry)"
            raise ValueError(f"no experiment named {name!r}; the registered experiments are: {known}")
        if not ctx.run_experiments:
            return None
        start = time.perf_counter()
        result = experiment.run(ctx)
        self._seconds[name] = time.perf_counter() - start
        self._results[name] = result
        return result

    def record(self, name: str, results: Mapping[str, Any], seconds: float) -> None:
        """Put the results of an experiment computed elsewhere (an engine task) into the store.

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
        self._results[name] = results
        self._seconds[name] = float(seconds)

    def results(self) -> dict[str, Mapping[str, Any]]:
        """Results of the experiments this store holds, by name."""
        return dict(self._results)

    def seconds(self) -> dict[str, float]:
        """Wall time of each experiment this store holds."""
        return dict(self._seconds)


_UNSET: Any = object()


@dataclass(frozen=True, init=False)
class Context:
    """What a check receives: the run's frozen :class:`RunConfig`, its :class:`ExperimentStore`, and its key.

    ``Context(profile=..., seed=...)`` builds the configuration from keywords;
    ``Context(config, experiments)`` takes both parts.

    Attributes
    ----------
    config : RunConfig
    experiments : ExperimentStore
        Shared by every context of a run (explicitly: it is passed on, not copied).
    check_key : str
        ``claim-ID/check-name`` of the running check (set by the runner).
    shrink : bool
        Whether Hypothesis shrinks a counterexample it finds. The runner turns
        it off for controls, which only need to be refuted, not minimised.
    """

    config: RunConfig
    experiments: ExperimentStore = field(compare=False, repr=False)
    check_key: str = ""
    shrink: bool = True

    def __init__(
        self,
        config: RunConfig | None = None,
        experiments: ExperimentStore | None = None,
        check_key: str = "",
        shrink: bool = True,
        *,
        profile: Profile = _UNSET,
        seed: int = _UNSET,
        sources: Path | None = _UNSET,
        run_experiments: bool = _UNSET,
        device: str = _UNSET,
    ) -> None:
        given: dict[str, Any] = {
            k: v
            for k, v in (
                ("profile", profile),
                ("seed", seed),
                ("sources", sources),
                ("run_experiments", run_experiments),
                ("device", device),
            )
            if v is not _UNSET
        }
        config = replace(config or RunConfig(), **given)
        object.__setattr__(self, "config", config)
        object.__setattr__(self, "experiments", ExperimentStore() if experiments is None else experiments)
        object.__setattr__(self, "check_key", check_key)
        object.__setattr__(self, "shrink", shrink)

    @property
    def profile(self) -> Profile:
        return self.config.profile

    @property
    def seed(self) -> int:
        return self.config.seed

    @property
    def sources(self) -> Path | None:
        return self.config.sources

    @property
    def run_experiments(self) -> bool:
        return self.config.run_experiments

    @property
    def device(self) -> str:
        return self.config.device

    def rng(self, *keys: str) -> np.random.Generator:
        """A generator seeded by the base seed, the running check (claim ID/check name) and ``keys``.

        The stated subject, the correction and the controls of one check see
        the same random cases, so none is judged on easier inputs.
        """
        return np.random.default_rng([self.seed, _key_seed(self.check_key), *(_key_seed(k) for k in keys)])

    def for_check(self, claim_id: str, check_name: str) -> Context:
        """This context, keyed to one check (the experiment store is the same)."""
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
        """Results of a trained-GAN experiment, run once per store; ``None`` if not run here.

        ``None`` means only that this run trains no networks (``run_experiments`` off), so the
        check that asked is ``pending``. A name that no experiment has is a defect of the check,
        not a run left for later, and raises whether or not experiments are on.

        Raises
        ------
        ValueError
            If ``name`` is neither a registered experiment nor already in the store.
        """
        return self.experiments.get(name, self)

    def record_experiment(self, name: str, results: Mapping[str, Any], seconds: float) -> None:
        """Record results computed elsewhere in the store (:meth:`ExperimentStore.record`)."""
        self.experiments.record(name, results, seconds)

    def experiments_run(self) -> dict[str, Mapping[str, Any]]:
        """Results of the experiments in this run's store, by name."""
        return self.experiments.results()

    def experiment_seconds(self) -> dict[str, float]:
        """Wall time of each experiment in this run's store."""
        return self.experiments.seconds()
