"""The sponsors line, derived as UN documents print it, never typed.

"Australia, Brazil, Israel and United States of America: revised draft resolution":
the sponsors' short names in English alphabetical order, commas, "and" before the
last, a colon, then what the document is.
"""

from __future__ import annotations

from convene.entities.categories import alphabetical_key
from convene.proposals.vocabulary import ProposalKind


def document_noun(kind: ProposalKind, *, revised: bool) -> str:
    """ "draft resolution", "revised draft resolution", "draft decision", "revised draft
    decision"."""
    return f"{'revised ' if revised else ''}draft {kind.value}"


def in_alphabetical_order(names: list[str]) -> list[str]:
    return sorted(names, key=alphabetical_key)


def names_joined(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C": no comma before "and"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def sponsors_line(names: list[str], kind: ProposalKind, *, revised: bool) -> str:
    """The line under the agenda item; with no sponsor yet, what the document is, capitalized."""
    noun = document_noun(kind, revised=revised)
    if not names:
        return noun[0].upper() + noun[1:]
    return f"{names_joined(in_alphabetical_order(names))}: {noun}"
