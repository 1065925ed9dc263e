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
from typing import Any, NamedTuple

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


class Run(NamedTuple):
    """A run of text as the PDF draws it: its text, the marked content around it, where its line sits."""

    text: str
    tag: str
    """The marked-content tag: "/Span" for content, "/Artifact" for what a reader skips."""
    properties: dict[str, Any]
    page: int
    y: float


def marked_runs(content: bytes) -> list[Run]:
    """Every run of text with the marked content (tag and properties) it is drawn in."""
    runs: list[Run] = []
    for number, page in enumerate(pdf_reader(content).pages, start=1):
        stack: list[tuple[str, dict[str, Any]]] = []

        def operator(op: bytes, args: Any, _cm: Any, _tm: Any) -> None:
            if op == b"BDC":
                properties = args[1] if len(args) > 1 and hasattr(args[1], "items") else {}
                stack.append((str(args[0]), {str(k): v for k, v in properties.items()}))
            elif op == b"BMC":
                stack.append((str(args[0]), {}))
            elif op == b"EMC" and stack:
                stack.pop()

        def text(value: str, _cm: Any, tm: Any, _font: Any, _size: Any, page: int = number) -> None:
            if value.strip():
                tag, properties = stack[-1] if stack else ("", {})
                runs.append(Run(value, tag, properties, page, float(tm[5])))

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return runs


def structure_elements(content: bytes) -> list[dict[str, Any]]:
    """Every element of the PDF's structure tree, as a dictionary (its /S, /Lang, /ActualText ...)."""
    root = pdf_reader(content).trailer["/Root"]["/StructTreeRoot"]
    found: list[dict[str, Any]] = []

    def visit(node: Any) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.append({str(k): v for k, v in node.items() if k not in ("/P", "/K", "/Pg")})
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int):
                visit(kid)

    visit(root)
    return found
