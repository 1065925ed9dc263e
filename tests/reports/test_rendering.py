"""The garbage collector around a layout (see convene.reports.rendering._collecting_once)."""

from __future__ import annotations

import gc
import weakref

import pytest

from convene.reports.rendering import _collecting_once


class _Box:
    """Stands for a laid-out document: it refers to itself, so only the collector frees it."""

    def __init__(self) -> None:
        self.itself = self


def test_a_layout_runs_without_collections_and_its_garbage_is_freed_after_it() -> None:
    with _collecting_once():
        assert not gc.isenabled()
        box = _Box()
        alive = weakref.ref(box)
        del box
        assert alive() is not None
    assert gc.isenabled()
    assert alive() is None


def test_a_failed_layout_turns_the_collector_back_on() -> None:
    with pytest.raises(RuntimeError), _collecting_once():
        raise RuntimeError("layout failed")
    assert gc.isenabled()
