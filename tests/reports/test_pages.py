"""The session's reports page: each viewer gets the download links they may follow."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient


async def test_the_secretariat_sees_every_report_and_the_public_only_a_published_list(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    page = f"/sessions/{session['id']}/reports"
    api = f"/api/sessions/{session['id']}/reports"
    secretariat = (await client.get(page, headers=bodies)).text
    links = ("participants.pdf?version=provisional", "participants.pdf?version=final", "agenda.pdf", "attendance.pdf")
    for link in links:
        assert f'href="{api}/{link}"' in secretariat
    public = await client.get(page)
    assert public.status_code == 200
    assert "has not been published yet" in public.text and ".pdf" not in public.text
    await client.patch(f"/api/sessions/{session['id']}", json={"participants_published": True}, headers=bodies)
    published = (await client.get(page)).text
    assert f'href="{api}/participants.pdf?version=final"' in published and "agenda.pdf" not in published


async def test_the_final_list_is_offered_only_once_the_session_is_over(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    future = await create_session(start_date="2099-12-01", end_date="2099-12-05", symbol_prefix="CAC/COSP/IRG/2099",
                                  parts=[{"body": "IRG", "number": 90}])
    text = (await client.get(f"/sessions/{future['id']}/reports", headers=bodies)).text
    assert "version=provisional" in text and "version=final" not in text
    draft = await create_session(status="draft", parts=[{"body": "IRG", "number": 91}])
    assert (await client.get(f"/sessions/{draft['id']}/reports")).status_code == 404
