"""Password hashing with Argon2id.

Hashes cost what RFC 9106 recommends (argon2-cffi's defaults), except in the
test environment (``CONVENE_ENV=test``), whose suite hashes hundreds of
passwords and so uses Argon2's cheapest parameters: see
:attr:`convene.settings.Settings.password_hashing`. A hash records the
parameters it was made with, so either hasher verifies the other's hashes.
"""

from __future__ import annotations

import functools

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from convene.settings import PasswordHashing, current_environment, password_hashing
from convene.translation import gettext

MIN_PASSWORD_LENGTH = 12

PROFILES: dict[PasswordHashing, Parameters] = {
    PasswordHashing.STRONG: profiles.RFC_9106_LOW_MEMORY,
    PasswordHashing.CHEAPEST: profiles.CHEAPEST,
}


def hasher_for(hashing: PasswordHashing) -> PasswordHasher:
    return PasswordHasher.from_parameters(PROFILES[hashing])


@functools.cache
def _hasher() -> PasswordHasher:
    """This process's hasher, chosen once from ``CONVENE_ENV`` (hashing runs deep below any settings)."""
    return hasher_for(password_hashing(current_environment()))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable, in the reader's language, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return gettext(
            "The password must be at least %(length)s characters long", length=MIN_PASSWORD_LENGTH
        )
    return None
