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

# Tests and the nbval kernels (which inherit this environment) keep learner progress in
# memory only: running the lessons must not write a progress file into the user's home.
import os  # noqa: E402

os.environ.setdefault("HIPBACK_PROGRESS", "")
