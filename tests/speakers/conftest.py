"""Fixtures of the list of speakers' tests: the IRG, the registry, a server that streams."""

from __future__ import annotations

from tests.live.conftest import served  # noqa: F401 (fixtures used here)
from tests.meetings.conftest import bodies, create_session, registry  # noqa: F401
from tests.web.conftest import browser_for, officer  # noqa: F401
