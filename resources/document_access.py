"""Files of unpublished resources and campaigns are not public.

Wagtail decides document privacy by collection only, so a document attached to a draft page is
served to anyone who guesses its address. Documents attached to resource or campaign pages are
served only while at least one of those pages is live and not behind a view restriction; editors
(anyone who may use the admin) still get them, to check drafts.
"""

from django.http import Http404
from wagtail.models import Page


def attached_pages(document):
    """Ids of the resource and campaign pages that list ``document`` among their files."""
    from .models import CampaignMaterial, ResourceFile

    ids = set(ResourceFile.objects.filter(document=document).values_list("page_id", flat=True))
    ids.update(CampaignMaterial.objects.filter(document=document).values_list("page_id", flat=True))
    return ids


def is_public(document):
    """False when the document belongs to our pages and none of them is live and public."""
    page_ids = attached_pages(document)
    if not page_ids:
        return True  # not ours: Wagtail's collection privacy applies
    return Page.objects.filter(pk__in=page_ids).live().public().exists()


def refuse_unpublished(document, request):
    """``before_serve_document`` hook: 404 for the files of unpublished pages."""
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if not is_public(document):
        raise Http404("This document is not published.")
    return None
