"""Each request is answered in one of the six official languages, chosen per request."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient

from convene.languages import LANGUAGE_COOKIE, accepted_locale, cookie_locale
from convene.translation import current_locale, using_locale


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("de-DE,de;q=0.9,fr;q=0.5", "fr"),
        ("AR-eg", "ar"),
        ("fr-CA;q=0.3, es;q=0.4", "es"),
        ("en;q=0, ru", "ru"),
        ("es-419", "es"),
        ("de", None),
        ("*", None),
        ("", None),
        ("fr;q=nonsense", None),
    ],
)
def test_the_browser_s_language_is_the_first_official_one_it_accepts(header: str, language: str | None) -> None:
    assert accepted_locale(header) == language


def test_the_switcher_s_cookie_names_only_an_official_language() -> None:
    assert cookie_locale(f"a=b; {LANGUAGE_COOKIE}=ru") == "ru"
    assert cookie_locale(f"{LANGUAGE_COOKIE}=de") is None


async def test_two_requests_at_once_keep_their_own_language() -> None:
    async def answer(locale: str) -> str:
        with using_locale(locale):
            await asyncio.sleep(0.01)  # the other request runs meanwhile
            return current_locale()

    assert await asyncio.gather(answer("ar"), answer("zh")) == ["ar", "zh"]
    assert current_locale() == "en"


async def test_a_page_says_its_language_and_direction(client: AsyncClient) -> None:
    english = await client.get("/")
    assert '<html lang="en" dir="ltr">' in english.text
    arabic = await client.get("/", headers={"accept-language": "ar"})
    assert '<html lang="ar" dir="rtl">' in arabic.text
    chosen = await client.get("/", headers={"accept-language": "ar", "cookie": f"{LANGUAGE_COOKIE}=fr"})
    assert '<html lang="fr" dir="ltr">' in chosen.text


async def test_a_public_page_is_kept_apart_per_language(client: AsyncClient) -> None:
    english = await client.get("/")
    russian = await client.get("/", headers={"accept-language": "ru", "if-none-match": english.headers["etag"]})
    assert russian.status_code == 200 and '<html lang="ru"' in russian.text
    assert russian.headers["etag"] != english.headers["etag"]
    again = await client.get("/")  # answered from memory: still English
    assert '<html lang="en"' in again.text
