"""The seeded demo site, kept as a snapshot of the test database once it is seeded, and put back
for tests that need it after a transactional test emptied the database.

Seeding the eight-language site takes 15 s on SQLite and 40 s on PostgreSQL; putting the snapshot
back takes well under a second: SQLite's backup API copies the database's pages, PostgreSQL copies
every table from a schema of its own (``seed_snapshot``, invisible to Django's flush). The media
files seeding made stay where they are, so the restored rows point at existing files.
"""

import sqlite3

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "seed_snapshot"
_sqlite_copy = None


def _tables():
    return [name for name in connection.introspection.table_names() if name != "django_migrations"]


def take():
    """Remember the database as it is now (call it right after seeding)."""
    global _sqlite_copy
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        _sqlite_copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_sqlite_copy)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in _tables():
            cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')


def restore():
    """Put the remembered database back, whatever tests did to it since."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        _sqlite_copy.backup(connection.connection)
    else:
        tables = _tables()
        models = apps.get_models(include_auto_created=True)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(f'public."{t}"' for t in tables) + " CASCADE")
            for table in tables:
                cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {SCHEMA}."{table}"')
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    ContentType.objects.clear_cache()
    cache.clear()
