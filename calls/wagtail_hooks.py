"""Admin: applications across all languages with delivery state, files, export and retry."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from calls.admin_views import export_applications, may_read_applications, retry_delivery
from calls.downloads import staff_download
from calls.models import Application
from calls.uploads import max_request_size


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Applications are what applicants sent: staff read them, never add or change them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Application, ReadOnlyPolicy(Application))


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
        "language",
        "country",
        "submit_time",
        "delivery_state",
    ]
    list_filter = ["call_code", "language", "country", "delivery__status"]
    inspect_template_name = "calls/admin/application_inspect.html"
    inspect_view_fields = ["reference", "call_code", "language", "country", "email", "submit_time"]
    search_fields = ["reference", "call_code", "email"]
    form_fields = ["email"]  # required by the viewset; the read-only policy never offers a form

    def get_queryset(self, request):
        return Application.objects.select_related("delivery")


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
