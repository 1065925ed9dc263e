"""The wording of the e-mails accounts send: (subject, plain text, HTML).

Plain text comes first and is complete on its own; the HTML alternative says
the same with a link, escaped, for mail readers that prefer it.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

Message = tuple[str, str, str]


def _when(moment: datetime) -> str:
    return moment.strftime("%d %B %Y, %H:%M UTC")


def _html(paragraphs: list[str], url: str, action: str) -> str:
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    link = f'<p><a href="{escape(url)}">{escape(action)}</a></p>'
    return f'<!doctype html><html lang="en"><body>{body}{link}</body></html>'


def invitation_message(full_name: str, url: str, expires_at: datetime) -> Message:
    paragraphs = [
        f"Dear {full_name},",
        (
            "The secretariat has created a Convene account for you. "
            "Choose your password with the link below to sign in."
        ),
        (
            f"The link works once and until {_when(expires_at)}. "
            "If it has expired, ask the secretariat (or your focal point) to invite you again."
        ),
    ]
    text = "\n\n".join([*paragraphs, url, "Convene Secretariat"])
    return (
        "Your Convene account: choose a password",
        text + "\n",
        _html(paragraphs, url, "Choose your password"),
    )


def reset_message(full_name: str, url: str, expires_at: datetime) -> Message:
    paragraphs = [
        f"Dear {full_name},",
        (
            "Someone asked to reset the password of your Convene account. "
            "If it was you, choose a new password with the link below."
        ),
        (
            f"The link works once and until {_when(expires_at)}. "
            "If you did not ask for it, ignore this message: your password has not changed."
        ),
    ]
    text = "\n\n".join([*paragraphs, url, "Convene Secretariat"])
    return (
        "Reset your Convene password",
        text + "\n",
        _html(paragraphs, url, "Choose a new password"),
    )
