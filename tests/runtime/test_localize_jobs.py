"""wagtail-localize's background jobs go through django-tasks: queued with the database backend
(nothing happens in the request), done when a worker runs them."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from home.models import StandardPage
from runtime.localize_jobs import from_json, to_json

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_arguments_travel_as_references(django_user_model):
    user = django_user_model.objects.create_user("translator-mk", password="x")
    locales = list(Locale.objects.filter(language_code__in=["mk", "sq"]))
    data = to_json([user, locales, None, 3])
    assert data == {"list": [
        {"model": "auth.user", "pk": user.pk},
        {"list": [{"model": "wagtailcore.locale", "pk": locale.pk} for locale in locales]},
        None, 3,
    ]}  # fmt: skip
    assert from_json(data) == [user, locales, None, 3]


@override_settings(TASKS=DATABASE_TASKS)
# Committed, not rolled back: the worker closes the database connection when it is done (on
# PostgreSQL that ended the rolled-back test's transaction: "the connection is closed").
@pytest.mark.usefixtures("seeded_transactional_db")
def test_a_locale_sync_is_queued_then_done_by_the_worker():
    english, macedonian = (
        Locale.objects.get(language_code="en"),
        Locale.objects.get(language_code="mk"),
    )
    home = Page.objects.get(depth=2, locale=english)
    page = StandardPage(
        title="Grant reporting calendar", slug="grant-reporting-calendar", live=True
    )
    home.add_child(instance=page)  # English only: synchronising makes a Macedonian alias of it
    assert not page.has_translation(macedonian)

    LocaleSynchronization.objects.update_or_create(
        locale=macedonian, defaults={"sync_from": english}
    )

    job = DBTaskResult.objects.get(task_path="runtime.localize_jobs.run_localize_job")
    assert job.status == "READY" and not page.has_translation(macedonian)  # not in the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL", job.exception_class_path
    alias = page.get_translation(macedonian)
    assert alias.alias_of_id == page.pk
