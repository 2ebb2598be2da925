"""GET /health/ for a load balancer: the state of the database, the cache and the task worker.

200 when every check passes, 503 otherwise; JSON either way, never cached. Each check reports
what an operator needs to act on it. The worker is checked only when tasks are queued for one
(TASKS_BACKEND=database): with the immediate backend, tasks run in the request and no worker is
expected.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runtime.heartbeat import live_workers

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def check_database():
    start = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor, "ms": _ms(start)}


def check_cache():
    """A value written and read back: a cache that ignores its errors (django-redis'
    IGNORE_EXCEPTIONS) answers "nothing" when its server is down."""
    start = time.perf_counter()
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - any failure of the cache is what we report
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": ok, "backend": cache.__class__.__name__, "ms": _ms(start)}


def check_worker():
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DATABASE_BACKEND:
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1], "worker": "not needed"}
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    try:
        count, latest = live_workers(now)
        queued = DBTaskResult.objects.ready().count()
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {
        "ok": count > 0,
        "backend": "database",
        "workers": count,
        "last_heartbeat": latest.isoformat() if latest else None,
        "heartbeat_age_s": round((now - latest).total_seconds(), 1) if latest else None,
        "max_age_s": settings.WORKER_HEARTBEAT_MAX_AGE,
        "queued_tasks": queued,
    }


def _ms(start):
    return round((time.perf_counter() - start) * 1000, 1)


@never_cache
@require_GET
def health(request):
    """The checks as JSON; 200 when all pass, 503 when one fails."""
    checks = {"database": check_database()}
    checks["cache"] = check_cache()
    checks["worker"] = check_worker() if checks["database"]["ok"] else {"ok": False}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503
    )
