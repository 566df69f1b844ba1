"""Shared test settings."""

from hypothesis import HealthCheck, settings

# Property tests run a fixed, modest number of examples so that `make test` stays fast and
# deterministic across machines.
settings.register_profile(
    "hipback",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("hipback")
