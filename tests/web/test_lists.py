"""Long lists, as the secretariat and an integration use them (issue 18): a page at a time,
sorted and searched by the server, with an ETag; every registration matching a filter decided
at once; who has registered; and the audit log showing only what changed."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.delegations.conftest import kenya  # noqa: F401 (fixture)
from tests.web.conftest import Browser, field_error, text_of


async def _delegations(
    session: dict[str, Any], open_delegation: Any, *focal_points: dict[str, str]
) -> list[int]:
    return [(await open_delegation(session["id"], headers))["id"] for headers in focal_points]


async def test_the_api_gives_the_queue_a_page_at_a_time_sorted_searched_and_with_an_etag(
    client: AsyncClient,
    session: dict[str, Any],
    bodies: dict[str, str],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    [delegation] = await _delegations(session, open_delegation, austria)
    for family in ("Gruber", "Berger", "Wimmer"):
        await register(delegation, austria, family_name=family, mode="online_listening")
    queue = f"/api/sessions/{session['id']}/registrations"

    first = await client.get(queue, params={"per_page": 2, "sort": "name"}, headers=bodies)
    assert first.status_code == 200
    listed = first.json()
    assert (listed["total"], listed["page"], listed["per_page"]) == (3, 1, 2)
    assert [r["family_name"] for r in listed["items"]] == ["Berger", "Gruber"]
    second = await client.get(
        queue, params={"per_page": 2, "sort": "name", "page": 2}, headers=bodies
    )
    assert [r["family_name"] for r in second.json()["items"]] == ["Wimmer"]
    newest = await client.get(queue, params={"sort": "-registered"}, headers=bodies)
    assert [r["family_name"] for r in newest.json()["items"]] == ["Wimmer", "Berger", "Gruber"]

    misspelt = await client.get(queue, params={"q": "Gruuber"}, headers=bodies)
    assert [r["family_name"] for r in misspelt.json()["items"]] == ["Gruber"]

    etag = first.headers["etag"]
    held = await client.get(
        queue, params={"per_page": 2, "sort": "name"}, headers=bodies | {"If-None-Match": etag}
    )
    assert held.status_code == 304 and held.content == b""
    await register(delegation, austria, family_name="Aigner", mode="online_listening")
    changed = await client.get(
        queue, params={"per_page": 2, "sort": "name"}, headers=bodies | {"If-None-Match": etag}
    )
    assert changed.status_code == 200 and changed.json()["items"][0]["family_name"] == "Aigner"

    for wrong in ({"per_page": 500}, {"sort": "salary"}, {"page": 0}):
        refused = await client.get(queue, params=wrong, headers=bodies)
        assert refused.status_code == 400, (wrong, refused.text)
    document = (await client.get("/schema/openapi.json")).json()
    route = document["paths"]["/api/sessions/{session_id}/registrations"]["get"]
    assert {"page", "per_page", "sort", "q"} <= {p["name"] for p in route["parameters"]}
    assert "ETag" in route["responses"]["200"]["headers"]


async def test_approving_all_matching_a_filter_decides_those_matching_when_it_is_sent(
    officer: Browser,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],  # noqa: F811 (fixture)
    open_delegation: Any,
    register: Any,
) -> None:
    austrian, kenyan = await _delegations(session, open_delegation, austria, kenya)
    for _ in range(2):
        await register(kenyan, kenya, mode="online_listening")
    await register(austrian, austria, mode="online_listening")
    base = f"/secretariat/sessions/{session['id']}/registrations"
    african = {"regional_group": "african", "status": "submitted"}
    shown = text_of((await officer.get(base, **african)).text)
    assert "All 2 registrations matching these filters" in shown

    late = (await register(kenyan, kenya, mode="online_listening")).json()  # after the page
    decided = await officer.post(
        f"{base}/decisions", african | {"scope": "matching", "decision": "approve"}
    )
    assert decided.status_code == 303, decided.text
    outcome = text_of((await officer.client.get(decided.headers["location"])).text)
    assert "3 registrations approved" in outcome
    assert "0 registrations" in outcome  # none of the group awaits any more
    austrians = text_of((await officer.get(base, delegation="austria", status="submitted")).text)
    assert "1 registration" in austrians  # the other group's stays as it was
    assert late["id"]

    nothing = await officer.post(
        f"{base}/decisions", african | {"scope": "matching", "decision": "approve"}
    )
    assert nothing.status_code == 400
    assert "No registration matches these filters" in text_of(nothing.text)


async def test_who_has_registered_shows_every_admitted_entity_and_its_counts(
    officer: Browser,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    [delegation] = await _delegations(session, open_delegation, austria)
    await register(delegation, austria, mode="online_listening")
    await register(delegation, austria, mode="online_speaking")
    page = f"/secretariat/sessions/{session['id']}/entities"

    austria_row = text_of((await officer.get(page, q="Austria")).text)
    assert "1 entity" in austria_row
    # in person, online, registered, awaiting, approved, waitlisted
    assert "Austria Western European and other States 0 2 2 2 0 0" in austria_row
    without = text_of(
        (await officer.get(page, regional_group="african", delegation="without")).text
    )
    assert "Kenya (no delegation)" in without and "Austria" not in without.split("At a glance")[1]
    assert "Western European and other States 1 of" in austria_row


async def test_the_audit_log_shows_only_what_changed_and_filters_by_person_and_object(
    officer: Browser,
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    [delegation] = await _delegations(session, open_delegation, austria)
    registration = (await register(delegation, austria, mode="online_listening")).json()
    await client.post(f"/api/registrations/{registration['id']}/approval", headers=bodies)

    log = text_of(
        (
            await officer.get(
                "/secretariat/audit", object_type="registration", object_id=registration["id"]
            )
        ).text
    )
    approved = log.split("registration.approved")[1].split("registration.")[0]
    assert "status : submitted → approved" in approved
    assert "given_name" not in approved and "honorific" not in approved  # unchanged: not shown

    by_person = text_of((await officer.get("/secretariat/audit", person="nobody such")).text)
    assert "0 changes, newest first" in by_person


async def test_a_state_is_typed_by_its_name_not_picked_from_a_drop_down_of_two_hundred(
    officer: Browser, session: dict[str, Any]
) -> None:
    base = f"/secretariat/sessions/{session['id']}"
    form = (await officer.get(f"{base}/officers")).text
    assert 'list="state-names"' in form and "<option value=\"Austria\">" in form
    unknown = await officer.post(
        f"{base}/officers", {"role": "chair", "name": "A. Person", "entity_id": "Atlantis"}
    )
    assert unknown.status_code == 400
    assert field_error(unknown.text, "entity_id") == (
        "No entity is called “Atlantis”: choose one from the list"
    )
    chair = {"role": "chair", "name": "Harib Saeed Al Amimi", "entity_id": "united arab emirates"}
    assert (await officer.post(f"{base}/officers", chair)).status_code == 303
    assert "United Arab Emirates" in text_of((await officer.get(f"{base}/officers")).text)

    opened = await officer.post(f"{base}/delegations", {"entity_id": "Kenya"})
    assert opened.status_code == 303, opened.text
    delegation = text_of((await officer.get(opened.headers["location"])).text)
    assert "Delegation of Kenya" in delegation
