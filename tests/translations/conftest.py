"""Fixtures of the translation workflow's tests."""

import pytest
from django.contrib.auth.models import Group

from translations.translators import GROUP_PREFIX


@pytest.fixture
def sq_client(client, django_user_model):
    """A client signed in as a member of the Albanian translators' group."""
    user = django_user_model.objects.create_user("sq-translator", "sq@wbcsp.example", "pw")
    user.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}Shqip"))
    client.force_login(user)
    return client
