"""Personal API tokens: random secrets shown once, kept only as SHA-256 hashes.

A token has 256 bits of entropy, so a fast hash is enough (no salt, no
stretching) and lets a request find its token with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "cvn_"


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
