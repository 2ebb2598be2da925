"""One production-like stack per test session (per xdist worker) over a copy of the seeded test
database: SQLite in a file, or a PostgreSQL database of its own under tests/with-postgres.sh."""

import pytest
from django.db import connection

from calls.models import CallPage
from tests import seeded_snapshot
from tests.reliability.stack import Rows, copy_test_database, running_stack


@pytest.fixture(scope="session")
def stack(django_db_setup, django_db_blocker, tmp_path_factory, redis_url):
    workdir = tmp_path_factory.mktemp("stack")
    with django_db_blocker.unblock():
        if not CallPage.objects.filter(code="WBCSP-2026-CORE-01").exists():
            seeded_snapshot.restore()  # a transactional test emptied the database before
        url, drop = copy_test_database(connection, workdir)
    try:
        with running_stack(url, workdir, redis_url=redis_url) as running:
            running.rows = Rows(url)
            yield running
    finally:
        with django_db_blocker.unblock():
            connection.close()
        drop()
