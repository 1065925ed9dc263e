"""Feed validators (ETag, Last-Modified) from one cheap aggregate query per request.

A calendar client polls its feeds every hour or so, for weeks; almost every
poll should be a 304 that costs one indexed query and no calendar building.
Each query here returns one row summarizing everything a feed's bytes
depend on: counts, sums of ids and SEQUENCEs, latest ``updated_at`` of
sessions, sittings and registrations, and two digests of rows that carry no
timestamp (agenda items, whose titles and numbers appear in descriptions, and
body names, which make session titles). Any change to a feed's content
changes its ETag.

Last-Modified is the latest timestamp the feed can see, taken over sets that
only ever grow (all of a person's registrations, whatever their status; all
published sessions for a body's feed), so it never moves backwards when
something leaves a feed. Agenda edits carry no timestamp: only the ETag sees
them, and RFC 9110 lets If-None-Match win over If-Modified-Since.

The query is read as :mod:`convene.freshness.validators` reads every
validator: on the cheapest path each engine offers.
"""

from __future__ import annotations

from functools import cache
from string import Template
from typing import Any

from convene.freshness.validators import Validator, digest, on_sqlite, read_one, validator_of
from convene.multilingual import column
from convene.translation import LANGUAGES

FORMAT_VERSION = "2"
"""Part of every ETag: raise it when the way feeds are written changes."""


def _in_each_language(alias: str, field: str) -> str:
    """The column and its five translations, as one piece of a digested line."""
    return " || ':' || ".join(f"{alias}.{column(field, language)}" for language in LANGUAGES)


def _bodies(sqlite: bool) -> str:
    line = f"b.id || ':' || {_in_each_language('b', 'name')}"
    return f"(SELECT {digest(line, sqlite)} FROM body b)"


def _agenda(sessions: str, sqlite: bool) -> str:
    line = (
        "ai.id || ':' || coalesce(ai.parent, 0) || ':' || ai.position || ':' || "
        + _in_each_language("ai", "title")
    )
    return f"(SELECT {digest(line, sqlite)} FROM agenda_item ai WHERE ai.session IN ({sessions}))"


def _sittings(sessions: str) -> str:
    return (
        "(SELECT count(*) AS n, max(st.updated_at) AS changed, max(st.sequence) AS top,"
        f" sum(st.sequence) AS total, sum(st.id) AS ids FROM sitting st WHERE st.session IN ({sessions}))"
    )


# ``{}`` is a query parameter (Piccolo's placeholder); ``$name`` a piece of SQL from above.
SESSIONS_SQL = Template("""
SELECT count(*) AS sessions, sum(s.id) AS session_ids, max(s.updated_at) AS changed, $bodies AS digest_bodies
FROM session s WHERE s.status <> 'draft'
""")

BODY_SQL = Template("""
SELECT (SELECT count(*) FROM body WHERE code = {}) AS found,
       count(*) AS sessions, sum(s.id) AS session_ids, max(s.updated_at) AS own_changed,
       (SELECT max(updated_at) FROM session WHERE status <> 'draft') AS changed,
       $bodies AS digest_bodies
FROM session s
WHERE s.status <> 'draft' AND s.id IN (
    SELECT sp.session FROM session_part sp JOIN body b ON b.id = sp.body WHERE b.code = {})
""")

SESSION_SQL = Template("""
SELECT se.status AS status, se.updated_at AS session_changed,
       st.n AS sittings, st.changed AS changed, st.top AS top_sequence, st.total AS total_sequence,
       st.ids AS sitting_ids, $agenda AS digest_agenda, $bodies AS digest_bodies
FROM session se CROSS JOIN $sittings st
WHERE se.id = {}
""")

PERSONAL_SQL = Template("""
WITH person AS (
    SELECT a.id AS account_id, a.email AS email, a.language AS language
    FROM calendar_feed f JOIN account a ON a.id = f.account
    WHERE f.token_hash = {} AND a.is_active = {}
),
mine AS (SELECT r.session, r.mode, r.status, r.updated_at FROM registration r
         WHERE r.email = (SELECT email FROM person)),
chosen AS (SELECT s.id, s.updated_at FROM session s
           WHERE s.status <> 'draft' AND s.id IN (SELECT m.session FROM mine m WHERE m.status = 'approved'))
SELECT p.account_id AS account_id, p.email AS email, p.language AS language,
       (SELECT count(*) FROM mine) AS registrations,
       (SELECT max(m.updated_at) FROM mine m) AS registrations_changed,
       (SELECT $registrations FROM mine m) AS digest_registrations,
       (SELECT count(*) FROM chosen) AS sessions,
       (SELECT max(c.updated_at) FROM chosen c) AS sessions_changed,
       st.n AS sittings, st.changed AS sittings_changed, st.top AS top_sequence,
       st.total AS total_sequence, st.ids AS sitting_ids,
       $agenda AS digest_agenda, $bodies AS digest_bodies
FROM person p CROSS JOIN $sittings st
""")


@cache
def _sql(kind: str, sqlite: bool) -> str:
    """The text of one validator query for one engine, put together once per process."""
    chosen = "SELECT c.id FROM chosen c"
    pieces = {
        "sessions": lambda: SESSIONS_SQL.substitute(bodies=_bodies(sqlite)),
        "body": lambda: BODY_SQL.substitute(bodies=_bodies(sqlite)),
        "session": lambda: SESSION_SQL.substitute(
            agenda=_agenda("SELECT se.id", sqlite), bodies=_bodies(sqlite), sittings=_sittings("{}")
        ),
        "personal": lambda: PERSONAL_SQL.substitute(
            registrations=digest("m.session || ':' || m.mode || ':' || m.status", sqlite),
            agenda=_agenda(chosen, sqlite),
            bodies=_bodies(sqlite),
            sittings=_sittings(chosen),
        ),
    }
    return pieces[kind]()


def _query(kind: str) -> str:
    return _sql(kind, on_sqlite())


async def sessions_validator(base_url: str, language: str) -> Validator:
    """The public feeds' validators are per language: each language's feed is its own bytes."""
    row = await read_one(_query("sessions"))
    if row is None:  # an aggregate without GROUP BY answers one row, always
        raise RuntimeError("the sessions' validator query answered no row")
    return _validator(("sessions", base_url, language), row, ("changed",))


async def body_validator(base_url: str, code: str, language: str) -> Validator | None:
    row = await read_one(_query("body"), code, code)
    if row is None or not row["found"]:
        return None
    return _validator(("body", code, base_url, language), row, ("changed",))


async def session_validator(base_url: str, session_id: int, language: str) -> Validator | None:
    # Placeholders: the sittings' session, then the session itself.
    row = await read_one(_query("session"), session_id, session_id)
    if row is None or row["status"] == "draft":
        return None
    return _validator(
        ("session", session_id, base_url, language), row, ("session_changed", "changed")
    )


async def personal_validator(
    base_url: str, token_hash: str, language: str | None = None
) -> Validator | None:
    """A person's feed is in their account's language (its ``language`` column is in the ETag)
    unless the feed's address asks for another."""
    row = await read_one(_query("personal"), token_hash, True)
    if row is None:
        return None
    changed = ("registrations_changed", "sessions_changed", "sittings_changed")
    return _validator(("person", row["account_id"], base_url, language), row, changed)


def _validator(key: tuple[Any, ...], row: dict[str, Any], timestamps: tuple[str, ...]) -> Validator:
    return validator_of(key, row, timestamps, FORMAT_VERSION)
