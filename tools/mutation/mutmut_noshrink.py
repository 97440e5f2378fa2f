"""pytest plugin: register a Hypothesis profile like the suite's "ci" but without shrinking."""

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "mutmut",
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
