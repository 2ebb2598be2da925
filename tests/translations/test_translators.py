"""Translator roles: each translator edits and publishes their own language only."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from home.models import Country, MainMenu, StandardPage
from translations.translators import GROUP_PREFIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def mk_translator(django_user_model):
    user = django_user_model.objects.create_user("mk-translator", "mk@wbcsp.example", "pw")
    user.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}Македонски"))
    return user


@pytest.fixture
def mk_client(client, mk_translator):
    client.force_login(mk_translator)
    return client


def test_a_group_for_every_translated_language():
    names = set(Group.objects.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True))
    assert names == {
        f"{GROUP_PREFIX}{name}"
        for name in ["Shqip", "Bosanski", "Hrvatski", "Српски", "Македонски", "Crnogorski"]
    }  # no group for English (the source) nor Serbian Latin (generated)


def test_translator_may_edit_and_publish_own_language_only(mk_translator):
    own = StandardPage.objects.get(locale__language_code="mk", slug="za-programata")
    other = StandardPage.objects.get(
        locale__language_code="sq",
        slug=own.get_translation(own.locale.__class__.objects.get(language_code="sq")).slug,
    )
    own_perms = own.permissions_for_user(mk_translator)
    assert own_perms.can_edit() and own_perms.can_publish()
    other_perms = other.permissions_for_user(mk_translator)
    assert not other_perms.can_edit()
    assert not other_perms.can_publish()
    assert not other_perms.can_delete()
    assert not other_perms.can_move()


def test_editor_views_follow_the_language(mk_client):
    own = StandardPage.objects.get(locale__language_code="mk", slug="za-programata")
    other = own.get_translation(own.locale.__class__.objects.get(language_code="sq"))
    assert mk_client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert _refused(mk_client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])))
    assert _refused(mk_client.get(reverse("wagtailadmin_pages:delete", args=[other.pk])))
    publish = mk_client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]), {"action-publish": "1", "title": "x"}
    )
    assert _refused(publish)
    other.refresh_from_db()
    assert other.title != "x"


@pytest.mark.parametrize("model", [MainMenu, Country])
def test_snippets_of_other_languages_are_refused(mk_client, model):
    meta = model._meta
    own = model.objects.filter(locale__language_code="mk").first()
    other = model.objects.filter(locale__language_code="sq").first()
    edit = f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit"
    assert mk_client.get(reverse(edit, args=[own.pk])).status_code == 200
    assert _refused(mk_client.get(reverse(edit, args=[other.pk])))
    assert _refused(mk_client.post(reverse(edit, args=[other.pk]), {"name": "x"}))
    delete = f"wagtailsnippets_{meta.app_label}_{meta.model_name}:delete"
    assert _refused(mk_client.post(reverse(delete, args=[other.pk])))
    assert model.objects.filter(pk=other.pk).exists()
    assert model.objects.get(pk=other.pk).name != "x"


def _refused(response):
    """Wagtail's admin answers a refused permission with 403 or a redirect to the dashboard;
    translations.scope sends a translator back to their own work with an error message."""
    if response.status_code == 403:
        return True
    if response.status_code != 302:
        return False
    errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    return response["Location"] == "/admin/" or bool(errors)


@pytest.mark.parametrize(
    "url",
    ["/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/locales/",
     "/admin/settings/home/contactsettings/1/"],
)  # fmt: skip
def test_translators_cannot_reach_users_or_settings(mk_client, url):
    assert _refused(mk_client.get(url))


@pytest.fixture
def sq_application():
    from calls.models import Application, CallPage

    call = CallPage.objects.filter(locale__language_code="sq").first()
    application = Application.objects.create(
        page=call,
        call_code=call.code,
        language="sq",
        country="albania",
        email="drejtoresha@oshc.example",
        form_data={"organisation": "Qendra për Qeverisje të Mirë"},
    )
    application.assign_reference()
    return application


def test_translators_see_no_applications_exports_or_submissions(
    client, django_user_model, sq_application
):
    translator = django_user_model.objects.create_user("sq-translator", "sq@wbcsp.example", "pw")
    translator.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}Shqip"))
    client.force_login(translator)
    call = sq_application.page
    assert call.permissions_for_user(translator).can_edit()  # they translate the call itself
    submissions = reverse("wagtailforms:list_submissions", args=[call.pk])
    urls = [
        reverse("wagtailforms:index"),
        submissions,
        submissions + "?export=csv",
        submissions + "?export=xlsx",
        reverse("wagtailforms:delete_submissions", args=[call.pk]) + f"?selected-submissions={sq_application.pk}",
        reverse("calls_applications:index"),
        reverse("calls_applications:inspect", args=[sq_application.pk]),
        reverse("calls_admin:export"),
        reverse("calls_admin:export") + f"?call={call.code}&format=csv",
        reverse("calls_admin:export") + f"?call={call.code}&format=xlsx",
    ]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert _refused(response) or (
            url == reverse("wagtailforms:index") and "drejtoresha" not in response.content.decode()
        ), url
        assert b"drejtoresha@oshc.example" not in response.content
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in (
        reverse("wagtailforms:index"),
        reverse("calls_applications:index"),
        reverse("calls_admin:export"),
    ):
        assert f'"{url}"' not in dashboard  # absent from the admin menu


def test_staff_with_the_permission_still_see_applications(admin_client, sq_application):
    call = sq_application.page
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{reverse("wagtailforms:index")}"' in dashboard
    assert f'"{reverse("calls_admin:export")}"' in dashboard
    submissions = reverse("wagtailforms:list_submissions", args=[call.pk])
    assert admin_client.get(submissions).status_code == 200
    export = admin_client.get(reverse("calls_admin:export") + f"?call={call.code}&format=csv")
    assert export.status_code == 200
    assert sq_application.reference in export.content.decode()
