"""The objects the access matrix (tests/accounts/test_access_matrix.py) points at for the list of
speakers: at the presence world's sitting, a list on an item, A's delegation with the floor and
again waiting (with a written statement not yet delivered)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from convene.agenda.tables import AgendaItem
from convene.db import current_engine
from convene.speakers.tables import SpeakerEntry, SpeakerList, SpeakerListNews

SPEAKERS_BODY = "PRESENCE-MATRIX"


async def build_speakers(world: Any, _client: Any) -> None:
    ids = world.ids
    now = datetime.now(UTC)
    async with current_engine().transaction():
        item = AgendaItem(session=ids["presence_session"], position=1, title="General discussion")
        await item.save()
        speakers = SpeakerList(
            session=ids["presence_session"],
            sitting=ids["presence_sitting"],
            agenda_item=item.id,
            version=1,
        )
        await speakers.save()
        await SpeakerListNews(speaker_list=speakers.id, version=1, message="{}").save()
        common = {
            "speaker_list": speakers.id,
            "delegation": ids["presence_delegation"],
            "limit_seconds": 300,
            "inscribed_at": now,
        }
        speaking = SpeakerEntry(
            **common, kind="statement", status="speaking", position=0,
            registration=ids["presence_badge_holder"], speaker=ids["presence_badge_holder"],
            mode="room", called_at=now,
        )
        await speaking.save()
        waiting = SpeakerEntry(
            **common, kind="right_of_reply", reply_number=1, status="waiting", position=1,
            statement_text="Mr. Chair, in exercise of the right of reply ...",
        )
        await waiting.save()
    ids.update(speakers_item=item.id, speakers_list=speakers.id, speakers_waiting=waiting.id)
