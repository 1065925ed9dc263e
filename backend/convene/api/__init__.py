"""Pieces every domain's HTTP layer shares: pagination and common query types."""
