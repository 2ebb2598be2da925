"""Admin: applications across all languages with delivery state, files, export and retry."""

import django_filters
from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from calls import intake
from calls.admin_views import export_applications, may_read_applications, retry_delivery
from calls.downloads import staff_download
from calls.models import Application
from calls.search_facet import STATUS_FACET
from calls.uploads import max_request_size
from home.models import Country


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Applications are what applicants sent: staff read them, never add or change them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Application, ReadOnlyPolicy(Application))


def _country_choices():
    """Countries by stable slug, named in the admin's language (English where it has none)."""
    names = {}
    for code in (settings.LANGUAGE_CODE, get_language()):
        terms = Country.objects.filter(locale__language_code=code).order_by("sort_order")
        names.update(terms.values_list("slug", "name"))
    return list(names.items())


class ApplicationFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(choices=settings.LANGUAGES, label=_("Language"))
    country = django_filters.ChoiceFilter(choices=_country_choices, label=_("Country"))

    class Meta:
        model = Application
        fields = ["call_code", "language", "country", "delivery__status", "review_reason"]


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        """With each country's name in the admin's language (else English), in the same query."""
        names = Country.objects.filter(slug=OuterRef("country"))
        here = names.filter(locale__language_code=get_language())
        english = names.filter(locale__language_code=settings.LANGUAGE_CODE)
        return (
            super()
            .get_base_queryset()
            .select_related("delivery")
            .annotate(
                country_here=Subquery(here.values("name")[:1]),
                country_english=Subquery(english.values("name")[:1]),
            )
        )


def admin_time(moment):
    """A moment as the admin shows it on every screen: in the admin's one time zone (the
    programme's, settings.TIME_ZONE), with the zone named ("1 December 2026, 22:32 CET")."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"


ATTEMPT_LABELS = {
    intake.DELIVERED: _("Delivered"),
    intake.RETRY: _("Did not get through; tried again later"),
    intake.FAILED: _("Refused by the intake"),
    intake.IN_PROGRESS: _("In progress"),
    intake.INTERRUPTED: _(
        "Interrupted, outcome unknown: the worker stopped during the request. The intake may "
        "have received the application; it is sent again with the same idempotency key."
    ),
}


def delivery_attempts(delivery, now=None):
    """Each attempt to deliver, as the inspect view lists it. An attempt still in progress while
    no worker holds the delivery any more was cut off (its worker died): it shows as interrupted
    even before the outbox loop has marked it so."""
    if delivery is None:
        return []
    now = now or timezone.now()
    held = delivery.lease_until is not None and delivery.lease_until >= now
    attempts = []
    for attempt in delivery.tries.all():
        outcome = attempt.outcome
        if outcome == intake.IN_PROGRESS and not held:
            outcome = intake.INTERRUPTED
        attempts.append(
            {
                "started": admin_time(attempt.started_at),
                "outcome": outcome,
                "label": ATTEMPT_LABELS.get(outcome, outcome),
                "response_status": attempt.response_status,
                "error": "" if outcome == intake.INTERRUPTED else attempt.error,
            }
        )
    return attempts


class ApplicationInspectView(InspectView):
    def get_submit_time_display_value(self):
        # The generic inspect template formats datetimes without converting them to local time.
        return admin_time(self.object.submit_time)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["delivery_attempts"] = delivery_attempts(getattr(self.object, "delivery", None))
        return context


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "calls/applications"
    name = "calls_applications"
    inspect_view_enabled = True
    list_display = [
        "reference",
        "call_code",
        Column("language_name", label=_("Language"), sort_key="language"),
        Column("country_name", label=_("Country"), sort_key="country"),
        Column(
            "submit_time",
            label=Application._meta.get_field("submit_time").verbose_name,
            accessor=lambda application: admin_time(application.submit_time),
            sort_key="submit_time",
        ),
        "delivery_state",
        Column("review_note", label=_("To review"), sort_key="review_reason"),
    ]
    filterset_class = ApplicationFilterSet
    inspect_template_name = "calls/admin/application_inspect.html"
    inspect_view_fields = [
        "reference", "call_code", "language", "country", "email", "submit_time", "review_reason",
    ]  # fmt: skip
    search_fields = ["reference", "call_code", "email"]
    form_fields = ["email"]  # required by the viewset; the read-only policy never offers a form

    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet()


@hooks.register("register_admin_urls")
def register_calls_admin_urls():
    urls = [
        path("files/<int:file_id>/", staff_download, name="file"),
        path("export/", export_applications, name="export"),
        path("deliveries/<int:delivery_id>/retry/", retry_delivery, name="retry"),
    ]
    return [path("calls/", include((urls, "calls_admin"), namespace="calls_admin"))]


@hooks.register("filter_form_submissions_for_user")
def form_submissions_only_for_application_readers(user, form_pages):
    # Wagtail shows a form page's submissions to anyone who may edit the page, which includes
    # every translator of that language.
    return form_pages if may_read_applications(user) else form_pages.none()


class ApplicationReadersMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_applications(request.user)


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ApplicationReadersMenuItem(
        _("Export applications"), reverse("calls_admin:export"), icon_name="download", order=251
    )


@hooks.register("request_body_limit")
def application_post_size():
    """The proxy's body cap (home.deploy) is the largest application post, so it answers 413
    before the app reads a byte."""
    return max_request_size()


@hooks.register("insert_editor_js")
def form_field_editor_js():
    """Form fields of the call editor: settings shown where they apply, keys folded away."""
    return format_html('<script src="{}" defer></script>', static("calls/js/form-field-editor.js"))


@hooks.register("register_search_facet")
def register_call_status_facet():
    """Searching calls narrows them by status (open, closing soon, forthcoming, closed)."""
    return STATUS_FACET
