"""Who may see and change what: helpers every domain's services share.

The rule of thumb: the secretariat sees everything; a focal point sees and
manages what belongs to their own entity; a delegate sees what is theirs.
Another entity's objects answer 404, exactly as if they did not exist, so a
focal point cannot even learn which ids are taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convene.accounts.roles import Role
from convene.accounts.tables import Account
from convene.errors import NotFound
from convene.translation import N_, gettext

Actor = Account | None
"""Who acts or views: the signed-in person's account (``request.user``), or None for the
public and for the system (the demo loader, a command)."""


def role_of(user: Actor) -> Role | None:
    """The user's role, or None for the public."""
    return None if user is None else Role(user.role)


def is_secretariat(user: Actor) -> bool:
    return role_of(user) is Role.SECRETARIAT


def is_focal_point_of(user: Actor, entity_id: int | None) -> bool:
    """True for the focal point of exactly this entity."""
    return (
        user is not None
        and role_of(user) is Role.FOCAL_POINT
        and entity_id is not None
        and user.entity == entity_id
    )


def can_manage_entity(user: Actor, entity_id: int | None) -> bool:
    """The secretariat, or the focal point of ``entity_id``: who manages its delegation."""
    return is_secretariat(user) or is_focal_point_of(user, entity_id)


def ensure_entity_access(
    user: Actor, entity_id: int | None, missing: str = N_("Entity not found")
) -> None:
    """Raise NotFound (404) unless ``user`` may manage what belongs to ``entity_id``.

    Call it with the entity that owns the object being read or changed, and
    say what is missing in ``missing`` (``N_("Delegation not found")``): the
    answer is then the same as for an id that does not exist.
    """
    if not can_manage_entity(user, entity_id):
        raise NotFound(gettext(missing))


def can_see_personal_data(viewer: Actor, subject: Any) -> bool:
    """May ``viewer`` see the e-mail address and phone number of ``subject``?

    Yes for the secretariat, for the person themself, and for the focal point
    of the person's entity. ``subject`` is an account (a row object, or a dict
    with ``id`` and ``entity``), or an ``int``: the id of the entity of a person
    who has no account (a delegate named in a note verbale, say).
    """
    if viewer is None:
        return False
    if is_secretariat(viewer):
        return True
    if isinstance(subject, int):
        return is_focal_point_of(viewer, subject)
    subject_id, subject_entity = _identity(subject)
    if subject_id is not None and subject_id == viewer.id:
        return True
    return is_focal_point_of(viewer, subject_entity)


def _identity(subject: Any) -> tuple[int | None, int | None]:
    if isinstance(subject, Mapping):
        entity = subject.get("entity")
        return subject.get("id"), entity if isinstance(entity, int) or entity is None else None
    return getattr(subject, "id", None), getattr(subject, "entity", None)
