"""Staff reading an application's delivery attempts in the admin, in Macedonian (Cyrillic) and
Albanian (Latin), on a phone and a desktop: an attempt cut off by a dead worker says that its
outcome is unknown and that the intake gets the application again with the same key."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from calls import intake
from calls.models import Application, IntakeAttempt, IntakeDelivery
from tests.browser.conftest import VIEWPORTS, screenshot
from tests.calls.helpers import call

pytestmark = pytest.mark.browser
PASSWORD = "pw-attempts"
INTERRUPTED = {"mk": "Прекинато, исходот е непознат", "sq": "Ndërprerë, rezultati i panjohur"}
RETRIED = {"mk": "Не е доставено; повторно обидено подоцна", "sq": "Nuk arriti; u provua përsëri"}


def _cut_off_application(language):
    page = call("WBCSP-2026-CORE-01", language)
    application = Application.objects.create(
        page=page, call_code=page.code, language=language, country="kosovo",
        email="info@qqm.example", form_data={"organisation_name": "Qendra"},
    )  # fmt: skip
    application.assign_reference()
    began = timezone.now() - timedelta(minutes=5)
    delivery = IntakeDelivery.objects.create(
        application=application, attempts=2, last_attempt_at=began, next_attempt_at=began,
        lease_until=began + timedelta(seconds=80), lease_token="c" * 32,
    )  # fmt: skip
    IntakeAttempt.objects.create(
        delivery=delivery, started_at=began - timedelta(minutes=1), finished_at=began,
        outcome=intake.RETRY, response_status=503, error="The intake answered HTTP 503.",
    )  # fmt: skip
    IntakeAttempt.objects.create(
        delivery=delivery, started_at=began, finished_at=began, outcome=intake.IN_PROGRESS
    )
    return application


@pytest.mark.parametrize("language", ["mk", "sq"])
def test_staff_see_an_interrupted_attempt_with_its_unknown_outcome(
    seeded_live_server, django_user_model, open_page, axe, language
):
    server = seeded_live_server.url
    user = django_user_model.objects.create_superuser(f"staff-{language}", "s@x.example", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    application = _cut_off_application(language)
    page, _response = open_page(f"{server}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    for viewport in ("phone", "desktop"):
        page.set_viewport_size(VIEWPORTS[viewport])
        response = page.goto(f"{server}/admin/calls/applications/inspect/{application.pk}/")
        assert response.status == 200
        attempts = page.locator("ol.delivery-attempts li")
        assert attempts.count() == 2
        assert RETRIED[language] in attempts.nth(0).inner_text()
        assert INTERRUPTED[language] in attempts.nth(1).inner_text()
        attempts.nth(1).scroll_into_view_if_needed()
        violations = axe.run(page, context="ol.delivery-attempts").response["violations"]
        assert violations == [], viewport
        screenshot(page, f"delivery-attempts-{language}-{viewport}")
