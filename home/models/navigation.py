"""Main menu and footer: translatable snippets, one per language, edited in the admin."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet

from home.blocks import LinkBlock


class PerLocaleSnippet(TranslatableMixin, models.Model):
    """A snippet of which the site shows the one in the reader's language."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @classmethod
    def for_active_locale(cls):
        """The version in the active language, else the default language's, else None (one query)."""
        codes = [
            get_supported_content_language_variant(translation.get_language()),
            settings.LANGUAGE_CODE,
        ]
        versions = {
            item.locale.language_code: item
            for item in cls.objects.filter(locale__language_code__in=codes).select_related("locale")
        }
        return next((versions[code] for code in codes if code in versions), None)


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

    panels = [FieldPanel("name"), FieldPanel("links")]

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

    panels = [FieldPanel("about_text"), FieldPanel("links"), FieldPanel("donor_acknowledgement")]

    class Meta(PerLocaleSnippet.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return str(_("Footer (%(locale)s)") % {"locale": self.locale})
