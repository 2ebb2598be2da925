"""Admin sign-in is slowed down after repeated failures (home.login_throttle); no open redirects."""

import pytest
from django.urls import reverse

from home import login_throttle

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, start=1_800_000_000.0):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(login_throttle, "clock", fake)
    return fake


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        "comms", "comms@wbcsp.example", "correct horse battery", is_superuser=True
    )


def _sign_in(client, username, password, address="203.0.113.7", language="en"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_twenty_failures_delay_the_right_password_then_it_works(client, clock, officer):
    for attempt in range(20):
        response = _sign_in(client, "comms", f"guess-{attempt}")
        assert response.status_code == 200 and not _signed_in(client)
        clock.now += 0.5  # a script guessing twice a second
    response = _sign_in(client, "comms", "correct horse battery")
    assert response.status_code == 200 and not _signed_in(client)
    assert "Too many failed sign-in attempts. Please try again in" in response.content.decode()
    clock.now += login_throttle.MAX_DELAY  # the delay is short and bounded: no lockout
    response = _sign_in(client, "comms", "correct horse battery")
    assert response.status_code == 302 and _signed_in(client)


def test_the_first_failures_cost_nothing_and_success_clears_them(client, clock, officer):
    for attempt in range(login_throttle.ACCOUNT_FREE_FAILURES - 1):
        _sign_in(client, "comms", f"typo-{attempt}")
    assert _sign_in(client, "comms", "correct horse battery").status_code == 302
    client.logout()
    for attempt in range(login_throttle.ACCOUNT_FREE_FAILURES - 1):
        _sign_in(client, "comms", f"typo-{attempt}")
    assert _sign_in(client, "comms", "correct horse battery").status_code == 302


def test_one_address_trying_many_accounts_is_slowed_down(client, clock, officer):
    for attempt in range(login_throttle.ADDRESS_FREE_FAILURES + 1):
        _sign_in(client, f"user{attempt}", "password", address="198.51.100.9")
    refused = _sign_in(client, "comms", "correct horse battery", address="198.51.100.9")
    assert refused.status_code == 200 and not _signed_in(client)
    elsewhere = _sign_in(client, "comms", "correct horse battery", address="192.0.2.1")
    assert elsewhere.status_code == 302


def test_the_message_is_in_the_admins_language(client, clock, officer):
    for attempt in range(login_throttle.ACCOUNT_FREE_FAILURES + 3):
        _sign_in(client, "comms", f"guess-{attempt}")
    response = _sign_in(client, "comms", "correct horse battery", language="sq")
    assert "Shumë përpjekje të dështuara" in response.content.decode()
    assert "Too many" not in response.content.decode()


def test_delays_grow_and_stay_short():
    free = login_throttle.ACCOUNT_FREE_FAILURES
    delays = [login_throttle.delay_after(n, free) for n in range(free + 12)]
    assert delays[:free] == [0] * free
    assert delays[free : free + 4] == [1, 2, 4, 8]
    assert max(delays) == login_throttle.MAX_DELAY


def test_staff_retry_never_redirects_away(admin_client):
    from calls.models import Application, CallPage, IntakeDelivery

    page = CallPage.objects.filter(locale__language_code="en").first()
    application = Application.objects.create(
        page=page, call_code=page.code, language="en", form_data={}
    )
    delivery = IntakeDelivery.objects.create(application=application)
    url = reverse("calls_admin:retry", args=[delivery.pk])
    for target in ("https://evil.example/", "//evil.example/", "https:evil.example"):
        response = admin_client.post(url, {"next": target})
        assert response.status_code == 302
        assert response["Location"] == reverse("calls_applications:index"), target
    local = reverse("calls_applications:inspect", args=[application.pk])
    assert admin_client.post(url, {"next": local})["Location"] == local


def test_login_next_stays_on_this_site(client, officer):
    response = client.post(
        reverse("wagtailadmin_login") + "?next=https://evil.example/",
        {"username": "comms", "password": "correct horse battery",
         "next": "https://evil.example/"},
    )  # fmt: skip
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
