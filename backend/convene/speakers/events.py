"""What happens to a list of speakers, for whoever listens: the audit log and the live viewers."""

from __future__ import annotations

from dataclasses import dataclass

from convene.events.changes import Change


@dataclass(frozen=True, kw_only=True)
class SpeakersChanged(Change):
    """A list of speakers changed and is now at ``version``; ``news`` is the live message of
    that version (JSON), already kept for viewers that reconnect.

    ``action`` says what happened: ``speakers.opened``, ``speakers.inscribed``,
    ``speakers.called``, ``speakers.timer_started``, ``speakers.moved``, ``speakers.withdrawn``, ...
    """

    object_type = "speaker_list"
    version: int
    news: bytes


@dataclass(frozen=True, kw_only=True)
class SpeakingSetupChanged(Change):
    """A body's or an item's speaking times changed, or an online speaker's sound was checked."""

    object_type = "speaking_setup"
