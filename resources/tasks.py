"""Background work of the resources app: building campaign kit zips ahead of the first download."""

from django.apps import apps
from django_tasks import task

from .kits import ensure_kit, kit_languages


@task()
def build_campaign_kits(page_id):
    """Build and store the zip of every language of one campaign's kit (skips stored ones)."""
    campaign_model = apps.get_model("resources", "CampaignPage")  # by name: tasks sit below models
    campaign = campaign_model.objects.filter(pk=page_id).first()
    if campaign is None:
        return []
    materials = list(campaign.materials.select_related("document"))
    return [ensure_kit(campaign, language) for language in kit_languages(materials)]
