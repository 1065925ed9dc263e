"""Sittings (meetings) of a session: when, where, online, and which items."""
