# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. SpeakerEntry.speaker_list.agenda_item, as "Column | Any".)
"""The record of who spoke: per agenda item, in which mode, when and for how long; as rows for
the session page and the spreadsheets, and as the paragraph a session report uses."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from babel.lists import format_list

from convene.entities.categories import Category
from convene.meetings.timezones import as_utc
from convene.proposals.lines import names_joined as english_names_joined
from convene.speakers.schemas import SpokenRow
from convene.speakers.state import entry_rows, entry_view
from convene.speakers.tables import SpeakerEntry, SpeakerList
from convene.speakers.vocabulary import KIND_LABELS, OBSERVERS, EntryKind, EntryStatus
from convene.spreadsheets import Table
from convene.translation import ENGLISH, current_locale
from convene.translation import gettext as _

STATEMENTS = {EntryKind.STATEMENT.value, EntryKind.GROUP_STATEMENT.value}


async def spoken(session_id: int) -> list[SpokenRow]:
    """Every intervention delivered at the session, item by item, in the order made."""
    rows = await entry_rows(
        SpeakerEntry.speaker_list.is_in(
            SpeakerList.select(SpeakerList.id).where(SpeakerList.session == session_id)
        )
        & (SpeakerEntry.status == EntryStatus.SPOKEN.value)
    )
    lists = {
        row["id"]: row
        for row in await SpeakerList.select(
            SpeakerList.id,
            SpeakerList.sitting.title.as_alias("sitting"),
            SpeakerList.agenda_item.title.as_alias("item"),
            SpeakerList.agenda_item.position.as_alias("position"),
        ).where(SpeakerList.session == session_id)
    }
    rows.sort(key=lambda r: (lists[r["speaker_list"]]["position"], r["called_at"] or r["ended_at"]))
    return [_spoken_row(row, lists[row["speaker_list"]]) for row in rows]


def _spoken_row(row: dict[str, Any], at: dict[str, Any]) -> SpokenRow:
    view = entry_view(row)
    return SpokenRow(
        agenda_item=f"{at['position']}. {at['item']}",
        sitting=at["sitting"],
        entity=view.entity,
        category=view.category,
        kind=view.kind,
        on_behalf_of=view.on_behalf_of,
        speaker=view.speaker,
        mode=view.mode,
        started_at=as_utc(row["called_at"]) if row["called_at"] else None,
        seconds=view.elapsed_seconds,
        statement_public=view.has_statement,
        entry_id=view.id,
    )


def spoken_table(rows: list[SpokenRow]) -> Table:
    header = [
        _("Agenda item"), _("Sitting"), _("Delegation"), _("Intervention"), _("On behalf of"),
        _("Speaker"), _("Mode"), _("Called at (UTC)"), _("Seconds"),
    ]
    return [header] + [
        [
            row.agenda_item,
            row.sitting,
            row.entity,
            _(KIND_LABELS[EntryKind(row.kind)]),
            row.on_behalf_of,
            row.speaker,
            _("in the room") if row.mode == "room" else _("online"),
            row.started_at.strftime("%Y-%m-%d %H:%M:%S") if row.started_at else "",
            str(row.seconds),
        ]
        for row in rows
    ]


def paragraphs(rows: list[SpokenRow]) -> dict[str, str]:
    """Per agenda item, the report's sentence on who made statements and replies.

    "Statements were made by the representatives of Austria, Egypt (on behalf of the Group of
    African States) and Brazil, in the order in which they spoke; the observer for UNODC also
    made a statement."
    """
    by_item: dict[str, list[SpokenRow]] = defaultdict(list)
    for row in rows:
        by_item[row.agenda_item].append(row)
    return {item: _paragraph(items) for item, items in by_item.items()}


def names_joined(names: list[str]) -> str:
    """The names as the report's language lists them: "A, B and C" in English (UN style, no
    comma before "and"), "A、B和C" in Chinese, "A, B et C" in French (CLDR's list patterns)."""
    if current_locale() == ENGLISH:
        return english_names_joined(names)
    return format_list(names, locale=current_locale())


def _named(row: SpokenRow) -> str:
    if row.on_behalf_of:
        return _("%(entity)s (on behalf of %(group)s)", entity=row.entity, group=row.on_behalf_of)
    return row.entity


def _unique(rows: list[SpokenRow]) -> list[str]:
    names: list[str] = []
    for row in rows:
        if _named(row) not in names:
            names.append(_named(row))
    return names


def _paragraph(rows: list[SpokenRow]) -> str:
    statements = [r for r in rows if r.kind in STATEMENTS]
    members = _unique([r for r in statements if Category(r.category) not in OBSERVERS])
    observers = _unique([r for r in statements if Category(r.category) in OBSERVERS])
    replies = _unique([r for r in rows if r.kind == EntryKind.RIGHT_OF_REPLY.value])
    sentences = []
    if members:
        sentence = _(
            "Statements were made by the representatives of %(names)s, in the order in which "
            "they spoke",
            names=names_joined(members),
        )
        if observers:
            names = names_joined(observers)
            if len(observers) == 1:
                sentence += _("; the observer for %(names)s also made a statement", names=names)
            else:
                sentence += _("; the observers for %(names)s also made statements", names=names)
        sentences.append(_("%(sentence)s.", sentence=sentence))
    elif observers:
        sentences.append(
            _("Statements were made by the observers for %(names)s.", names=names_joined(observers))
        )
    if replies:
        sentences.append(
            _(
                "Statements in exercise of the right of reply were made by the representatives "
                "of %(names)s.",
                names=names_joined(replies),
            )
        )
    return " ".join(sentences)
