"""Completing WeasyPrint's PDF/UA tagging: languages, actual text, running headers as artifacts.

WeasyPrint tags every run of text as a Span in the structure tree. Three
things a screen reader (and a search in a PDF viewer) still needs are added
here, at the step where WeasyPrint builds that tree:

- **/Lang** on each run that is not in English: the language its element
  carries (``lang="zh"``) or, for names, which come with no language, the one
  their letters show (Arabic, Russian, Vietnamese ...), so a screen reader
  reads them with the right voice;
- **/ActualText** on right-to-left runs: their glyphs are drawn in visual
  order and a ligature such as "الله" is one glyph, so the text a viewer
  rebuilds from the glyphs comes out reversed or scrambled; the run's text in
  logical order is given with it, in the content stream (for search and copy)
  and in the structure tree (for screen readers);
- the running header and footer (the page's margin boxes: symbol, page
  numbers) become **artifacts**, as PDF/UA asks of pagination: WeasyPrint
  marks them as content that no element of the structure tree owns.

WeasyPrint has no hook for this, so :func:`install` wraps its ``add_tags``
step; the version of WeasyPrint is pinned in ``pyproject.toml`` and the tests
in ``tests/reports/test_accessibility.py`` read every one of these back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

import pydyf  # type: ignore[import-untyped]
import weasyprint.pdf as weasyprint_pdf
from weasyprint.formatting_structure import boxes

from convene.reports.scripts import BIDI_CONTROLS, first_strong_is_rtl
from convene.writing import language_of

DOCUMENT_LANGUAGE = "en"
_weasyprint_add_tags = weasyprint_pdf.add_tags


def install() -> None:
    """Make WeasyPrint tag PDFs the way :func:`add_tags` does (idempotent)."""
    weasyprint_pdf.add_tags = add_tags


def add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: list[Any]) -> None:
    """WeasyPrint's structure tree, with artifacts, languages and actual text."""
    runs: list[dict[int, Any]] = []
    margins: list[list[Any]] = []
    for page, stream in zip(document.pages, page_streams, strict=True):
        page_box = page._page_box
        margins.append([child for child in page_box.children if isinstance(child, boxes.MarginBox)])
        _make_artifacts(stream, margins[-1])
        runs.append({tag["mcid"]: box for box, tag in stream._tags.items()})
        page_box.children = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
    try:
        with _pages_listed_once(pdf):
            _weasyprint_add_tags(pdf, document, pdf_version, page_streams)
    finally:
        for page, margin_boxes in zip(document.pages, margins, strict=True):
            page._page_box.children = [*page._page_box.children, *margin_boxes]
    _describe_runs(pdf, runs, page_streams)


@contextmanager
def _pages_listed_once(pdf: Any) -> Iterator[None]:
    """The references of the PDF's pages listed once, for as long as the structure tree is built.

    WeasyPrint looks up the page of every element of the tree, and pydyf
    lists the references of all pages again at each look-up: for a list of
    fifty pages, that was half the time of building the tree.
    """
    original = pdf.__class__
    pdf.__class__ = _PagesListedOnce
    try:
        yield
    finally:
        pdf.__class__ = original
        pdf.__dict__.pop("page_references", None)


class _PagesListedOnce(pydyf.PDF):
    """A PDF whose pages are all in (see :func:`_pages_listed_once`)."""

    @cached_property
    def page_references(self) -> tuple[bytes, ...]:
        references: tuple[bytes, ...] = pydyf.PDF.page_references.fget(self)
        return references


def _make_artifacts(stream: Any, margin_boxes: list[Any]) -> None:
    """Mark the margin boxes' text as pagination artifacts, and number the remaining content 0, 1, 2 ...

    The structure tree's parent tree finds a run by its number, so the
    numbers must stay consecutive once the artifacts' are taken out.
    """
    properties = _marked_content(stream)
    for margin_box in margin_boxes:
        subtype = "/Header" if margin_box.at_keyword.startswith("@top") else "/Footer"
        for text_box in _text_boxes(margin_box):
            tag = stream._tags.pop(text_box, None)
            if tag is None or tag["mcid"] not in properties:
                continue
            index, _ = properties.pop(tag["mcid"])
            stream.stream[index - 1] = "/Artifact"
            stream.stream[index] = pydyf.Dictionary({"Type": "/Pagination", "Subtype": subtype})
    for number, tag in enumerate(sorted(stream._tags.values(), key=lambda tag: tag["mcid"])):
        properties[tag["mcid"]][1]["MCID"] = number
        tag["mcid"] = number


def _marked_content(stream: Any) -> dict[int, tuple[int, Any]]:
    """Each marked-content number → (its place in the content stream, its property list)."""
    return {
        item["MCID"]: (index, item)
        for index, item in enumerate(stream.stream)
        if isinstance(item, pydyf.Dictionary) and "MCID" in item
    }


def _text_boxes(box: Any) -> list[Any]:
    if isinstance(box, boxes.TextBox):
        return [box]
    return [text for child in getattr(box, "children", ()) for text in _text_boxes(child)]


def _describe_runs(pdf: Any, runs: list[dict[int, Any]], page_streams: list[Any]) -> None:
    """/Lang and /ActualText on the Span of each run that needs them."""
    parent_tree = _resolve(pdf, _resolve(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])
    for page_number, (page_runs, stream) in enumerate(zip(runs, page_streams, strict=True)):
        elements = parent_tree["Nums"][2 * page_number + 1]
        properties = _marked_content(stream)
        for mcid, box in page_runs.items():
            if not isinstance(box, boxes.TextBox) or mcid >= len(elements):
                continue
            language = run_language(box.text, box.style["lang"])
            actual = actual_text(box.text)
            if language:
                _resolve(pdf, elements[mcid])["Lang"] = pydyf.String(language)
            if actual:
                _resolve(pdf, elements[mcid])["ActualText"] = pydyf.String(actual)
                if mcid in properties:
                    properties[mcid][1]["ActualText"] = pydyf.String(actual)


def run_language(text: str, declared: str | None) -> str | None:
    """The language a run is read in, when it is not the document's English."""
    if declared and not declared.startswith(DOCUMENT_LANGUAGE):
        return declared
    return None if text.isascii() else language_of(text)


def actual_text(text: str) -> str | None:
    """The logical text of a run containing right-to-left letters (None for others)."""
    if text.isascii() or not any(first_strong_is_rtl(char) for char in text):
        return None
    return "".join(char for char in text if char not in BIDI_CONTROLS).strip()


def _resolve(pdf: Any, reference: Any) -> Any:
    """The object a reference (b"12 0 R") points at."""
    if isinstance(reference, pydyf.Object):
        return reference
    return pdf.objects[int(bytes(reference).split()[0])]
