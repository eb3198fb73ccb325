"""Turn on the lgstandards fixtures for this project: the plugin is opt-in, never automatic."""

from hypothesis import HealthCheck, settings

pytest_plugins = ["lgstandards.testing.pytest_plugin"]

# Few examples keep the suite quick; generated schedules are large, so no deadline either.
settings.register_profile(
    "acme", max_examples=5, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("acme")
