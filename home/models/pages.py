"""The home page and the general-purpose standard page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyBlock

from .base import BasePage


class HomePage(BasePage):
    """The front page of one language: hero, featured items and the site's sections."""

    hero_heading = models.CharField(max_length=120, verbose_name=_("Hero heading"))
    hero_intro = models.TextField(blank=True, verbose_name=_("Hero text"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hero image"),
    )
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
                FieldPanel("hero_image"),
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
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("hero_image"),
    ]

    class Meta:
        verbose_name = _("home page")

    def featured_pages(self):
        """The featured pages that are live, in the editor's order, fetched in bounded queries."""
        ids = [block["value"] for block in self.featured.raw_data if block.get("value")]
        pages = Page.objects.live().public().filter(pk__in=ids).specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]

    def sections(self):
        """The section index pages (news, calls, resources) of this language."""
        return self.get_children().live().public().not_type(StandardPage).specific()


class StandardPage(BasePage):
    """A general page: about, contact, accessibility statement, privacy notice."""

    body = StreamField(BodyBlock(), blank=True, use_json_field=True, verbose_name=_("Body"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
