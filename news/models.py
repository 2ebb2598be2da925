"""News and success stories: the newsroom index of each language, news pages and story pages."""

from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.addresses import route_segment, segment_pattern
from home.admin_forms import PageInItsLanguageForm
from home.blocks import BodyBlock, ImageBlock, QuoteBlock
from home.languages import in_language, live_pages_in_language
from home.models import BaseIndexPage, BasePage, deferred
from home.models.base import PerLanguageField, SocialFieldsMixin
from news.archive import archive_context
from news.feeds import feed_response
from news.kinds import NEWS, STORIES


class NewsIndexPage(RoutablePageMixin, BaseIndexPage):
    """The newsroom of one language: the news archive, the story archive (``stories/``) and feeds."""

    template = "news/news_index_page.html"
    subpage_types = ["news.NewsPage", "news.StoryPage"]

    class Meta:
        verbose_name = _("news index")

    # Routes the language switcher keeps: the same archive in the other language.
    routes_in_every_language = ("news", "stories")

    @path("", name="news")
    def news_archive(self, request):
        return self.render(request, context_overrides=self._kind_context(request, NEWS))

    @re_path(rf"^{segment_pattern(STORIES)}/$", name="stories")
    def story_archive(self, request, stories):
        if stories != self._stories_segment():
            return self._to_own_segment(request, "stories")
        return self.render(request, context_overrides=self._kind_context(request, STORIES))

    @path("feed/rss/", name="news_rss")
    def news_rss(self, request):
        return self._feed(request, NEWS, "rss")

    @path("feed/atom/", name="news_atom")
    def news_atom(self, request):
        return self._feed(request, NEWS, "atom")

    @re_path(rf"^{segment_pattern(STORIES)}/feed/rss/$", name="stories_rss")
    def stories_rss(self, request, stories):
        if stories != self._stories_segment():
            return self._to_own_segment(request, "stories_rss")
        return self._feed(request, STORIES, "rss")

    @re_path(rf"^{segment_pattern(STORIES)}/feed/atom/$", name="stories_atom")
    def stories_atom(self, request, stories):
        if stories != self._stories_segment():
            return self._to_own_segment(request, "stories_atom")
        return self._feed(request, STORIES, "atom")

    def _stories_segment(self):
        return route_segment(STORIES, self.locale.language_code)

    def _to_own_segment(self, request, route):
        """Another language's segment (or the English one of old addresses): this language's."""
        url = self.url + self.reverse_subpage(route, kwargs={STORIES: self._stories_segment()})
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def _kind_context(self, request, kind):
        return archive_context(self, request, kind)

    def _feed(self, request, kind, flavour):
        return feed_response(self, request, kind, flavour)

    def subpage_url(self, route):
        """The path of one of this index's routes (archives, feeds) in its own language."""
        kwargs = {STORIES: self._stories_segment()} if route.startswith(STORIES) else None
        return self.url + self.reverse_subpage(route, kwargs=kwargs)

    def archive_url(self, kind):
        """The address of the news (``news``) or story (``stories``) archive of this index."""
        if kind not in (NEWS, STORIES):
            raise Http404
        return self.subpage_url(kind)

    def items_of(self, kind, private_q=None):
        """Live, public items of one kind under this index, newest first.

        ``private_q`` (from ``PageQuerySet.private_q()``) saves a query when listing both kinds.
        """
        model = NewsPage if kind == NEWS else StoryPage
        items = model.objects.child_of(self).live()
        private_q = items.private_q() if private_q is None else private_q
        return items.exclude(private_q).order_by("-date", "-pk")


class ArticleForm(PageInItsLanguageForm):
    """A news item or story may not be published with a main image but no description of it."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:  # saving a draft: finish it later
            return cleaned_data
        if cleaned_data.get("listing_image") and not cleaned_data.get("image_alt", "").strip():
            self.add_error(
                "image_alt",
                _(
                    "Describe the main image for people who cannot see it: an article with a "
                    "main image cannot be published without its alternative text."
                ),
            )
        return cleaned_data


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticleFields(BasePage):
    """What news and stories share: date, body, taxonomy, tags and related pages.

    The introduction (``intro``) is the lead; the listing image is the main picture, edited with
    its alternative text on the Content tab.
    """

    date = models.DateField(
        default=timezone.localdate,
        verbose_name=_("Publication date"),
        help_text=_("Shown on the page and used to sort and filter the archive."),
    )
    image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("Alternative text of the main image"),
        help_text=_(
            "Describe the picture for people who cannot see it; required when a main image is "
            "chosen."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))
    topics = ParentalManyToManyField("home.Topic", blank=True, verbose_name=_("Topics"))
    countries = ParentalManyToManyField("home.Country", blank=True, verbose_name=_("Countries"))
    grant_type = models.ForeignKey(
        "home.GrantType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Grant type"),
    )
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("Related pages"),
    )

    base_form_class = ArticleForm
    # The main picture (stored as the listing image, which cards elsewhere show too) and its
    # description sit together on the Content tab, below the lead.
    main_image_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_image", heading=_("Image")), FieldPanel("image_alt")],
            heading=_("Main image"),
        )
    ]
    taxonomy_panels = [
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("countries"), FieldPanel("grant_type")],
            heading=_("Topics and places"),
        )
    ]
    # Tags are words of each language; syncing would replace them with the English ones.
    override_translatable_fields = BasePage.override_translatable_fields + [
        PerLanguageField("tags"),
        PerLanguageField("tagged_items"),
    ]

    @property
    def listing_image_alt(self):
        """The main picture's description (also its og:image:alt when the article is shared)."""
        return self.image_alt

    promote_panels = (
        Page.promote_panels
        + [
            MultiFieldPanel(
                [FieldPanel("listing_title"), FieldPanel("listing_summary")],
                heading=_("Listings"),
            )
        ]
        + SocialFieldsMixin.promote_panels
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    kind = NEWS

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ids = [block["value"] for block in self.related_pages.raw_data if block.get("value")]
        # Deferred: the head and the article are page fragments, rendered once per publish.
        context["archive_url"] = deferred(self.listed_in_url)
        context["related"] = deferred(live_pages_in_language, ids, self.locale_id)
        context["topics"] = deferred(list, self.topics.all())  # the head and the footer list them
        return context

    def listed_in_url(self):
        """The address of the archive this article is listed in (news or stories), or None."""
        index = NewsIndexPage.objects.parent_of(self).select_related("locale").first()
        return index.archive_url(self.kind) if index else None


class NewsPage(ArticleFields):
    """A news item: what the programme and its grantees did, with an optional author."""

    template = "news/news_page.html"
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("Tags"))
    author = models.CharField(max_length=120, blank=True, verbose_name=_("Author"))
    organisation = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Organisation"),
        help_text=_("The organisation the news comes from, if not the programme."),
    )

    content_panels = BasePage.content_panels + [
        *ArticleFields.main_image_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author"), FieldPanel("organisation")]),
        FieldPanel("body"),
        *ArticleFields.taxonomy_panels,
        FieldPanel("tags"),
        FieldPanel("related_pages"),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class OutcomeBlock(blocks.StructBlock):
    """A result in figures: "1200" + "young people trained"; shown as the language writes numbers."""

    number = blocks.CharBlock(max_length=20, label=_("Number"))
    label = blocks.CharBlock(max_length=120, label=_("What was counted"))

    class Meta:
        icon = "success"


class StoryPage(ArticleFields):
    """A success story: what a grantee achieved, where, with which grant, in figures and pictures."""

    template = "news/story_page.html"
    parent_page_types = ["news.NewsIndexPage"]
    share_section_label = _("Success stories")  # the section its share card names
    subpage_types = []

    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("Tags"))
    grantee = models.CharField(max_length=200, verbose_name=_("Grantee organisation"))
    place = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("Municipality or city"),
    )
    project_start = models.DateField(null=True, blank=True, verbose_name=_("Project start"))
    project_end = models.DateField(null=True, blank=True, verbose_name=_("Project end"))
    outcomes = StreamField(
        [("outcome", OutcomeBlock(label=_("Outcome")))],
        blank=True,
        verbose_name=_("Outcomes in figures"),
    )
    pull_quotes = StreamField(
        [("quote", QuoteBlock(label=_("Quote")))], blank=True, verbose_name=_("Pull quotes")
    )
    gallery = StreamField(
        [("image", ImageBlock(label=_("Photo")))], blank=True, verbose_name=_("Photo gallery")
    )
    source_call = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Call for proposals"),
        help_text=_("The call this grant came from."),
    )

    content_panels = BasePage.content_panels + [
        *ArticleFields.main_image_panels,
        FieldPanel("date"),
        MultiFieldPanel(
            [
                FieldPanel("grantee"),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("project_start"), FieldPanel("project_end")]),
                PageChooserPanel("source_call", page_type="calls.CallPage"),
            ],
            heading=_("The grant"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("body"),
        FieldPanel("pull_quotes"),
        FieldPanel("gallery"),
        *ArticleFields.taxonomy_panels,
        FieldPanel("tags"),
        FieldPanel("related_pages"),
    ]
    search_fields = ArticleFields.search_fields + [
        index.SearchField("grantee"),
        index.SearchField("place"),
    ]
    kind = STORIES

    class Meta:
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["source_call"] = deferred(source_call_for, self)
        return context


def source_call_for(story):
    """The story's call in the story's language, if live there (see languages.in_language)."""
    if story.source_call_id is None:
        return None
    return in_language([story.source_call], story.locale_id)[0]
