"""The fixtures of the live, delegation and meeting tests: a served app, a focal point, sessions."""

from __future__ import annotations

from tests.delegations.conftest import austria, registry  # noqa: F401 (fixtures, used by name)
from tests.live.conftest import served  # noqa: F401
from tests.meetings.conftest import bodies, create_session  # noqa: F401
