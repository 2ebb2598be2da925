"""The development admin command (ensure_dev_admin): development settings only, created once."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_dev_admin_command_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_dev_admin")


@pytest.mark.django_db
def test_dev_admin_command_creates_admin_once(settings, django_user_model, capsys):
    settings.DEBUG = True
    call_command("ensure_dev_admin")
    call_command("ensure_dev_admin")
    assert django_user_model.objects.filter(username="admin", is_superuser=True).count() == 1
    assert "password: admin" in capsys.readouterr().out
