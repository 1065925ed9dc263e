"""How the whole suite is shared among pytest-xdist's workers (``python3 dev.py test``).

Two things decide how soon the last worker ends:

- A few modules share a world that is costly to build (``SHARED_WORLDS``):
  each of their tests finds it as built unless another test emptied the
  tables. Their tests run on one worker, which builds the world once per
  engine; each engine's half is a unit of work of its own, so that the two
  halves can run on two workers at once. The units are the largest, so they
  are handed out first.
- The slow tests (Chromium, a real server, the demo) are spread evenly over
  the first part of the run: begun all at once they would crowd the two
  cores, and one begun last would end the run alone on one worker.
"""

from __future__ import annotations

import re

import pytest
from xdist.scheduler import LoadScopeScheduling

SHARED_WORLDS = {
    "tests/accounts/test_access_matrix.py": "every route's world, built afresh only after a write",
    "tests/demo/": "the demo data, loaded by two runs of `convene demo`",
    "tests/web/test_lists_browser.py": "a Conference of 190 delegations and 1,500 registrations",
}
"""Test paths (a module, or a folder ending in "/") whose tests share a world, and what it is."""
SLOW = ("pages", "live_server", "demo")
"""Fixtures of the slow tests, slowest first: a browser, a real server, the demo's load."""
SLOW_SPREAD_OVER = 0.7
"""The share of the other tests over which the slow ones are begun, evenly."""
ENGINE = re.compile(r"\[(sqlite|postgres)\b")


def shared_world(nodeid: str) -> str | None:
    """The unit of work of a test of a shared world: its world and engine; None for any other test."""
    path = nodeid.split("::", 1)[0]
    world = next((prefix for prefix in SHARED_WORLDS if path.startswith(prefix)), None)
    if world is None:
        return None
    engine = ENGINE.search(nodeid)
    return f"{world} on {engine.group(1) if engine else 'no engine'}"


class SharedWorldScheduling(LoadScopeScheduling):
    """pytest-xdist's ``load``, except that each shared world's tests are one unit per engine.

    (xdist's own ``loadgroup`` marks the groups in node ids, which pytest 9 no
    longer lets a plugin change.)
    """

    def _split_scope(self, nodeid: str) -> str:
        return shared_world(nodeid) or nodeid


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling | None:
    """This scheduler for ``--dist load``; xdist's own for any other mode asked for."""
    return SharedWorldScheduling(config, log) if config.getvalue("dist") == "load" else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The shared worlds' tests first, then the others with the slow ones spread among them."""
    shared = [item for item in items if shared_world(item.nodeid)]
    others = [item for item in items if not shared_world(item.nodeid)]
    slow = sorted((item for item in others if _slowness(item) < len(SLOW)), key=_slowness)
    quick = [item for item in others if _slowness(item) == len(SLOW)]
    items[:] = shared + _spread(slow, quick)


def _slowness(item: pytest.Item) -> int:
    """The rank in ``SLOW`` of the slowest fixture the test uses; ``len(SLOW)`` if none."""
    fixtures = getattr(item, "fixturenames", ())
    return next((rank for rank, name in enumerate(SLOW) if name in fixtures), len(SLOW))


def _spread(slow: list[pytest.Item], quick: list[pytest.Item]) -> list[pytest.Item]:
    """``quick`` with ``slow`` put in at even intervals over its first ``SLOW_SPREAD_OVER``."""
    step = max(1, int(len(quick) * SLOW_SPREAD_OVER) // max(1, len(slow)))
    spread: list[pytest.Item] = []
    for position, item in enumerate(quick):
        if position % step == 0 and position // step < len(slow):
            spread.append(slow[position // step])
        spread.append(item)
    begun = min(len(slow), -(-len(quick) // step))
    return spread + slow[begun:]
