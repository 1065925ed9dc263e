"""Who has registered: every entity a session admits, with its delegation and registrations."""

from __future__ import annotations

from litestar import get
from litestar.response import Template

from convene.api.pagination import PageNumber, cut, sort_of
from convene.bounds import PathId
from convene.delegations import overview
from convene.entities.categories import Category, RegionalGroup
from convene.templating import gettext as _
from convene.web.formatting import category_label
from convene.web.forms import text
from convene.web.rendering import AnyRequest, render
from convene.web.secretariat.pages import SecretariatController, session_of

FILTERS = ("category", "regional_group", "delegation", "q", "sort")
PER_PAGE = 100


class OverviewPages(SecretariatController):
    path = "/secretariat/sessions/{session_id:int}/entities"

    @get("/")
    async def page(self, request: AnyRequest, session_id: PathId, page: PageNumber = 1) -> Template:
        """The admitted entities, filtered by category, regional group, delegation or name."""
        session = await session_of(session_id)
        filters = {name: text(request.query_params, name)[:100] for name in FILTERS}
        sort = sort_of(filters["sort"], overview.SORTS, "list")
        found = await overview.overview(
            session_id,
            [str(category) for category in session.admitted_categories],
            overview.OverviewFilters(
                category=filters["category"] or None,
                regional_group=filters["regional_group"] or None,
                delegation=filters["delegation"] or None,
                search=filters["q"] or None,
            ),
            sort,
        )
        return await render(
            request,
            "web/secretariat/entities.html",
            session=session,
            found=found,
            listed=cut(found.standings, page, PER_PAGE),
            filters=filters,
            sort=sort,
            groups=[(group.value, _(group.label)) for group in RegionalGroup],
            categories=[(c.value, category_label(c.value)) for c in Category],
        )
