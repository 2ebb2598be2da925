"""The admin shows times in one named time zone: an application's list row and its inspect page
give the same time ("22:32 CET"), never one in UTC."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.admin.localization import get_available_admin_time_zones

from calls.models import Application, CallPage, IntakeDelivery

pytestmark = pytest.mark.django_db


def test_list_and_inspect_page_show_the_same_named_time(admin_client):
    call = CallPage.objects.filter(locale__language_code="sq").first()
    application = Application.objects.create(
        page=call, call_code=call.code, language="sq", country="albania",
        email="drejtoresha@oshc.example", form_data={},
    )  # fmt: skip
    moment = datetime.datetime(2026, 12, 1, 21, 32, tzinfo=datetime.UTC)
    Application.objects.filter(pk=application.pk).update(submit_time=moment)
    application.assign_reference()
    IntakeDelivery.objects.create(application=application)

    listing = admin_client.get(reverse("calls_applications:index")).content.decode()
    inspect = reverse("calls_applications:inspect", args=[application.pk])
    page = admin_client.get(inspect).content.decode()
    for html in (listing, page):
        assert "1 December 2026, 22:32 CET" in html
        assert not re.search(r"\b21:32\b", html)


def test_users_cannot_pick_another_time_zone_for_the_admin(settings):
    assert list(get_available_admin_time_zones()) == [settings.TIME_ZONE] == ["Europe/Belgrade"]
