"""Demo sessions drawn from the public record of the UNCAC bodies.

Dates, venues, chairs and document symbols follow the published documents
of 2020-2021; the later sessions are plausible continuations so that the
demo has something upcoming to register for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL_CATEGORIES = ["state_party", "signatory", "reio", "observer_state", "un_entity", "igo", "ngo"]
NO_NGOS = [category for category in ALL_CATEGORIES if category != "ngo"]

BODIES: list[dict[str, Any]] = [
    {
        "code": "COSP",
        "name": "Conference of the States Parties to the United Nations Convention against Corruption",
        "short_name": "Conference",
        "symbol_prefix": "CAC/COSP",
        "admitted_categories": ALL_CATEGORIES,
    },
    {
        "code": "IRG",
        "name": "Implementation Review Group",
        "short_name": "Review Group",
        "symbol_prefix": "CAC/COSP/IRG",
        # The Review Group holds a separate briefing for NGOs instead of admitting them.
        "admitted_categories": NO_NGOS,
    },
    {
        "code": "WGP",
        "name": "Open-ended Intergovernmental Working Group on the Prevention of Corruption",
        "short_name": "Working Group on Prevention",
        "symbol_prefix": "CAC/COSP/WG.4",
        "admitted_categories": ALL_CATEGORIES,
    },
    {
        "code": "WGAR",
        "name": "Open-ended Intergovernmental Working Group on Asset Recovery",
        "short_name": "Working Group on Asset Recovery",
        "symbol_prefix": "CAC/COSP/WG.2",
        "admitted_categories": ALL_CATEGORIES,
    },
    {
        "code": "EMIC",
        "name": "Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation",
        "short_name": "Expert Meeting on International Cooperation",
        "symbol_prefix": "CAC/COSP/EG.1",
        "admitted_categories": ALL_CATEGORIES,
    },
    {
        "code": "GA",
        "name": "General Assembly",
        "short_name": "General Assembly",
        "symbol_prefix": "A/S-32",
        "admitted_categories": ALL_CATEGORIES,
    },
]

VIC = {"venue_name": "Vienna International Centre", "city": "Vienna", "timezone": "Europe/Vienna"}

# The President of the eighth session of the Conference chaired its bodies until the ninth.
AL_AMIMI = ("chair", "H.E. Mr.", "Harib Saeed Al Amimi", "United Arab Emirates")

ORGANIZATIONAL_MATTERS = (
    "Organizational matters",
    ["Opening of the session", "Adoption of the agenda and organization of work"],
)


@dataclass
class DemoSitting:
    day: str
    start: str
    end: str
    room: str
    items: list[int] = field(default_factory=list)
    """Top-level item numbers taken up."""


@dataclass
class DemoSession:
    fields: dict[str, Any]
    agenda: list[tuple[str, list[str]]]
    documents: list[tuple[str, str, int | None]]
    """(symbol, title, top-level item number or None)."""
    sittings: list[DemoSitting]
    officers: list[tuple[str, str, str, str]]
    """(role, honorific, name, State short name)."""
    adopted_on: str | None = None


def _days(dates: list[str], room: str, items_by_day: list[list[int]]) -> list[DemoSitting]:
    """Morning and afternoon sittings on each date, as UN programmes of work run."""
    sittings = []
    for day, items in zip(dates, items_by_day, strict=True):
        sittings.append(DemoSitting(day, "10:00", "13:00", room, items))
        sittings.append(DemoSitting(day, "15:00", "18:00", room, items))
    return sittings


SESSIONS: list[DemoSession] = [
    DemoSession(
        fields={
            "parts": [
                {"body": "IRG", "kind": "resumed", "number": 11, "resumption": 1},
                {"body": "WGP", "kind": "regular", "number": 11},
            ],
            "start_date": "2020-08-31",
            "end_date": "2020-09-02",
            **VIC,
            "format": "hybrid",
            "status": "concluded",
            "symbol_prefix": "CAC/COSP/IRG/2020",
            "in_person_quota": 2,
            "room_capacity": 220,
            "platform_name": "Interprefy",
            "join_link": "https://unodc.interprefy.example/irg-11-resumed",
            "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
            "registration_opens": "2020-07-01",
            "registration_closes": "2020-08-24",
        },
        agenda=[
            ORGANIZATIONAL_MATTERS,
            (
                "Review of implementation of the United Nations Convention against Corruption",
                [
                    "Reports on the progress made in the country reviews",
                    "Thematic overview of the implementation of chapters II and V",
                ],
            ),
            ("Technical assistance", []),
            ("Financial and budgetary matters", []),
            ("Good practices and experiences in the prevention of corruption", []),
            ("Other matters", []),
            ("Adoption of the report", []),
        ],
        documents=[
            ("CAC/COSP/IRG/2020/1/Add.1", "Annotated provisional agenda (resumed session)", 1),
            (
                "CAC/COSP/IRG/2020/5",
                "Implementation of chapter II (Preventive measures): thematic report",
                2,
            ),
            (
                "CAC/COSP/IRG/2020/6",
                "Implementation of chapter V (Asset recovery): thematic report",
                2,
            ),
            (
                "CAC/COSP/IRG/2020/7",
                "Technical assistance needs emerging from the country reviews",
                3,
            ),
            ("CAC/COSP/WG.4/2020/1", "Annotated provisional agenda of the Working Group", 1),
            ("CAC/COSP/WG.4/2020/2", "Good practices in the prevention of corruption", 5),
            ("CAC/COSP/IRG/2020/CRP.9", "Conference room paper on country review progress", 2),
            ("CAC/COSP/IRG/2020/INF/1", "Information for participants", None),
        ],
        sittings=_days(
            ["2020-08-31", "2020-09-01", "2020-09-02"],
            "Board Room D",
            [[1, 2], [2, 3, 4], [5, 6, 7]],
        ),
        officers=[AL_AMIMI],
        adopted_on="2020-08-31",
    ),
    DemoSession(
        fields={
            "parts": [{"body": "COSP", "kind": "intersessional", "number": 1}],
            "subject": "on the preparations for the special session of the General Assembly against corruption",
            "start_date": "2020-09-02",
            "end_date": "2020-09-04",
            **VIC,
            "format": "hybrid",
            "status": "concluded",
            "symbol_prefix": "CAC/COSP/2020",
            "room_capacity": 300,
            "platform_name": "Interprefy",
            "join_link": "https://unodc.interprefy.example/cosp-intersessional-1",
            "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
        },
        agenda=[
            ("Opening of the meeting", []),
            (
                "Preparations for the special session of the General Assembly against corruption",
                [
                    "Substantive preparations, including the political declaration",
                    "Organizational arrangements",
                ],
            ),
            ("Other matters", []),
        ],
        documents=[
            ("CAC/COSP/2020/8", "Preparations for the special session: note by the Secretariat", 2),
            ("CAC/COSP/2020/CRP.1", "Compilation of contributions from States parties", 2),
        ],
        sittings=[
            DemoSitting("2020-09-03", "12:30", "14:30", "Board Room D", [1, 2]),
            DemoSitting("2020-09-04", "12:30", "14:30", "Board Room D", [2, 3]),
        ],
        officers=[("president", *AL_AMIMI[1:])],
    ),
    DemoSession(
        fields={
            "parts": [{"body": "GA", "kind": "special", "number": 32}],
            "subject": "against corruption",
            "start_date": "2021-06-02",
            "end_date": "2021-06-04",
            "venue_name": "United Nations Headquarters",
            "city": "New York",
            "timezone": "America/New_York",
            "format": "hybrid",
            "status": "concluded",
            "symbol_prefix": "A/S-32",
            "in_person_quota": 1,
            "room_capacity": 400,
            "platform_name": "UN Web TV and Interprefy",
            "join_link": "https://un.interprefy.example/ungass-2021",
            "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
        },
        agenda=[
            ("Opening of the special session", []),
            ("Election of the President and other officers", []),
            ("Organization of the special session", []),
            ("Adoption of the agenda", []),
            ("General debate", []),
            ("Adoption of the political declaration", []),
        ],
        documents=[
            ("A/S-32/1", "Provisional agenda", 4),
            ("A/S-32/2/Add.1", "Draft political declaration", 6),
            (
                "A/S-32/L.1",
                "Our common commitment to effectively addressing challenges and implementing measures to prevent and combat corruption and strengthen international cooperation",
                6,
            ),
        ],
        sittings=[
            DemoSitting("2021-06-02", "10:00", "13:00", "General Assembly Hall", [1, 2, 3, 4, 5]),
            DemoSitting("2021-06-02", "15:00", "18:00", "General Assembly Hall", [5]),
            DemoSitting("2021-06-03", "10:00", "13:00", "General Assembly Hall", [5]),
            DemoSitting("2021-06-03", "15:00", "18:00", "General Assembly Hall", [5]),
            DemoSitting("2021-06-04", "10:00", "13:00", "General Assembly Hall", [5, 6]),
        ],
        officers=[("president", "H.E. Mr.", "Volkan Bozkır", "Türkiye")],
    ),
    DemoSession(
        fields={
            "parts": [{"body": "IRG", "kind": "regular", "number": 12}],
            "start_date": "2021-06-14",
            "end_date": "2021-06-18",
            **VIC,
            "format": "hybrid",
            "status": "concluded",
            "symbol_prefix": "CAC/COSP/IRG/2021",
            "in_person_quota": 2,
            "room_capacity": 180,
            "platform_name": "Interprefy",
            "join_link": "https://unodc.interprefy.example/irg-12",
            "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
        },
        agenda=[
            ORGANIZATIONAL_MATTERS,
            (
                "Review of implementation of the United Nations Convention against Corruption",
                [
                    "Reports on the progress made in the second review cycle",
                    "Thematic overview of chapters II and V",
                ],
            ),
            ("Performance of the Implementation Review Mechanism", []),
            ("Technical assistance", []),
            ("Financial and budgetary matters", []),
            ("Provisional agenda for the thirteenth session", []),
            ("Other matters", []),
            ("Adoption of the report", []),
        ],
        documents=[
            ("CAC/COSP/IRG/2021/1", "Annotated provisional agenda", 1),
            ("CAC/COSP/IRG/2021/2", "Progress in the second review cycle", 2),
            ("CAC/COSP/IRG/2021/3", "Performance of the Implementation Review Mechanism", 3),
            ("CAC/COSP/IRG/2021/INF/1", "Information for participants", None),
        ],
        sittings=_days(
            ["2021-06-14", "2021-06-15", "2021-06-16", "2021-06-17", "2021-06-18"],
            "Plenary Hall M",
            [[1, 2], [2], [3], [4, 5, 6], [7, 8]],
        ),
        officers=[AL_AMIMI],
        adopted_on="2021-06-14",
    ),
    DemoSession(
        fields={
            "parts": [{"body": "IRG", "kind": "regular", "number": 18}],
            "start_date": "2027-06-14",
            "end_date": "2027-06-18",
            **VIC,
            "format": "hybrid",
            "status": "scheduled",
            "symbol_prefix": "CAC/COSP/IRG/2027",
            "in_person_quota": 2,
            "room_capacity": 200,
            "platform_name": "Interprefy",
            "join_link": "https://unodc.interprefy.example/irg-18",
            "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
            "registration_opens": "2026-11-01",
            "registration_closes": "2027-06-04",
        },
        agenda=[
            ORGANIZATIONAL_MATTERS,
            (
                "Review of implementation of the United Nations Convention against Corruption",
                [
                    "Reports on the progress made in the second review cycle",
                    "Preparations for the next phase of the Mechanism",
                ],
            ),
            ("Technical assistance", []),
            ("Financial and budgetary matters", []),
            ("Other matters", []),
            ("Adoption of the report", []),
        ],
        documents=[
            ("CAC/COSP/IRG/2027/1", "Annotated provisional agenda", 1),
            ("CAC/COSP/IRG/2027/INF/1", "Information for participants", None),
        ],
        sittings=_days(
            ["2027-06-14", "2027-06-15", "2027-06-16", "2027-06-17", "2027-06-18"],
            "Board Room D",
            [[1, 2], [2], [2, 3], [4, 5], [6]],
        ),
        # A session yet to be held: its bureau here is invented for the demo.
        officers=[
            ("chair", "H.E. Mr.", "João Pereira", "Brazil"),
            ("vice_chair", "Ms.", "Amina Diallo", "Senegal"),
            ("rapporteur", "Mr.", "Tomasz Kowalski", "Poland"),
        ],
    ),
    DemoSession(
        fields={
            "parts": [{"body": "WGAR", "kind": "regular", "number": 19}],
            "start_date": "2027-09-06",
            "end_date": "2027-09-08",
            **VIC,
            "format": "online",
            "status": "draft",
            "symbol_prefix": "CAC/COSP/WG.2/2027",
            "platform_name": "Interprefy",
            "join_link": "https://unodc.interprefy.example/wgar-19",
            "interpretation_languages": ["en", "fr", "es"],
        },
        agenda=[
            ORGANIZATIONAL_MATTERS,
            ("Asset recovery: good practices in the return of proceeds", []),
        ],
        documents=[],
        sittings=[DemoSitting("2027-09-06", "13:00", "15:00", "", [1, 2])],
        officers=[],
    ),
    # The eighth session of the Conference, where its draft resolutions were negotiated and adopted
    # (issue 16: see convene.demo.proposals for its L documents).
    DemoSession(
        fields={
            "parts": [{"body": "COSP", "kind": "regular", "number": 8}],
            "start_date": "2019-12-16",
            "end_date": "2019-12-20",
            "venue_name": "Abu Dhabi National Exhibition Centre",
            "city": "Abu Dhabi",
            "timezone": "Asia/Dubai",
            "format": "in_person",
            "status": "concluded",
            "symbol_prefix": "CAC/COSP/2019",
            "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
        },
        agenda=[
            ("Organizational matters", ["Opening of the session", "Election of officers",
                                        "Adoption of the agenda and organization of work"]),
            ("Review mechanism", []),
            ("Asset recovery", []),
            ("International cooperation", []),
            ("Adoption of the report of the Conference on its eighth session", []),
        ],
        documents=[
            ("CAC/COSP/2019/1", "Annotated provisional agenda", 1),
            ("CAC/COSP/2019/3", "Progress made in the implementation of the mandates of the Working Group on Asset Recovery", 3),
            ("CAC/COSP/2019/INF/1", "Information for participants", None),
        ],
        sittings=_days(["2019-12-16", "2019-12-20"], "Plenary Hall", [[1, 2], [3, 4, 5]]),
        officers=[("president", *AL_AMIMI[1:])],
        adopted_on="2019-12-16",
    ),
]
