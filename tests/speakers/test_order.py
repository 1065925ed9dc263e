"""The list's order: precedence classes, then time of inscription; points of order at once;
rights of reply at the end, two at most; the chair moves entries, the audit log keeps it."""

from __future__ import annotations

from httpx import AsyncClient

from tests.speakers.world import act, ask, enter, open_floor, order


async def test_groups_speak_first_then_parties_then_observers_each_in_the_order_they_asked(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    await ask(client, floor, "Andorra")
    await ask(client, floor, "Austria")
    group = await ask(
        client, floor, "Egypt", "group_statement", on_behalf_of="the Group of African States"
    )
    assert group.status_code == 201, group.text
    state = (await ask(client, floor, "Brazil")).json()
    assert order(state) == [
        ("Egypt", "group_statement"),
        ("Austria", "statement"),
        ("Brazil", "statement"),
        ("Andorra", "statement"),
    ]
    assert [entry["limit_seconds"] for entry in state["waiting"]] == [300, 300, 300, 180]
    assert state["waiting"][0]["on_behalf_of"] == "the Group of African States"

    twice = await ask(client, floor, "Austria")
    assert twice.status_code == 409
    assert "already on the list" in twice.json()["detail"]
    nobody = await ask(client, floor, "Egypt", "group_statement")
    assert nobody.status_code == 422 and nobody.json()["errors"][0]["field"] == "on_behalf_of"


async def test_a_point_of_order_goes_to_the_top_even_when_the_list_is_closed(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    await ask(client, floor, "Austria")
    closed = await act(client, floor, "closing")
    assert closed.json()["status"] == "closed"
    late = await ask(client, floor, "Brazil")
    assert late.status_code == 409 and "closed" in late.json()["detail"]
    point = await ask(client, floor, "Egypt", "point_of_order")
    assert point.status_code == 201, point.text
    reply = await ask(client, floor, "Brazil", "right_of_reply")
    assert order(reply.json()) == [
        ("Egypt", "point_of_order"),
        ("Austria", "statement"),
        ("Brazil", "right_of_reply"),
    ]


async def test_two_rights_of_reply_per_delegation_and_item_five_minutes_then_three(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    await enter(client, floor, "Austria")
    await ask(client, floor, "Austria", "right_of_reply")
    await ask(client, floor, "Egypt")
    first = (await client.get(f"/api/speaker-lists/{floor.list_id}")).json()
    assert [(e["entity"], e["reply_number"], e["limit_seconds"]) for e in first["waiting"]] == [
        ("Egypt", 0, 300),
        ("Austria", 1, 300),
    ]
    again = await ask(client, floor, "Austria", "right_of_reply")
    assert again.status_code == 409 and "already on the list" in again.json()["detail"]
    called = await act(client, floor, "call", entry_id=first["waiting"][1]["id"])
    assert called.json()["state"]["current"]["reply_number"] == 1
    second = (await ask(client, floor, "Austria", "right_of_reply")).json()
    assert [(e["entity"], e["reply_number"], e["limit_seconds"]) for e in second["waiting"]] == [
        ("Egypt", 0, 300),
        ("Austria", 2, 180),
    ]
    await act(client, floor, "call", entry_id=second["waiting"][1]["id"])
    third = await ask(client, floor, "Austria", "right_of_reply")
    assert third.status_code == 409 and "two rights of reply" in third.json()["detail"]


async def test_the_body_sets_limits_and_an_item_overrides_them(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    body = await client.put(
        "/api/bodies/IRG/speaking-times",
        json={"statement": 240, "observer_statement": 120},
        headers=bodies,
    )
    assert body.status_code == 200 and body.json()["source"] == "body"
    await ask(client, floor, "Austria")
    item = await client.put(
        f"/api/agenda-items/{floor.item_id}/speaking-times",
        json={"observer_statement": 90},
        headers=bodies,
    )
    assert item.json()["source"] == "agenda_item"
    state = (await ask(client, floor, "Andorra")).json()
    assert [(e["entity"], e["limit_seconds"]) for e in state["waiting"]] == [
        ("Austria", 240),
        ("Andorra", 90),
    ]
    wrong = await client.put(
        "/api/bodies/IRG/speaking-times", json={"precedence": ["ngo"]}, headers=bodies
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "precedence"


async def test_the_chair_moves_and_withdraws_entries_and_the_audit_log_keeps_each_change(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    for state in ("Austria", "Egypt", "Brazil"):
        await ask(client, floor, state)
    listed = (await client.get(f"/api/speaker-lists/{floor.list_id}")).json()
    brazil = listed["waiting"][2]["id"]
    moved = await act(client, floor, f"entries/{brazil}/position", position=1)
    assert [e["entity"] for e in moved.json()["waiting"]] == ["Brazil", "Austria", "Egypt"]
    austria = moved.json()["waiting"][1]["id"]
    withdrawn = await act(client, floor, f"entries/{austria}/withdrawal")
    assert [e["entity"] for e in withdrawn.json()["waiting"]] == ["Brazil", "Egypt"]
    audit = await client.get("/api/audit", params={"object_type": "speaker_list"}, headers=bodies)
    assert audit.status_code == 200, audit.text
    actions = [entry["action"] for entry in audit.json()["items"]]
    assert "speakers.moved" in actions and "speakers.withdrawn" in actions
    move = next(e for e in audit.json()["items"] if e["action"] == "speakers.moved")
    assert {k: move["after"][k] for k in ("delegation", "from", "to")} == {
        "delegation": "Brazil",
        "from": 3,
        "to": 1,
    }
