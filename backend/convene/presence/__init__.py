"""Hybrid sittings, live: who is in the room, who is online, and whether there is a quorum."""
