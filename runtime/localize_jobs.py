"""wagtail-localize's background jobs (syncing a locale's tree, translating a page's subtree)
through django-tasks: on the worker with TASKS_BACKEND=database, at once with the immediate backend.

wagtail-localize hands its job backend a function and arguments that include model instances
(locales, the user). A task's arguments must be JSON, so instances travel as references
({"model": "app.model", "pk": …}) and are loaded again by the worker. A job whose arguments
cannot travel that way (a translation component form with data) runs at once, as before.
"""

import logging

from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail_localize.tasks import BaseJobBackend

logger = logging.getLogger(__name__)


class NotSerialisable(Exception):
    pass


def to_json(value):
    """``value`` as JSON data, with model instances as references (NotSerialisable otherwise)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, models.Model):
        return {"model": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, (list, tuple, models.QuerySet)):
        return {"list": [to_json(item) for item in value]}
    components = getattr(value, "components", None)
    if isinstance(components, list) and not components:
        return None  # a TranslationComponentManager with no component registered: nothing to save
    raise NotSerialisable(type(value).__name__)


def from_json(value):
    """The inverse of ``to_json``, loading referenced instances."""
    if isinstance(value, dict) and "model" in value:
        return apps.get_model(value["model"])._default_manager.get(pk=value["pk"])
    if isinstance(value, dict) and "list" in value:
        return [from_json(item) for item in value["list"]]
    return value


@task()
def run_localize_job(function, args, kwargs):
    """Run one of wagtail-localize's job functions (by dotted path) with loaded arguments."""
    if not function.startswith("wagtail_localize."):
        raise ValueError(f"not a wagtail-localize job: {function}")
    import_string(function)(
        *[from_json(arg) for arg in args], **{k: from_json(v) for k, v in kwargs.items()}
    )


class TaskJobBackend(BaseJobBackend):
    """WAGTAILLOCALIZE_JOBS backend: each job becomes a django-tasks task."""

    def enqueue(self, func, args, kwargs):
        path = f"{func.__module__}.{func.__qualname__}"
        try:
            payload = ([to_json(arg) for arg in args], {k: to_json(v) for k, v in kwargs.items()})
        except NotSerialisable as reason:
            logger.info("running %s at once: %s cannot be queued", path, reason)
            func(*args, **kwargs)
            return
        run_localize_job.enqueue(path, *payload)
