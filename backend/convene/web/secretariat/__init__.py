"""The secretariat's pages, one module per page family.

Preparing a session: its form (:mod:`.sessions`), its agenda (:mod:`.agenda`), its sittings
(:mod:`.sittings`) and its officers (:mod:`.officers`). Running it: the registration queue and
the check-in desk (:mod:`.desk`), who has registered (:mod:`.overview`), the reports and the
audit log (:mod:`.reports`); the outbox (:mod:`.outbox`). What they share (the guard, the
session's fetch, how a refused post is shown) is in :mod:`.pages`.

Each controller renders one page and takes the posts of that page's forms. Every change goes
to a domain service; when the service refuses, the page is shown again (4xx) with the refusal
beside the field it names, and with what was typed.
"""

from __future__ import annotations

from convene.web.secretariat.agenda import AgendaPages
from convene.web.secretariat.desk import DeskPages
from convene.web.secretariat.hybrid import HybridPages
from convene.web.secretariat.officers import OfficerPages
from convene.web.secretariat.outbox import OutboxPages
from convene.web.secretariat.overview import OverviewPages
from convene.web.secretariat.proposals import ProposalDeskPages, ProposalListPages
from convene.web.secretariat.reports import AuditPages, ReportPages
from convene.web.secretariat.sessions import SessionPages
from convene.web.secretariat.sittings import SittingPages

SecretariatPages = [
    DeskPages,
    OverviewPages,
    ReportPages,
    AuditPages,
    SessionPages,
    AgendaPages,
    SittingPages,
    OfficerPages,
    ProposalListPages,
    ProposalDeskPages,
    HybridPages,
    OutboxPages,
]
