"""What the API says about a person's feed link."""

from __future__ import annotations

from datetime import datetime

from msgspec import Struct


class FeedLinkOut(Struct):
    url: str
    """The feed's address, for calendars' "add calendar from URL" (https in production)."""
    webcal_url: str
    """The same address as ``webcal://``: a click opens the device's calendar to subscribe."""
    created_at: datetime
    """When this link was issued; rotating issues a new one and kills this one."""
