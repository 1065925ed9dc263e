"""The demo's draft resolutions: the eighth session of the Conference, its L documents and their
fate.

Loaded through the proposal services, as the secretariat would enter them (the
demo secretariat account acts): CAC/COSP/2019/L.1, issued and revised with
co-sponsors who joined after issue; CAC/COSP/2019/L.2, adopted as resolution
8/1; CAC/COSP/2019/L.3, a draft decision adopted as orally amended. Loaded once:
a session that already has proposals is left as it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import msgspec

from convene.accounts.tables import Account
from convene.agenda.tables import AgendaItem
from convene.entities.tables import Entity
from convene.meetings.tables import Body, SessionPart
from convene.proposals import action, services, sponsors
from convene.proposals.schemas import ActionIn, ProposalIn, ProposalPatch, SponsorIn, TextUpdate
from convene.proposals.tables import Proposal
from convene.proposals.vocabulary import Outcome, ProposalKind

ASSET_RECOVERY = """The Conference of the States Parties to the United Nations Convention against Corruption,

Recalling the United Nations Convention against Corruption, in particular chapter V thereof,[^1]

Recalling also its resolution 7/1 of 10 November 2017,[^2]

Welcoming the report of the Secretariat on the work of the Working Group on Asset Recovery,[^3]

Bearing in mind that the return of assets is a fundamental principle of the Convention,

1. Urges States parties to:
(a) Make full use of the mechanisms for international cooperation provided for in chapter V of the Convention;
(b) Consider designating focal points for asset recovery;
2. Encourages States parties to share good practices in the management of seized and confiscated assets;
3. Requests the Secretariat to continue to support States parties, subject to the availability of extrabudgetary resources.

[^1]: United Nations, Treaty Series, vol. 2349, No. 42146.
[^2]: See CAC/COSP/2017/14, chap. I, sect. A.
[^3]: CAC/COSP/2019/3.
"""

AUDIT_INSTITUTIONS = """The Conference of the States Parties to the United Nations Convention against Corruption,

Acknowledging the role of supreme audit institutions in preventing and detecting corruption,

Welcoming also the cooperation between supreme audit institutions and anti-corruption bodies,

1. Encourages States parties to strengthen the cooperation between their supreme audit institutions and anti-corruption bodies;
2. Invites States parties to share information on their experience with the Secretariat;
3. Requests the Secretariat to report to the Conference at its ninth session on the implementation of the present resolution.
"""

NEXT_SESSION = """The Conference of the States Parties to the United Nations Convention against Corruption,

1. Decides to hold its ninth session in Sharm el-Sheikh, Egypt, in 2021.
"""

NEXT_SESSION_ADOPTED = """The Conference of the States Parties to the United Nations Convention against Corruption,

1. Decides to hold its ninth session in Sharm el-Sheikh, Egypt, in December 2021.
"""


async def load_demo_proposals(secretariat_email: str) -> int:
    """The eighth session's proposals, unless it has some already; how many were added."""
    session_id = await _eighth_session()
    officer = await Account.objects().where(Account.email == secretariat_email).first()
    if (
        session_id is None
        or officer is None
        or await Proposal.exists().where(Proposal.session == session_id)
    ):
        return 0
    item = await _item(session_id, "Asset recovery")
    first = await services.create_proposal(
        officer,
        session_id,
        ProposalIn(
            kind=ProposalKind.RESOLUTION,
            title="Strengthening international cooperation in asset recovery",
            agenda_item_id=item,
            sponsor_ids=await _ids("Australia", "Brazil", "Israel", "United States of America"),
            plain_text=ASSET_RECOVERY,
        ),
    )
    await services.issue(officer, first.id, date(2019, 12, 16))
    for state in ("Kenya", "Norway"):
        await sponsors.join(officer, first.id, SponsorIn(entity_id=(await _ids(state))[0]))
    revision = await services.revise(officer, first.id)
    text = revision.current.text.source
    text.paragraphs[5] = msgspec.structs.replace(
        text.paragraphs[5],
        text="States parties to share good practices in the management and disposal of seized "
        "and confiscated assets;",
    )
    await services.set_text(officer, first.id, TextUpdate(text=text))
    await services.issue(officer, first.id, date(2019, 12, 18))
    await sponsors.join(officer, first.id, SponsorIn(entity_id=(await _ids("Peru"))[0]))
    await services.update_proposal(
        officer,
        first.id,
        ProposalPatch(sponsorship_deadline=datetime(2019, 12, 19, 14, 0, tzinfo=UTC)),
    )

    second = await services.create_proposal(
        officer,
        session_id,
        ProposalIn(
            kind=ProposalKind.RESOLUTION,
            title="Abu Dhabi declaration on enhancing collaboration between supreme audit "
            "institutions and anti-corruption bodies",
            agenda_item_id=await _item(session_id, "Review mechanism"),
            sponsor_ids=await _ids("United Arab Emirates", "Egypt", "European Union"),
            plain_text=AUDIT_INSTITUTIONS,
        ),
    )
    await services.issue(officer, second.id, date(2019, 12, 17))
    await action.record_action(
        officer, second.id, ActionIn(outcome=Outcome.ADOPTED, acted_on=date(2019, 12, 20))
    )

    third = await services.create_proposal(
        officer,
        session_id,
        ProposalIn(
            kind=ProposalKind.DECISION,
            title="Venue of the ninth session of the Conference",
            sponsor_ids=await _ids("Egypt"),
            plain_text=NEXT_SESSION,
        ),
    )
    await services.issue(officer, third.id, date(2019, 12, 19))
    adopted = services.given_text(None, NEXT_SESSION_ADOPTED)
    await action.record_action(
        officer,
        third.id,
        ActionIn(
            outcome=Outcome.ADOPTED_AS_ORALLY_AMENDED,
            acted_on=date(2019, 12, 20),
            amendments='In paragraph 1, after "in", insert "December".',
            adopted_text=adopted,
        ),
    )
    return 3


async def _eighth_session() -> int | None:
    body = await Body.select(Body.id).where(Body.code == "COSP").first()
    if body is None:
        return None
    part = (
        await SessionPart.select(SessionPart.session)
        .where(
            (SessionPart.body == body["id"])
            & (SessionPart.kind == "regular")
            & (SessionPart.number == 8)
        )
        .first()
    )
    return None if part is None else int(part["session"])


async def _item(session_id: int, title: str) -> int | None:
    row = (
        await AgendaItem.select(AgendaItem.id)
        .where((AgendaItem.session == session_id) & (AgendaItem.title == title))
        .first()
    )
    return None if row is None else int(row["id"])


async def _ids(*states: str) -> list[int]:
    rows = await Entity.select(Entity.id, Entity.short_name).where(
        Entity.short_name.is_in(list(states))
    )
    found = {row["short_name"]: int(row["id"]) for row in rows}
    return [found[state] for state in states]
