"""The web pages of Convene, by audience: the public, focal points, delegates, the secretariat.

Pages only collect input and render: every rule lives in the domain services,
which the page controllers call directly. A service's refusal is shown next to
the form field it names (see :mod:`convene.web.forms`); pages that cannot be
shown at all answer with a page, not problem details (see :mod:`convene.web.errors`).
"""

from __future__ import annotations

from litestar import Router

from convene.form_posts import only_form_posts


def web_router() -> Router:
    """Every page controller, under the page error handlers."""
    from convene.web.delegate import DelegatePages
    from convene.web.delegation_pages import DelegationPages
    from convene.web.errors import PAGE_ERRORS
    from convene.web.focal_point import FocalPointPages
    from convene.web.proposal_pages import ProposalPages
    from convene.web.join import JoinPages
    from convene.web.language import LanguagePages
    from convene.web.people import PeoplePages
    from convene.web.public import PublicPages
    from convene.web.registration_pages import RegistrationPages
    from convene.web.seat_plans import SeatPlanPages
    from convene.web.speaker_pages import SpeakerPages
    from convene.web.secretariat import SecretariatPages

    return Router(
        path="/",
        route_handlers=[
            PublicPages,
            FocalPointPages,
            DelegationPages,
            RegistrationPages,
            DelegatePages,
            ProposalPages,
            *SecretariatPages,
            JoinPages,
            LanguagePages,
            PeoplePages,
            SeatPlanPages,
            *SpeakerPages,
        ],
        exception_handlers=PAGE_ERRORS,
        before_request=only_form_posts,
        include_in_schema=False,
    )
