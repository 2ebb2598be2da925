"""Training resources and campaign material: the library, resource pages and campaign pages."""

import datetime

from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.addresses import route_segment, segment_pattern
from home.blocks import BodyBlock, CallToActionBlock
from home.languages import live_pages_in_language
from home.models import BaseIndexPage, BasePage, deferred

from . import choices, tasks
from .kits import kit_languages, kit_response, materials_by_kind
from .library import library_context
from .reader_order import reader_first
from .structured_data import campaign_json_ld, resource_json_ld


class ResourceIndexPage(RoutablePageMixin, BaseIndexPage):
    """The library of training resources and campaign material of one language.

    The library itself is faceted (``resources.library``); ``campaigns/`` (a word of the
    page's language, ``home.addresses``) lists the campaigns.
    """

    template = "resources/resource_index_page.html"
    subpage_types = ["resources.ResourcePage", "resources.CampaignPage"]

    class Meta:
        verbose_name = _("resource library")

    # Routes the language switcher keeps: the same list in the other language.
    routes_in_every_language = ("library", "campaigns")

    @path("", name="library")
    def library(self, request):
        context = self.get_context(request)
        # public() evaluates the view restrictions once; every facet query reuses the filter.
        context.update(
            library_context(
                self,
                request,
                ResourcePage.objects.child_of(self).live().public(),
                CampaignPage.objects.child_of(self).live().public(),
            )
        )
        return render(request, self.template, context)

    @re_path(rf"^{segment_pattern('campaigns')}/$", name="campaigns")
    def campaigns(self, request, campaigns):
        if campaigns != route_segment("campaigns", self.locale.language_code):
            return HttpResponsePermanentRedirect(self.campaigns_url)
        context = self.get_context(request)
        today = timezone.localdate()
        campaigns = list(
            CampaignPage.objects.child_of(self).live().public().order_by("-start_date", "title")
        )
        context["current_campaigns"] = [c for c in campaigns if c.is_current(today)]
        context["past_campaigns"] = [c for c in campaigns if not c.is_current(today)]
        context["library_url"] = self.url
        return render(request, "resources/campaign_index.html", context)

    @cached_property
    def campaigns_url(self):
        segment = route_segment("campaigns", self.locale.language_code)
        return self.url + self.reverse_subpage("campaigns", kwargs={"campaigns": segment})


class ResourcePage(BasePage):
    """One training resource: a module, guide, toolkit, template, report, video or webinar."""

    template = "resources/resource_page.html"
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    resource_type = models.CharField(
        max_length=20, choices=choices.RESOURCE_TYPES, verbose_name=_("Type of resource")
    )
    audience = models.CharField(
        max_length=20, choices=choices.AUDIENCES, verbose_name=_("Audience")
    )
    level = models.CharField(
        max_length=20, choices=choices.LEVELS, default="introductory", verbose_name=_("Level")
    )
    topics = ParentalManyToManyField("home.Topic", blank=True, verbose_name=_("Topics"))
    countries = ParentalManyToManyField("home.Country", blank=True, verbose_name=_("Countries"))
    languages = ParentalManyToManyField(
        "wagtailcore.Locale",
        blank=True,
        related_name="+",
        verbose_name=_("Languages of the material"),
        help_text=_("Every language the material itself exists in."),
    )
    publication_date = models.DateField(
        default=datetime.date.today, verbose_name=_("Publication date")
    )
    length = models.CharField(
        max_length=60,
        blank=True,
        verbose_name=_("Duration or length"),
        help_text=_("For example: 90 minutes, 24 pages."),
    )
    licence = models.CharField(
        max_length=20, choices=choices.LICENCES, default="cc-by-4.0", verbose_name=_("Licence")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))
    video_url = models.URLField(
        blank=True,
        verbose_name=_("Video address"),
        help_text=_("A YouTube or Vimeo address; the video is embedded on the page."),
    )
    transcript = models.TextField(blank=True, verbose_name=_("Transcript of the video"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("resource_type"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("level"), FieldPanel("licence")]),
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("length")]),
                FieldPanel("topics"),
                FieldPanel("countries"),
                FieldPanel("languages"),
            ],
            heading=_("About the resource"),
        ),
        FieldPanel("body"),
        InlinePanel("files", heading=_("Files"), label=_("File")),
        MultiFieldPanel([FieldPanel("video_url"), FieldPanel("transcript")], heading=_("Video")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("transcript"),
        index.FilterField("resource_type"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("resource_type", overridable=False),
        SynchronizedField("audience", overridable=False),
        SynchronizedField("level", overridable=False),
        SynchronizedField("licence", overridable=False),
        SynchronizedField("publication_date", overridable=False),
        SynchronizedField("video_url"),
        SynchronizedField("languages", overridable=False),
    ]

    class Meta:
        verbose_name = _("training resource")
        verbose_name_plural = _("training resources")

    @property
    def is_training(self):
        return self.resource_type in choices.TRAINING_TYPES

    @property
    def licence_info(self):
        return choices.LICENCE_INFO[self.licence]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Deferred: the head and the page body are page fragments, rendered once per publish.
        # Downloads in the reader's order: their language first, then the others.
        files = deferred(
            reader_first, self.files.select_related("document"), self.locale.language_code
        )
        topics = deferred(list, self.topics.all())
        languages = deferred(self.language_list)
        context.update(
            files=files,
            topic_list=topics,
            country_list=deferred(list, self.countries.all()),
            language_list=languages,
            json_ld=deferred(
                lambda: resource_json_ld(self, request, files(), topics(), languages())
            ),
        )
        return context

    def language_list(self):
        """The languages the resource is available in, in the site's language order."""
        return sorted(
            self.languages.all(), key=lambda locale: choices.language_order(locale.language_code)
        )


def _file_language_field(help_text):
    return models.CharField(
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        verbose_name=_("Language of the file"),
        help_text=help_text,
    )


class LanguageFile(Orderable):
    """A downloadable document in one language (or none), ordered on its page: the shared shape
    of a resource's files and a campaign's material."""

    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("Document"),
    )  # fmt: skip
    language = _file_language_field(_("Leave empty when the file has no text (a logo, a picture)."))

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def language_name(self):
        return choices.language_name(self.language)


class ResourceFile(LanguageFile):
    """One downloadable file of a resource, in one language (a language version)."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="files")

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(LanguageFile.Meta):
        verbose_name = _("file")


class CampaignPage(RoutablePageMixin, BasePage):
    """A public-awareness campaign and the material partners download and reuse."""

    template = "resources/campaign_page.html"
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    goal = models.TextField(verbose_name=_("Goal of the campaign"))
    start_date = models.DateField(verbose_name=_("Starts"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("Ends"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hero image"),
    )
    hero_alt_text = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("Alternative text of the hero image"),
        help_text=_("Describe the image; leave empty when it is only decorative."),
    )
    key_messages = StreamField(
        [("message", blocks.CharBlock(max_length=250, label=_("Key message")))],
        blank=True,
        verbose_name=_("Key messages"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))
    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock(label=_("Call to action")))],
        blank=True,
        max_num=1,
        verbose_name=_("Call to action"),
    )
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("Related news and stories"),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("goal"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading=_("Hero")),
        FieldPanel("key_messages"),
        FieldPanel("body"),
        InlinePanel("materials", heading=_("Campaign material"), label=_("Material")),
        FieldPanel("call_to_action"),
        FieldPanel("related_pages"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("goal"),
        index.SearchField("key_messages"),
        index.SearchField("body"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("start_date", overridable=False),
        SynchronizedField("end_date", overridable=False),
        SynchronizedField("hero_image"),
    ]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    @property
    def listing_image_alt(self):
        """The banner's description when it is also the listing image (shared as og:image)."""
        return self.hero_alt_text if self.listing_image_id == self.hero_image_id else ""

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.start_date <= today and (self.end_date is None or today <= self.end_date)

    def shown_until(self):
        """The midnight (programme time) at which the campaign becomes or stops being current."""
        today = timezone.localdate()
        after_end = self.end_date + datetime.timedelta(days=1) if self.end_date else None
        for day in (self.start_date, after_end):
            if day is not None and day > today:
                return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Deferred: the head and the page body are page fragments, rendered once per publish.
        materials = deferred(self.material_list)
        context.update(
            materials_by_kind=deferred(
                lambda: materials_by_kind(materials(), self.locale.language_code)
            ),
            kits=deferred(lambda: self.kit_links(materials())),
            related=deferred(self.related_live_pages),
            json_ld=deferred(lambda: campaign_json_ld(self, request, materials())),
        )
        return context

    def material_list(self):
        """The campaign's material with the label each item shows readers."""
        materials = list(self.materials.select_related("document", "preview"))
        for material in materials:
            material.reader_label = material.label(self.title)
        return materials

    def kit_links(self, materials):
        """A kit download (zip of the material) per language the material exists in."""
        return [
            {
                "code": code,
                "name": choices.language_name(code),
                "url": self.url + self.reverse_subpage("kit", args=[code]),
            }
            for code in kit_languages(materials)
        ]

    def related_live_pages(self):
        """The related pages live in this page's language, in the editor's order."""
        ids = [block["value"] for block in self.related_pages.raw_data if block.get("value")]
        return live_pages_in_language(ids, self.locale_id)

    @path("kit/<str:language>/", name="kit")
    def kit(self, request, language):
        """The campaign kit of one language as one zip file, built once and cached."""
        if language not in dict(settings.LANGUAGES):
            raise Http404("No such language")
        return kit_response(request, self, language, tasks.build_campaign_kits.enqueue)


class CampaignMaterial(LanguageFile):
    """One downloadable item of a campaign kit: a poster, a social-media card, a logo…"""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=20, choices=choices.MATERIAL_KINDS, verbose_name=_("Kind"))
    language = _file_language_field(
        _("Leave empty for material without text (logos): it joins every language's kit.")
    )

    preview = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Preview image"),
        help_text=_(
            "A picture of the poster or card, shown beside its download link. Left empty for an "
            "image file (PNG, JPEG, WebP), the file itself is used."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("document"),
        FieldPanel("language"),
        FieldPanel("preview"),
    ]

    class Meta(LanguageFile.Meta):
        verbose_name = _("campaign material")

    def label(self, campaign_title):
        """What a reader sees as the file's name: its kind and the campaign ("Poster: …"),
        in the reader's language, whatever the uploaded document was called."""
        kind = choices.MATERIAL_KIND_ONE.get(self.kind, self.kind)
        return f"{kind}: {campaign_title}"

    def save(self, *args, **kwargs):
        # A card or logo uploaded as an image previews itself: make it a Wagtail image once, here
        # (at upload time), so the page only asks for renditions.
        if self.preview_id is None and self.document_id:
            self.preview = image_from_document(self.document)
        super().save(*args, **kwargs)


PREVIEWABLE_EXTENSIONS = {"png", "jpg", "jpeg", "webp", "gif"}


def image_from_document(document):
    """A Wagtail image made from an image file uploaded as a document (reused if made before)."""
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    if document.file_extension.lower() not in PREVIEWABLE_EXTENSIONS:
        return None
    Image = get_image_model()
    title = f"Preview: {document.title}"[:255]
    image = Image.objects.filter(title=title).first()
    if image is None:
        with document.file.open("rb") as handle:
            image = Image(title=title, file=ContentFile(handle.read(), name=document.filename))
            image.save()
    return image
