"""Piccolo's configuration, for Piccolo's own tools (``convene migrate`` uses it).

Piccolo's migration runner looks up one global engine here; it is built from
``DATABASE_URL`` exactly as the app builds its own.
"""

from convene.db import create_engine
from convene.registry import app_registry
from convene.settings import default_database_url

DB = create_engine(default_database_url())
APP_REGISTRY = app_registry()
