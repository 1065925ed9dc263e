"""Delegations to sessions, the registrations of their members, waitlists and check-in."""
