"""An opt-in pytest plugin: fixtures that check data and a running API against the standards.

Enable it with `-p lgstandards.testing.pytest_plugin` or `pytest_plugins = [...]` in a
conftest.py; it is no entry point, so installing lgstandards never changes a pytest run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from lgstandards.report import Report
from lgstandards.testing import assert_conforms, failure_message

__all__ = ["ApiConformance", "api_conformance", "lgstandards_conforms"]


@pytest.fixture
def lgstandards_conforms() -> Callable[..., None]:
    """Return `assert_conforms`: call it with data and a standard such as `id@2`."""
    return assert_conforms


class ApiConformance:
    """Runs the conformance suite of an API standard against a base URL a test gives."""

    def __call__(
        self,
        standard: str,
        base_url: str,
        *,
        probes: Mapping[str, str] | None = None,
        **options: Any,
    ) -> Report:
        """Check the API at `base_url` against `standard` and return the report (GET only)."""
        from lgstandards.apicheck import ApiCheckOptions, check_api

        return check_api(ApiCheckOptions(standard, base_url, probes=dict(probes or {}),
                                         **options))

    @staticmethod
    def assert_conforms(report: Report, *, strict: bool = False) -> None:
        """Raise AssertionError listing the failing checks if a report has errors (or warnings)."""
        message = failure_message(report.findings, report.standard or "its standard",
                                  subject="the API", strict=strict)
        if message is not None:
            raise AssertionError(message)


@pytest.fixture
def api_conformance() -> ApiConformance:
    """Return a callable that checks an API under test: `api_conformance(standard, base_url)`."""
    return ApiConformance()
