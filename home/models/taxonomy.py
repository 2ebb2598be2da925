"""Translatable taxonomy shared by every section: countries, topics and grant types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A named term with a stable slug that is the same in every language."""

    name = models.CharField(max_length=120, verbose_name=_("Name"))
    slug = models.SlugField(
        max_length=80,
        verbose_name=_("Slug"),
        help_text=_("Used in addresses and filters; the same in every language."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("Sort order"))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


@register_snippet
class Country(TaxonomyTerm):
    """A programme country, or "Regional" for work across several of them."""

    iso_code = models.CharField(
        max_length=2,
        blank=True,
        verbose_name=_("ISO code"),
        help_text=_("Two letters, e.g. AL; empty for regional."),
    )

    panels = TaxonomyTerm.panels + [FieldPanel("iso_code")]
    translatable_fields = TaxonomyTerm.translatable_fields + [
        SynchronizedField("iso_code", overridable=False)
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


@register_snippet
class Topic(TaxonomyTerm):
    """A programme theme ("Security and Stability", "Governance") or one of its sub-topics."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subtopics",
        verbose_name=_("Theme"),
        help_text=_("Leave empty for a theme; choose a theme for a sub-topic."),
    )

    panels = TaxonomyTerm.panels + [FieldPanel("parent")]
    translatable_fields = TaxonomyTerm.translatable_fields + [
        # Overridable on purpose: the override holds the theme in the topic's own language
        # (recorded on adoption); without it a sync would point the topic at the English theme.
        SynchronizedField("parent")
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


@register_snippet
class GrantType(TaxonomyTerm):
    """A kind of grant the programme awards (core, regional, local initiatives, Creative Box…)."""

    description = models.TextField(blank=True, verbose_name=_("Description"))

    panels = TaxonomyTerm.panels + [FieldPanel("description")]
    translatable_fields = TaxonomyTerm.translatable_fields + [TranslatableField("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("grant type")
        verbose_name_plural = _("grant types")
