"""Fixtures for reports: sessions made through the API, delegations written straight to their tables.

Delegations and registrations are inserted as rows (the registration services
are another issue's); each test starts with an empty report cache, so
whether a PDF came from the cache depends only on what that test did.
"""

from __future__ import annotations

import io
import secrets
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from convene.delegations.tables import CheckIn, Delegation, Registration
from convene.entities.tables import Entity
from tests.meetings.conftest import bodies, create_session, registry  # noqa: F401 (fixtures used here)


@pytest.fixture(autouse=True)
def empty_report_cache(var_dir: Path) -> None:
    """No PDF left in the report cache (``<var_dir>/reports``) by an earlier test."""
    shutil.rmtree(var_dir / "reports", ignore_errors=True)


def person(given: str, family: str, **fields: Any) -> dict[str, Any]:
    """A registration's fields: approved and in person unless told otherwise."""
    return {"given_name": given, "family_name": family, "mode": "in_person", "status": "approved", **fields}


async def add_delegation(session_id: int, entity: str, people: list[dict[str, Any]]) -> list[int]:
    """A delegation of the entity called ``entity`` with ``people``, in that order; their registration ids."""
    row = await Entity.select(Entity.id).where(Entity.short_name == entity).first()
    assert row, f"no entity {entity!r} in the registry"
    delegation = Delegation(session=session_id, entity=row["id"])
    await delegation.save()
    ids = []
    for fields in people:
        registration = Registration(
            delegation=delegation.id,
            session=session_id,
            email=f"{secrets.token_hex(6)}@delegates.example",
            badge_code=secrets.token_hex(6),
            **fields,
        )
        await registration.save()
        ids.append(registration.id)
    return ids


async def check_in(registration_id: int, sitting_id: int | None) -> None:
    await CheckIn(registration=registration_id, sitting=sitting_id).save()


def pdf_reader(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF-"), content[:200]
    return PdfReader(io.BytesIO(content))


def page_texts(content: bytes) -> list[str]:
    return [page.extract_text() for page in pdf_reader(content).pages]


def pdf_text(content: bytes) -> str:
    return "\n".join(page_texts(content))


def font_runs(content: bytes) -> list[tuple[str, str]]:
    """Every run of text in the PDF with the name of the font that draws it."""
    runs: list[tuple[str, str]] = []

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if text.strip() and font is not None:
            runs.append((text, str(font.get("/BaseFont", ""))))

    for page in pdf_reader(content).pages:
        page.extract_text(visitor_text=visit)
    return runs


def embedded_fonts(content: bytes) -> dict[str, bool]:
    """Each font the PDF uses → whether its glyphs are embedded (a FontFile in its descriptor)."""
    fonts: dict[str, bool] = {}
    for page in pdf_reader(content).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key.startswith("/FontFile") for key in descriptor)
    return fonts
