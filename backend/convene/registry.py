"""The Piccolo apps that make up Convene, in one place.

Each domain package has a ``piccolo_app`` with its tables and its migrations
folder under the top-level ``migrations/``; this list is what both the app
factory and ``piccolo_conf`` read.
"""

from __future__ import annotations

from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.conf.apps import AppRegistry
from piccolo.table import Table

APP_MODULES = [
    "convene.accounts.piccolo_app",
    "convene.entities.piccolo_app",
    "convene.meetings.piccolo_app",
    "convene.agenda.piccolo_app",
    "convene.sittings.piccolo_app",
    "convene.delegations.piccolo_app",
    "convene.mail.piccolo_app",
    "convene.audit.piccolo_app",
    "convene.calendar.piccolo_app",
    "convene.proposals.piccolo_app",
    "convene.presence.piccolo_app",
    "convene.speakers.piccolo_app",
]


def app_registry() -> AppRegistry:
    return AppRegistry(apps=APP_MODULES)


def all_tables(registry: AppRegistry) -> list[type[Table]]:
    return [table for config in registry.app_configs.values() for table in config.table_classes]


def known_migrations(registry: AppRegistry) -> set[tuple[str, str]]:
    """Every (app, migration id) the code ships, read from the migration folders."""
    manager = BaseMigrationManager()
    return {
        (name, migration_id)
        for name, config in registry.app_configs.items()
        for migration_id in manager.get_migration_modules(config.resolved_migrations_folder_path)
    }
