"""The calls index of each language and the call page with its embedded application form."""

from django.conf import settings
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from calls import external
from calls import status as call_status
from calls.applying import serve_call, serve_confirmation, serve_start_token
from calls.blocks import CallDocumentBlock, FaqItemBlock, InfoSessionBlock
from calls.calendar import call_calendar, deadlines_feed
from calls.downloads import serve_signed_file
from calls.feeds import new_calls_feed
from calls.form_builder import CallFormBuilder
from calls.listing import call_listing
from calls.models.form_fields import fill_keys
from calls.records.applications import Application
from calls.structured_data import call_json_ld
from home.addresses import route_segment, segment_pattern
from home.admin_forms import InPageLanguageMixin
from home.blocks import BodyBlock
from home.models import BaseIndexPage, BasePage, deferred


class CallIndexPage(RoutablePageMixin, BaseIndexPage):
    """The calls for proposals of one language: filters, an ICS deadline feed and an RSS feed."""

    template = "calls/call_index_page.html"
    subpage_types = ["calls.CallPage"]

    class Meta:
        verbose_name = _("calls index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(call_listing(self, request.GET))
        context["ics_url"] = self.url + self.reverse_subpage("deadlines_ics")
        context["rss_url"] = self.url + self.reverse_subpage("rss")
        return context

    def live_calls(self):
        return (
            CallPage.objects.child_of(self)
            .live()
            .public()
            .select_related("grant_type")
            .prefetch_related("topics__parent", "countries")
        )

    @path("calendar/", name="deadlines_ics")
    def deadlines_ics(self, request):
        body = deadlines_feed(self, request)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="calls.ics"'
        return response

    @path("feed/", name="rss")
    def rss(self, request):
        return new_calls_feed(self, request)


class CallPageForm(InPageLanguageMixin, WagtailAdminFormPageForm):
    """The call editor's form: dates say their time zone, form-field keys are derived."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin shows and reads dates in the editor's time zone (Europe/Belgrade unless they
        # chose another in their account); say which, and name the zone the call page uses.
        zone = timezone.get_current_timezone_name()
        if zone == settings.TIME_ZONE:
            note = _("Time in the programme's time zone, %(zone)s.") % {"zone": zone}
        else:
            note = _(
                "Time in your time zone, %(zone)s; the call page shows it in the "
                "programme's time zone, %(programme_zone)s."
            ) % {"zone": zone, "programme_zone": settings.TIME_ZONE}
        for name in ("opening_at", "deadline"):
            if name in self.fields:
                self.fields[name].help_text = note

    def clean(self):
        if "form_fields" in self.formsets:
            fill_keys(self.formsets["form_fields"].forms)
        cleaned_data = super().clean()
        opening, deadline = cleaned_data.get("opening_at"), cleaned_data.get("deadline")
        if opening and deadline and deadline <= opening:
            self.add_error("deadline", _("The deadline must be after the opening date."))
        if cleaned_data.get("application_mode") == CallPage.EXTERNAL and not cleaned_data.get(
            "external_url"
        ):
            self.add_error("external_url", _("Enter the address of the external intake."))
        low, high = cleaned_data.get("amount_min"), cleaned_data.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The maximum must not be below the minimum."))
        return cleaned_data


class CallPage(RoutablePageMixin, FormMixin, BasePage):
    """One call for proposals: what it funds, who may apply, its dates, documents and form."""

    EMBEDDED = "embedded"
    EXTERNAL = "external"

    code = models.CharField(
        max_length=40,
        db_index=True,
        verbose_name=_("Reference code"),
        help_text=_("The same in every language, e.g. WBCSP-2026-CORE-01."),
    )
    grant_type = models.ForeignKey(
        "home.GrantType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Grant type"),
    )
    topics = ParentalManyToManyField("home.Topic", blank=True, verbose_name=_("Topics"))
    countries = ParentalManyToManyField(
        "home.Country", blank=True, verbose_name=_("Eligible countries")
    )
    opening_at = models.DateTimeField(verbose_name=_("Opens"))
    deadline = models.DateTimeField(verbose_name=_("Deadline"))
    amount_min = models.DecimalField(
        max_digits=12, decimal_places=0, null=True, blank=True, verbose_name=_("Minimum amount")
    )
    amount_max = models.DecimalField(
        max_digits=12, decimal_places=0, null=True, blank=True, verbose_name=_("Maximum amount")
    )
    currency = models.CharField(max_length=3, default="EUR", verbose_name=_("Currency"))
    who_may_apply = StreamField(
        BodyBlock(), blank=True, use_json_field=True, verbose_name=_("Who may apply")
    )
    how_to_apply = StreamField(
        BodyBlock(), blank=True, use_json_field=True, verbose_name=_("How to apply")
    )
    documents = StreamField(
        [("document", CallDocumentBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("Documents"),
    )
    faq = StreamField(
        [("item", FaqItemBlock())], blank=True, use_json_field=True, verbose_name=_("FAQ")
    )
    info_sessions = StreamField(
        [("session", InfoSessionBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("Information sessions"),
    )
    contact_name = models.CharField(max_length=120, blank=True, verbose_name=_("Contact name"))
    contact_email = models.EmailField(blank=True, verbose_name=_("Contact e-mail"))
    application_mode = models.CharField(
        max_length=10,
        choices=[(EMBEDDED, _("Embedded form")), (EXTERNAL, _("External intake"))],
        default=EMBEDDED,
        verbose_name=_("How applications are made"),
    )
    external_url = models.URLField(
        blank=True,
        verbose_name=_("External intake address"),
        help_text=_("For external intake: the call code, language and country are added to it."),
    )
    form_intro = models.TextField(
        blank=True,
        verbose_name=_("Text above the form"),
        help_text=_("The form itself says by when to apply and that fields marked * are required."),
    )
    thank_you_text = models.TextField(blank=True, verbose_name=_("Text on the confirmation page"))

    template = "calls/call_page.html"
    landing_page_template = "calls/call_page_landing.html"
    base_form_class = CallPageForm
    # The page is cached and shared: its form carries no CSRF token, posts are checked by origin
    # (home.same_origin).
    same_origin_posts = True
    parent_page_types = ["calls.CallIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("grant_type"),
                FieldPanel("topics"),
                FieldPanel("countries"),
                FieldRowPanel([FieldPanel("opening_at"), FieldPanel("deadline")]),
                FieldRowPanel(
                    [FieldPanel("amount_min"), FieldPanel("amount_max"), FieldPanel("currency")]
                ),
            ],
            heading=_("The call"),
        ),
        FieldPanel("who_may_apply"),
        FieldPanel("how_to_apply"),
        FieldPanel("documents"),
        FieldPanel("faq"),
        FieldPanel("info_sessions"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("application_mode"),
                # Shown only while "External intake" is chosen (Wagtail's own w-rules controller).
                FieldPanel(
                    "external_url",
                    attrs={
                        "data-w-rules-target": "show",
                        "data-w-rules": '{"application_mode": ["external"]}',
                    },
                ),
                FieldPanel("form_intro"),
                InlinePanel("form_fields", label=_("Form fields")),
                FieldPanel("thank_you_text"),
            ],
            heading=_("Application"),
            attrs={"data-controller": "w-rules", "data-action": "change->w-rules#resolve"},
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("code"),
        index.SearchField("who_may_apply"),
        index.SearchField("how_to_apply"),
        index.FilterField("deadline"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("code", overridable=False),
        SynchronizedField("topics", overridable=False),
        SynchronizedField("countries", overridable=False),
        SynchronizedField("opening_at", overridable=False),
        SynchronizedField("deadline", overridable=False),
        SynchronizedField("amount_min", overridable=False),
        SynchronizedField("amount_max", overridable=False),
        SynchronizedField("currency", overridable=False),
        SynchronizedField("application_mode", overridable=False),
        SynchronizedField("external_url"),
        SynchronizedField("contact_email"),
    ]

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    # --- Status -------------------------------------------------------------------------------

    def status_at(self, now=None):
        return call_status.call_status(self.opening_at, self.deadline, now)

    @cached_property
    def status(self):
        return self.status_at()

    def shown_until(self):
        return call_status.next_change(self.opening_at, self.deadline, timezone.now())

    @property
    def status_label(self):
        return call_status.STATUS_LABELS[self.status]

    @property
    def is_open(self):
        return call_status.accepts_applications(self.status)

    @classmethod
    def open_in_language(cls, language_code, limit=3):
        """The open calls of one language, nearest deadline first (two queries)."""
        now = timezone.now()
        calls = (
            cls.objects.live()
            .public()
            .filter(locale__language_code=language_code, opening_at__lte=now, deadline__gte=now)
            .select_related("grant_type")
            .order_by("deadline")[:limit]
        )
        return [call for call in calls if call.is_open]

    @property
    def deadline_local(self):
        return timezone.localtime(self.deadline)

    @property
    def opening_local(self):
        return timezone.localtime(self.opening_at)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Deferred: the head and most of the page are page fragments, rendered once per publish.
        context.update(
            documents_list=deferred(self.document_links),
            ics_url=self.url + self.reverse_subpage("ics"),
            json_ld=deferred(self.json_ld, request),
            external_form=deferred(self.external_form, self.locale.language_code),
        )
        return context

    def document_links(self):
        """The call's documents as the page lists them: title, address, type, size, country and
        language of each."""
        country_names = {country.slug: country.name for country in self.eligible_countries}
        documents = []
        for block in self.documents:
            document = block.value.get("document")
            if document is None:
                continue
            country = block.value.get("country") or ""
            documents.append(
                {
                    "title": block.value.get("title") or document.title,
                    "url": document.url,
                    "extension": document.file_extension,
                    "size": document.file_size,
                    "country": country_names.get(country, country),
                    "language": block.value.get("language") or "",
                }
            )
        return documents

    # --- The form -----------------------------------------------------------------------------

    @cached_property
    def eligible_countries(self):
        """Countries of this call, loaded once per request however often they are shown."""
        return list(self.countries.all())

    @cached_property
    def form_field_list(self):
        return list(self.form_fields.all())

    def get_form_fields(self):
        return self.form_field_list

    def get_form_class(self):
        return CallFormBuilder(list(self.get_form_fields()), page=self).get_form_class()

    def get_submission_class(self):
        return Application

    def get_data_fields(self):
        return [("submit_time", _("Submission date"))] + [
            (field.key, field.label) for field in self.get_form_fields()
        ]

    def external_apply_url(self, language_code, country_slug=""):
        return external.external_apply_url(self, language_code, country_slug)

    def external_form(self, language_code):
        return external.external_form(self, language_code)

    @path("", name="index")
    def index_route(self, request, *args, **kwargs):
        return serve_call(self, request)

    # The confirmation page, at a word of the page's language (``home.addresses``): "pranuar" in
    # Albanian. Another language's word, or the English one of older links, leads to this one.
    @re_path(rf"^{segment_pattern('received')}/(?P<token>[^/]+)/$", name="received")
    def received(self, request, received, token):
        if received != route_segment("received", self.locale.language_code):
            return HttpResponseRedirect(self.received_url(token))
        return serve_confirmation(self, request, token)

    def received_url(self, token):
        """The address of the confirmation page that ``token`` opens."""
        segment = route_segment("received", self.locale.language_code)
        return self.url + self.reverse_subpage(
            "received", kwargs={"received": segment, "token": token}
        )

    @path("start/", name="start_token")
    def start_token(self, request):
        return serve_start_token(request)

    @path("calendar/", name="ics")
    def ics(self, request):
        response = HttpResponse(
            call_calendar(self, request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.code or "call"}.ics"'
        return response

    @path("files/<str:token>/", name="file")
    def signed_file(self, request, token):
        return serve_signed_file(self, request, token)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return super().serve_preview(request, mode_name)

    def json_ld(self, request):
        """The call's structured data (written out by site_tags.json_ld)."""
        return call_json_ld(self, request)
