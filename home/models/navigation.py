"""Main menu and footer: translatable snippets, one per language, edited in the admin.

They are published like pages (Wagtail's draft, revision, preview and locking mixins): saving
stores a draft revision that readers never see, publishing (now or at a scheduled time) makes it
the live version, the history lists every revision and one can be reverted to. Readers only ever
get the live version (``for_active_locale``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import TranslatableField

from home.blocks import LinkBlock

# The template context variable through which a preview hands its unsaved draft to the site
# chrome's tags (home.templatetags.site_tags) instead of the live version.
PREVIEW_CONTEXT_NAME = "navigation_preview"


class PerLocaleSnippet(
    DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, TranslatableMixin, models.Model
):
    """A published snippet of which the site shows the one in the reader's language."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @classmethod
    def for_active_locale(cls):
        """The live version in the active language, else the default language's, else None.

        One query. A version never published (or unpublished) is skipped. A row that is not live
        but still has a live revision holds a draft that wagtail-localize wrote into it ("sync"
        without publishing): readers get that live revision (two more queries, rare)."""
        codes = [
            get_supported_content_language_variant(translation.get_language()),
            settings.LANGUAGE_CODE,
        ]
        rows = cls.objects.filter(locale__language_code__in=codes).filter(
            Q(live=True) | Q(live_revision__isnull=False)
        )
        versions = {item.locale.language_code: item for item in rows.select_related("locale")}
        found = next((versions[code] for code in codes if code in versions), None)
        if found is not None and not found.live:
            found = found.live_revision.as_object()
        return found

    # --- Preview: the site's header and footer with this draft, in its own language -------------

    def get_preview_template(self, request, mode_name):
        return "navigation/preview.html"

    def get_preview_context(self, request, mode_name):
        return {
            **super().get_preview_context(request, mode_name),
            PREVIEW_CONTEXT_NAME: self,
            "object_name": self._meta.verbose_name,
            # The chrome's {% cache %} fragments: a key of their own, never read before and
            # never kept (0 seconds), so the preview neither shows nor stores the live chrome.
            "content_version": f"preview-{uuid.uuid4().hex}",
            "fragment_cache_seconds": 0,
        }

    def serve_preview(self, request, mode_name):
        with translation.override(self.locale.language_code):
            return super().serve_preview(request, mode_name).render()


def _links_field():
    return StreamField(
        [("link", LinkBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("Links"),
    )


@register_snippet
class MainMenu(PerLocaleSnippet):
    """The links in the site header."""

    name = models.CharField(max_length=80, default="Main menu", verbose_name=_("Name"))
    links = _links_field()

    # PublishingPanel: "Set schedule" (go live at, expire at) in the status side panel.
    panels = [FieldPanel("name"), FieldPanel("links"), PublishingPanel()]
    # Named, so that wagtail-localize does not copy the publishing dates (first published, go
    # live, expire) from the English menu to its translations: each language publishes its own.
    translatable_fields = [TranslatableField("name"), TranslatableField("links")]

    class Meta(PerLocaleSnippet.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return f"{self.name} ({self.locale})"


@register_snippet
class Footer(PerLocaleSnippet):
    """The site footer: about text, links and the donor acknowledgement."""

    about_text = models.TextField(blank=True, verbose_name=_("About the programme"))
    links = _links_field()
    donor_acknowledgement = RichTextField(
        features=["bold", "italic", "link"],
        verbose_name=_("Donor acknowledgement"),
    )

    panels = [
        FieldPanel("about_text"),
        FieldPanel("links"),
        FieldPanel("donor_acknowledgement"),
        PublishingPanel(),
    ]
    translatable_fields = [
        TranslatableField("about_text"),
        TranslatableField("links"),
        TranslatableField("donor_acknowledgement"),
    ]

    class Meta(PerLocaleSnippet.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return str(_("Footer (%(locale)s)") % {"locale": self.locale})
