"""Sessions: the rules for scheduling them, and their views for the API and pages.

Every write checks its rules inside :func:`locked_transaction`, so two
secretariat officers saving at once cannot both create "the eleventh session".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import msgspec
from msgspec import UNSET

from convene.bounds import FIRST_YEAR, LAST_YEAR, within_years
from convene.accounts.access import Actor
from convene.api.patches import given_fields
from convene.db import columns, locked_transaction
from convene.errors import RuleViolation
from convene.events.bus import publish
from convene.meetings.bodies import join_codes, split_codes
from convene.meetings.events import SessionChanged
from convene.meetings.lookups import session_row
from convene.meetings.sequence import SHOWN_IN_CALENDARS, raise_sequence
from convene.meetings.schemas import PartIn, PartOut, SessionFields, SessionOut, SessionPatch
from convene.meetings.tables import Body, Session, SessionPart
from convene.meetings.timezones import check_timezone
from convene.meetings.titles import PartTitle, part_title, session_title
from convene.multilingual import (
    Texts,
    all_six,
    in_language,
    stored_texts,
    translation_values,
    untranslated,
)
from convene.translation import ENGLISH, LANGUAGES, current_locale, gettext, ngettext
from convene.meetings.vocabulary import (
    PUBLIC_STATUSES,
    STATUS_TRANSITIONS,
    SessionFormat,
    SessionKind,
    SessionStatus,
)
from convene.sittings.services import sittings_outside

NUMBERING_LOCK = "session-numbering"
DEFAULT_HYBRID_IN_PERSON_QUOTA = 2
DEFAULT_ONLINE_SPEAKING_QUOTA = 2


@dataclass(frozen=True)
class SessionFilters:
    when: str | None = None  # "upcoming" or "past"
    body: str | None = None
    format: str | None = None
    status: str | None = None
    year: int | None = None
    search: str | None = None
    """Part of a document symbol, venue, city or subject, or of a body's code or name."""


# Reading ---------------------------------------------------------------------


async def list_sessions(
    filters: SessionFilters,
    *,
    page: int,
    per_page: int,
    include_drafts: bool,
    newest_first: bool | None = None,
    all_languages: bool = False,
) -> tuple[list[SessionOut], int]:
    """One page of sessions, soonest first (latest first when looking at the past, or when
    ``newest_first`` says so: the secretariat's list starts with the sessions in hand)."""
    query_filter = _where(filters, include_drafts)
    total = await Session.count().where(*query_filter) if query_filter else await Session.count()
    if newest_first is None:
        newest_first = filters.when == "past"
    rows = (
        await Session.select()
        .where(*query_filter)
        .order_by(Session.start_date, ascending=not newest_first)
        .order_by(Session.id, ascending=not newest_first)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return await session_views(
        rows, include_private=include_drafts, all_languages=all_languages
    ), total


def _where(filters: SessionFilters, include_drafts: bool) -> list[Any]:
    today = datetime.now(UTC).date()
    conditions: list[Any] = []
    if not include_drafts:
        conditions.append(Session.status.is_in(PUBLIC_STATUSES))
    if filters.when == "upcoming":
        conditions.append(Session.end_date >= today)
    elif filters.when == "past":
        conditions.append(Session.end_date < today)
    if filters.format:
        conditions.append(Session.format == filters.format)
    if filters.status:
        conditions.append(Session.status == filters.status)
    if filters.year:
        conditions.append(Session.start_date >= date(filters.year, 1, 1))
        conditions.append(Session.start_date <= date(filters.year, 12, 31))
    if filters.search:
        term = f"%{filters.search.strip()}%"
        of_body = SessionPart.select(SessionPart.session).where(
            SessionPart.body.code.ilike(term) | SessionPart.body.name.ilike(term)
        )
        conditions.append(
            Session.symbol_prefix.ilike(term)
            | Session.venue_name.ilike(term)
            | Session.city.ilike(term)
            | Session.subject.ilike(term)
            | Session.id.is_in(of_body)
        )
    if filters.body:
        with_body = SessionPart.select(SessionPart.session).where(
            SessionPart.body.code == filters.body
        )
        conditions.append(Session.id.is_in(with_body))
    return conditions


async def get_session(
    session_id: int, *, include_private: bool, all_languages: bool = False
) -> SessionOut:
    """A session; drafts exist only for the secretariat (others get 404)."""
    row = await session_row(session_id, include_drafts=include_private)
    views = await session_views([row], include_private=include_private, all_languages=all_languages)
    return views[0]


async def session_views(
    rows: list[dict[str, Any]], *, include_private: bool, all_languages: bool = False
) -> list[SessionOut]:
    """Sessions with their parts and titles in the current language, in two queries in all.

    ``all_languages`` adds every language's titles; ``include_private`` (the secretariat's
    view) says which languages have no title of their own and are shown in English.
    """
    parts = await _parts_by_session([row["id"] for row in rows])
    return [
        _session_out(
            row, parts[row["id"]], include_private=include_private, all_languages=all_languages
        )
        for row in rows
    ]


@dataclass(frozen=True)
class _Part:
    """One body's share as stored, with the body's name in each language."""

    body: str
    body_names: Texts
    kind: SessionKind
    number: int | None
    resumption: int | None

    def title_in(self, language: str) -> str:
        """This share's title in ``language``; "" where the body's name or the rule is missing."""
        name = self.body_names[language]
        title = (
            part_title(PartTitle(name, self.kind, self.number, self.resumption), language)
            if name
            else None
        )
        return title or ""

    def out(self, all_languages: bool) -> PartOut:
        titles = {language: self.title_in(language) for language in LANGUAGES}
        return PartOut(
            body=self.body,
            body_name=in_language(self.body_names),
            kind=self.kind.value,
            number=self.number,
            resumption=self.resumption,
            title=in_language(titles),
            titles=all_six(titles) if all_languages else None,
        )


async def _parts_by_session(session_ids: list[int]) -> dict[int, list[_Part]]:
    by_session: dict[int, list[_Part]] = defaultdict(list)
    if not session_ids:
        return by_session
    names = [
        getattr(SessionPart.body, "name" if language == ENGLISH else f"name_{language}").as_alias(
            f"name_{language}"
        )
        for language in LANGUAGES
    ]
    rows = (
        await SessionPart.select(
            SessionPart.session,
            SessionPart.kind,
            SessionPart.number,
            SessionPart.resumption,
            SessionPart.body.code.as_alias("body_code"),
            *names,
        )
        .where(SessionPart.session.is_in(session_ids))
        .order_by(SessionPart.position)
    )
    for row in rows:
        by_session[row["session"]].append(
            _Part(
                body=row["body_code"],
                body_names={language: row[f"name_{language}"] for language in LANGUAGES},
                kind=SessionKind(row["kind"]),
                number=row["number"],
                resumption=row["resumption"],
            )
        )
    return by_session


def _title_texts(row: dict[str, Any], parts: list[_Part]) -> Texts:
    """Each language's title: the secretariat's correction, else derived ("" where neither is)."""
    corrections = stored_texts(row, "title")
    return {
        language: corrections[language] or _derived_title(parts, row["subject"], language)
        for language in LANGUAGES
    }


def _derived_title(parts: list[_Part], subject: str, language: str) -> str:
    if any(not part.body_names[language] for part in parts):
        return ""
    titles = [PartTitle(p.body_names[language], p.kind, p.number, p.resumption) for p in parts]
    return session_title(titles, subject, language) or ""


def _session_out(
    row: dict[str, Any], parts: list[_Part], *, include_private: bool, all_languages: bool
) -> SessionOut:
    titles = _title_texts(row, parts)
    return SessionOut(
        id=row["id"],
        title=in_language(titles),
        parts=[part.out(all_languages) for part in parts],
        is_joint=len(parts) > 1,
        start_date=row["start_date"],
        end_date=row["end_date"],
        timezone=row["timezone"],
        venue_name=row["venue_name"],
        city=row["city"],
        format=row["format"],
        status=row["status"],
        symbol_prefix=row["symbol_prefix"],
        subject=row["subject"],
        in_person_quota=row["in_person_quota"],
        online_speaking_quota=row["online_speaking_quota"],
        room_capacity=row["room_capacity"],
        platform_name=row["platform_name"],
        interpretation_languages=split_codes(row["interpretation_languages"]),
        admitted_categories=split_codes(row["admitted_categories"]),
        registration_opens=row["registration_opens"],
        registration_closes=row["registration_closes"],
        agenda_status=row["agenda_status"],
        agenda_adopted_on=row["agenda_adopted_on"],
        participants_published=row["participants_published"],
        join_link=row["join_link"] if include_private else None,
        titles=all_six(titles) if all_languages else None,
        untranslated=untranslated(titles) if include_private else None,
        title_corrections=_corrections_of(row) if include_private else None,
    )


def _corrections_of(row: dict[str, Any]) -> dict[str, str]:
    return {language: text for language, text in stored_texts(row, "title").items() if text}


# Writing ---------------------------------------------------------------------


async def create_session(actor: Actor, fields: SessionFields) -> SessionOut:
    if fields.status not in {SessionStatus.DRAFT, SessionStatus.SCHEDULED}:
        raise RuleViolation(
            gettext("A new session is a draft or scheduled"), field="status", status_code=422
        )
    async with locked_transaction(NUMBERING_LOCK):
        bodies = await _bodies_for(fields.parts)
        await _check_numbering(fields.parts, bodies, session_id=None)
        values = _session_values(msgspec.structs.asdict(fields), bodies)
        values.pop("parts")
        values |= _corrections(values.pop("titles"))
        session = Session(**values)
        await session.save()
        await _save_parts(session.id, fields.parts, bodies)
        await publish(
            SessionChanged(
                actor=actor,
                action="session.created",
                object_id=session.id,
                after=await _audited(session.id),
                session_id=session.id,
            )
        )
    return await get_session(session.id, include_private=True)


def _corrections(titles: dict[Any, str]) -> dict[str, str]:
    """The title columns the secretariat's corrections set (English is ``title`` itself)."""
    return translation_values("title", titles, name="titles", with_english=True)


async def update_session(actor: Actor, session_id: int, patch: SessionPatch) -> SessionOut:
    """Apply a partial change; the merged session must obey every rule a new one does."""
    async with locked_transaction(NUMBERING_LOCK, f"session:{session_id}"):
        current = await session_row(session_id)
        before = await _audited(session_id)
        changes = given_fields(patch)
        changes |= _corrections(changes.pop("titles", {}))
        _check_transition(SessionStatus(current["status"]), changes.get("status"))
        new_parts = changes.pop("parts", None)
        parts = new_parts or await _stored_parts(session_id)
        bodies = await _bodies_for(parts)
        await _check_numbering(parts, bodies, session_id=session_id)
        merged = current | changes
        for derived in ("in_person_quota", "online_speaking_quota"):
            if derived not in changes and "format" in changes:
                merged[derived] = UNSET  # re-derive the format's defaults
        values = _session_values(merged, bodies)
        await _check_sittings_fit(session_id, values)
        await Session.update(
            columns(_writable(values)) | {Session.updated_at: datetime.now(UTC)}
        ).where(Session.id == session_id)
        if new_parts is not None:
            await SessionPart.delete().where(SessionPart.session == session_id)
            await _save_parts(session_id, parts, bodies)
        after = await _audited(session_id)
        if any(before[field] != after[field] for field in SHOWN_IN_CALENDARS):
            await raise_sequence(Session.id == session_id)
        # Its sittings follow (their title, place, link, zone; cancelled with it): see
        # convene.sittings.subscribers.
        await publish(
            SessionChanged(
                actor=actor,
                action="session.changed",
                object_id=session_id,
                before=before,
                after=after,
                session_id=session_id,
            )
        )
    return await get_session(session_id, include_private=True)


async def _audited(session_id: int) -> dict[str, Any]:
    """What the audit log keeps of a session: every field, its titles in each language."""
    session = await get_session(session_id, include_private=True, all_languages=True)
    return msgspec.structs.asdict(session) | {
        "title": session.titles,
        "parts": [part.titles for part in session.parts],
    }


async def delete_session(actor: Actor, session_id: int) -> None:
    """Only a draft can be deleted; a published session is cancelled instead."""
    async with locked_transaction(f"session:{session_id}"):
        row = await session_row(session_id)
        if row["status"] != SessionStatus.DRAFT.value:
            raise RuleViolation(
                gettext("Only a draft session can be deleted; set its status to cancelled instead"),
                field="status",
            )
        before = await _audited(session_id)
        await Session.delete().where(Session.id == session_id)
        # No session id: the entry outlives the session it describes.
        await publish(
            SessionChanged(
                actor=actor, action="session.deleted", object_id=session_id, before=before
            )
        )


def _writable(values: dict[str, Any]) -> dict[str, Any]:
    columns = {column._meta.name for column in Session._meta.columns}
    return {key: value for key, value in values.items() if key in columns - {"id", "created_at"}}


def _check_transition(current: SessionStatus, wanted: SessionStatus | None) -> None:
    if wanted is None or wanted == current:
        return
    if wanted not in STATUS_TRANSITIONS[current]:
        allowed = ", ".join(sorted(s.value for s in STATUS_TRANSITIONS[current])) or "none"
        raise RuleViolation(
            gettext(
                "A %(current)s session cannot become %(wanted)s (allowed: %(allowed)s)",
                current=current.word,
                wanted=wanted.word,
                allowed=allowed,
            ),
            field="status",
        )


async def _bodies_for(parts: list[PartIn]) -> dict[str, dict[str, Any]]:
    codes = [part.body for part in parts]
    for index, code in enumerate(codes):
        if codes.index(code) != index:
            raise RuleViolation(
                gettext("%(code)s appears twice; a joint session names each body once", code=code),
                field=f"parts[{index}].body",
                status_code=422,
            )
    rows = await Body.select().where(Body.code.is_in(codes))
    bodies = {row["code"]: row for row in rows}
    for index, code in enumerate(codes):
        if code not in bodies:
            raise RuleViolation(
                gettext("There is no body %(code)s", code=code),
                field=f"parts[{index}].body",
                status_code=422,
            )
    return bodies


async def _check_numbering(
    parts: list[PartIn], bodies: dict[str, dict[str, Any]], *, session_id: int | None
) -> None:
    """Each body's numbering is whole and unique: one "eleventh session" per body."""
    for index, part in enumerate(parts):
        _check_part_shape(part, index)
        clash = SessionPart.select(SessionPart.session).where(
            (SessionPart.body == bodies[part.body]["id"])
            & (SessionPart.kind == part.kind.value)
            & _equals_or_null(SessionPart.number, part.number)
            & _equals_or_null(SessionPart.resumption, part.resumption)
        )
        if session_id is not None:
            clash = clash.where(SessionPart.session != session_id)
        if part.number is not None and await clash.first():
            names = stored_texts(bodies[part.body], "name")
            share = _Part(part.body, names, part.kind, part.number, part.resumption)
            title = share.title_in(current_locale()) or share.title_in(ENGLISH)
            raise RuleViolation(
                gettext("The %(title)s already exists", title=title), field=f"parts[{index}].number"
            )


def _equals_or_null(column: Any, value: int | None) -> Any:
    return column.is_null() if value is None else column == value


def _check_part_shape(part: PartIn, index: int) -> None:
    field = f"parts[{index}]"
    if part.kind in {SessionKind.REGULAR, SessionKind.RESUMED} and part.number is None:
        raise RuleViolation(
            gettext("A regular session needs its number")
            if part.kind is SessionKind.REGULAR
            else gettext("A resumed session needs its number"),
            field=f"{field}.number",
            status_code=422,
        )
    if part.kind is SessionKind.RESUMED and part.resumption is None:
        raise RuleViolation(
            gettext(
                "A resumed session needs its resumption number (1 for the first resumed session)"
            ),
            field=f"{field}.resumption",
            status_code=422,
        )
    if part.kind is not SessionKind.RESUMED and part.resumption is not None:
        raise RuleViolation(
            gettext("Only a resumed session has a resumption number"),
            field=f"{field}.resumption",
            status_code=422,
        )


def _session_values(values: dict[str, Any], bodies: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Check dates, time zone and format rules; fill in what the format implies."""
    values = dict(values)
    for field in ("start_date", "end_date", "registration_opens", "registration_closes"):
        if values.get(field) is not None and not within_years(values[field]):
            raise RuleViolation(
                gettext(
                    "Choose a date between %(first)s and %(last)s", first=FIRST_YEAR, last=LAST_YEAR
                ),
                field=field,
                status_code=422,
            )
    if values["end_date"] < values["start_date"]:
        raise RuleViolation(
            gettext("The session cannot end before it starts"), field="end_date", status_code=422
        )
    check_timezone(values["timezone"], field="timezone")
    _check_registration_window(values)
    session_format = SessionFormat(values["format"])
    values["format"] = session_format.value
    values["in_person_quota"] = _in_person_quota(
        session_format, values.get("in_person_quota", UNSET)
    )
    values["online_speaking_quota"] = _speaking_quota(
        session_format, values.get("online_speaking_quota", UNSET)
    )
    if session_format is SessionFormat.ONLINE:
        values["room_capacity"] = None
    if values.get("admitted_categories", UNSET) is UNSET:
        values["admitted_categories"] = _common_categories(bodies)
    elif not isinstance(values["admitted_categories"], str):
        values["admitted_categories"] = join_codes(values["admitted_categories"])
    languages = values.get("interpretation_languages", "")
    if not isinstance(languages, str):
        values["interpretation_languages"] = join_codes(languages)
    values["status"] = getattr(values["status"], "value", values["status"])
    return values


def _check_registration_window(values: dict[str, Any]) -> None:
    opens, closes = values.get("registration_opens"), values.get("registration_closes")
    if opens and closes and closes < opens:
        raise RuleViolation(
            gettext("Registration cannot close before it opens"),
            field="registration_closes",
            status_code=422,
        )
    if closes and closes > values["end_date"]:
        raise RuleViolation(
            gettext("Registration must close by the session's last day"),
            field="registration_closes",
            status_code=422,
        )


def _in_person_quota(session_format: SessionFormat, given: Any) -> int | None:
    if session_format is SessionFormat.ONLINE:
        if given not in (UNSET, None, 0):
            raise RuleViolation(
                gettext("An online session has no in-person places"),
                field="in_person_quota",
                status_code=422,
            )
        return 0
    if given is UNSET:
        return DEFAULT_HYBRID_IN_PERSON_QUOTA if session_format is SessionFormat.HYBRID else None
    return given


def _speaking_quota(session_format: SessionFormat, given: Any) -> int | None:
    if session_format is SessionFormat.IN_PERSON:
        if given not in (UNSET, None, 0):
            raise RuleViolation(
                gettext("An in-person session has no online speaking places"),
                field="online_speaking_quota",
                status_code=422,
            )
        return 0
    return DEFAULT_ONLINE_SPEAKING_QUOTA if given is UNSET else given


def _common_categories(bodies: dict[str, dict[str, Any]]) -> str:
    """A joint session admits only the categories every one of its bodies admits."""
    admitted = [split_codes(body["admitted_categories"]) for body in bodies.values()]
    common = [code for code in admitted[0] if all(code in others for others in admitted[1:])]
    return ",".join(common)


async def _stored_parts(session_id: int) -> list[PartIn]:
    rows = (
        await SessionPart.select(
            SessionPart.body.code.as_alias("body"),
            SessionPart.kind,
            SessionPart.number,
            SessionPart.resumption,
        )
        .where(SessionPart.session == session_id)
        .order_by(SessionPart.position)
    )
    return [
        PartIn(row["body"], SessionKind(row["kind"]), row["number"], row["resumption"])
        for row in rows
    ]


async def _save_parts(
    session_id: int, parts: list[PartIn], bodies: dict[str, dict[str, Any]]
) -> None:
    await SessionPart.insert(
        *(
            SessionPart(
                session=session_id,
                body=bodies[part.body]["id"],
                position=position,
                kind=part.kind.value,
                number=part.number,
                resumption=part.resumption,
            )
            for position, part in enumerate(parts, start=1)
        )
    )


async def _check_sittings_fit(session_id: int, values: dict[str, Any]) -> None:
    """New dates or a new time zone must still hold every sitting already planned."""
    outside = await sittings_outside(
        session_id, values["start_date"], values["end_date"], values["timezone"]
    )
    if outside:
        raise RuleViolation(
            ngettext(
                "%(num)s sitting would fall outside the new dates: %(first)s",
                "%(num)s sittings would fall outside the new dates, starting with %(first)s",
                len(outside),
                first=outside[0],
            ),
            field="start_date",
        )
