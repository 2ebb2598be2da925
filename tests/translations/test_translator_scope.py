"""A translator is refused every admin endpoint acting on another language (translations.scope),
and keeps every endpoint of their own. A refusal is a plain 403 for the translation editor's own
requests and a redirect with an error message for a page or form."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from home.models import MainMenu, StandardPage, Topic

pytestmark = pytest.mark.django_db


def _sent_back(response):
    """A redirect to where translations.scope sends a refused translator: their snippet list or
    their translation status screen."""
    location = response.get("Location", "") if response.status_code == 302 else ""
    return "/translation-status/?language=sq" in location or location.endswith("?locale=sq")


def _refused(response):
    """Refused: a plain 403 (the translation editor's own requests), or back to the translator's
    work with an error message saying why (a page they opened, a form they sent)."""
    if response.status_code == 403:
        return True
    errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    return _sent_back(response) and any("you translate into" in str(m) for m in errors)


def _served(response):
    """Not refused for its language (Wagtail may still refuse it for its own reasons, such as a
    translator's missing permission to delete)."""
    return response.status_code != 403 and not _sent_back(response)


def _translation(model, language):
    instance = model.objects.filter(locale__language_code=language).first()
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=instance.locale
    )


def _localize_requests(translation):
    """(method, url, data) of each wagtail-localize endpoint acting on one translation."""
    segment = translation.source.stringsegment_set.first()
    override = translation.source.overridablesegment_set.first()
    po = SimpleUploadedFile("t.po", translation.export_po().__unicode__().encode())
    form = "application/x-www-form-urlencoded"
    args = [translation.pk]
    requests = [
        ("put", reverse("wagtail_localize:edit_string_translation", args=[*args, segment.pk]),
         {"data": "value=Gabim", "content_type": form}),
        ("delete", reverse("wagtail_localize:edit_string_translation", args=[*args, segment.pk]),
         {}),
        ("get", reverse("wagtail_localize:download_pofile", args=args), {}),
        ("post", reverse("wagtail_localize:upload_pofile", args=args), {"data": {"file": po}}),
        ("post", reverse("wagtail_localize:machine_translate", args=args), {}),
        ("get", reverse("wagtail_localize:preview_translation", args=args), {}),
        ("post", reverse("wagtail_localize:stop_translation", args=args), {}),
    ]  # fmt: skip
    if override is not None:
        requests.append(
            ("put", reverse("wagtail_localize:edit_override", args=[*args, override.pk]),
             {"data": "value=1", "content_type": form})
        )  # fmt: skip
    return requests


@pytest.mark.parametrize("model", [MainMenu, StandardPage])
def test_localize_endpoints_refuse_another_language_and_serve_the_own(sq_client, model):
    other = _translation(model, "mk")
    for method, url, kwargs in _localize_requests(other):
        response = getattr(sq_client, method)(url, **kwargs)
        assert _refused(response), (method, url)
    assert not StringTranslation.objects.filter(locale__language_code="mk", data="Gabim").exists()
    assert Translation.objects.get(pk=other.pk).enabled  # not disabled

    own = _translation(model, "sq")
    for method, url, kwargs in _localize_requests(own):
        response = getattr(sq_client, method)(url, **kwargs)
        assert _served(response), (method, url)


def test_sync_and_convert_are_refused_outside_the_own_language(sq_client):
    english = _translation(MainMenu, "mk").source
    sync = reverse("wagtail_localize:update_translations", args=[english.pk])
    assert _refused(sq_client.get(sync))
    assert _refused(sq_client.post(sync))
    mk_page = StandardPage.objects.filter(locale__language_code="mk").first()
    convert = reverse("wagtail_localize:convert_to_alias", args=[mk_page.pk])
    assert _refused(sq_client.post(convert))
    own_page = StandardPage.objects.filter(locale__language_code="sq").first()
    convert = reverse("wagtail_localize:convert_to_alias", args=[own_page.pk])
    assert _served(sq_client.get(convert))


def _snippet_urls(instance):
    """Every view of the snippet's viewset that takes the object's key and nothing else."""
    viewset = type(instance).snippet_viewset
    for pattern in viewset.get_urlpatterns():
        converters = getattr(pattern.pattern, "converters", {})
        if set(converters) == {"pk"}:
            yield reverse(viewset.get_url_name(pattern.name), args=[instance.pk])


@pytest.mark.parametrize("model", [Topic, MainMenu])
def test_every_snippet_view_refuses_another_language(sq_client, model):
    other = model.objects.filter(locale__language_code="mk").first()
    own = model.objects.filter(locale__language_code="sq").first()
    urls = list(_snippet_urls(other))
    names = {url.split("/")[-3] for url in urls}
    assert {"edit", "delete", "history", "usage", "copy"} <= names
    for url in urls:
        assert _refused(sq_client.get(url)), url
    for url in _snippet_urls(own):
        assert _served(sq_client.get(url)), url
    add = reverse(type(other).snippet_viewset.get_url_name("add"))
    assert _refused(sq_client.get(add, {"locale": "mk"}))
    assert _served(sq_client.get(add, {"locale": "sq"}))


def test_bulk_actions_and_page_history_follow_the_language(sq_client):
    mk_topic = Topic.objects.filter(locale__language_code="mk").first()
    sq_topic = Topic.objects.filter(locale__language_code="sq").first()
    bulk = reverse("wagtail_bulk_action", args=["home", "topic", "delete"])
    assert _refused(sq_client.get(bulk, {"id": [mk_topic.pk]}))
    assert _refused(sq_client.get(bulk, {"id": [sq_topic.pk, mk_topic.pk]}))
    assert _refused(sq_client.post(bulk + f"?id={mk_topic.pk}"))
    assert Topic.objects.filter(pk=mk_topic.pk).exists()
    assert sq_client.get(bulk, {"id": [sq_topic.pk]}).status_code == 200
    mk_page = StandardPage.objects.filter(locale__language_code="mk").first()
    sq_page = StandardPage.objects.filter(locale__language_code="sq").first()
    history = "wagtailadmin_pages:history"
    assert _refused(sq_client.get(reverse(history, args=[mk_page.pk])))
    assert sq_client.get(reverse(history, args=[sq_page.pk])).status_code == 200


def test_staff_are_not_confined(admin_client):
    other = _translation(MainMenu, "mk")
    url = reverse("wagtail_localize:download_pofile", args=[other.pk])
    assert admin_client.get(url).status_code == 200


def _new_english_page():
    home = StandardPage.objects.filter(locale__language_code="en").first().get_parent()
    page = StandardPage(title="Annual report 2026", slug="annual-report-2026")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _offered(response):
    form = response.context["form"]
    return set(form.fields["locales"].queryset.values_list("language_code", flat=True))


def test_translate_this_page_never_offers_serbian_latin(admin_client):
    page = _new_english_page()
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = admin_client.get(url)
    assert _offered(response) == {"sq", "bs", "hr", "sr", "mk", "cnr"}
    latin = Locale.objects.get(language_code="sr-latn")
    assert f'name="locales" value="{latin.pk}"' not in response.content.decode()
    admin_client.post(url, {"locales": [latin.pk]})
    assert page.get_translations().filter(locale=latin).count() == 0
    menu = MainMenu.objects.get(locale__language_code="en")
    snippet = reverse(
        "wagtail_localize:submit_snippet_translation", args=["home", "mainmenu", menu.pk]
    )
    assert "sr-latn" not in _offered(admin_client.get(snippet))


def test_a_translator_may_start_a_missing_translation_in_their_language_only(sq_client):
    page = _new_english_page()
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert _offered(sq_client.get(url)) == {"sq"}
    mk = Locale.objects.get(language_code="mk")
    sq_client.post(url, {"locales": [mk.pk]})
    assert not page.get_translations().filter(locale=mk).exists()
    sq = Locale.objects.get(language_code="sq")
    response = sq_client.post(url, {"locales": [sq.pk]})
    translated = page.get_translation(sq)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert not translated.live  # a draft until the translator publishes it
