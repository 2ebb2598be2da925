"""Background work of the resources app: building campaign kit zips ahead of the first download."""

from django_tasks import task


@task()
def build_campaign_kits(page_id):
    """Build and store the zip of every language of one campaign's kit (skips stored ones)."""
    from .kits import ensure_kit, kit_languages
    from .models import CampaignPage

    campaign = CampaignPage.objects.filter(pk=page_id).first()
    if campaign is None:
        return []
    materials = list(campaign.materials.select_related("document"))
    return [ensure_kit(campaign, language) for language in kit_languages(materials)]
