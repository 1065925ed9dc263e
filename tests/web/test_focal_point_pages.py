"""A focal point's pages: open the delegation, register its members, see the places, manage each person."""

from __future__ import annotations

import re
from typing import Any

from convene.accounts.roles import Role
from convene.delegations.tables import Registration

from tests.web.conftest import Browser, BrowserFactory, entity, field_error, text_of


def _delegate(n: int, mode: str = "in_person", **fields: str) -> dict[str, str]:
    return {
        "honorific": "Ms.",
        "given_name": f"Given{n}",
        "family_name": f"Family{n}",
        "email": f"person{n}@austria.example",
        "mode": mode,
    } | fields


async def _open(focal: Browser, session_id: int) -> int:
    answer = await focal.post(
        f"/focal-point/sessions/{session_id}/delegation",
        {"credentials_reference": "Note verbale NV/2099/12"},
    )
    assert answer.status_code == 303, answer.text
    found = re.fullmatch(
        r"/delegations/(\d+)\?notice=delegation-opened", answer.headers["location"]
    )
    assert found, answer.headers["location"]
    return int(found.group(1))


async def test_the_home_page_lists_sessions_open_to_the_entity(
    austria_focal: Browser, session: dict[str, Any]
) -> None:
    page = text_of((await austria_focal.get("/focal-point")).text)
    assert "Fortieth session of the Implementation Review Group" in page
    assert "Registration is open" in page
    assert "Open the delegation" in page
    delegation_id = await _open(austria_focal, session["id"])
    page = text_of((await austria_focal.get("/focal-point")).text)
    assert "Manage the delegation" in page and "0 persons registered" in page
    opened = text_of(
        (await austria_focal.get(f"/delegations/{delegation_id}", notice="delegation-opened")).text
    )
    assert "The delegation is open: you can now register its members." in opened
    assert (
        "0 of 2 in-person places used" in opened and "0 of 2 online speaking places used" in opened
    )


async def test_a_third_in_person_delegate_waits_for_a_place(
    austria_focal: Browser, session: dict[str, Any]
) -> None:
    delegation_id = await _open(austria_focal, session["id"])
    notices = []
    for n in (1, 2, 3):
        answer = await austria_focal.post(
            f"/delegations/{delegation_id}/registrations", _delegate(n)
        )
        assert answer.status_code == 303, answer.text
        notices.append(answer.headers["location"].split("notice=")[1])
    assert notices == ["delegate-added", "delegate-added", "delegate-waitlisted"]
    page = text_of((await austria_focal.get(f"/delegations/{delegation_id}")).text)
    assert "2 of 2 in-person places used" in page
    assert "Ms. Given3 Family3" in page and "Waitlisted: number 1 on the waiting list" in page


async def test_mistakes_are_shown_beside_the_field_that_caused_them(
    austria_focal: Browser, session: dict[str, Any]
) -> None:
    delegation_id = await _open(austria_focal, session["id"])
    missing = await austria_focal.post(
        f"/delegations/{delegation_id}/registrations", _delegate(1, email="")
    )
    assert missing.status_code == 400
    assert field_error(missing.text, "r-email") == "Enter the e-mail address"
    assert 'value="Given1"' in missing.text, "what was typed is kept"

    await austria_focal.post(
        f"/delegations/{delegation_id}/registrations", _delegate(1, is_head="on")
    )
    twice = await austria_focal.post(f"/delegations/{delegation_id}/registrations", _delegate(1))
    assert twice.status_code == 409
    assert (
        field_error(twice.text, "r-email")
        == "person1@austria.example is already registered in this delegation"
    )
    second_head = await austria_focal.post(
        f"/delegations/{delegation_id}/registrations", _delegate(2, is_head="on")
    )
    assert (
        field_error(second_head.text, "r-is_head") == "Given1 Family1 already heads this delegation"
    )


async def test_switch_substitute_and_cancel_keep_to_the_places(
    austria_focal: Browser, session: dict[str, Any]
) -> None:
    delegation_id = await _open(austria_focal, session["id"])
    for n, mode in ((1, "in_person"), (2, "in_person"), (3, "online_listening")):
        await austria_focal.post(f"/delegations/{delegation_id}/registrations", _delegate(n, mode))
    page = (await austria_focal.get(f"/delegations/{delegation_id}")).text
    ids = [int(i) for i in re.findall(r'href="/registrations/(\d+)"', page)]
    listener = ids[2]

    refused = await austria_focal.post(f"/registrations/{listener}/mode", {"mode": "in_person"})
    assert refused.status_code == 409
    assert field_error(refused.text, "m-mode").startswith("Cannot switch: all 2 in-person places")

    switched = await austria_focal.post(
        f"/registrations/{listener}/mode", {"mode": "online_speaking"}
    )
    assert switched.headers["location"] == f"/delegations/{delegation_id}?notice=mode-switched"
    substituted = await austria_focal.post(
        f"/registrations/{ids[0]}/substitution",
        {"given_name": "Nina", "family_name": "Novak", "email": "nina@austria.example"},
    )
    assert substituted.status_code == 303
    asked = await austria_focal.post(f"/registrations/{ids[1]}/cancellation")
    assert asked.status_code == 200 and "Cancel the registration of Ms. Given2 Family2?" in text_of(
        asked.text
    )
    cancelled = await austria_focal.post(
        f"/registrations/{ids[1]}/cancellation", {"confirmed": "yes"}
    )
    assert cancelled.status_code == 303
    page = text_of((await austria_focal.get(f"/delegations/{delegation_id}")).text)
    assert "Nina Novak" in page and "Given1" not in page
    assert "1 of 2 in-person places used" in page and "1 of 2 online speaking places used" in page
    edit = await austria_focal.get(f"/registrations/{ids[0]}")
    assert edit.status_code == 200 and "Send someone else instead" in edit.text


async def test_only_the_entitys_focal_point_reaches_its_delegation(
    browser_for: BrowserFactory, austria_focal: Browser, session: dict[str, Any]
) -> None:
    delegation_id = await _open(austria_focal, session["id"])
    kenya = await browser_for("focal@kenya.example", Role.FOCAL_POINT, await entity("Kenya"))
    assert (await kenya.get(f"/delegations/{delegation_id}")).status_code == 404
    posted = await kenya.post(f"/delegations/{delegation_id}/registrations", _delegate(9))
    assert posted.status_code == 404
    delegate = await browser_for("d@austria.example", Role.DELEGATE, await entity("Austria"))
    refused = await delegate.get("/focal-point")
    assert (
        refused.status_code == 403
        and "These pages are for the focal points of delegations" in refused.text
    )
    public = await browser_for()
    answer = await public.get(f"/delegations/{delegation_id}")
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/sign-in?next=/delegations/{delegation_id}"


async def test_the_order_of_a_members_names_is_chosen_on_the_form_or_taken_from_the_letters(
    austria_focal: Browser, session: dict[str, Any]
) -> None:
    delegation_id = await _open(austria_focal, session["id"])
    form = text_of((await austria_focal.get(f"/delegations/{delegation_id}")).text)
    assert "Order of the names" in form and "As the letters of the name suggest" in form
    for fields in (
        {"given_name": "Zoltán", "family_name": "Nagy", "name_order": "family_first"},
        {"given_name": "Thị Hương", "family_name": "Nguyễn", "name_order": ""},
        {"given_name": "Anna", "family_name": "Berger", "name_order": ""},
    ):
        answer = await austria_focal.post(
            f"/delegations/{delegation_id}/registrations", _delegate(len(fields["given_name"]), "online_listening", **fields)
        )
        assert answer.status_code == 303, answer.text
    rows = await Registration.select(Registration.family_name, Registration.name_order).where(
        Registration.delegation == delegation_id
    )
    assert {row["family_name"]: row["name_order"] for row in rows} == {
        "Nagy": "family_first", "Nguyễn": "family_first", "Berger": "given_first",
    }
