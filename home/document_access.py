"""Documents follow the pages that use them: files of unpublished or private pages are not public.

Wagtail decides document privacy by collection only, so a document attached to a draft or a
password-protected page would be served to anyone who guesses its address. Wagtail's reference
index knows every page that uses a document (file lists, StreamField blocks, rich-text links, in
any section), so a document that only pages use is served to anonymous readers while at least one
of those pages is live and has no view restriction; a document that something else uses (a
snippet, say) or nothing uses follows Wagtail's collection privacy. Editors (anyone who may use
the admin) still get every document, to check drafts.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Page, ReferenceIndex


def pages_using(document):
    """(ids of the pages that use ``document``, whether anything other than a page uses it)."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids, used_elsewhere = set(), False
    sources = ReferenceIndex.get_references_to(document).values_list(
        "base_content_type_id", "object_id"
    )
    for base_type, object_id in sources.distinct():
        if base_type == page_type.pk:
            page_ids.add(int(object_id))
        else:
            used_elsewhere = True
    return page_ids, used_elsewhere


def is_public(document):
    """False when only pages use the document and none of them is live and public."""
    page_ids, used_elsewhere = pages_using(document)
    if used_elsewhere or not page_ids:
        return True  # Wagtail's collection privacy applies
    return Page.objects.filter(pk__in=page_ids).live().public().exists()


def refuse_unpublished(document, request):
    """``before_serve_document`` hook: 404 for the files of unpublished or private pages."""
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if not is_public(document):
        raise Http404("This document is not published.")
    return None
