"""The secretariat schedules sessions; the public sees what is published."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.meetings.conftest import session_fields


async def test_a_joint_session_gets_its_title_from_both_bodies(
    client: AsyncClient, create_session: Any
) -> None:
    session = await create_session(
        parts=[
            {"body": "IRG", "kind": "resumed", "number": 11, "resumption": 1},
            {"body": "WGP", "number": 11},
        ]
    )
    assert session["title"] == (
        "First resumed eleventh session of the Implementation Review Group"
        " and eleventh session of the Working Group on the Prevention of Corruption"
    )
    assert session["is_joint"] is True
    # A joint session admits only what every one of its bodies admits: the IRG admits no NGOs.
    assert "ngo" not in session["admitted_categories"]


async def test_a_hybrid_session_defaults_to_two_in_person_places_per_delegation(
    create_session: Any,
) -> None:
    session = await create_session()
    assert session["in_person_quota"] == 2
    assert session["online_speaking_quota"] == 2


async def test_an_online_session_has_no_in_person_places(
    client: AsyncClient, bodies: dict[str, str]
) -> None:
    response = await client.post(
        "/api/sessions", json=session_fields(format="online", in_person_quota=3), headers=bodies
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "in_person_quota"
    created = await client.post(
        "/api/sessions", json=session_fields(format="online"), headers=bodies
    )
    assert created.json()["in_person_quota"] == 0


async def test_invalid_sessions_are_refused_naming_the_field(
    client: AsyncClient, bodies: dict[str, str]
) -> None:
    cases = {
        "end_date": session_fields(end_date="2020-08-30"),
        "timezone": session_fields(timezone="Vienna/Austria"),
        "parts[0].resumption": session_fields(
            parts=[{"body": "IRG", "kind": "resumed", "number": 11}]
        ),
        "parts[0].number": session_fields(parts=[{"body": "IRG", "kind": "regular"}]),
        "parts[0].body": session_fields(parts=[{"body": "XYZ", "number": 1}]),
        "parts[1].body": session_fields(
            parts=[{"body": "IRG", "number": 1}, {"body": "IRG", "number": 2}]
        ),
    }
    for field, body in cases.items():
        response = await client.post("/api/sessions", json=body, headers=bodies)
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["field"] == field


async def test_a_malformed_body_is_a_400_naming_the_field(
    client: AsyncClient, bodies: dict[str, str]
) -> None:
    response = await client.post(
        "/api/sessions", json=session_fields(start_date="31 August"), headers=bodies
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "start_date"
    broken = await client.post(
        "/api/sessions", content=b"{not json", headers=bodies | {"content-type": "application/json"}
    )
    assert broken.status_code == 400
    assert broken.headers["content-type"].startswith("application/problem+json")


async def test_a_body_cannot_hold_the_same_session_twice(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    await create_session()
    response = await client.post(
        "/api/sessions",
        json=session_fields(start_date="2021-01-04", end_date="2021-01-05"),
        headers=bodies,
    )
    assert response.status_code == 409
    assert (
        response.json()["detail"]
        == "The eleventh session of the Implementation Review Group already exists"
    )
    resumed = session_fields(
        parts=[{"body": "IRG", "kind": "resumed", "number": 11, "resumption": 1}]
    )
    assert (await client.post("/api/sessions", json=resumed, headers=bodies)).status_code == 201


async def test_drafts_are_the_secretariats_alone(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    draft = await create_session(status="draft")
    assert (await client.get(f"/api/sessions/{draft['id']}")).status_code == 404
    assert (await client.get(f"/api/sessions/{draft['id']}", headers=bodies)).status_code == 200
    assert (await client.get("/api/sessions")).json()["total"] == 0
    await client.patch(f"/api/sessions/{draft['id']}", json={"status": "scheduled"}, headers=bodies)
    assert (await client.get(f"/api/sessions/{draft['id']}")).status_code == 200


async def test_the_join_link_is_never_shown_to_the_public(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session(
        platform_name="Interprefy", join_link="https://join.example.org/irg11"
    )
    public = (await client.get(f"/api/sessions/{session['id']}")).json()
    assert public["join_link"] is None
    assert public["platform_name"] == "Interprefy"
    private = (await client.get(f"/api/sessions/{session['id']}", headers=bodies)).json()
    assert private["join_link"] == "https://join.example.org/irg11"


async def test_only_the_secretariat_writes(
    client: AsyncClient, create_session: Any, make_account_headers: Any
) -> None:
    session = await create_session()
    anonymous = await client.patch(f"/api/sessions/{session['id']}", json={"city": "Geneva"})
    assert anonymous.status_code == 401
    focal_point = await make_account_headers(
        "mission@austria.test",
        __import__("convene.accounts.roles", fromlist=["Role"]).Role.FOCAL_POINT,
    )
    refused = await client.patch(
        f"/api/sessions/{session['id']}", json={"city": "Geneva"}, headers=focal_point
    )
    assert refused.status_code == 403


async def test_status_moves_only_forward(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    concluded = await client.patch(
        f"/api/sessions/{session['id']}", json={"status": "concluded"}, headers=bodies
    )
    assert concluded.status_code == 200
    back = await client.patch(
        f"/api/sessions/{session['id']}", json={"status": "scheduled"}, headers=bodies
    )
    assert back.status_code == 409
    assert back.json()["errors"][0]["field"] == "status"


async def test_sessions_filter_by_time_body_format_and_status(
    client: AsyncClient, create_session: Any
) -> None:
    await create_session()  # past, hybrid, IRG
    await create_session(
        parts=[{"body": "WGP", "number": 20}],
        start_date="2099-06-01",
        end_date="2099-06-03",
        format="online",
    )
    await create_session(
        parts=[{"body": "COSP", "number": 30}],
        start_date="2099-12-01",
        end_date="2099-12-05",
        format="in_person",
        status="draft",
    )

    async def titles(**params: Any) -> list[str]:
        response = await client.get("/api/sessions", params=params)
        assert response.status_code == 200, response.text
        return [item["title"] for item in response.json()["items"]]

    assert await titles(when="upcoming") == [
        "Twentieth session of the Working Group on the Prevention of Corruption"
    ]
    assert await titles(when="past") == ["Eleventh session of the Implementation Review Group"]
    assert await titles(body="IRG") == ["Eleventh session of the Implementation Review Group"]
    assert await titles(format="online") == [
        "Twentieth session of the Working Group on the Prevention of Corruption"
    ]
    assert await titles(status="draft") == []
    assert len(await titles(year=2099)) == 1
    page = (await client.get("/api/sessions", params={"per_page": 1, "page": 2})).json()
    assert page["total"] == 2 and len(page["items"]) == 1
    assert (await client.get("/api/sessions", params={"when": "someday"})).status_code == 400


async def test_only_drafts_can_be_deleted(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    scheduled = await create_session()
    assert (
        await client.delete(f"/api/sessions/{scheduled['id']}", headers=bodies)
    ).status_code == 409
    draft = await create_session(parts=[{"body": "WGP", "number": 3}], status="draft")
    assert (await client.delete(f"/api/sessions/{draft['id']}", headers=bodies)).status_code == 204
