"""The abstract page every page type builds on: SEO/social fields and listing fields as mixins."""

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField

from home.addresses import give_own_language_slug
from home.admin_forms import PageInItsLanguageForm
from home.frontend_cache import cached_paths
from runtime.restrictions import CachedViewRestrictionsMixin
from search.indexing import FoldedSearchMixin


def deferred(compute, *args):
    """A template context value computed when the template first uses it, and only once — so not
    at all when the part of the template that shows it comes from a page fragment cache
    (home/templatetags/page_fragments.py). Templates call it by naming it; code calls it."""
    return functools.cache(functools.partial(compute, *args))


class SocialFieldsMixin(models.Model):
    """What a link to this page shows when shared on social media."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Social media image"),
        help_text=_("Shown when the page is shared; 1200×630 pixels works best."),
    )
    social_text = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Social media text"),
        help_text=_("Defaults to the search description."),
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")],
            heading=_("Social media"),
        )
    ]

    class Meta:
        abstract = True


class ListingFieldsMixin(models.Model):
    """How this page appears in lists and cards elsewhere on the site."""

    listing_title = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Listing title"),
        help_text=_("Defaults to the page title."),
    )
    listing_summary = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("Listing summary"),
        help_text=_("Defaults to the introduction."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Listing image"),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("Listings"),
        )
    ]

    class Meta:
        abstract = True


class PerLanguageField(BaseTranslatableField):
    """A field each language keeps for itself: wagtail-localize neither offers it for
    translation nor copies it from the source when translations are synced (e.g. free-text tags,
    which are words of one language)."""

    def __repr__(self):
        return f"<PerLanguageField {self.field_name}>"


class BasePage(
    CachedViewRestrictionsMixin, FoldedSearchMixin, SocialFieldsMixin, ListingFieldsMixin, Page
):
    """Abstract base of every page type: an introduction, SEO, social and listing fields."""

    intro = models.TextField(blank=True, verbose_name=_("Introduction"))

    base_form_class = PageInItsLanguageForm  # topics, countries… of the page's language only
    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = (
        Page.promote_panels + ListingFieldsMixin.promote_panels + SocialFieldsMixin.promote_panels
    )
    search_fields = (
        Page.search_fields + [index.SearchField("intro")] + FoldedSearchMixin.folded_search_fields
    )

    # Images are the same in every language; text is translated.
    override_translatable_fields = [
        SynchronizedField("listing_image"),
        SynchronizedField("social_image"),
    ]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # One address rule for pages made in the admin, by seeding and by translation.
        give_own_language_slug(self)
        super().full_clean(*args, **kwargs)

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def card_summary(self):
        return self.listing_summary or self.intro or self.search_description

    @property
    def meta_description(self):
        """What search engines show under the title: the editor's description, else the intro."""
        return self.search_description or self.intro or self.listing_summary

    @property
    def share_text(self):
        return self.social_text or self.search_description or self.intro

    def get_cached_paths(self):
        """What the proxy may hold for this page and a publish purges: the page and its feeds."""
        return cached_paths(self)

    def shown_until(self):
        """The next instant at which this page shows something else by the clock alone (a
        call's status, a campaign becoming current), or None. It limits how long the page's
        fragments are kept (home/templatetags/page_fragments.py)."""
        return None


class BaseIndexPage(BasePage):
    """Abstract index of a section (news, calls, resources); each lists its items its own way."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []  # each section's issue adds its page types
    search_as_general_page = True  # "page" in search results, not "news index"

    class Meta:
        abstract = True
