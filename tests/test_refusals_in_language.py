"""A refusal reaches the person in their language: in the API's problem details and beside the form.

The services say why they refuse in the language of the request at hand (the
saved preference of the signed-in person, else the browser's), while the field
at fault keeps its API name and the data (an e-mail address) stays as typed.
"""

from __future__ import annotations

import re
from typing import Any

from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.accounts.tables import Account
from tests.delegations.conftest import entity_id, open_delegation, register  # noqa: F401 (fixtures)
from tests.meetings.conftest import bodies, create_session, registry  # noqa: F401 (fixtures)
from tests.web.conftest import BrowserFactory, browser_for, field_error  # noqa: F401 (fixtures)

FOCAL_POINT = "focal@austria.test"


async def _quota_session(create_session: Any) -> dict[str, Any]:
    """A session whose delegations have two in-person places each."""
    return await create_session(
        parts=[{"body": "IRG", "number": 41}],
        start_date="2099-08-31",
        end_date="2099-09-02",
        in_person_quota=2,
    )


async def _speak_in(language: str) -> None:
    await Account.update({Account.language: language}).where(Account.email == FOCAL_POINT)


async def test_the_api_refuses_in_the_focal_point_s_language(
    client: AsyncClient,
    create_session: Any,
    registry: None,
    make_account_headers: Any,
    open_delegation: Any,
    register: Any,
) -> None:
    session = await _quota_session(create_session)
    austria = await make_account_headers(FOCAL_POINT, Role.FOCAL_POINT, await entity_id("Austria"))
    delegation = await open_delegation(session["id"], austria)
    for n in (1, 2):
        await register(delegation["id"], austria, email=f"delegate{n}@austria.test")
    listener = await register(delegation["id"], austria, mode="online_listening")
    twice = {"email": "delegate1@austria.test"}

    english = await register(delegation["id"], austria, **twice)
    assert english.json()["detail"] == (
        "delegate1@austria.test is already registered in this delegation"
    )

    await _speak_in("fr")
    french = await register(delegation["id"], austria, **twice)
    assert french.status_code == 409
    detail = "delegate1@austria.test est déjà inscrit(e) dans cette délégation"
    assert french.json()["detail"] == detail
    assert french.json()["errors"] == [{"field": "email", "message": detail}]

    await _speak_in("ar")
    switch = await client.post(
        f"/api/registrations/{listener.json()['id']}/mode",
        json={"mode": "in_person"},
        headers=austria,
    )
    assert switch.status_code == 409  # two places: Arabic's dual, not a number
    assert switch.json()["detail"] == (
        "يتعذر التحويل: المكانان الحضوريان للوفد مشغولان؛ ويُحتفظ بالمكان الحالي"
    )
    assert switch.json()["errors"][0]["field"] == "mode"


async def test_what_is_missing_is_said_in_the_browser_s_language(client: AsyncClient) -> None:
    english = await client.get("/api/sessions/999999")
    assert english.status_code == 404 and english.json()["detail"] == "Session not found"
    french = await client.get(
        "/api/sessions/999999", headers={"accept-language": "fr-CH, en;q=0.5"}
    )
    assert french.json()["detail"] == "Session introuvable"
    arabic = await client.get("/api/sessions/999999", headers={"accept-language": "ar"})
    assert arabic.json()["detail"] == "الدورة غير موجودة"


async def test_the_page_shows_the_refusal_beside_the_field_in_french(
    browser_for: BrowserFactory, create_session: Any, registry: None
) -> None:
    session = await _quota_session(create_session)
    focal = await browser_for(
        FOCAL_POINT, Role.FOCAL_POINT, await entity_id("Austria"), language="fr"
    )
    opened = await focal.post(f"/focal-point/sessions/{session['id']}/delegation", {})
    delegation = re.search(r"/delegations/(\d+)", opened.headers["location"])
    assert delegation, opened.text
    for n, mode in ((1, "in_person"), (2, "in_person"), (3, "online_listening")):
        person = {"given_name": f"Given{n}", "family_name": f"Family{n}", "mode": mode}
        await focal.post(
            f"/delegations/{delegation.group(1)}/registrations",
            person | {"email": f"person{n}@austria.example"},
        )
    page = (await focal.get(f"/delegations/{delegation.group(1)}")).text
    listener = re.findall(r'href="/registrations/(\d+)"', page)[2]

    refused = await focal.post(f"/registrations/{listener}/mode", {"mode": "in_person"})
    assert refused.status_code == 409 and '<html lang="fr"' in refused.text
    assert field_error(refused.text, "m-mode") == (
        "Changement impossible : les 2 places en personne de la délégation sont toutes "
        "occupées ; la place actuelle est conservée"
    )
