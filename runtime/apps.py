from django.apps import AppConfig


class RuntimeConfig(AppConfig):
    name = "runtime"
    verbose_name = "Runtime services (caches, health, worker)"

    def ready(self):
        from runtime import checks, content_version  # noqa: F401 - registers checks, receivers
