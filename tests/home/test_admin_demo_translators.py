"""`make run` creates one demo translator per language (ensure_demo_translators): development
settings only, each in their language's group, with the admin in their language, logins printed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.users.models import UserProfile

from translations.translators import translated_languages, translator_languages

pytestmark = pytest.mark.django_db


def test_demo_translators_refuse_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_demo_translators")
    assert not get_user_model().objects.filter(username__startswith="translator-").exists()


def test_one_demo_translator_per_language_who_can_sign_in_and_work(settings, capsys, client):
    settings.DEBUG = True
    call_command("ensure_demo_translators")
    call_command("ensure_demo_translators")  # twice: nothing doubled
    out = capsys.readouterr().out
    languages = translated_languages()
    assert len(languages) == 6
    for code, _name in languages:
        user = get_user_model().objects.get(username=f"translator-{code}")
        assert translator_languages(user) == {code}
        assert UserProfile.get_for_user(user).preferred_language == code
        assert f"user: translator-{code}" in out and f"password: translator-{code}" in out
    assert "translator-sr-latn" not in out and "translator-en" not in out
    assert client.login(username="translator-mk", password="translator-mk")
    status = client.get(reverse("translation_status"))
    assert status.status_code == 200 and status.context["language"] == "mk"
