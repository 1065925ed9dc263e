"""A report whose data has not changed is served from the cache; any change lays out a new PDF."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx import AsyncClient

from convene.reports import services
from convene.reports.cache import ReportCache
from convene.settings import Settings
from tests.reports.conftest import add_delegation, pdf_text, person
from tests.reports.test_participants import COSP


async def test_unchanged_data_is_served_from_the_cache_and_a_change_makes_a_new_pdf(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str],
    settings: Settings, monkeypatch: pytest.MonkeyPatch,
) -> None:
    renders: list[str] = []
    real_render = services.render_pdf
    def counted_render(template: str, report: Any) -> Any:
        renders.append(template)
        return real_render(template, report)

    monkeypatch.setattr(services, "render_pdf", counted_render)
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    url = f"/api/sessions/{session['id']}/reports/participants.pdf"

    first = await client.get(url, headers=bodies)
    again = await client.get(url, headers=bodies)
    assert (first.headers["x-report-cache"], again.headers["x-report-cache"]) == ("miss", "hit")
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert renders == ["participants.html"]
    unchanged = await client.get(url, headers=bodies | {"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""

    await add_delegation(session["id"], "Brazil", [person("Bruno", "Souza")])
    changed = await client.get(url, headers=bodies)
    assert changed.headers["x-report-cache"] == "miss"
    assert changed.headers["etag"] != first.headers["etag"] and changed.content != first.content
    assert "Bruno SOUZA" in pdf_text(changed.content)
    assert len(renders) == 2
    cached = list((settings.var_dir / "reports").glob("session-*-participants-provisional-*.pdf"))
    digest = changed.headers["etag"].strip('"')
    assert [path.name for path in cached] == [f"session-{session['id']}-participants-provisional-{digest}.pdf"]

    venue = {"venue_name": "Austria Center Vienna"}
    moved = await client.patch(f"/api/sessions/{session['id']}", json=venue, headers=bodies)
    assert moved.status_code == 200, moved.text
    relocated = await client.get(url, headers=bodies)
    assert relocated.headers["x-report-cache"] == "miss"
    assert "Austria Center Vienna" in pdf_text(relocated.content)


async def test_each_report_and_version_is_cached_on_its_own(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str], settings: Settings
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    base = f"/api/sessions/{session['id']}/reports"
    paths = ("participants.pdf?version=provisional", "participants.pdf?version=final", "agenda.pdf", "attendance.pdf")
    for path in paths:
        assert (await client.get(f"{base}/{path}", headers=bodies)).headers["x-report-cache"] == "miss"
        assert (await client.get(f"{base}/{path}", headers=bodies)).headers["x-report-cache"] == "hit"
    names = sorted(path.name.rsplit("-", 1)[0] for path in Path(settings.var_dir / "reports").glob("*.pdf"))
    assert names == [f"session-{session['id']}-{kind}" for kind in
                     ("agenda", "attendance", "participants-final", "participants-provisional")]


async def test_requests_arriving_together_lay_a_missing_report_out_once(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str],
    live_server: str,
) -> None:
    """Six requests for a report not yet built, on a real server with two workers: one layout."""
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    url = f"/api/sessions/{session['id']}/reports/attendance.pdf"

    async with httpx.AsyncClient(base_url=live_server, headers=bodies, timeout=120) as together:
        answers = await asyncio.gather(*(together.get(url) for _ in range(6)))
    assert [answer.status_code for answer in answers] == [200] * 6
    assert sorted(answer.headers["x-report-cache"] for answer in answers) == ["hit"] * 5 + ["miss"]
    assert len({answer.content for answer in answers}) == 1


async def test_a_report_being_laid_out_on_another_machine_is_waited_for_and_read_not_laid_out_again(
    client: AsyncTestClient, create_session: Any, registry: None, bodies: dict[str, str],
    settings: Settings, live_server: str,
) -> None:
    """The test plays another machine sharing the database (and, here, the cache directory): it holds
    the report's build lock as that machine would (an advisory lock on PostgreSQL, the file lock on
    SQLite), and the server's request waits for it, then serves the PDF that machine wrote."""
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    url = f"/api/sessions/{session['id']}/reports/attendance.pdf"
    name = f"session-{session['id']}-attendance"
    cache = ReportCache(settings.var_dir / "reports")
    elsewhere = b"%PDF-1.7 laid out on another machine"

    async with httpx.AsyncClient(base_url=live_server, headers=bodies, timeout=120) as server:
        digest = (await server.get(url)).headers["etag"].strip('"')
        for built in cache.directory.glob(f"{name}-*.pdf"):
            built.unlink()  # as on a machine that has not laid it out yet
        async with cache.building(name):
            waiting = asyncio.create_task(server.get(url))
            await asyncio.sleep(2)
            assert not waiting.done(), "the server answered while another machine was laying the report out"
            cache.put(name, digest, elsewhere)
        answer = await waiting
    assert answer.status_code == 200
    assert (answer.headers["x-report-cache"], answer.content) == ("hit", elsewhere)
