"""Fixtures of the hybrid sittings' tests: the IRG and the States' registry."""

from __future__ import annotations

from tests.meetings.conftest import bodies, create_session, registry  # noqa: F401 (fixtures used here)
