"""No stranger can lock staff out (home.login_throttle): an attacker's address is refused, the
account as a whole is only slowed down a little, and its owner is told by e-mail once."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from home import login_throttle

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.66"
EDITOR = "192.0.2.10"


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(login_throttle, "clock", lambda: now[0])
    return now


@pytest.fixture
def slept(monkeypatch):
    seconds = []
    monkeypatch.setattr(login_throttle, "sleep", seconds.append)
    return seconds


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@wbcsp.example", "correct horse battery", is_superuser=True
    )


def _sign_in(client, password, address, username="editor", language="en"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_fifty_failures_from_an_attacker_never_keep_the_editor_out(client, clock, slept, editor):
    for attempt in range(50):
        response = _sign_in(client, f"guess-{attempt}", ATTACKER)
        assert response.status_code == 200
        clock[0] += 0.5
    # The attacker's address is refused, even with the right password.
    refused = _sign_in(client, "correct horse battery", ATTACKER)
    assert "Too many failed sign-in attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # The editor, elsewhere, gets in at once, slowed down by a couple of seconds at most.
    slept.clear()
    response = _sign_in(client, "correct horse battery", EDITOR)
    assert response.status_code == 302 and "_auth_user_id" in client.session
    assert sum(slept) <= login_throttle.ACCOUNT_MAX_SLOWDOWN
    assert max(slept) >= 1  # the account as a whole is slowed down
    # One e-mail to the owner for the whole attack, not one per attempt.
    warnings = [m for m in mail.outbox if m.to == ["editor@wbcsp.example"]]
    assert len(warnings) == 1
    assert "wrong password" in warnings[0].body and "editor" in warnings[0].body
    assert not warnings[0].alternatives  # plain text


def test_the_warning_is_in_the_owners_language(client, clock, slept, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "sq"
    profile.save()
    for attempt in range(login_throttle.ACCOUNT_ALERT_FAILURES):
        _sign_in(client, f"guess-{attempt}", f"198.51.100.{attempt + 1}")
    (warning,) = mail.outbox
    assert "wrong password" not in warning.body
    assert "fjalëkalim të gabuar" in warning.body  # Albanian, the owner's admin language
    assert "editor" in warning.body


def test_a_few_typos_cost_nothing(client, clock, slept, editor):
    for attempt in range(3):
        _sign_in(client, f"typo-{attempt}", EDITOR)
    assert _sign_in(client, "correct horse battery", EDITOR).status_code == 302
    assert slept == [] and mail.outbox == []
