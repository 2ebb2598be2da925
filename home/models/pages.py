"""The home page and the general-purpose standard page."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.languages import in_language

from .base import BasePage


class HomePage(BasePage):
    """The front page of one language: hero, featured items and the site's sections."""

    search_as_general_page = True  # "page" in search results, not the admin's "home page"

    hero_heading = models.CharField(max_length=120, verbose_name=_("Hero heading"))
    hero_intro = models.TextField(blank=True, verbose_name=_("Hero text"))
    hero_cta_label = models.CharField(max_length=80, blank=True, verbose_name=_("Button label"))
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Button links to"),
    )
    body = RichTextField(blank=True, verbose_name=_("About the programme"))
    featured_heading = models.CharField(
        max_length=120, blank=True, verbose_name=_("Featured section heading")
    )
    featured = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        blank=True,
        max_num=6,
        use_json_field=True,
        verbose_name=_("Featured pages"),
        help_text=_("Up to six pages to highlight on the home page."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "news.NewsIndexPage",
        "calls.CallIndexPage",
        "resources.ResourceIndexPage",
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
        FieldPanel("featured_heading"),
        FieldPanel("featured"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("home page")

    @cached_property
    def _linked_pages(self):
        """Live pages the home page shows (featured, sections, hero button), specific, by pk.

        One query for ids plus one per page type, however many pages are featured.
        """
        ids = [block["value"] for block in self.featured.raw_data if block.get("value")]
        if self.hero_cta_page_id:
            ids.append(self.hero_cta_page_id)
        children = Q(path__startswith=self.path, depth=self.depth + 1)
        pages = Page.objects.live().public().filter(Q(pk__in=ids) | children).specific()
        return {page.pk: page for page in pages}

    @cached_property
    def _in_own_language(self):
        """The featured pages and the hero button's page in this page's language, by chosen pk
        (None where there is no live translation: see languages.in_language)."""
        chosen = list(self._linked_pages.values())
        found = in_language(chosen, self.locale_id)
        return {page.pk: mine for page, mine in zip(chosen, found, strict=True)}

    def featured_pages(self):
        """The featured pages that are live in this language, in the editor's order."""
        ids = [block["value"] for block in self.featured.raw_data if block.get("value")]
        return [self._in_own_language[pk] for pk in ids if self._in_own_language.get(pk)]

    def sections(self):
        """The section index pages (news, calls, resources) not already featured, in tree order."""
        featured = {page.pk for page in self.featured_pages()}
        return sorted(
            (
                page
                for page in self._linked_pages.values()
                if page.depth == self.depth + 1
                and page.path.startswith(self.path)
                and not isinstance(page, StandardPage)
                and page.pk not in featured
            ),
            key=lambda page: page.path,
        )

    @property
    def hero_cta(self):
        """The live page the hero button leads to in this language, if any."""
        return self._in_own_language.get(self.hero_cta_page_id)


class StandardPage(BasePage):
    """A general page: about, contact, accessibility statement, privacy notice."""

    search_as_general_page = True  # "page" in search results, not the admin's "standard page"

    body = StreamField(BodyBlock(), blank=True, use_json_field=True, verbose_name=_("Body"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
