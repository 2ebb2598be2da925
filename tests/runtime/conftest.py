"""Fixtures of the runtime tests: a database shared with the processes they start."""

from tests.services import shared_database, shared_database_copy  # noqa: F401
