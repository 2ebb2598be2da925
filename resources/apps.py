from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Training resources and campaigns"

    def ready(self):
        from . import signals
        from .models import CampaignPage

        signals.connect(CampaignPage)
