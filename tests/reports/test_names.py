"""Each person's name printed in their own order: stored with the registration, defaulted from the letters."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.delegations.conftest import austria, open_delegation, person, register, session  # noqa: F401 (fixtures)
from tests.reports.conftest import pdf_text
from tests.reports.test_participants import assert_in_order, url

NAMES = [
    # given name, family name, order stated at registration (None: not stated), stored order, as printed
    ("Thị Hương", "Nguyễn", None, "family_first", "NGUYỄN Thị Hương"),
    ("Zoltán", "Nagy", "family_first", "family_first", "NAGY Zoltán"),  # Hungarian letters alone do not tell
    ("Ferenc", "Gyűrűs", None, "family_first", "GYŰRŰS Ferenc"),
    ("小明", "王", None, "family_first", "王小明"),
    ("Minh", "Đặng", "given_first", "given_first", "Minh ĐẶNG"),  # the person's own choice wins
    ("Gregor", "Koessler", None, "given_first", "Gregor KOESSLER"),
    ("Иван", "Петров", None, "given_first", "Иван ПЕТРОВ"),
]


async def test_the_order_of_names_is_stored_per_person_and_the_list_prints_it(
    client: AsyncClient, session: dict[str, Any], austria: dict[str, str], bodies: dict[str, str],
    open_delegation: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    for given, family, stated, stored, _ in NAMES:
        fields = person("online_listening", given_name=given, family_name=family) | ({"name_order": stated} if stated else {})
        response = await client.post(f"/api/delegations/{delegation['id']}/registrations", json=fields,
                                     headers=austria)
        assert response.status_code == 201, response.text
        assert response.json()["name_order"] == stored, (given, family)
        approved = await client.post(f"/api/registrations/{response.json()['id']}/approval", headers=bodies)
        assert approved.status_code == 200, approved.text
    text = " ".join(pdf_text((await client.get(url(session["id"]), headers=bodies)).content).split())
    for *_, printed in NAMES:
        assert printed in text


async def test_the_order_can_be_corrected_and_a_wrong_order_is_refused_naming_the_field(
    client: AsyncClient, session: dict[str, Any], austria: dict[str, str], bodies: dict[str, str],
    open_delegation: Any, register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    registration = (await register(delegation["id"], austria, given_name="Zoltán", family_name="Nagy")).json()
    assert registration["name_order"] == "given_first"
    wrong = await register(delegation["id"], austria, name_order="family_last")
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "name_order", wrong.text
    corrected = await client.patch(f"/api/registrations/{registration['id']}", json={"name_order": "family_first"},
                                   headers=austria)
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["name_order"] == "family_first"
    await client.post(f"/api/registrations/{registration['id']}/approval", headers=bodies)
    text = " ".join(pdf_text((await client.get(url(session["id"]), headers=bodies)).content).split())
    assert_in_order(text, ["Austria", "NAGY Zoltán"])
