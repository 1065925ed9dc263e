"""The reports of a session as PDF files: build the data, then serve it from the cache or lay it out.

Who may ask for which report is the controllers' business; the rules of the
reports themselves (which version can be printed when) are here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from msgspec import Struct

from convene.errors import RuleViolation
from convene.meetings.schemas import SessionOut
from convene.meetings.services import get_session
from convene.meetings.vocabulary import SessionStatus
from convene.reports.agenda import build_agenda
from convene.reports.attendance import build_attendance
from convene.reports.cache import ReportCache, data_digest
from convene.reports.coverage import report_texts, unprintable
from convene.reports.participants import build_participants
from convene.reports.schemas import ParticipantsReport
from convene.reports.rendering import render_pdf
from convene.reports.texts import long_date
from convene.reports.vocabulary import ListVersion, ReportKind
from convene.translation import ENGLISH, gettext, using_locale


logger = logging.getLogger("convene.reports")


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    digest: str
    from_cache: bool
    unprintable: list[str] = field(default_factory=list)
    """Names and other texts with characters no installed font can draw (printed as U+FFFD)."""


async def participants_pdf(
    session: SessionOut, version: ListVersion, cache_dir: Path, language: str = ENGLISH
) -> ReportFile:
    """The list in ``language``: its headings and categories; names stay as registered."""
    check_version(session, version)
    with using_locale(language):
        session = await _in_language(session)
        report = await build_participants(session, version)
        filename = _filename(report.header.symbol, version.value, language)
        return await _pdf(
            session,
            ReportKind.PARTICIPANTS,
            report,
            cache_dir,
            filename=filename,
            variant=version.value,
            language=language,
        )


async def agenda_pdf(session: SessionOut, cache_dir: Path, language: str = ENGLISH) -> ReportFile:
    with using_locale(language):
        session = await _in_language(session)
        report = await build_agenda(session)
        filename = _filename(report.header.symbol, "agenda", language)
        return await _pdf(
            session, ReportKind.AGENDA, report, cache_dir, filename=filename, language=language
        )


async def attendance_pdf(
    session: SessionOut, cache_dir: Path, language: str = ENGLISH
) -> ReportFile:
    with using_locale(language):
        session = await _in_language(session)
        report = await build_attendance(session)
        filename = _filename(session.symbol_prefix, "attendance", language)
        return await _pdf(
            session,
            ReportKind.ATTENDANCE,
            report,
            cache_dir,
            filename=filename,
            language=language,
        )


async def _in_language(session: SessionOut) -> SessionOut:
    """The session read again in the current language: its title and bodies' names."""
    return await get_session(session.id, include_private=True)


def final_list_ready(session: SessionOut, *, now: datetime | None = None) -> bool:
    """The final list records who took part, so it is printed once the session is over (venue time)."""
    if session.status == SessionStatus.CONCLUDED.value:
        return True
    zone = ZoneInfo(session.timezone)
    return (now or datetime.now(zone)).astimezone(zone).date() > session.end_date


def check_version(session: SessionOut, version: ListVersion) -> None:
    if version is ListVersion.FINAL and not final_list_ready(session):
        raise RuleViolation(
            gettext(
                "The final list of participants can be printed once the session is over (it ends "
                "on %(date)s); print the provisional list until then",
                date=long_date(session.end_date),
            ),
            field="version",
        )


async def _pdf(
    session: SessionOut,
    kind: ReportKind,
    report: Struct,
    cache_dir: Path,
    *,
    filename: str,
    variant: str = "",
    language: str = ENGLISH,
) -> ReportFile:
    """The cached PDF when the data is unchanged, else a fresh layout (which replaces it in the cache).

    Each language is cached apart (an English report keeps the name it always had).
    """
    template = f"{kind.value}.html"
    suffixes = (variant, "" if language == ENGLISH else language)
    name = "-".join((f"session-{session.id}-{kind.value}", *filter(None, suffixes)))
    digest = data_digest(template, report)
    missing = unprintable_in(report)
    if missing:
        logger.warning(
            "%s of session %s: no installed font can print %s", kind.value, session.id, missing
        )
    cache = ReportCache(cache_dir)
    cached = cache.get(name, digest)
    if cached is not None:
        return ReportFile(cached, filename, digest, from_cache=True, unprintable=missing)
    content, from_cache = await cache.get_or_build(
        name, digest, lambda: render_pdf(template, report).content
    )
    return ReportFile(content, filename, digest, from_cache=from_cache, unprintable=missing)


def unprintable_in(report: Struct) -> list[str]:
    """The names (or, in other reports, the texts) the report cannot print in full."""
    return unprintable(_checked_texts(report))


def _checked_texts(report: Struct) -> Iterable[str]:
    """A list of participants is checked person by person, as "Ms. Anna BERGER", and entity by entity."""
    if not isinstance(report, ParticipantsReport):
        return report_texts(report)
    return [
        text
        for group in report.groups
        for delegation in group.delegations
        for text in (
            delegation.name,
            *(f"{p.honorific} {p.full_name}".strip() for p in delegation.persons),
            *(p.details for p in delegation.persons),
        )
    ]


async def unprintable_names(session: SessionOut) -> list[str]:
    """The names the list of participants cannot print in full, for the secretariat to correct."""
    return unprintable_in(await build_participants(session, ListVersion.PROVISIONAL))


def _filename(symbol: str, suffix: str, language: str = ENGLISH) -> str:
    """ "CAC/COSP/IRG/2020/INF/2" → "CAC-COSP-IRG-2020-INF-2-final.pdf" ("…-final-fr.pdf")."""
    in_language = "" if language == ENGLISH else f"-{language}"
    return f"{symbol.replace('/', '-')}-{suffix}{in_language}.pdf"
