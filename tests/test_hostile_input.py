"""Input meant to break the server gets a 4xx naming what is wrong, never a 500."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient


async def test_json_nested_thousands_deep_is_refused_as_bad_input(
    client: AsyncTestClient[Litestar], secretariat: dict[str, str]
) -> None:
    depth = 20_000
    body = b'{"code":' * depth + b'"IRG"' + b"}" * depth
    answer = await client.post(
        "/api/bodies", content=body, headers=secretariat | {"content-type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["errors"] == [{"field": "body", "message": "The JSON body is nested too deeply"}]


async def test_a_page_number_beyond_any_list_is_refused_naming_the_parameter(
    client: AsyncTestClient[Litestar],
) -> None:
    answer = await client.get("/api/sessions", params={"page": str(10**20)})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "page"
    assert (await client.get("/api/sessions", params={"page": "1000000"})).status_code == 200


async def test_a_control_character_in_the_url_is_refused_before_anything_reads_it(
    client: AsyncTestClient[Litestar], secretariat: dict[str, str]
) -> None:
    for url, field in (
        ("/api/sessions?body=%00IRG", "body"),
        ("/api/sessions?year=2020&q%0A=1", "q"),
        ("/?format=hy%1Bbrid", "format"),
        ("/calendar/personal/feed%00token/sittings.ics", "path"),
    ):
        answer = await client.get(url, headers=secretariat)
        assert answer.status_code == 400, url
        assert answer.json()["errors"] == [{"field": field, "message": "Control characters are not allowed"}]
    assert (await client.get("/api/sessions?body=IRG%20WG", headers=secretariat)).status_code == 200
