"""Validators of the public pages: the list of sessions and one session's page.

Anyone not signed in sees the same bytes for the same address, so those
pages are built once per change and answered from memory, or with a 304
(see :mod:`convene.freshness`). Each validator is one aggregate query over
everything its page shows. Rows of small tables (bodies, session parts,
officers, agenda items, documents, sittings, delegations and their entities)
are digested whole, every column, so no column can change unseen;
registrations, which can number thousands, by count, ids and latest
``updated_at``, which every change to one sets.

The current date is part of both keys: which sessions are "upcoming" and
which "past" moves at midnight (UTC, as the list decides) with no change
to any row.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from piccolo.table import Table

from convene.agenda.tables import AgendaItem, Document
from convene.delegations.tables import Delegation
from convene.entities.tables import Entity
from convene.freshness.validators import Validator, digest, on_sqlite, read_one, validator_of
from convene.meetings.tables import Body, Officer, Session, SessionPart
from convene.sittings.tables import Sitting, SittingItem

FORMAT_VERSION = "1"
"""Part of every ETag: raise it when the pages' templates change in a way data does not show."""


def row_text(table: type[Table], alias: str) -> str:
    """One row's every column as text, on either engine: a digest of it sees any change."""
    columns = (f'coalesce(CAST({alias}."{column._meta.db_column_name}" AS TEXT), \'\')'
               for column in table._meta.columns)
    return " || '\x1f' || ".join(columns)


def _rows(table: type[Table], alias: str, where: str, sqlite: bool) -> str:
    name = table._meta.tablename
    return f"(SELECT {digest(row_text(table, alias), sqlite)} FROM {name} {alias} WHERE {where})"


@cache
def _sessions_sql(sqlite: bool) -> str:
    return f"""
SELECT count(*) AS sessions, sum(s.id) AS session_ids, max(s.updated_at) AS changed,
       {_rows(SessionPart, 'sp', 'TRUE', sqlite)} AS digest_parts,
       {_rows(Body, 'b', 'TRUE', sqlite)} AS digest_bodies
FROM session s WHERE s.status <> 'draft'"""


@cache
def _session_sql(sqlite: bool) -> str:
    """The query for one session's page; every ``{}`` is that session's id."""
    this = "{}"
    sittings = f"SELECT st.id FROM sitting st WHERE st.session = {this}"
    entities = (f"SELECT d.entity FROM delegation d WHERE d.session = {this}"
                f" UNION SELECT o.entity FROM officer o WHERE o.session = {this}")
    return f"""
SELECT s.status AS status, {row_text(Session, 's')} AS session_row,
       {_rows(SessionPart, 'sp', f'sp.session = {this}', sqlite)} AS digest_parts,
       {_rows(Body, 'b', 'TRUE', sqlite)} AS digest_bodies,
       {_rows(Officer, 'o', f'o.session = {this}', sqlite)} AS digest_officers,
       {_rows(AgendaItem, 'ai', f'ai.session = {this}', sqlite)} AS digest_agenda,
       {_rows(Document, 'doc', f'doc.session = {this}', sqlite)} AS digest_documents,
       {_rows(Sitting, 'st', f'st.session = {this}', sqlite)} AS digest_sittings,
       {_rows(SittingItem, 'si', f'si.sitting IN ({sittings})', sqlite)} AS digest_sitting_items,
       {_rows(Delegation, 'd', f'd.session = {this}', sqlite)} AS digest_delegations,
       {_rows(Entity, 'e', f'e.id IN ({entities})', sqlite)} AS digest_entities,
       (SELECT count(*) FROM registration r WHERE r.session = {this}) AS registrations,
       (SELECT sum(r.id) FROM registration r WHERE r.session = {this}) AS registration_ids,
       (SELECT max(r.updated_at) FROM registration r WHERE r.session = {this}) AS registrations_changed
FROM session s WHERE s.id = {this}"""


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


async def sessions_page_validator() -> Validator:
    """What the list of published sessions (``/``) shows, whatever its filters."""
    row = await read_one(_sessions_sql(on_sqlite()))
    if row is None:  # an aggregate without GROUP BY answers one row, always
        raise RuntimeError("the sessions' page validator answered no row")
    return validator_of(("sessions-page", _today()), row, (), FORMAT_VERSION)


async def session_page_validator(session_id: int) -> Validator | None:
    """What one published session's page shows; None for a draft or no such session."""
    sql = _session_sql(on_sqlite())
    row = await read_one(sql, *[session_id] * sql.count("{}"))
    if row is None or row["status"] == "draft":
        return None
    return validator_of(("session-page", session_id, _today()), row, (), FORMAT_VERSION)
