"""Order and grouping a UN conference officer checks: the European Union among the parties, a real collation."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.collation import collation_key
from convene.entities.categories import LIST_GROUP_HEADINGS
from convene.entities.tables import Entity
from tests.reports.conftest import add_delegation, pdf_text, person
from tests.reports.test_participants import COSP, assert_in_order, url

NGOS = [
    "Zonta International", "Transparency International", "Œuvre d'Orient", "Đoàn Luật sư Việt Nam",
    "Amnesty International", "Ассоциация юристов России", "جمعية الشفافية الكويتية", "中国法学会",
]


async def _ngos() -> None:
    for name in NGOS:
        if not await Entity.exists().where(Entity.short_name == name):
            await Entity(short_name=name, name=name, category="ngo").save()


async def test_the_european_union_is_listed_and_counted_as_a_party_right_after_the_states_parties(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    sid = session["id"]
    await add_delegation(sid, "Austria", [person("Anna", "Berger")])
    await add_delegation(sid, "Zimbabwe", [person("Tendai", "Moyo", mode="online_listening")])
    await add_delegation(sid, "European Union", [person("Marie", "Dupont"), person("Jan", "Novak")])
    await add_delegation(sid, "Syrian Arab Republic", [person("Rami", "Haddad")])
    text = " ".join(pdf_text((await client.get(url(sid), headers=bodies)).content).split())
    assert_in_order(text, [
        "States parties", "Austria", "Zimbabwe",
        "Regional economic integration organizations parties to the Convention", "European Union",
        "Marie DUPONT", "Jan NOVAK",
        "Signatory States", "Syrian Arab Republic",
    ])
    attendance = " ".join(pdf_text((await client.get(
        f"/api/sessions/{sid}/reports/attendance.pdf", headers=bodies)).content).split())
    assert "Representatives of 2 States parties attended, 1 in person and 1 online." in attendance
    assert ("The European Union, a regional economic integration organization that is a party to the Convention, "
            "was represented at the session.") in attendance
    assert_in_order(attendance, [
        "States parties 2 1 2 1 1",
        "Regional economic integration organizations parties to the Convention 1 1 2 2 0",
        "Signatory States 1 1 1 1 0",
        "All parties to the Convention (States and regional economic integration organizations) 3 2 4 3 1",
        "All participants 4 3 5 4 1",
    ])


async def test_entities_and_persons_follow_a_real_collation_in_every_script(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    await _ngos()
    session = await create_session(**COSP)
    sid = session["id"]
    for name in NGOS:
        await add_delegation(sid, name, [person("Ann", "Lee")])
    await add_delegation(sid, "Austria", [
        person("Zoe", "Zeller"), person("Olaf", "Œhler"), person("Eva", "Dorn"),
        person("Minh", "Đặng", name_order="given_first"), person("Ada", "Adler"), person("Karl", "Huber", is_head=True),
    ])
    text = " ".join(pdf_text((await client.get(url(sid), headers=bodies)).content).split())
    assert_in_order(text, [
        "Austria", "Karl HUBER, Head of delegation", "Ada ADLER", "Minh ĐẶNG", "Eva DORN", "Olaf ŒHLER", "Zoe ZELLER",
        LIST_GROUP_HEADINGS[7], "Amnesty International", "Đoàn Luật sư Việt Nam", "Œuvre d'Orient",
        "Transparency International", "Zonta International",
        "Ассоциация юристов России", "جمعية الشفافية الكويتية", "中国法学会",
    ])


def test_the_collation_sorts_d_with_stroke_as_d_oe_as_o_e_and_each_script_after_latin() -> None:
    names = ["Zambia", "Đoàn", "Dorn", "Dang", "Euro", "Œuvre", "Oz", "Ob", "Иванов", "Андреев", "محمد", "王", "Côte",
             "Costa"]
    assert sorted(names, key=collation_key) == [
        "Costa", "Côte", "Dang", "Đoàn", "Dorn", "Euro", "Ob", "Œuvre", "Oz", "Zambia", "Андреев", "Иванов", "محمد", "王",
    ]
