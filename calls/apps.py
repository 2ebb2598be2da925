from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = "Calls for proposals"

    def ready(self):
        # Wagtail's submission views cannot be imported while models load; the call page's
        # submission exports must never run applicants' text (calls.spreadsheets).
        from calls.models import CallPage
        from calls.spreadsheets import SafeSubmissionsListView

        CallPage.submissions_list_view_class = SafeSubmissionsListView
