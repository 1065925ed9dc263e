"""A hybrid sitting under way with an agenda item and its list of speakers open, through the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient

from tests.presence.world import World, build_world, scan

PEOPLE = {
    "Austria": ["in_person", "in_person"],
    "Egypt": ["in_person"],
    "Brazil": ["online_speaking", "online_listening"],
    "Andorra": ["in_person"],
}
"""Austria, Egypt and Brazil are States parties; Andorra an observer State."""


@dataclass
class Floor:
    world: World
    list_id: int
    item_id: int

    @property
    def headers(self) -> dict[str, str]:
        return self.world.headers

    def delegation(self, state: str) -> int:
        return self.world.delegations[state]

    def person(self, state: str, index: int = 0) -> dict[str, Any]:
        return self.world.registrations[state][index]


async def open_floor(client: AsyncClient, headers: dict[str, str]) -> Floor:
    world = await build_world(client, headers, PEOPLE)
    item = await client.post(
        f"/api/sessions/{world.session_id}/agenda/items",
        json={"title": "General discussion"},
        headers=headers,
    )
    assert item.status_code == 201, item.text
    opened = await client.post(
        f"/api/sittings/{world.sitting_id}/speaker-lists",
        json={"agenda_item_id": item.json()["items"][-1]["id"]},
        headers=headers,
    )
    assert opened.status_code == 200, opened.text
    return Floor(world, opened.json()["list_id"], item.json()["items"][-1]["id"])


async def ask(client: AsyncClient, floor: Floor, state: str, kind: str = "statement", **fields: Any) -> Any:
    response = await client.post(
        f"/api/speaker-lists/{floor.list_id}/entries",
        json={"delegation_id": floor.delegation(state), "kind": kind} | fields,
        headers=floor.headers,
    )
    return response


async def enter(client: AsyncClient, floor: Floor, state: str) -> None:
    scanned = await client.post(
        f"/api/sittings/{floor.world.sitting_id}/door/scans",
        json=scan(floor.world.badges[state][0]),
        headers=floor.headers,
    )
    assert scanned.json()["outcome"] == "entered", scanned.text


async def version(client: AsyncClient, floor: Floor) -> int:
    return int((await client.get(f"/api/speaker-lists/{floor.list_id}")).json()["version"])


async def act(client: AsyncClient, floor: Floor, path: str, **json: Any) -> Any:
    """A chair's act on the list as it now is."""
    body = {"version": await version(client, floor)} | json
    return await client.post(f"/api/speaker-lists/{floor.list_id}/{path}", json=body, headers=floor.headers)


def order(state: dict[str, Any]) -> list[tuple[str, str]]:
    return [(entry["entity"], entry["kind"]) for entry in state["waiting"]]
