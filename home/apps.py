from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site-wide content"

    def ready(self):
        from home import frontend_cache, same_origin, signals  # noqa: F401 - receivers, checks
