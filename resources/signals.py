"""Build a campaign's kit zips when it is published, so that readers never wait for them."""

from django.db import transaction
from wagtail.signals import page_published

from .tasks import build_campaign_kits


def build_kits_on_publish(sender, instance, **kwargs):
    transaction.on_commit(lambda: build_campaign_kits.enqueue(instance.pk))


def connect(campaign_model):
    page_published.connect(build_kits_on_publish, sender=campaign_model)
