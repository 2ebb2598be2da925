"""A real `manage.py db_worker` over a database shared with the test: a campaign's kit zips are
built by the worker, not in the editor's publish; /health/ passes while the worker runs and fails
once it is stopped or killed."""

import os
import signal
import time
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from resources.kits import kit_languages, kit_materials, kit_storage_name
from resources.models import CampaignPage
from runtime.models import WorkerHeartbeat
from tests.services import start_worker

# The mark makes pytest-django create the test database; the tests themselves run on its shared
# copy, outside the per-test transaction (see tests.services.shared_database).
pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _wait_for(condition, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s")
        time.sleep(0.2)


def _health(client):
    response = client.get("/health/")
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    return response.status_code, response.json()


@override_settings(TASKS=DATABASE_TASKS)
def test_kit_zips_are_built_by_the_worker_after_publishing(shared_database, tmp_path, client):
    campaign = CampaignPage.objects.filter(
        locale__language_code="en", live=True, materials__isnull=False
    ).distinct().first()  # fmt: skip
    materials = list(campaign.materials.select_related("document"))
    names = {
        code: kit_storage_name(campaign, code, kit_materials(campaign, code))
        for code in kit_languages(materials)
    }
    for name in names.values():
        default_storage.delete(name)  # built when the site was seeded

    campaign.save_revision().publish()  # what the editor's "Publish" does

    assert not any(default_storage.exists(name) for name in names.values())
    queued = DBTaskResult.objects.filter(task_path="resources.tasks.build_campaign_kits")
    assert queued.filter(status="READY").count() == 1
    with start_worker(shared_database, tmp_path / "worker.log"):
        status, body = _health(client)
        assert status == 200 and body["checks"]["worker"]["workers"] >= 1
        _wait_for(lambda: not queued.exclude(status="SUCCESSFUL").exists(), what="kits built")
    for code, name in names.items():
        with default_storage.open(name) as stored, zipfile.ZipFile(stored) as kit:
            assert kit.testzip() is None
            assert any(f"-{code}." in member for member in kit.namelist()), kit.namelist()
    # Stopped cleanly, the worker said goodbye: the load balancer knows at once.
    status, body = _health(client)
    assert status == 503 and body["checks"]["worker"]["workers"] == 0


@override_settings(TASKS=DATABASE_TASKS, WORKER_HEARTBEAT_MAX_AGE=3)
def test_health_fails_when_the_worker_is_killed(shared_database, tmp_path, client):
    WorkerHeartbeat.objects.all().delete()
    assert _health(client)[0] == 503  # no worker yet
    with start_worker(shared_database, tmp_path / "worker.log", heartbeat_seconds=1) as worker:
        time.sleep(1.5)  # at least one beat from the worker's thread, not only the first row
        status, body = _health(client)
        assert status == 200, body
        assert body["status"] == "ok" and body["checks"]["database"]["ok"]
        assert body["checks"]["worker"]["heartbeat_age_s"] < 3
        os.kill(worker.pid, signal.SIGKILL)  # no goodbye: only the heartbeat's age tells
        worker.wait(timeout=5)
        _wait_for(lambda: _health(client)[0] == 503, timeout=10, what="health failing")
    status, body = _health(client)
    assert body["status"] == "fail" and body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["heartbeat_age_s"] >= 3
