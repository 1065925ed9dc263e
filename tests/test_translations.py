"""Every page speaks the six official languages: marked texts, complete catalogues, the switcher.

When a test here fails after new texts were added: run ``convene messages``
(``.venv/bin/convene messages``), translate the new entries of each
``backend/convene/locales/<lang>/LC_MESSAGES/messages.po``, run again.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from httpx import AsyncClient
from jinja2 import Environment
from litestar import Litestar

from convene.accounts.roles import Role
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from convene.catalogues import (
    KEYWORDS, TEMPLATE, TRANSLATED, extracted, install_catalogues, is_translated, missing_entries,
    read_catalogue,
)
from convene.reports.language import report_catalogue_path
from convene.languages import LANGUAGE_COOKIE
from convene.settings import PROJECT_ROOT
from convene.translation import gettext, ngettext, using_locale
from convene.web.formatting import date_span, long_date, number
from tests.accounts.conftest import make_person, session_csrf, sign_in
from tests.conftest import app_client

TEMPLATES = PROJECT_ROOT / "frontend" / "templates"
NOT_TRANSLATED = {"Convene", "UTC", "PDF"}
"""Words a template may hold outside the markers: the product's name and symbols."""
EXPRESSION = "\x00"
REPORT_TEMPLATES = [("**.html", "jinja2.ext:babel_extract")]


def untranslated_words(source: str) -> list[str]:
    """Words a reader would see that a template writes outside ``{{ }}`` and ``{% %}``.

    Jinja's own lexer splits the template; each expression or statement becomes
    a placeholder, then comments, scripts, styles, tags and attribute values
    (``class="wide"`` given by a block) are dropped. Attributes a reader meets
    (aria-label, title, placeholder, alt) are checked too.
    """
    parts = []
    for _, kind, value in Environment().lex(source):
        if kind == "data":
            parts.append(value)
        elif kind.endswith("_begin"):
            parts.append(EXPRESSION)
    text = re.sub(r"<!--.*?-->|<(script|style)\b.*?</\1>", " ", "".join(parts), flags=re.S)
    spoken = re.findall(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"', text)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r'[\w-]+="[^"]*"', " ", text)
    words = re.findall(r"[^\W\d_]{2,}", " ".join([text, *spoken]).replace(EXPRESSION, " "))
    return [word for word in words if word not in NOT_TRANSLATED]


def test_no_template_writes_interface_text_outside_the_markers() -> None:
    found = {
        path.relative_to(TEMPLATES).as_posix(): words
        for path in sorted([*TEMPLATES.rglob("*.html"), *TEMPLATES.glob("mail/*.txt")])
        if (words := untranslated_words(path.read_text()))
    }
    assert not found, f"text outside _() in templates: {found}"


def test_the_check_finds_text_outside_the_markers() -> None:
    assert untranslated_words('<p title="Close">{{ _("Open") }} now</p>') == ["now", "Close"]
    assert untranslated_words('{% block main %} class="wide"{% endblock %}<b>{{ x }}</b> · Convene') == []


@pytest.fixture(scope="module")
def fresh() -> set[str]:
    return {str(message.id) for message in extracted() if message.id}


def test_messages_pot_holds_every_marked_text(fresh: set[str]) -> None:
    with TEMPLATE.open("rb") as source:
        kept = {str(message.id) for message in read_po(source) if message.id}
    assert fresh == kept, "run `convene messages`: messages.pot is out of date"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_translates_every_text(language: str, fresh: set[str]) -> None:
    catalogue = read_catalogue(language)
    held = {str(message.id) for message in catalogue if message.id}
    assert not fresh - held, f"{language}: run `convene messages`, then translate {sorted(fresh - held)[:10]}"
    assert not missing_entries(catalogue), f"{language}: untranslated or fuzzy: {missing_entries(catalogue)[:10]}"


def _report_catalogue(language: str) -> Catalog:
    with report_catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_report_text_is_translated_in_the_reports_or_the_interface_catalogue(language: str) -> None:
    """Reports' texts take the documents' terms (``reports/locale``), else the interface's."""
    marked = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(PROJECT_ROOT / "reports", REPORT_TEMPLATES, keywords=KEYWORDS)
    }
    translated = {
        str(message.id if isinstance(message.id, str) else message.id[0])
        for catalogue in (_report_catalogue(language), read_catalogue(language))
        for message in catalogue
        if message.id and is_translated(message)
    }
    assert not marked - translated, f"{language}: reports' texts untranslated: {sorted(marked - translated)[:10]}"


@pytest.mark.parametrize("kind", ["interface", "reports"])
@pytest.mark.parametrize("language", TRANSLATED)
def test_each_translation_keeps_the_placeholders(language: str, kind: str) -> None:
    """A translation that drops or renames ``%(name)s`` would fail (or lie) when shown."""
    placeholders = re.compile(r"%\((\w+)\)[sd]")
    wrong = []
    catalogue = read_catalogue(language) if kind == "interface" else _report_catalogue(language)
    for message in catalogue:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(placeholders.findall(text) for text in ids))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            if set(placeholders.findall(form)) - wanted or (not isinstance(message.id, tuple) and
                                                             set(placeholders.findall(form)) != wanted):
                wrong.append((ids[0], form))
    assert not wrong, f"{language}: placeholders changed: {wrong[:5]}"


def test_arabic_counts_take_cldr_s_six_plural_forms() -> None:
    assert read_catalogue("ar").num_plurals == 6
    assert read_catalogue("zh").num_plurals == 1
    assert read_catalogue("ru").num_plurals == 3


def test_texts_dates_and_numbers_follow_the_language() -> None:
    install_catalogues()  # as the app does at start
    with using_locale("fr"):
        assert gettext("Sign in") == "Se connecter"
        assert long_date(date(2020, 8, 31)) == "31 août 2020"
        assert number(1250) == "1\u202f250"
    with using_locale("ru"):
        assert ngettext("%(num)s registration", "%(num)s registrations", 5) == "5 регистраций"
    with using_locale("zh"):
        assert date_span(date(2020, 8, 31), date(2020, 9, 2)) == "2020年8月31日\u2009–\u20099月2日"
    assert long_date(date(2020, 8, 31)) == "31 August 2020"


async def test_the_public_switcher_remembers_the_language_on_the_browser(client: AsyncClient) -> None:
    answer = await client.get("/language", params={"language": "es", "next": "/?page=1"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/?page=1"
    assert f"{LANGUAGE_COOKIE}=es" in answer.headers["set-cookie"]
    page = await client.get("/", headers={"cookie": f"{LANGUAGE_COOKIE}=es"})
    assert '<html lang="es" dir="ltr">' in page.text
    assert 'aria-current="true">Español</button>' in page.text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
async def test_the_switcher_goes_back_only_to_a_page_of_this_site(client: AsyncClient, target: str) -> None:
    answer = await client.get("/language", params={"language": "fr", "next": target}, follow_redirects=False)
    assert answer.headers["location"] == "/"


async def test_the_switcher_refuses_a_language_that_is_not_official(client: AsyncClient) -> None:
    answer = await client.get("/language", params={"language": "de"}, headers={"accept": "text/html"})
    assert answer.status_code == 400
    assert "set-cookie" not in answer.headers or LANGUAGE_COOKIE not in answer.headers["set-cookie"]


async def test_a_signed_in_person_s_choice_follows_them_whatever_the_browser_says(app: Litestar) -> None:
    async with app_client(app, "https://convene.test") as web:
        web.follow_redirects = False
        await make_person("amira@mission.example", Role.DELEGATE, full_name="Ms. Amira Haddad")
        assert (await sign_in(web, "amira@mission.example")).status_code == 303
        chosen = await web.post(
            "/language", data={"language": "ar", "next": "/account", "_csrf_token": await session_csrf(web)}
        )
        assert chosen.status_code == 303 and chosen.headers["location"] == "/account"
        web.cookies.delete(LANGUAGE_COOKIE)  # as on another browser, which prefers Chinese
        page = await web.get("/account", headers={"accept-language": "zh"})
    assert '<html lang="ar" dir="rtl">' in page.text
    assert '<option value="ar" lang="ar" selected>العربية</option>' in page.text
    assert "تسجيل الخروج" in page.text  # "Sign out"


def test_no_compiled_catalogue_is_kept_in_the_repository() -> None:
    assert not list(Path(TEMPLATE.parent).rglob("*.mo"))


async def test_a_missing_page_is_said_in_the_reader_s_language(client: AsyncClient) -> None:
    english = await client.get("/sessions/999999")
    assert english.status_code == 404 and "Session not found" in english.text
    arabic = await client.get("/sessions/999999", headers={"accept-language": "ar"})
    assert arabic.status_code == 404
    assert "غير موجود" in arabic.text and "الدورة غير موجودة" in arabic.text  # "Session not found"
    assert "Session not found" not in arabic.text
