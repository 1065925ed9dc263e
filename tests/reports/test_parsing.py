"""The HTML parser's cache of expressions (see convene.reports.parsing)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
import tinyhtml5
from tinyhtml5 import inputstream

from convene.reports import parsing

MARKUP = (
    "<!doctype html><html lang=en><head><title>List &amp; more</title></head>"
    "<body><!-- a comment -->"
    "<p class=\"name\">Mr. <span lang='ar'>\u2068محمد عبد الله\u2069</span></p>"
    "<p class=details data-x=a&lt;b>Adviser &#x2013; <b>(online)</b></p>\n"
    "  <pre>  kept  </pre></body></html>"
)


def _parsed(cache: dict[object, object]) -> str:
    inputstream.characters_until_regex = cache
    parsed = tinyhtml5.parse(MARKUP, namespace_html_elements=False)
    return ElementTree.tostring(parsed, encoding="unicode")


def _filed_under_patterns() -> list[bool]:
    filed = inputstream.characters_until_regex
    return [isinstance(characters, re.Pattern) for characters, _ in filed]


def test_the_parser_finds_the_expressions_it_built_and_parses_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    as_tinyhtml5_parses = _parsed({})
    monkeypatch.setattr(inputstream, "characters_until_regex", None)
    parsing.install()
    assert _parsed(inputstream.characters_until_regex) == as_tinyhtml5_parses
    assert _filed_under_patterns() and not any(_filed_under_patterns())


def test_tinyhtml5_still_files_its_expressions_where_it_cannot_find_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When this fails, tinyhtml5 keeps its expressions right: convene.reports.parsing can go."""
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    _parsed({})
    assert all(_filed_under_patterns())
